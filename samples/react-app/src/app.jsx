// The dashboard that make-react-samples.mjs mounts and unmounts. Three components subscribe in a
// useEffect: PriceChart to a window 'resize' listener, LiveTicker to a setInterval, StoreBadge to a
// module-level store. In the leaky variant the effects return no cleanup, so every unmounted
// instance stays reachable from the window / the timer list / the store. In the clean variant
// (window.__heapsleuthClean = true before the bundle runs) each effect returns its cleanup.
import React, { useEffect, useRef, useState } from 'react';

const CLEAN = globalThis.__heapsleuthClean === true;

// A tiny external store, as in redux / zustand: subscribers in a Set.
export const quoteStore = {
  listeners: new Set(),
  quote: 100,
  subscribe(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  },
};

function makeSeries(seed, n) {
  const out = [];
  for (let i = 0; i < n; i++) out.push({ t: i, price: seed + Math.sin(i / 7) * 3 });
  return out;
}

export function PriceChart({ symbol }) {
  const [series] = useState(() => makeSeries(symbol.length * 10, 400));
  const chartRef = useRef(null);
  useEffect(() => {
    function onPriceChartResize() {
      if (chartRef.current) chartRef.current.dataset.points = String(series.length);
    }
    window.addEventListener('resize', onPriceChartResize);
    if (CLEAN) return () => window.removeEventListener('resize', onPriceChartResize);
  }, []);
  return <div className="price-chart" ref={chartRef}>{symbol}: {series.length} points</div>;
}

export function LiveTicker({ feed }) {
  const [ticks, setTicks] = useState(() => makeSeries(feed.length, 250));
  useEffect(() => {
    const id = setInterval(function tickLiveTicker() {
      setTicks((t) => t.concat(makeSeries(t.length, 1)));
    }, 3600 * 1000);
    if (CLEAN) return () => clearInterval(id);
  }, []);
  return <p className="live-ticker">{feed}: {ticks.length} ticks</p>;
}

export function StoreBadge({ label }) {
  const [history] = useState(() => makeSeries(label.length, 150));
  const [quote, setQuote] = useState(quoteStore.quote);
  useEffect(() => {
    const unsubscribe = quoteStore.subscribe(function onStoreBadgeChange() {
      setQuote(quoteStore.quote + history.length * 0);
    });
    if (CLEAN) return unsubscribe;
  }, []);
  return <span className="store-badge">{label} {quote}</span>;
}

export function Dashboard() {
  return (
    <section className="dashboard">
      <PriceChart symbol="ACME" />
      <PriceChart symbol="GLOBEX" />
      <LiveTicker feed="nyse" />
      <StoreBadge label="last" />
    </section>
  );
}

export function App({ show, generation }) {
  return (
    <main className="app">
      <h1>React {React.version}</h1>
      {show ? <Dashboard key={generation} /> : <p className="empty">nothing mounted</p>}
    </main>
  );
}
