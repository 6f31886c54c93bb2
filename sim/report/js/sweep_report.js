// Sweep report: the page of `scripts/sweep --html` (DIR/report.html), drawn from the data the
// sweep collects (scripts/sweep_lib/html_report.py): the grid and its status, the results table
// (one row per cell; sortable, filterable), the sweep's PNG plots, and per cell its per-layer
// table (with the hardware bound and efficiency) or its error.
import { h, ratioClass } from './dom.js';
import { dataTable } from './table.js';

const num = (v) => (v === null || v === undefined || v === '' || isNaN(Number(v)) ? null : Number(v));
const fixed = (v, scale, digits) => (num(v) === null ? '' : (num(v) * (scale || 1)).toFixed(digits === undefined ? 3 : digits));
// Milliseconds: three decimals, or four significant digits below 0.1 ms.
function ms(seconds) {
  const v = num(seconds);
  if (v === null) return '';
  return Math.abs(v * 1e3) >= 0.1 ? (v * 1e3).toFixed(3) : Number((v * 1e3).toPrecision(4)).toString();
}

function resultsTable(S) {
  const col = (label, get, fmt, opts) => Object.assign({ label, get, fmt }, opts || {});
  const columns = [
    col('cell', (r) => r.cell, (v) => h('a', { href: '#cell-' + v }, v)),
    col('status', (r) => r.status, null, { cls: (v) => 'status-' + v }),
    col('workload', (r) => r.workload), col('config', (r) => r.config),
    col('mesh', (r) => (r['array.rows'] && r['array.columns'] ? `${r['array.rows']}x${r['array.columns']}` : '')),
    col('sparsity', (r) => (num(r.sparsity_ratio) ? `${r.sparsity_ratio} (${r.sparsity_block || ''})` : 'dense')),
    ...S.keys.map((key) => col(key, (r) => (r[key] === undefined ? '' : r[key]))),
    col('analytic ms', (r) => num(r.analytic_s), ms, { num: true }),
    col('simulated ms', (r) => num(r.simulated_s), ms, { num: true }),
    col('sim/ana', (r) => num(r.simulated_over_analytic), (v) => fixed(v), { num: true, cls: (v) => ratioClass(v) }),
    col('images/s', (r) => num(r.images_per_s), (v) => fixed(v, 1, 1), { num: true }),
    col('bound ms', (r) => num(r.bound_s), ms, { num: true }),
    col('efficiency', (r) => num(r.efficiency), (v) => fixed(v), { num: true }),
    col('error', (r) => r.error || ''),
  ];
  return dataTable({ id: 'results-table', columns, rows: S.results.map((r) => Object.assign({ key: r.cell }, r)) });
}

function layerTable(report) {
  const us = (v) => fixed(v, 1e6);
  const rows = (report.layers || []).map((l, i) => Object.assign({ key: i, index: i + 1 }, l));
  return dataTable({ columns: [
    { label: '#', get: (r) => r.index, num: true },
    { label: 'layer', get: (r) => r.name },
    { label: 'op', get: (r) => r.op },
    { label: 'MACs', get: (r) => r.macs, fmt: (v) => (v || 0).toLocaleString('en-US'), num: true },
    { label: 'density', get: (r) => r.density, fmt: (v) => fixed(v), num: true },
    { label: 'analytic \u00b5s', get: (r) => r.analytic_s, fmt: us, num: true },
    { label: 'simulated \u00b5s', get: (r) => r.simulated_s, fmt: us, num: true },
    { label: 'sim/ana', get: (r) => (r.analytic_s && r.simulated_s !== undefined ? r.simulated_s / r.analytic_s : null),
      fmt: (v) => fixed(v), num: true, cls: (v) => ratioClass(v) },
    { label: 'bound \u00b5s', get: (r) => r.bound_s, fmt: us, num: true },
    { label: 'bound by', get: (r) => r.bound_resource },
    { label: 'efficiency', get: (r) => r.efficiency, fmt: (v) => fixed(v), num: true },
    { label: 'cause', get: (r) => r.cause },
  ], rows });
}

function cellSection(cell) {
  const head = [cell.name, ' ', h('span', { class: 'status-' + cell.status }, cell.status)];
  const parts = [];
  if (cell.status === 'ok' && cell.report) {
    const T = cell.report.totals || {};
    head.push(` \u00b7 simulated ${ms(T.simulated_s)} ms, analytic ${ms(T.analytic_s)} ms` +
      (T.bound_s !== undefined ? `, bound ${ms(T.bound_s)} ms` : ''));
    parts.push(h('div', { class: 'scroll' }, layerTable(cell.report)));
  } else if (cell.status === 'failed') {
    parts.push(h('p', {}, 'error: ' + (cell.error || '')), h('pre', {}, cell.stderr || ''));
  } else {
    parts.push(h('p', {}, 'Not run yet (or interrupted): run the same sweep command again.'));
  }
  if (cell.link) parts.push(h('p', {}, h('a', { href: cell.link }, 'This cell\u2019s own report with its timeline')));
  parts.push(h('p', { class: 'note' }, 'Its own report with tables, plots and the engine timeline:'), h('pre', {}, cell.command));
  return h('details', { id: 'cell-' + cell.name }, h('summary', {}, head), parts);
}

// Draws the sweep report from its data {view: "sweep", sweep: {...}}.
export function renderSweep(data) {
  const S = data.sweep;
  const app = document.getElementById('app');
  app.textContent = '';
  const count = (status) => S.results.filter((r) => r.status === status).length;
  const card = (label, value, cls) => h('div', { class: 'card' }, h('div', { class: 'label' }, label),
    h('div', { class: 'value ' + (cls || '') }, String(value)));
  const results = resultsTable(S);
  const shown = h('span', { id: 'shown', class: 'note' }, `${S.results.length} shown`);
  const filter = h('input', { id: 'filter', type: 'search', placeholder: 'filter, e.g. resnet50 dense',
    oninput: () => {
      const words = filter.value.toLowerCase().split(/\s+/).filter(Boolean);
      let n = 0;
      for (const row of results.tBodies[0].rows) {
        const visible = words.every((w) => row.textContent.toLowerCase().includes(w));
        row.style.display = visible ? '' : 'none';
        if (visible) n++;
      }
      shown.textContent = n + ' shown';
    } });
  const figures = S.plots.map((p) => h('figure', {}, h('img', { alt: p.name, src: 'data:image/png;base64,' + p.png }),
    h('figcaption', {}, h('b', {}, p.name), ' ' + p.caption)));
  app.append(
    h('h1', {}, `aie2sim sweep: ${S.name}`),
    h('p', { class: 'meta' }, [S.directory, ...S.grid.map(([key, value]) => `${key} ${value}`),
      'aie2sim ' + S.aie2sim, 'written ' + S.written].join(' \u00b7 ')),
    h('div', { class: 'cards' }, card('cells', S.results.length), card('ok', count('ok'), 'status-ok'),
      card('failed', count('failed'), count('failed') ? 'status-failed' : ''),
      card('pending', count('pending'), count('pending') ? 'status-pending' : '')),
    h('h2', { id: 'results' }, 'Results'),
    h('p', { class: 'note' }, 'One row per cell. Click a column to sort; type words to filter; click a cell for its ' +
      'layers. sim/ana: simulated / analytic latency; bound: the least time the array allows; efficiency: bound / achieved.'),
    filter, ' ', shown, h('div', { class: 'scroll' }, results),
    h('h2', { id: 'plots' }, 'Plots'),
    figures.length ? h('div', { class: 'plots' }, figures)
      : h('p', { class: 'note' }, 'No plots in this report (--no-plots, or python3-matplotlib is missing).'),
    h('h2', { id: 'cells' }, 'Cells'),
    h('p', { class: 'note' }, 'Each cell\u2019s per-layer table from its report (DIR/cells/NAME.json).'),
    ...S.cells.map(cellSection));
  const images = Array.from(document.images);
  Promise.all(images.map((img) => (img.complete ? Promise.resolve() : new Promise((done) => {
    img.addEventListener('load', done); img.addEventListener('error', done);
  })))).then(() => {
    const loaded = images.filter((img) => img.complete && img.naturalWidth > 0).length;
    document.documentElement.setAttribute('data-images-loaded', String(loaded));
    document.documentElement.setAttribute('data-rendered', 'ok');
  });
  if (location.hash) {
    const target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (target) { if (target.tagName === 'DETAILS') target.open = true; target.scrollIntoView(); }
  }
}
