// Run report: the page of `aie2sim run/simulate --html`, and its self-test.
import { fmtInt, fmtRatio, fmtSeconds, fmtSi, h, hideTip, initTooltip, ratioClass, tooltipText } from './dom.js';
import { WAIT } from './kinds.js';
import { designSection } from './run_design.js';
import { timelineSection } from './run_engine_timeline.js';
import { layerSection, selectLayer } from './run_layer.js';
import { plotsSection } from './run_plots.js';
import { state } from './run_state.js';
import { enginesSection, layersSection } from './run_tables.js';
import { decodeTimeline } from './timeline_data.js';

export function header(R) {
  const T = R.totals || {};
  const sp = R.sparsity || {};
  const sparsity = sp.ratio > 0 ? `${(sp.ratio * 100).toFixed(0)}% ${sp.block} block-sparse (${sp.importance}, seed ${sp.seed})` : 'dense';
  const cfg = R.config || {};
  const ratio = T.simulated_s && T.analytic_s ? T.simulated_s / T.analytic_s : null;
  const card = (label, value, sub, cls) => h('div', { class: 'card' },
    h('div', { class: 'label' }, label), h('div', { class: 'value ' + (cls || '') }, value),
    sub ? h('div', { class: 'sub' }, sub) : null);
  const cards = [
    card('simulated', fmtSeconds(T.simulated_s), cfg.timing_model ? 'timing model ' + cfg.timing_model : null),
    card('analytic (paper)', fmtSeconds(T.analytic_s),
      R.analytic_fill_drain_s ? 'with fill/drain ' + fmtSeconds(R.analytic_fill_drain_s) : null),
    card('simulated / analytic', fmtRatio(ratio), null, ratioClass(ratio)),
    card('throughput', T.images_per_s ? T.images_per_s.toFixed(1) + ' img/s' : '\u2013', 'batch ' + R.batch),
    card('MACs', fmtSi(T.macs || 0, ''), T.effective_macs !== T.macs ? 'effective ' + fmtSi(T.effective_macs || 0, '') : 'all effective'),
    card('layers', String(R.layers.length), R.simulation ? fmtInt(R.simulation.events) + ' simulation events' : null),
  ];
  if (T.calibrated_s) cards.splice(2, 0, card('calibrated analytic', fmtSeconds(T.calibrated_s)));
  if (T.bound_s !== undefined) {
    cards.push(card('hardware bound', fmtSeconds(T.bound_s),
      T.efficiency !== undefined ? `efficiency ${(T.efficiency * 100).toFixed(1)}% (bound / achieved)` : null));
  }
  const F = R.functional;
  if (F) {
    cards.push(card('functional', F.bit_exact ? 'bit-exact' : 'mismatch',
      `${F.layers_checked} layers, ${fmtSi(F.values_checked, '')} values; least non-degenerate ` +
      `${(F.min_nondegenerate_share * 100).toFixed(1)}% (${F.min_nondegenerate_layer}); input ${F.input}`,
      F.bit_exact ? 'ratio-ok' : 'ratio-hi'));
  }
  return [
    h('h1', {}, `aie2sim ${R.command}: ${R.workload} on ${cfg.name || cfg.path}`),
    h('p', { class: 'meta' },
      `config ${cfg.path} (hash ${cfg.hash})` + (cfg.overrides && cfg.overrides.length ? ', --set ' + cfg.overrides.join(' ') : '') +
      ` \u00b7 ${sparsity} \u00b7 batch ${R.batch} \u00b7 program ${R.program_hash} \u00b7 aie2sim ${R.tool.version} (${R.tool.git})`),
    h('div', { class: 'cards', id: 'summary-cards' }, cards),
  ];
}

export function defaultLayer(R) {
  let best = 0, bestValue = -1;
  R.layers.forEach((l, i) => {
    const value = l.simulated_s !== undefined && l.analytic_s !== undefined ? Math.abs(l.simulated_s - l.analytic_s)
      : l.simulated_s || l.analytic_s || 0;
    if (value > bestValue) { bestValue = value; best = i; }
  });
  return best;
}

// Draws the report of `aie2sim run/simulate --html` from its data {report, timeline, views}.
export function renderRun(data) {
  const R = data.report;
  state.report = R;
  state.views = data.views || {};
  state.TL = data.timeline ? decodeTimeline(data.timeline) : null;
  const app = document.getElementById('app');
  app.textContent = '';
  initTooltip();
  const errors = h('div', { id: 'errors' });
  app.append(...header(R), errors,
    h('nav', { class: 'toc' }, [...(R.design ? [['design', 'Design']] : []), ['timeline', 'Timeline'], ['layer', 'Layer: simulated vs analytic'], ['plots', 'Plots'],
      ['layers', 'Layers'], ['engines', 'Engines']].map(([id, text]) => h('a', { href: '#' + id }, text))));
  const design = designSection(R);
  if (design) app.append(design);
  app.append(timelineSection(), layerSection(), plotsSection(), layersSection(), enginesSection(),
    h('p', { class: 'note' }, `Written by aie2sim ${R.tool.version} (${R.tool.git}). One self-contained file: ` +
      'the data is the JSON report, the simulation\u2019s timeline record and the estimator\u2019s schedules in the element #aie2sim-data.'));
  if (state.mainTimeline) state.mainTimeline.draw();
  selectLayer(defaultLayer(R), { zoom: false });
  let resizeTimer = 0;
  window.addEventListener('resize', () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => {
      if (state.mainTimeline) state.mainTimeline.draw();
      for (const tl of (state.layerPanel && state.layerPanel.timelines) || []) tl.draw();
    }, 100);
  });
  document.documentElement.setAttribute('data-rendered', 'ok');
  const linked = /^#layer=(.+)$/.exec(location.hash);
  if (location.hash === '#aie2sim-selftest') {
    selfTest();
  } else if (linked) {  // r.html#layer=NAME (or its 1-based number): that layer, zoomed
    const key = decodeURIComponent(linked[1]);
    let i = R.layers.findIndex((l) => l.name === key);
    if (i < 0 && /^[0-9]+$/.test(key)) i = Number(key) - 1;
    if (i >= 0 && i < R.layers.length) {
      selectLayer(i, { zoom: true });
      if (state.mainTimeline) state.mainTimeline.draw();
      document.getElementById('timeline').scrollIntoView();
    }
  } else if (location.hash) {
    const target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (target) target.scrollIntoView();
  }
}

// Opened as r.html#aie2sim-selftest (tests/e2e/html_report_test.sh): drives the timeline with
// synthetic wheel and mouse events and writes what happened, as JSON, into #selftest.
export function selfTest() {
  const out = {};
  const TL = state.TL;
  const timed = (draw) => { const t = performance.now(); draw(); return Math.round((performance.now() - t) * 10) / 10; };
  const hoverAt = (tl, x, y) => {
    const r = tl.canvas.getBoundingClientRect();
    tl.canvas.dispatchEvent(new MouseEvent('mousemove', { clientX: r.left + x, clientY: r.top + y, bubbles: true }));
    const text = tooltipText();
    hideTip();
    return text;
  };
  if (TL && state.mainTimeline) {
    state.mainView.reset();
    out.full_draw_ms = timed(() => state.mainTimeline.draw());
    out.full_rects = +state.mainTimeline.canvas.dataset.drawn;
    // the busiest lane at the middle of the run, aggregated
    const lane = state.mainTimeline.lanes.findIndex((l) => l.tracks.some((t) => t.cls === 'proc'));
    out.hover_aggregated = lane >= 0 ? hoverAt(state.mainTimeline, state.mainTimeline.px(TL.end / 2), state.mainTimeline.laneYs[lane] + 4) : '';
    const r = state.mainTimeline.canvas.getBoundingClientRect();
    const before = state.mainView.t1 - state.mainView.t0;
    state.mainTimeline.canvas.dispatchEvent(new WheelEvent('wheel', { deltaY: -400, clientX: r.left + state.mainTimeline.x0 + state.mainTimeline.w / 2,
      clientY: r.top + 60, bubbles: true, cancelable: true }));
    out.wheel_zoom = (state.mainView.t1 - state.mainView.t0) / before;
    // zoom onto one instruction of the selected layer (a COMP if there is one) and hover it
    const find = (wanted) => {
      for (const tr of TL.tracks) {
        for (let i = 0; i < tr.n; i++) {
          if (tr.first[i] < 0 || tr.layer[i] !== state.layer) continue;
          for (let j = tr.first[i]; j < tr.first[i] + tr.count[i]; j++) {
            if (wanted(TL.names[TL.ev.name[j]])) return { tr, j };
          }
        }
      }
      return null;
    };
    const found = find((n) => n.kind === 'COMP') || find((n) => n.k !== WAIT);
    if (found) {
      const e0 = TL.ev.start[found.j], e1 = e0 + TL.ev.dur[found.j];
      state.mainView.set(e0 - (e1 - e0) * 20, e1 + (e1 - e0) * 20);
      out.zoomed_draw_ms = timed(() => state.mainTimeline.draw());
      out.zoomed_rects = +state.mainTimeline.canvas.dataset.drawn;
      const lane2 = state.mainTimeline.lanes.findIndex((l) => l.tracks.includes(found.tr));
      out.hover_instruction = hoverAt(state.mainTimeline, state.mainTimeline.px((e0 + e1) / 2), state.mainTimeline.laneYs[lane2] + state.mainTimeline.lanes[lane2].h / 2);
    }
    state.mainView.reset();
    state.mainTimeline.draw();
    const span = TL.layerSpan.get(state.layer);
    if (span) out.hover_layer_band = hoverAt(state.mainTimeline, state.mainTimeline.px((span[0] + span[1]) / 2), state.mainTimeline.bandYs[0] + 8);
  }
  const [simTl, anaTl] = (state.layerPanel && state.layerPanel.timelines) || [];
  if (anaTl && anaTl.lanes.length) {
    const lane = anaTl.lanes.findIndex((l) => l.list.starts.length > 0);
    if (lane >= 0) {
      const list = anaTl.lanes[lane].list;
      out.hover_analytic = hoverAt(anaTl, anaTl.px((list.starts[0] + list.ends[0]) / 2), anaTl.laneYs[lane] + 5);
    }
  }
  if (simTl && simTl.lanes.length) {
    const lane = simTl.lanes.findIndex((l) => l.list.starts.length > 0);
    if (lane >= 0) {
      const list = simTl.lanes[lane].list;
      out.hover_simulated = hoverAt(simTl, simTl.px((list.starts[0] + list.ends[0]) / 2), simTl.laneYs[lane] + 5);
    }
  }
  // Every layer's analytic timeline with fill/drain, as drawn, against the report's total.
  const saved = { mode: state.analyticMode, layer: state.layer };
  state.analyticMode = 'fill_drain';
  out.fill_drain_ends = state.report.layers.map((row, i) => {
    selectLayer(i);
    const tl = state.layerPanel.timelines[1];
    return [row.name, tl.canvas.dataset.endUs === undefined ? null : Number(tl.canvas.dataset.endUs)];
  });
  state.analyticMode = saved.mode;
  selectLayer(saved.layer);
  const box = h('pre', { id: 'selftest' }, JSON.stringify(out, null, 1));
  document.getElementById('app').append(box);
  document.documentElement.setAttribute('data-selftest', 'done');
}
