// Validate report: the page of `aie2sim validate --html` (and of `aie2sim html` on a validate JSON
// report), drawn from the report's key validate (sim/silicon/correlation.h) as it stands: the
// correlation plot (simulated against measured, log-log, the y = x line, calibration and held-out
// points), the held-out statistics, the calibration and held-out tables, the points not
// simulated and the regressions. Every figure shown is one of the report's; nothing is computed.
import { h, ratioClass, s } from './dom.js';
import { plotBox, plotLegend } from './plot.js';
import { dataTable } from './table.js';

const CALIBRATION = '#2b6cb0', HELD_OUT = '#d9480f';
const value = (v) => (v === null || v === undefined ? '\u2013' : Number(v).toPrecision(4));
const ratio = (v) => (v === null || v === undefined ? '\u2013' : v.toFixed(3));
const percent = (v) => (v === null || v === undefined ? '\u2013' : (v >= 0 ? '+' : '') + v.toFixed(1) + '%');  // as printf's %+.1f
const pointName = (p) => p.id + (p.clock_inferred ? '*' : '');
const simulated = (p) => p.simulated !== null && p.simulated !== undefined;

// Log-scale axes over whole decades holding every value (> 0) of `values`.
function logScale(values) {
  const positive = values.filter((v) => v > 0);
  let lo = Math.floor(Math.log10(Math.min(...positive)));
  let hi = Math.ceil(Math.log10(Math.max(...positive)));
  if (hi <= lo) hi = lo + 1;
  return { lo, hi };
}
function decadeLabel(e) { return e >= -2 && e <= 4 ? String(Math.pow(10, e)) : `1e${e}`; }

// The correlation plot: one marker per point with a simulated value; a simulated value of 0 has
// no place on a log axis and sits on the bottom edge as a triangle. A vertical bar at each point
// spans its tolerance.
function correlationPlot(points) {
  const shown = points.filter(simulated);
  const p = plotBox('Simulated against measured (log-log)',
    'Each point in its own unit (cycles, \u00b5s, GB/s, ...): on the dashed line y = x the simulation equals ' +
    'silicon. Circles: calibration points (parameters are set from these); diamonds: held-out points (predicted). ' +
    'The grey bar spans the point\u2019s tolerance; a triangle on the bottom edge is a simulated value of 0. ' +
    '* clock inferred, not stated by the source.', 720, 560, { l: 64, r: 24, t: 24, b: 44 });
  p.svg.setAttribute('id', 'correlation-plot');
  if (!shown.length) return p.box;
  const { lo, hi } = logScale(shown.flatMap((q) => [q.measured, q.simulated, q.tolerance.low, q.tolerance.high]));
  const fx = (v) => p.m.l + (Math.log10(v) - lo) / (hi - lo) * p.iw;
  const fy = (v) => (v > 0 ? p.m.t + p.ih - (Math.log10(v) - lo) / (hi - lo) * p.ih : p.m.t + p.ih);
  const axes = s('g', { class: 'axis' });
  for (let e = lo; e <= hi; ++e) {
    const x = fx(Math.pow(10, e)), y = fy(Math.pow(10, e));
    axes.append(s('line', { x1: p.m.l, x2: p.m.l + p.iw, y1: y, y2: y, stroke: '#eceff4' }),
      s('line', { x1: x, x2: x, y1: p.m.t, y2: p.m.t + p.ih, stroke: '#eceff4' }),
      s('text', { x: p.m.l - 4, y: y + 3, 'text-anchor': 'end' }, decadeLabel(e)),
      s('text', { x, y: p.m.t + p.ih + 14, 'text-anchor': 'middle' }, decadeLabel(e)));
  }
  axes.append(s('line', { x1: p.m.l, x2: p.m.l, y1: p.m.t, y2: p.m.t + p.ih }),
    s('line', { x1: p.m.l, x2: p.m.l + p.iw, y1: p.m.t + p.ih, y2: p.m.t + p.ih }),
    s('text', { x: p.m.l + p.iw / 2, y: p.m.t + p.ih + 32, 'text-anchor': 'middle' }, 'measured (silicon)'),
    s('text', { x: 14, y: p.m.t + p.ih / 2, transform: `rotate(-90 14 ${p.m.t + p.ih / 2})`, 'text-anchor': 'middle' }, 'simulated'));
  p.svg.append(axes);
  const bottom = fy(Math.pow(10, lo)), top = fy(Math.pow(10, hi));
  p.svg.append(s('line', { class: 'identity', x1: p.m.l, y1: bottom, x2: p.m.l + p.iw, y2: top, stroke: '#555', 'stroke-dasharray': '5 4' }));
  for (const q of shown) {
    const held = q.role === 'held_out', color = held ? HELD_OUT : CALIBRATION;
    const x = fx(q.measured), y = fy(q.simulated);
    p.svg.append(s('line', { x1: x, x2: x, y1: fy(q.tolerance.low), y2: fy(q.tolerance.high), stroke: '#b8c2cc', 'stroke-width': 3 }));
    const tip = s('title', {}, `${pointName(q)} (${held ? 'held out' : 'calibration'}, ${q.status})\n${q.observable}\n` +
      `measured ${value(q.measured)} ${q.unit}\nsimulated ${value(q.simulated)} ${q.unit}\nratio ${ratio(q.ratio)}` +
      (q.cause ? `\nlargest cause ${q.cause}` : ''));
    const attrs = { class: `point ${q.role}`, 'data-id': q.id, fill: color, stroke: '#fff', 'stroke-width': 1 };
    let marker;
    if (!(q.simulated > 0)) marker = s('path', Object.assign(attrs, { d: `M${x - 6},${y} L${x + 6},${y} L${x},${y - 9} Z` }), tip);
    else if (held) marker = s('path', Object.assign(attrs, { d: `M${x},${y - 7} L${x + 7},${y} L${x},${y + 7} L${x - 7},${y} Z` }), tip);
    else marker = s('circle', Object.assign(attrs, { cx: x, cy: y, r: 5 }), tip);
    p.svg.append(marker, s('text', { class: 'point-label', x: x + 8, y: y - 6, fill: color }, pointName(q)));
  }
  plotLegend(p, [[CALIBRATION, 'calibration'], [HELD_OUT, 'held out'], ['#555', 'y = x', true]]);
  return p.box;
}

function statistics(V) {
  const H = V.held_out;
  const card = (label, shown, sub, id, cls) => h('div', { class: 'card' }, h('div', { class: 'label' }, label),
    h('div', { class: 'value ' + (cls || ''), id }, shown), sub ? h('div', { class: 'sub' }, sub) : null);
  const count = (status) => V.points.filter((q) => q.status === status).length;
  return h('div', { class: 'cards', id: 'validate-cards' },
    card('held-out points', String(H.count), 'simulated'),
    card('held-out MAPE', H.mape === null ? '\u2013' : H.mape.toFixed(1) + '%', 'mean |simulated/measured \u2212 1|', 'held-out-mape'),
    card('geometric-mean ratio', ratio(H.geomean_ratio), 'held out, simulated / measured', 'held-out-geomean', ratioClass(H.geomean_ratio)),
    card('worst held-out point', H.worst_id === null ? '\u2013' : H.worst_id, H.worst_id === null ? null : 'ratio ' + ratio(H.worst_ratio), 'held-out-worst'),
    card('within tolerance', `${count('pass')} of ${count('pass') + count('fail') + count('error')}`, 'modelled points simulated'),
    card('regressions', String(V.regressions.length), 'against --baseline', null, V.regressions.length ? 'ratio-hi' : ''));
}

function sensitivityText(q) {
  return Object.entries(q.sensitivity || {}).map(([key, r]) =>
    `${key} ${ratio(r.minus_10pct_ratio)}/${ratio(r.plus_10pct_ratio)}`).join(', ');
}

function pointTable(id, points, heldOut) {
  const columns = [
    { label: 'point', get: (q) => pointName(q), title: (q) => q.observable },
    { label: 'unit', get: (q) => q.unit },
    { label: 'measured', get: (q) => q.measured, fmt: value, num: true },
    { label: 'simulated', get: (q) => q.simulated, fmt: value, num: true },
    { label: 'ratio', get: (q) => q.ratio, fmt: ratio, num: true, cls: (v) => ratioClass(v) },
    { label: 'error', get: (q) => q.error_pct, fmt: percent, num: true },
    { label: 'tolerance', get: (q) => q.tolerance.low, fmt: (v, q) => `${value(q.tolerance.low)}\u2013${value(q.tolerance.high)} (${q.tolerance.rule})` },
    { label: 'status', get: (q) => q.status, cls: (v) => (v === 'pass' ? 'status-ok' : 'status-failed') },
    { label: heldOut ? 'largest cause' : 'cause', get: (q) => q.cause },
  ];
  if (heldOut) columns.push({ label: 'sensitivity (ratio at \u221210%/+10% of each fitted parameter)', get: sensitivityText });
  else columns.push({ label: 'problem', get: (q) => q.problem });
  return dataTable({ id, columns, rows: points.map((q) => Object.assign({ key: q.id }, q)) });
}

// Draws the validate report from its data {view: "validate", report: {..., validate: {...}}}.
export function renderValidate(data) {
  const R = data.report, V = R.validate, cfg = R.config || {};
  const app = document.getElementById('app');
  app.textContent = '';
  const role = (name) => V.points.filter((q) => q.role === name && q.status !== 'pending design');
  const unsimulated = V.points.filter((q) => q.status === 'not modelled' || q.status === 'pending design');
  app.append(
    h('h1', {}, `aie2sim validate: ${V.suite}`),
    h('p', { class: 'meta' }, [`${V.points.length} points`, cfg.name ? `config ${cfg.name} (hash ${cfg.hash}, ${cfg.timing_model})` : null,
      cfg.overrides && cfg.overrides.length ? '--set ' + cfg.overrides.join(' ') : null,
      R.tool ? `aie2sim ${R.tool.version} (${R.tool.git})` : null].filter(Boolean).join(' \u00b7 ')),
    statistics(V),
    h('p', { class: 'note' }, 'The statistics cover the held-out points only: the calibration points set the parameters and prove little.'),
    h('section', { id: 'correlation' }, h('h2', {}, 'Correlation'), h('div', { class: 'plots' }, correlationPlot(V.points))),
    h('section', { id: 'held-out' }, h('h2', {}, 'Held-out points (whole designs, predicted)'),
      h('div', { class: 'scroll' }, pointTable('held-out-table', role('held_out'), true))),
    h('section', { id: 'calibration' }, h('h2', {}, 'Calibration points (parameters are set from these)'),
      h('div', { class: 'scroll' }, pointTable('calibration-table', role('calibration'), false))),
    h('section', { id: 'not-simulated' }, h('h2', {}, 'Not simulated'),
      unsimulated.length ? h('ul', {}, unsimulated.map((q) => h('li', {}, h('b', {}, q.id), ` (${q.status}): ${q.problem || ''}`)))
        : h('p', { class: 'note' }, 'Every point was simulated.')),
    V.regressions.length ? h('section', { id: 'regressions' }, h('h2', {}, 'Regressions against the baseline'),
      h('ul', {}, V.regressions.map((r) => h('li', {}, r)))) : null,
    h('p', { class: 'note' }, '* clock inferred, not stated by the source.'));
  document.documentElement.setAttribute('data-rendered', 'ok');
}
