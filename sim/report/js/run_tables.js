// Run report: the per-layer, engine, traffic and attribution tables.
import { fmtBytes, fmtInt, fmtRatio, fmtSeconds, h, ratioClass } from './dom.js';
import { CLASS_TEXT } from './kinds.js';
import { selectLayer } from './run_layer.js';
import { state } from './run_state.js';
import { dataTable } from './table.js';
import { classOf } from './timeline_data.js';

export function layersSection() {
  const R = state.report;
  const calibrated = R.layers.some((l) => l.calibrated_s !== undefined);
  const rows = R.layers.map((l, i) => Object.assign({ key: i }, l, {
    ratio: l.simulated_s && l.analytic_s ? l.simulated_s / l.analytic_s : null,
    fill: l.detail && l.detail.analytic ? l.detail.analytic.fill_drain_s : undefined }));
  const us = (v) => (v === null || v === undefined ? '\u2013' : (v * 1e6).toFixed(3));
  const columns = [
    { label: '#', get: (r) => r.key + 1, num: true },
    { label: 'layer', get: (r) => r.name },
    { label: 'op', get: (r) => r.op },
    { label: 'out (BHWC)', get: (r) => (r.out_shape || []).join('x') },
    { label: 'MACs', get: (r) => r.macs, fmt: (v) => fmtInt(v), num: true },
    { label: 'density', get: (r) => r.density, fmt: (v) => v.toFixed(3), num: true },
    { label: 'util', get: (r) => r.utilization, fmt: (v) => (v * 100).toFixed(1) + '%', num: true },
    { label: 'analytic \u00b5s', get: (r) => r.analytic_s, fmt: us, num: true },
    { label: 'fill/drain \u00b5s', get: (r) => r.fill, fmt: us, num: true },
    { label: 'simulated \u00b5s', get: (r) => r.simulated_s, fmt: us, num: true },
  ];
  if (calibrated) columns.push({ label: 'calibrated \u00b5s', get: (r) => r.calibrated_s, fmt: us, num: true });
  columns.push({ label: 'sim/ana', get: (r) => r.ratio, fmt: fmtRatio, num: true, cls: ratioClass });
  if (R.layers.some((l) => l.bound_s !== undefined)) {
    columns.push({ label: 'bound \u00b5s', get: (r) => r.bound_s, fmt: us, num: true },
      { label: 'bound by', get: (r) => r.bound_resource },
      { label: 'efficiency', get: (r) => r.efficiency, fmt: (v) => (v * 100).toFixed(1) + '%', num: true });
  }
  columns.push({ label: 'cause', get: (r) => r.cause });
  state.layersTable = dataTable({ id: 'layers-table', rows, columns,
    selectedKey: () => (state.layer >= 0 ? state.layer : null),
    onClick: (r) => { selectLayer(r.key, { zoom: true }); document.getElementById('layer').scrollIntoView({ behavior: 'smooth' }); } });
  const T = R.totals;
  return h('section', { id: 'layers' }, h('h2', {}, 'Layers'),
    h('p', { class: 'note' }, 'Click a column to sort, a row to show the layer in the timelines. sim/ana: simulated / analytic (paper model). ' +
      'bound: the least time the array allows for the layer (compute, DDR, memtile-to-core or core-to-memtile links, whichever is largest); efficiency: bound / achieved latency.'),
    h('div', { class: 'scroll' }, state.layersTable),
    h('p', { class: 'note' }, `Total: analytic ${fmtSeconds(T.analytic_s)}, simulated ${fmtSeconds(T.simulated_s)}, ${fmtInt(T.macs)} MACs (${fmtInt(T.effective_macs)} effective).`));
}

export function engineClassOf(name) {
  const dot = name.indexOf('.');
  return classOf(name.slice(0, dot), name.slice(dot + 1));
}

export function enginesSection() {
  const R = state.report, sim = R.simulation;
  const section = h('section', { id: 'engines' }, h('h2', {}, 'Engines, traffic and attribution'));
  if (!sim) { section.append(h('p', { class: 'note' }, 'No simulation in this report.')); return section; }
  const total = R.totals.simulated_s || 0;
  const byClass = new Map();
  for (const e of sim.engines || []) {
    const cls = engineClassOf(e.engine);
    const c = byClass.get(cls) || { cls, n: 0, busy: 0, lock: 0, link: 0, bytes: 0, instructions: 0 };
    c.n++; c.busy += e.busy_s; c.lock += e.lock_wait_s; c.link += e.link_wait_s; c.bytes += e.bytes; c.instructions += e.instructions;
    byClass.set(cls, c);
  }
  const pct = (v) => (v === null || !isFinite(v) ? '\u2013' : (v * 100).toFixed(1) + '%');
  const classes = [...byClass.values()];
  const wrap = h('div', { class: 'two-col' });
  wrap.append(h('div', {}, h('h3', {}, 'Engine time by type'), dataTable({ id: 'engine-class-table', rows: classes, columns: [
    { label: 'engines', get: (r) => CLASS_TEXT[r.cls] || r.cls },
    { label: 'count', get: (r) => r.n, num: true },
    { label: 'busy', get: (r) => (total ? r.busy / (r.n * total) : null), fmt: pct, num: true },
    { label: 'lock wait', get: (r) => (total ? r.lock / (r.n * total) : null), fmt: pct, num: true },
    { label: 'link wait', get: (r) => (total ? r.link / (r.n * total) : null), fmt: pct, num: true },
    { label: 'bytes', get: (r) => r.bytes, fmt: fmtBytes, num: true },
    { label: 'instructions', get: (r) => r.instructions, fmt: fmtInt, num: true },
  ] }), h('p', { class: 'note' }, 'Shares of (engines \u00d7 simulated time) for the engines that ran.')));
  const t = sim.traffic || {};
  wrap.append(h('div', {}, h('h3', {}, 'Traffic per memory level'), dataTable({ id: 'traffic-table', rows: [
    { level: 'DDR', read: t.ddr_read_bytes, write: t.ddr_write_bytes },
    { level: 'memtiles', read: t.memtile_read_bytes, write: t.memtile_write_bytes },
    { level: 'core memories', read: t.core_read_bytes, write: t.core_write_bytes }], columns: [
    { label: 'memory', get: (r) => r.level },
    { label: 'read', get: (r) => r.read, fmt: (v) => (v === undefined ? '\u2013' : fmtBytes(v)), num: true },
    { label: 'written', get: (r) => r.write, fmt: (v) => (v === undefined ? '\u2013' : fmtBytes(v)), num: true },
    { label: 'read GB/s', get: (r) => (total ? r.read / total / 1e9 : null), fmt: (v) => (v === null || isNaN(v) ? '\u2013' : v.toFixed(2)), num: true },
  ] })));
  const A = R.attribution;
  if (A && A.totals_s) {
    const diff = (R.totals.simulated_s || 0) - (R.totals.analytic_s || 0);
    const rows = Object.entries(A.totals_s).map(([key, v]) => ({ effect: key.replace(/_s$/, ''), v }));
    wrap.append(h('div', {}, h('h3', {}, 'Attribution of simulated \u2212 analytic'), dataTable({ id: 'attribution-table', rows, columns: [
      { label: 'effect', get: (r) => r.effect },
      { label: 'time', get: (r) => r.v, fmt: (v) => fmtSeconds(v), num: true },
      { label: 'share of difference', get: (r) => (diff ? r.v / diff : null), fmt: pct, num: true },
    ] }), h('p', { class: 'note' }, A.note || '')));
  }
  const wall = R.wall || {};
  wrap.append(h('div', {}, h('h3', {}, 'This run'), dataTable({ id: 'run-table', rows: Object.entries(wall).map(([k, v]) => ({ k, v })).concat(
    sim.events !== undefined ? [{ k: 'simulation events', v: sim.events, n: true }] : []), columns: [
    { label: 'phase', get: (r) => r.k.replace(/_wall_s$/, ' (wall clock)') },
    { label: 'value', get: (r) => r.v, fmt: (v, r) => (r.n ? fmtInt(v) : fmtSeconds(v)), num: true },
  ] })));
  section.append(wrap);
  const engines = (sim.engines || []).map((e) => Object.assign({}, e));
  section.append(h('details', {}, h('summary', {}, `All ${engines.length} engines`), h('div', { class: 'scroll' }, dataTable({ id: 'engines-table', rows: engines, columns: [
    { label: 'engine', get: (r) => r.engine },
    { label: 'busy', get: (r) => r.busy_s, fmt: (v) => fmtSeconds(v), num: true },
    { label: 'busy %', get: (r) => (total ? r.busy_s / total : null), fmt: pct, num: true },
    { label: 'lock wait', get: (r) => r.lock_wait_s, fmt: (v) => fmtSeconds(v), num: true },
    { label: 'link wait', get: (r) => r.link_wait_s, fmt: (v) => fmtSeconds(v), num: true },
    { label: 'bytes', get: (r) => r.bytes, fmt: fmtInt, num: true },
    { label: 'instructions', get: (r) => r.instructions, fmt: fmtInt, num: true },
  ] }))));
  return section;
}
