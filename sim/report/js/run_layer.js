// Run report: one layer's simulated timeline beside the estimator's schedule, and its groups.
import { esc, fmtRatio, fmtSeconds, fmtSi, fmtUs, h, ratioClass } from './dom.js';
import { KIND_INDEX, KIND_TEXT, PAPER_KINDS } from './kinds.js';
import { layerBand, legend, spanAt } from './run_engine_timeline.js';
import { state } from './run_state.js';
import { dataTable } from './table.js';
import { Timeline, View, drawIntervals, intervalAt } from './timeline_canvas.js';

// ---- one layer: simulated beside analytic ---------------------------------------------------
// The analytic model's timeline of layer i as the estimator schedules it, in C++
// (views.analytic_schedule; sim/analytic/schedule.h): each stage run expanded into its
// intervals. Nothing is modelled here: the runs and the group spans are the estimate's.
export function analyticSchedule(i, row, mode) {
  const all = state.views && state.views.analytic_schedule;
  const S = all && all[i] && all[i][mode];
  if (!S) return null;
  const figures = (row.detail && row.detail.analytic && row.detail.analytic.groups) || [];
  const lanes = ['DDR', 'LOAD', 'COMP', 'STORE'].map((key) => ({ key, items: [] }));
  const byKey = {};
  for (const lane of lanes) byKey[lane.key] = lane;
  const spans = [];
  for (const [name, start, end, runs] of S.groups) {
    const g = figures.find((x) => x.name === name) || { name, iterations: 1 };
    for (const [stage, st, len, period, count, pipelines] of runs) {
      for (let k = 0; k < count; k++) {
        const a = (st + k * period) * 1e6;
        byKey[stage].items.push([a, a + len * 1e6,
          { g, stage, per: len * 1e6, i: stage === 'DDR' ? undefined : k, pipelines }]);
      }
    }
    spans.push({ name, label: name, start: start * 1e6, end: end * 1e6, g });
  }
  for (const lane of lanes) {
    lane.items.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
    lane.starts = lane.items.map((x) => x[0]);
    lane.ends = lane.items.map((x) => x[1]);
    lane.info = lane.items.map((x) => x[2]);
    delete lane.items;
  }
  return { lanes, spans, total: S.total_s * 1e6 };
}

export function layerSection() {
  const section = h('section', { id: 'layer' }, h('h2', {}, 'One layer: simulated beside analytic'));
  const body = h('div', { id: 'layer-body' });
  section.append(h('p', { class: 'note' },
    'The simulated timeline of the selected layer by instruction kind (each lane: when any engine runs that kind) ' +
    'above the paper\u2019s analytic model of the same layer as the estimator schedules it: ' +
    'DDR transfers summed, then per group one load, compute and store per iteration, n iterations costing ' +
    'n \u00d7 max(load, compute, store) (or, with fill/drain, each pipeline\u2019s start and end as well). ' +
    'Same time axis; group boundaries in the top bands. Select a layer in the table, the plots or the timeline.'), body);
  state.layerPanel = { body };
  return section;
}

export function renderLayerPanel() {
  const R = state.report, TL = state.TL, body = state.layerPanel.body;
  body.textContent = '';
  const i = state.layer;
  const row = R.layers[i];
  if (!row) { body.append(h('p', {}, 'No layer selected.')); return; }
  const unit = TL ? TL.unitUs : 1;
  const span = TL && TL.layerSpan.get(i);
  const simDur = span ? (span[1] - span[0]) * unit : 0;
  const schedule = analyticSchedule(i, row, state.analyticMode);
  const anaDur = schedule ? schedule.total : 0;
  const ratio = row.simulated_s && row.analytic_s ? row.simulated_s / row.analytic_s : null;
  const modeSelect = h('select', { id: 'analytic-mode', onchange: (e) => { state.analyticMode = e.target.value; renderLayerPanel(); } },
    h('option', { value: 'paper' }, 'paper model (n \u00d7 max)'), h('option', { value: 'fill_drain' }, 'with fill/drain'));
  modeSelect.value = state.analyticMode;
  body.append(h('div', { class: 'toolbar' },
    h('button', { onclick: () => selectLayer(i - 1, { zoom: true }) }, '\u25c0 previous'),
    h('button', { onclick: () => selectLayer(i + 1, { zoom: true }) }, 'next \u25b6'),
    h('span', { class: 'layer-head' },
      h('span', { class: 'name' }, `${i + 1}. ${row.name}`),
      h('span', {}, `${row.op} \u00b7 ${(row.in_shape || []).join('x')} \u2192 ${(row.out_shape || []).join('x')} \u00b7 ${fmtSi(row.macs, 'MAC')}` + (row.density < 1 ? ` \u00b7 density ${row.density.toFixed(3)}` : '')),
      h('span', {}, 'simulated ', h('b', {}, fmtSeconds(row.simulated_s)), ' \u00b7 analytic ', h('b', {}, fmtSeconds(row.analytic_s)),
        row.detail && row.detail.analytic && row.detail.analytic.fill_drain_s ? ` (fill/drain ${fmtSeconds(row.detail.analytic.fill_drain_s)})` : '',
        ' \u00b7 ratio ', h('b', { class: ratioClass(ratio) }, fmtRatio(ratio)), ' \u00b7 cause ', h('b', {}, row.cause || '\u2013'))),
    h('label', {}, 'analytic: ', modeSelect),
    h('button', { onclick: () => view.reset() }, 'Whole layer')));
  const view = new View(0, Math.max(simDur, anaDur, 1e-3) * 1.01);
  // simulated, by kind
  const unions = (TL && TL.unions.get(i)) || {};
  const simKinds = PAPER_KINDS.concat(unions.MOVE ? ['MOVE'] : []);
  const toUs = (list) => ({ starts: Float64Array.from(list.starts, (v) => (v - span[0]) * unit),
    ends: Float64Array.from(list.ends, (v) => (v - span[0]) * unit) });
  const simLanes = simKinds.map((k) => ({ label: k, h: 14, kind: KIND_INDEX[k],
    list: unions[k] && span ? toUs(unions[k]) : { starts: new Float64Array(0), ends: new Float64Array(0) } }));
  const simGroups = ((TL && TL.groupSpans.get(i)) || []).map((g) => ({ name: g.name, label: g.name,
    start: (g.start - span[0]) * unit, end: (g.end - span[0]) * unit }));
  const whole = row.simulated_s !== undefined && Math.abs(row.simulated_s * 1e6 - simDur) > 1e-3 * simDur
    ? `; the layer takes ${fmtSeconds(row.simulated_s)} from its start to the end of its last group` : '';
  body.append(h('div', { class: 'tl-title' }, 'Simulated, by instruction kind' +
    (span ? ` (slices over ${fmtUs(simDur)}${whole})` : ' \u2013 no slices of this layer in the trace') +
    (TL && TL.aggregatedLayers.has(i) && !TL.detailedLayers.has(i) ? ' \u2013 per-instruction detail of this layer is aggregated in the engine timeline' : '')));
  const groupBand = (spans) => Object.assign(layerBand(() => spans, null), {
    hover: (t, tol) => {
      const g = spanAt(spans, t, tol);
      return g ? groupHtml(row, g.name, simGroups, schedule) : null;
    },
    click: (t, tol) => {
      const g = spanAt(spans, t, tol);
      if (g) view.set(g.start - (g.end - g.start) * 0.03, g.end + (g.end - g.start) * 0.03);
    },
  });
  const simTl = new Timeline({
    parent: body, id: 'layer-sim-canvas', view, unitUs: 1, labelWidth: 150,
    lanes: () => simLanes,
    drawLane: (tl, lane, y, hgt) => drawIntervals(tl, lane.list.starts, lane.list.ends, lane.kind, y, hgt),
    hoverLane: (lane, t, tol) => {
      const j = intervalAt(lane.list.starts, lane.list.ends, t, tol);
      if (j < 0) return `${lane.label}: no engine busy with it`;
      const g = simGroups.find((x) => x.start <= t && t <= x.end);
      return `<b>${lane.label}</b> <span class="dim">${KIND_TEXT[lane.label]}</span><br>` +
        `busy ${fmtUs(lane.list.starts[j])} \u2013 ${fmtUs(lane.list.ends[j])} (${fmtUs(lane.list.ends[j] - lane.list.starts[j])}) on one or more engines` +
        (g ? `<br>group ${esc(g.name)}` : '');
    },
    bands: [groupBand(simGroups)],
  });
  // analytic
  body.append(h('div', { class: 'tl-title' }, schedule ? `Analytic, ${state.analyticMode === 'paper' ? 'paper model' : 'with fill/drain'} (${fmtUs(anaDur)})` : 'Analytic: no per-group figures in this report'));
  const anaLabels = { DDR: 'DDR: LOAD, LOADW, WRITE', LOAD: 'LOADFM, LOADWM', COMP: 'COMP', STORE: 'WRITEFM' };
  const anaKinds = { DDR: KIND_INDEX.LOAD, LOAD: KIND_INDEX.LOADFM, COMP: KIND_INDEX.COMP, STORE: KIND_INDEX.WRITEFM };
  const runningMax = (ends) => { let m = -Infinity; return Float64Array.from(ends, (e) => (m = Math.max(m, e))); };
  const anaLanes = schedule ? schedule.lanes.map((lane) => ({ label: anaLabels[lane.key], h: 14, kind: anaKinds[lane.key],
    list: { starts: Float64Array.from(lane.starts), ends: Float64Array.from(lane.ends), maxEnds: runningMax(lane.ends) },
    info: lane.info })) : [];
  const anaTl = new Timeline({
    parent: body, id: 'layer-analytic-canvas', view, unitUs: 1, labelWidth: 150,
    lanes: () => anaLanes,
    drawLane: (tl, lane, y, hgt) => drawIntervals(tl, lane.list.starts, lane.list.ends, lane.kind, y, hgt, lane.list.maxEnds),
    hoverLane: (lane, t, tol) => {
      const j = intervalAt(lane.list.starts, lane.list.ends, t, tol);
      if (j < 0) return `${esc(lane.label)}: idle in the model`;
      const info = lane.info[j], g = info.g;
      return `<b>${esc(lane.label)}</b> (analytic ${info.stage})<br>group ${esc(g.name)} (${esc(g.kind)}), ` +
        (info.i !== undefined ? `iteration ${info.i + 1} of ${g.iterations}` : `${g.iterations} iteration(s) summed`) +
        (info.pipelines > 1 ? ` \u00b7 ${info.pipelines} pipelines alike` : '') +
        `<br>${fmtUs(lane.list.starts[j])} \u2013 ${fmtUs(lane.list.ends[j])}: ${fmtUs(info.per)} per iteration` +
        `<br><span class="dim">per iteration: DDR ${fmtSeconds(g.ddr_s)}, load ${fmtSeconds(g.load_s)}, compute ${fmtSeconds(g.compute_s)}, store ${fmtSeconds(g.store_s)}</span>`;
    },
    bands: schedule ? [groupBand(schedule.spans)] : [],
  });
  simTl.draw();
  anaTl.draw();
  // Where the drawn model ends (its last interval or group), in µs: the browser test compares
  // it with the report's total of this layer.
  anaTl.canvas.dataset.endUs = String(Math.max(0, ...anaLanes.map((l) => (l.list.maxEnds.length ? l.list.maxEnds[l.list.maxEnds.length - 1] : 0)),
    ...(schedule ? schedule.spans.map((g) => g.end) : [])));
  state.layerPanel.timelines = [simTl, anaTl];
  body.append(legend(PAPER_KINDS.concat(simKinds.includes('MOVE') ? ['MOVE'] : [])));
  body.append(groupTable(row, simGroups, schedule, view));
}

export function groupHtml(row, name, simGroups, schedule) {
  const sim = simGroups.find((g) => g.name === name);
  const ana = schedule && schedule.spans.find((g) => g.name === name);
  const lines = [`<b>group ${esc(name)}</b>`];
  if (ana) {
    const g = ana.g;
    lines.push(`analytic: ${g.iterations} \u00d7 (DDR ${fmtSeconds(g.ddr_s)}; load ${fmtSeconds(g.load_s)}, compute ${fmtSeconds(g.compute_s)}, store ${fmtSeconds(g.store_s)})`,
      `analytic total ${fmtSeconds(g.total_s)}` + (g.fill_drain_total_s !== undefined ? `, with fill/drain ${fmtSeconds(g.fill_drain_total_s)}` : ''));
  }
  if (sim) lines.push(`simulated: ${fmtUs(sim.start)} \u2013 ${fmtUs(sim.end)} (${fmtUs(sim.end - sim.start)})`);
  lines.push('<span class="dim">click: zoom to this group</span>');
  return lines.join('<br>');
}

export function groupTable(row, simGroups, schedule, view) {
  const groups = (row.detail && row.detail.analytic && row.detail.analytic.groups) || [];
  const rows = groups.map((g) => {
    const sim = simGroups.find((x) => x.name === g.name);
    return { name: g.name, kind: g.kind, iterations: g.iterations, ddr: g.ddr_s, load: g.load_s, compute: g.compute_s,
      store: g.store_s, total: g.total_s, fill: g.fill_drain_total_s, sim: sim ? (sim.end - sim.start) * 1e-6 : null, simSpan: sim };
  });
  for (const sim of simGroups) {
    if (!groups.some((g) => g.name === sim.name)) rows.push({ name: sim.name, kind: '', sim: (sim.end - sim.start) * 1e-6, simSpan: sim });
  }
  const us = (v) => (v === null || v === undefined ? '\u2013' : (Math.abs(v) < 5e-13 ? 0 : v * 1e6).toFixed(3));
  return h('details', { open: groups.length <= 12 },
    h('summary', {}, `Per group: analytic figures and simulated span (${rows.length} groups)`),
    dataTable({ id: 'group-table', rows, columns: [
      { label: 'group', get: (r) => r.name },
      { label: 'kind', get: (r) => r.kind },
      { label: 'iterations', get: (r) => r.iterations, num: true },
      { label: 'DDR \u00b5s/it', get: (r) => r.ddr, fmt: us, num: true },
      { label: 'load \u00b5s/it', get: (r) => r.load, fmt: us, num: true },
      { label: 'compute \u00b5s/it', get: (r) => r.compute, fmt: us, num: true },
      { label: 'store \u00b5s/it', get: (r) => r.store, fmt: us, num: true },
      { label: 'analytic \u00b5s', get: (r) => r.total, fmt: us, num: true },
      { label: 'fill/drain \u00b5s', get: (r) => r.fill, fmt: us, num: true },
      { label: 'simulated span \u00b5s', get: (r) => r.sim, fmt: us, num: true },
      { label: 'sim \u2212 analytic \u00b5s', get: (r) => (r.sim !== null && r.total !== undefined ? r.sim - r.total : null), fmt: us, num: true },
      { label: 'sim \u2212 fill/drain \u00b5s', get: (r) => (r.sim !== null && r.fill !== undefined ? r.sim - r.fill : null), fmt: us, num: true },
    ], onClick: (r) => { if (r.simSpan) view.set(r.simSpan.start, r.simSpan.end); } }));
}

export function selectLayer(i, options) {
  const R = state.report;
  if (i < 0 || i >= R.layers.length) return;
  state.layer = i;
  const picker = document.getElementById('timeline-layer');
  if (picker) picker.value = String(i);
  if (state.layersTable) {
    for (const tr of state.layersTable.querySelectorAll('tr.selected')) tr.classList.remove('selected');
    const tr = state.layersTable.querySelector(`tr[data-key="${i}"]`);
    if (tr) tr.classList.add('selected');
  }
  if (state.mainTimeline) {
    const span = state.TL.layerSpan.get(i);
    if (options && options.zoom && span) {
      const pad = (span[1] - span[0]) * 0.04;
      state.mainView.set(span[0] - pad, span[1] + pad);
    } else {
      state.mainTimeline.schedule();
    }
  }
  if (state.layerPanel) renderLayerPanel();
}
