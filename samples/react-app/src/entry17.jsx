// React 17: ReactDOM.render (legacy root). window.cycle(k) unmounts and mounts the Dashboard k times.
import React from 'react';
import ReactDOM from 'react-dom';
import { App } from './app.jsx';

const container = document.getElementById('root');
let generation = 0;
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const render = (show) => ReactDOM.render(<App show={show} generation={generation} />, container);

window.mountFirst = async () => { render(true); await settle(); };
window.cycle = async (k) => {
  for (let i = 0; i < k; i++) {
    render(false); await settle();
    generation++;
    render(true); await settle();
  }
};
