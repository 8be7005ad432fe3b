// React 18+: createRoot. window.cycle(k) unmounts and mounts the Dashboard k times.
import React from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { App } from './app.jsx';

const root = createRoot(document.getElementById('root'));
let generation = 0;
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const render = (show) => flushSync(() => root.render(<App show={show} generation={generation} />));

window.mountFirst = async () => { render(true); await settle(); };
window.cycle = async (k) => {
  for (let i = 0; i < k; i++) {
    render(false); await settle();
    generation++;
    render(true); await settle();
  }
};
