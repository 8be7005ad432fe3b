// heapsleuth-report page: draws the JSON embedded in #heapsleuth-data
// (schemas/report.schema.json) with hand-written DOM and SVG; no library,
// no network.
//
// The page is a list of sections, each drawn from one key of the data object
// when that key is present (SECTIONS below). A new section (the leak findings
// of heapsleuth-leaks under "leaks", the growth of heapsleuth-growth under
// "growth") is one more entry there plus its render function; the C++ side
// adds the tool's JSON document under that key (lib/report/html_report.h).
//
// Every figure shown is the embedded JSON's; formatted sizes carry the exact
// byte count in a data-value attribute (and in their tooltip), which the
// end-to-end test (tests/report/e2e.mjs) compares with the JSON.
'use strict';

(function () {
  // The page's own work, parse to drawn, as a User Timing measure (read by
  // tests/report/render_time.mjs).
  performance.mark('heapsleuth-start');
  const data = JSON.parse(document.getElementById('heapsleuth-data').textContent);

  // Sections in page order: `key` is the data object's key the section
  // draws; sections whose key is absent are skipped.
  const SECTIONS = [
    {key: 'leaks', id: 'leaks', title: 'Leaks', render: renderLeaks},
    {key: 'growth', id: 'growth', title: 'Growth per class', render: renderGrowth},
    {key: 'summary', id: 'summary', title: 'Summary', render: renderSummary},
    {key: 'dominator_tree', id: 'treemap', title: 'Dominator tree by retained size', render: renderTreemap},
    {key: 'summary', id: 'classes', title: 'Classes', render: renderClassTable},
  ];

  // ---------------------------------------------------------------- helpers

  const SVG_NS = 'http://www.w3.org/2000/svg';

  // An element with attributes (a "text" attribute sets its text) and children.
  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    setAttributes(node, attributes);
    node.append(...children);
    return node;
  }

  function svg(tag, attributes) {
    const node = document.createElementNS(SVG_NS, tag);
    setAttributes(node, attributes);
    return node;
  }

  function setAttributes(node, attributes) {
    for (const [name, value] of Object.entries(attributes || {})) {
      if (name === 'text') {
        node.textContent = value;
      } else if (value !== undefined && value !== null) {
        node.setAttribute(name, value);
      }
    }
  }

  // As lib/report/units.cc FormatBytes: powers of 1000, 3 significant digits.
  function formatBytes(bytes) {
    if (bytes < 1000) return `${bytes} B`;
    const units = ['kB', 'MB', 'GB', 'TB', 'PB'];
    let value = bytes;
    let unit = -1;
    while (value >= 1000 && unit < units.length - 1) {
      value /= 1000;
      ++unit;
    }
    const digits = value < 10 ? 2 : value < 100 ? 1 : 0;
    return `${value.toFixed(digits)} ${units[unit]}`;
  }

  // "12,345" (not toLocaleString: Intl's first use costs tens of ms).
  function formatCount(count) {
    return String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  }

  function formatShare(part, total) {
    return total > 0 ? `${(100 * part / total).toFixed(1)}%` : '-';
  }

  // As lib/report/heap_labels.cc DistanceText: "-" for what only system
  // roots reach, or nothing does.
  function formatDistance(distance) {
    return distance < 0 || distance >= 100000000 ? '-' : String(distance);
  }

  // A formatted figure that keeps its exact value.
  function figure(tag, value, text, attributes) {
    return el(tag, {...attributes, 'data-value': value, title: `${formatCount(value)}`, text});
  }

  // Node types (V8's snapshot meta) to colors, for the treemap.
  const TYPE_COLORS = {
    'object': '#3f76a8', 'array': '#e0832b', 'string': '#c94a4c', 'concatenated string': '#d8716f',
    'sliced string': '#e29a95', 'closure': '#4d9f97', 'code': '#5a9a4b', 'hidden': '#b8a032',
    'native': '#94689a', 'synthetic': '#8a6a55', 'number': '#d9718a', 'regexp': '#7f8c3a',
    'symbol': '#6d7fb4', 'bigint': '#6d7fb4', 'object shape': '#9aa0a6',
  };
  const MERGED_COLOR = '#c9cdd1';
  const OTHER_COLOR = '#7d868e';

  function typeColor(type) {
    return TYPE_COLORS[type] || OTHER_COLOR;
  }


  // ---------------------------------------------------------------- leaks

  // As lib/report/leaks_report.cc KindTitle.
  const KIND_TITLES = {
    'leaked-objects': 'Leaked objects', 'detached-dom': 'Detached DOM',
    'detached-listener': 'Listener on detached elements', 'unbounded-collection': 'Unbounded collection',
    'closure-capture': 'Closure capture', 'listener-accumulation': 'Listener pile-up',
    'timer-accumulation': 'Timer pile-up', 'duplicated-strings': 'Duplicated strings',
    'oversized-object': 'Oversized object',
  };

  function edgeLabel(edge) {
    if (edge.name !== undefined) return edge.name === '' ? '(empty)' : edge.name;
    return edge.type === 'element' ? `[${edge.index}]` : String(edge.index);
  }

  // As leaks_report.cc ShownPathText: from the Window on for a page, else
  // from the root's child, "edge :: object" per step.
  function pathText(path) {
    let start = 0;
    path.steps.forEach((step, i) => {
      if (step.node.label.startsWith('Window [JSGlobalObject]') || step.node.label.startsWith('Window / ')) start = i;
    });
    const steps = path.steps.slice(start);
    return steps.map((step, i) => (i === 0 ? step.node.label : `${edgeLabel(step.edge)} :: ${step.node.label}`))
        .join(' \u2192 ') + ` @${steps[steps.length - 1].node.id}`;
  }

  // A small line chart of one series (values per snapshot).
  function sparkline(values, width, height) {
    const chart = svg('svg', {width, height, class: 'spark', role: 'img'});
    if (values.length === 0) return chart;
    const low = Math.min(...values);
    const high = Math.max(...values);
    const x = (i) => values.length === 1 ? width / 2 : 3 + i * (width - 6) / (values.length - 1);
    const y = (v) => high === low ? height / 2 : height - 3 - (v - low) * (height - 6) / (high - low);
    chart.append(svg('polyline', {points: values.map((v, i) => `${x(i)},${y(v)}`).join(' '), fill: 'none',
                                  stroke: 'currentColor', 'stroke-width': 1.5}));
    values.forEach((v, i) => chart.append(svg('circle', {cx: x(i), cy: y(v), r: 2.2, fill: 'currentColor'})));
    return chart;
  }

  function seriesText(values, unit) {
    const shown = values.map((v) => (unit === 'bytes' ? formatBytes(v) : formatCount(v)));
    return shown.join(' \u2192 ') + (unit === 'bytes' ? '' : ` ${unit}`);
  }

  function renderLeaks(section, leaks, data) {
    const findings = leaks.findings;
    const high = findings.filter((f) => f.priority === 'high').length;
    section.append(el('p', {class: 'note', text:
      `heapsleuth-leaks on ${leaks.files.join(', ')}: ` +
      (findings.length === 0 ? 'no leaks found.' :
        `${formatCount(high)} ${high === 1 ? 'leak' : 'leaks'}` +
        (findings.length > high ? `, ${formatCount(findings.length - high)} lower-priority` : '') +
        '. Most important first; the treemap and tables below show the last snapshot, where these objects live.')}));
    findings.forEach((finding, index) => {
      const card = el('article', {class: `finding ${finding.priority}`, 'data-kind': finding.kind});
      card.append(el('h3', {text: `#${index + 1} ${KIND_TITLES[finding.kind] || finding.kind}: ${finding.subject}` +
                                  (finding.priority === 'low' ? ' (low priority)' : '')}));
      const facts = el('p', {class: 'facts'},
                       figure('span', finding.count, formatCount(finding.count), {class: 'count'}),
                       finding.count === 1 ? ' object, retaining ' : ' objects, retaining ',
                       figure('span', finding.retained_size, formatBytes(finding.retained_size), {class: 'retained'}),
                       ` (${formatShare(finding.retained_size, leaks.total_size)} of the heap)`);
      card.append(facts);
      const rows = [];
      if (finding.series.length > 0) {
        rows.push(['per snapshot', el('span', {}, sparkline(finding.series, 90, 22), ' ',
                                      seriesText(finding.series, finding.series_unit))]);
      }
      if (finding.path) rows.push(['why alive', el('code', {class: 'path', text: pathText(finding.path)})]);
      if (finding.place) {
        const place = finding.place;
        const where = `${place.script || `script ${place.script_id}`}:${place.line}:${place.column}`;
        rows.push(['where to look', el('code', {text: where + (place.function ? ` (${place.function})` : '')})]);
      }
      if (finding.items.length > 0) {
        const list = el('ul', {class: 'items'});
        for (const item of finding.items.slice(0, 8)) {
          list.append(el('li', {text: item.label + (item.count > 0 ? ` \u00d7${formatCount(item.count)}` : '') +
                                      (item.size > 0 ? `  ${formatBytes(item.size)}` : '')}));
        }
        rows.push(['holds', list]);
      }
      const table = el('table', {class: 'finding-facts'});
      for (const [label, value] of rows) table.append(el('tr', {}, el('th', {scope: 'row', text: label}), el('td', {}, value)));
      card.append(table);
      section.append(card);
    });
  }

  // ---------------------------------------------------------------- growth

  function renderGrowth(section, growth) {
    section.append(el('p', {class: 'note', text:
      `heapsleuth-growth: the classes whose count or retained size rose at every step over ${growth.files.length} ` +
      `snapshots (${growth.files.join(' \u2192 ')}); total ${seriesText(growth.total_size, 'bytes')}.`}));
    if (growth.classes.length === 0) {
      section.append(el('p', {text: 'No class grew at every step.'}));
      return;
    }
    const grid = el('div', {class: 'growth-grid'});
    for (const row of growth.classes.slice(0, 24)) {
      grid.append(el('figure', {class: 'growth', 'data-key': row.key},
                     el('figcaption', {text: row.name, title: row.key}),
                     el('div', {class: 'growth-line'}, sparkline(row.retained_size, 160, 40),
                        el('span', {text: `retained ${seriesText(row.retained_size, 'bytes')}`})),
                     el('div', {class: 'growth-line'}, sparkline(row.count, 160, 40),
                        el('span', {text: `count ${seriesText(row.count, 'objects')}`}))));
    }
    section.append(grid);
  }

  // ---------------------------------------------------------------- summary

  function renderSummary(section, summary) {
    const stats = summary.statistics;
    const snapshot = summary.snapshot;
    section.append(el('p', {class: 'note', text:
      `${formatCount(snapshot.node_count)} objects, ${formatCount(snapshot.edge_count)} references, ` +
      `${formatCount(summary.class_count)} classes; snapshot file ${formatBytes(snapshot.file_bytes)}.`}));
    const card = (label, value, id) => el('div', {class: 'card'}, el('div', {class: 'label', text: label}),
                                         figure('div', value, formatBytes(value), {class: 'value', id}));
    section.append(el('div', {class: 'cards'},
                      card('Total', stats.total, 'stat-total'),
                      card('V8 heap', stats.v8heap.total, 'stat-v8heap'),
                      card('Native', stats.native.total, 'stat-native'),
                      card('Extra native bytes', stats.extra_native_bytes, 'stat-extra-native')));

    // DevTools' Statistics view split: the slices add up to the total.
    const v8 = stats.v8heap;
    const otherJs = Math.max(0, v8.total - v8.code - v8.strings - v8.js_arrays - v8.system);
    const otherNative = Math.max(0, stats.native.total - stats.native.typed_arrays);
    const slices = [
      {label: 'Code', value: v8.code, color: '#5a9a4b'},
      {label: 'Strings', value: v8.strings, color: '#c94a4c'},
      {label: 'JS arrays', value: v8.js_arrays, color: '#e0832b'},
      {label: 'System objects', value: v8.system, color: '#9aa0a6'},
      {label: 'Other JS objects', value: otherJs, color: '#3f76a8'},
      {label: 'Typed arrays', value: stats.native.typed_arrays, color: '#94689a'},
      {label: 'Other native', value: otherNative, color: '#c9a3cc'},
    ];
    const chart = svg('svg', {width: 200, height: 200, viewBox: '0 0 200 200', role: 'img',
                              'aria-label': 'Statistics split', id: 'stats-chart'});
    const radius = 70;
    const circumference = 2 * Math.PI * radius;
    let offset = 0;
    for (const slice of slices) {
      if (slice.value <= 0 || stats.total <= 0) continue;
      const length = circumference * slice.value / stats.total;
      const arc = svg('circle', {cx: 100, cy: 100, r: radius, fill: 'none', stroke: slice.color, 'stroke-width': 36,
                                 'stroke-dasharray': `${length} ${circumference - length}`,
                                 'stroke-dashoffset': -offset, transform: 'rotate(-90 100 100)'});
      arc.append(svg('title', {text: `${slice.label}: ${formatBytes(slice.value)} (${formatShare(slice.value, stats.total)})`}));
      chart.append(arc);
      offset += length;
    }
    chart.append(svg('text', {x: 100, y: 98, 'text-anchor': 'middle', 'font-size': 16, 'font-weight': 600,
                              text: formatBytes(stats.total)}));
    chart.append(svg('text', {x: 100, y: 116, 'text-anchor': 'middle', 'font-size': 11, fill: '#5b6670',
                              text: 'total'}));
    const legend = el('table', {id: 'stats-legend'});
    for (const slice of slices) {
      legend.append(el('tr', {},
                       el('td', {}, el('span', {class: 'swatch', style: `background:${slice.color}`}), slice.label),
                       figure('td', slice.value, formatBytes(slice.value), {class: 'num'}),
                       el('td', {class: 'num', text: formatShare(slice.value, stats.total)})));
    }
    section.append(el('div', {class: 'stats'}, chart, legend));
  }

  // ---------------------------------------------------------------- treemap

  // A squarified treemap (Bruls, Huizing & van Wijk, "Squarified Treemaps",
  // 2000): rows of items along the shorter side, a row grown while that makes
  // its worst aspect ratio better. `items` sorted by value, descending; calls
  // place(item, x, y, w, h) for each.
  function squarify(items, x, y, w, h, place) {
    let total = 0;
    for (const item of items) total += item.value;
    if (total <= 0 || w <= 0 || h <= 0) return;
    const scale = w * h / total;
    let i = 0;
    while (i < items.length) {
      const side = Math.min(w, h);
      let rowArea = 0;
      let rowMin = Infinity;
      let rowMax = 0;
      let best = Infinity;
      let j = i;
      for (; j < items.length; ++j) {
        const area = items[j].value * scale;
        const sum = rowArea + area;
        const min = Math.min(rowMin, area);
        const max = Math.max(rowMax, area);
        const worst = Math.max(side * side * max / (sum * sum), sum * sum / (side * side * min));
        if (j > i && worst > best) break;
        best = worst;
        rowArea = sum;
        rowMin = min;
        rowMax = max;
      }
      const thickness = side > 0 ? rowArea / side : 0;
      let along = 0;
      for (let k = i; k < j; ++k) {
        const length = thickness > 0 ? items[k].value * scale / thickness : 0;
        if (w >= h) {
          place(items[k], x, y + along, thickness, length);
        } else {
          place(items[k], x + along, y, length, thickness);
        }
        along += length;
      }
      if (w >= h) {
        x += thickness;
        w -= thickness;
      } else {
        y += thickness;
        h -= thickness;
      }
      i = j;
    }
  }

  // How much is drawn per view: levels below the zoomed node, the smallest
  // rectangle (px²) and the most rectangles. They bound the page's drawing
  // time whatever the tree's size; zooming shows what is cut.
  const TREEMAP_DEPTH = 4;
  const TREEMAP_MIN_AREA = 12;
  const TREEMAP_MAX_RECTS = 2500;
  const TREEMAP_HEIGHT = 560;
  const HEADER = 16;

  function renderTreemap(section, tree) {
    const nodes = tree.nodes;
    const children = nodes.map(() => []);
    for (let i = 1; i < nodes.length; ++i) children[nodes[i].parent].push(i);
    const isMerged = (node) => node.merged_count !== undefined;
    const nodeLabel = (node) => {
      if (!isMerged(node)) return node.label || `(${node.type})`;
      if (node.class_name !== undefined) return `${node.class_name} \u00d7${formatCount(node.merged_count)}`;
      return `${formatCount(node.merged_count)} smaller object${node.merged_count === 1 ? '' : 's'}`;
    };

    section.append(el('p', {class: 'note', text:
      `Each rectangle is an object, its area what it alone keeps alive (retained size); inside are the ` +
      `objects it dominates. Click to zoom in, use the path above or Escape to zoom out. The ` +
      `${formatCount(tree.kept_objects)} largest of ${formatCount(tree.heap_node_count)} objects are kept; ` +
      `the rest are merged by class into grey "smaller objects".`}));
    const crumbs = el('div', {class: 'crumbs', id: 'treemap-crumbs'});
    const box = el('div', {class: 'treemap', id: 'treemap-box'});
    const tooltip = el('div', {class: 'tooltip', id: 'treemap-tooltip'});
    const canvas = svg('svg', {id: 'treemap-svg', height: TREEMAP_HEIGHT});
    box.append(canvas, tooltip);
    const types = [...new Set(nodes.filter((node) => !isMerged(node)).map((node) => node.type))].sort();
    const legend = el('div', {class: 'legend'},
                      ...types.map((type) => el('span', {}, el('span', {class: 'swatch', style: `background:${typeColor(type)}`}), type)),
                      el('span', {}, el('span', {class: 'swatch', style: `background:${MERGED_COLOR}`}), 'smaller objects, merged'));
    section.append(crumbs, box, legend);

    let current = 0;

    function zoom(index) {
      current = index;
      draw();
    }

    function drawCrumbs() {
      const path = [];
      for (let i = current; i !== null; i = nodes[i].parent) path.unshift(i);
      crumbs.replaceChildren();
      path.forEach((index, k) => {
        if (k > 0) crumbs.append(el('span', {class: 'sep', text: '\u203a'}));
        const text = `${nodeLabel(nodes[index])} (${formatBytes(nodes[index].retained_size)})`;
        crumbs.append(index === current
            ? el('span', {class: 'current', 'data-index': index, text})
            : el('button', {type: 'button', 'data-index': index, text}));
      });
    }

    function draw() {
      drawCrumbs();
      const width = Math.max(300, box.clientWidth);
      canvas.setAttribute('width', width);
      canvas.setAttribute('viewBox', `0 0 ${width} ${TREEMAP_HEIGHT}`);
      canvas.setAttribute('data-root', current);
      canvas.replaceChildren();
      const fragment = document.createDocumentFragment();
      // Breadth first, so that the rectangle budget goes to the largest.
      const queue = [{index: current, x: 0, y: 0, w: width, h: TREEMAP_HEIGHT, depth: 0}];
      let drawn = 0;
      for (let q = 0; q < queue.length && drawn < TREEMAP_MAX_RECTS; ++q) {
        const {index, x, y, w, h, depth} = queue[q];
        const node = nodes[index];
        const merged = isMerged(node);
        const zoomable = !merged && index !== current && children[index].length > 0;
        fragment.append(svg('rect', {x, y, width: w, height: h, 'data-index': index,
                                     fill: merged ? MERGED_COLOR : typeColor(node.type),
                                     'fill-opacity': merged ? 1 : Math.max(0.55, 1 - depth * 0.12),
                                     class: zoomable ? 'zoomable' : null}));
        ++drawn;
        const label = `${nodeLabel(node)} ${formatBytes(node.retained_size)}`;
        const nest = children[index].length > 0 && depth < TREEMAP_DEPTH && w > 24 && h > HEADER + 12;
        if (nest) {
          if (w > 50) fragment.append(textIn(label, x + 4, y + 12, w - 8, merged, true));
          const items = children[index].map((child) => ({index: child, value: nodes[child].retained_size}));
          // The node's own size is part of its area: a slot with no rectangle.
          items.push({index: -1, value: node.self_size || 0});
          items.sort((a, b) => b.value - a.value);
          squarify(items, x + 2, y + HEADER, w - 4, h - HEADER - 2, (item, cx, cy, cw, ch) => {
            if (item.index >= 0 && cw * ch >= TREEMAP_MIN_AREA) {
              queue.push({index: item.index, x: cx, y: cy, w: cw, h: ch, depth: depth + 1});
            }
          });
        } else if (w > 50 && h > 16) {
          fragment.append(textIn(label, x + 4, y + 13, w - 8, merged, false));
        }
      }
      canvas.append(fragment);
      canvas.setAttribute('data-drawn', drawn);
    }

    // A label cut to fit `width` (about 6.3 px per character at 11 px).
    function textIn(text, x, y, width, dark, header) {
      const fit = Math.floor(width / 6.3);
      const shown = text.length > fit ? `${text.slice(0, Math.max(0, fit - 1))}\u2026` : text;
      return svg('text', {x, y, class: `${dark ? 'dark' : ''}${header ? ' header' : ''}`, text: shown});
    }

    function describe(index) {
      const node = nodes[index];
      const lines = [el('div', {class: 'title', text: nodeLabel(node)})];
      if (isMerged(node)) {
        const what = node.class_name !== undefined ? `of class ${node.class_name}` : 'of several classes';
        lines.push(el('div', {text: `${formatCount(node.merged_count)} smaller objects ${what}, merged`}));
      } else {
        lines.push(el('div', {text: `${node.type} \u00b7 ${node.class_name} \u00b7 @${node.id}`}));
        lines.push(el('div', {text: `Shallow size: ${formatBytes(node.self_size)} (${formatCount(node.self_size)} B)`}));
      }
      lines.push(el('div', {text: `Retained size: ${formatBytes(node.retained_size)} (${formatCount(node.retained_size)} B), ` +
                                  `${formatShare(node.retained_size, tree.total_size)} of the heap`}));
      const count = isMerged(node) ? node.merged_count + node.dominated_count : node.dominated_count;
      lines.push(el('div', {text: `Frees ${formatCount(count)} object${count === 1 ? '' : 's'}` +
                                  (isMerged(node) ? ' in all' : ' besides itself')}));
      if (!isMerged(node) && index !== current && children[index].length > 0) {
        lines.push(el('div', {text: 'Click to zoom in'}));
      }
      return lines;
    }

    canvas.addEventListener('mousemove', (event) => {
      const index = event.target.getAttribute('data-index');
      if (index === null) {
        tooltip.style.display = 'none';
        return;
      }
      tooltip.replaceChildren(...describe(Number(index)));
      tooltip.style.display = 'block';
      const bounds = box.getBoundingClientRect();
      const left = event.clientX - bounds.left + 14;
      const top = event.clientY - bounds.top + 14;
      tooltip.style.left = `${Math.min(left, bounds.width - tooltip.offsetWidth - 4)}px`;
      tooltip.style.top = `${top + tooltip.offsetHeight > bounds.height ? top - tooltip.offsetHeight - 24 : top}px`;
    });
    canvas.addEventListener('mouseleave', () => { tooltip.style.display = 'none'; });
    canvas.addEventListener('click', (event) => {
      const index = event.target.getAttribute('data-index');
      if (index === null) return;
      // The clicked rectangle, or its nearest zoomable ancestor below the current node.
      for (let i = Number(index); i !== null && i !== current; i = nodes[i].parent) {
        if (!isMerged(nodes[i]) && children[i].length > 0) {
          tooltip.style.display = 'none';
          zoom(i);
          return;
        }
      }
    });
    crumbs.addEventListener('click', (event) => {
      const index = event.target.getAttribute('data-index');
      if (event.target.tagName === 'BUTTON' && index !== null) zoom(Number(index));
    });
    document.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && nodes[current].parent !== null) zoom(nodes[current].parent);
    });
    let resizeTimer = 0;
    window.addEventListener('resize', () => {
      clearTimeout(resizeTimer);
      resizeTimer = setTimeout(draw, 100);
    });
    draw();
  }

  // ---------------------------------------------------------------- classes

  function renderClassTable(section, summary) {
    const rows = summary.classes.map((row, index) => ({...row, index}));
    const total = summary.statistics.total;
    const columns = [
      {key: 'name', title: 'Class', numeric: false},
      {key: 'distance', title: 'Distance', numeric: true},
      {key: 'count', title: 'Objects', numeric: true},
      {key: 'self_size', title: 'Shallow size', numeric: true},
      {key: 'retained_size', title: 'Retained size', numeric: true},
    ];
    let sortKey = 'retained_size';
    let descending = true;
    let filter = '';

    const input = el('input', {type: 'search', id: 'class-filter', placeholder: 'Filter classes by name',
                               'aria-label': 'Filter classes by name'});
    const shown = el('span', {class: 'note', id: 'class-shown'});
    section.append(el('p', {class: 'note', text:
      `DevTools' Summary view: the ${formatCount(rows.length)} classes with the largest retained size ` +
      `of ${formatCount(summary.class_count)}. Click a column to sort.`}));
    section.append(el('div', {class: 'table-tools'}, input, shown));
    const head = el('tr', {});
    for (const column of columns) {
      head.append(el('th', {'data-key': column.key, class: column.numeric ? 'num' : null, scope: 'col',
                            text: column.title}));
    }
    const body = el('tbody', {});
    const table = el('table', {class: 'classes', id: 'class-table'}, el('thead', {}, head), body);
    section.append(el('div', {class: 'table-wrap'}, table));
    const maxRetained = rows.reduce((max, row) => Math.max(max, row.retained_size), 0);

    function compare(a, b) {
      let order;
      if (sortKey === 'name') {
        order = a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
      } else {
        order = a[sortKey] - b[sortKey];
      }
      if (descending) order = -order;
      return order !== 0 ? order : a.index - b.index;
    }

    function update() {
      const needle = filter.toLowerCase();
      const visible = rows.filter((row) => needle === '' || row.name.toLowerCase().includes(needle));
      visible.sort(compare);
      const fragment = document.createDocumentFragment();
      for (const row of visible) {
        const bar = el('span', {class: 'bar', style: `width:${maxRetained > 0 ? Math.round(60 * row.retained_size / maxRetained) : 0}px`});
        fragment.append(el('tr', {'data-row': row.index},
                           el('td', {class: 'name', title: row.key, text: row.name}),
                           el('td', {class: 'num', 'data-value': row.distance, text: formatDistance(row.distance)}),
                           figure('td', row.count, formatCount(row.count), {class: 'num'}),
                           figure('td', row.self_size, formatBytes(row.self_size), {class: 'num'}),
                           el('td', {class: 'num', 'data-value': row.retained_size, title: `${formatCount(row.retained_size)} B, ${formatShare(row.retained_size, total)}`},
                              formatBytes(row.retained_size), bar)));
      }
      body.replaceChildren(fragment);
      for (const th of head.children) {
        th.setAttribute('aria-sort', th.dataset.key === sortKey ? (descending ? 'descending' : 'ascending') : 'none');
      }
      shown.textContent = `${formatCount(visible.length)} of ${formatCount(rows.length)} shown`;
    }

    head.addEventListener('click', (event) => {
      const key = event.target.closest('th')?.dataset.key;
      if (!key) return;
      if (key === sortKey) {
        descending = !descending;
      } else {
        sortKey = key;
        descending = key !== 'name';
      }
      update();
    });
    input.addEventListener('input', () => {
      filter = input.value;
      update();
    });
    update();
  }

  // ---------------------------------------------------------------- page

  document.title = `heapsleuth report: ${data.file}`;
  document.getElementById('page-file').textContent = data.file;
  const main = document.getElementById('sections');
  const nav = document.getElementById('page-nav');
  for (const {key, id, title, render} of SECTIONS) {
    if (data[key] === undefined || data[key] === null) continue;
    const section = el('section', {id}, el('h2', {text: title}));
    main.append(section);
    nav.append(el('a', {href: `#${id}`, text: title}));
    const started = performance.now();
    try {
      render(section, data[key], data);
      performance.measure(`heapsleuth-section-${id}`, {start: started});
    } catch (error) {
      // One broken section leaves the others readable (and fails the test).
      console.error(`heapsleuth-report: section ${id}: ${error.stack || error}`);
      section.append(el('p', {class: 'note', text: `This section could not be drawn: ${error.message}`}));
    }
  }
  performance.measure('heapsleuth-draw', 'heapsleuth-start');
  document.body.dataset.ready = 'true';
})();
