// Run report: the engine timeline (one lane per engine or per engine class).
import { esc, fmtBytes, fmtInt, fmtSeconds, fmtSi, fmtUs, h, lowerBound, upperBound } from './dom.js';
import { CLASS_TEXT, COLORS, KINDS, KIND_COLOR, KIND_TEXT, WAIT } from './kinds.js';
import { selectLayer } from './run_layer.js';
import { layerName, state } from './run_state.js';
import { Timeline, View } from './timeline_canvas.js';

// ---- the engine timeline ----------------------------------------------------------------------
export function buildLanes() {
  const TL = state.TL;
  const tracks = TL.tracks.filter((t) => state.classes[t.cls]);
  const lanes = [];
  const push = (key, label, list, height) => {
    const last = lanes[lanes.length - 1];
    lanes.push({ label, tracks: list, h: height, gap: last && last.key !== key ? 4 : 0, key });
  };
  if (state.laneMode === 'engine') {
    for (const t of tracks) {
      const last = lanes[lanes.length - 1];
      push(t.tile, last && last.key === t.tile ? '' : t.tile, [t], 10);
      lanes[lanes.length - 1].right = t.engine;
      lanes[lanes.length - 1].name = `${t.tile}.${t.engine}`;
    }
  } else {
    const groups = new Map();
    for (const t of tracks) {
      const key = state.laneMode === 'tile' ? t.tile : t.cls + ' ' + t.dir;
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(t);
    }
    for (const [key, list] of groups) {
      const label = state.laneMode === 'tile' ? `${key} (${list.length})`
        : `${CLASS_TEXT[list[0].cls]} ${list[0].dir} (${list.length})`;
      push(state.laneMode === 'tile' ? list[0].cls : key, label, list, state.laneMode === 'tile' ? 12 : 18);
    }
  }
  return lanes;
}

export function drawTrackLane(tl, lane, y, hgt) {
  const TL = state.TL, ev = TL.ev, names = TL.names;
  const t0 = tl.view.t0, t1 = tl.view.t1, scale = tl.scale;
  const showWaits = state.showWaits;
  tl.beginBins();
  for (const tr of lane.tracks) {
    for (let i = upperBound(tr.endMax, t0); i < tr.n && tr.start[i] < t1; i++) {
      const s0 = tr.start[i], s1 = tr.end[i];
      if (s1 <= t0) continue;
      const first = tr.first[i], count = tr.count[i];
      if (first >= 0 && (s1 - s0) * scale >= count * 1.5) {
        const last = first + count;
        let j = Math.max(first, lowerBound(ev.start, t0, first, last) - 1);
        for (; j < last && ev.start[j] < t1; j++) {
          const k = names[ev.name[j]].k;
          if (k === WAIT && !showWaits) continue;
          const e0 = ev.start[j], e1 = e0 + ev.dur[j];
          if (e1 <= t0) continue;
          const a = (e0 - t0) * scale, b = (e1 - t0) * scale;
          if (b - a >= 1) {
            const x = Math.max(a, -1), right = Math.min(b, tl.w + 1);
            tl.rect(tl.x0 + x, y, Math.max(1, right - x - (b - a > 4 ? 0.6 : 0)), hgt, KIND_COLOR[k]);
          } else {
            tl.addBin(Math.floor((a + b) / 2), k, ev.dur[j]);
          }
        }
      } else {
        // spread the segment's busy time evenly over its visible pixels
        const a = (s0 - t0) * scale, b = (s1 - t0) * scale;
        const ca = Math.max(0, a), cb = Math.min(tl.w, b);
        const p0 = Math.floor(ca), p1 = Math.max(p0 + 1, Math.ceil(cb));
        const visible = b > a ? Math.max(0, Math.min(1, (cb - ca) / (b - a))) : 1;
        const base = i * NK;
        for (let k = 0; k < NK; k++) {
          const busy = tr.busy[base + k];
          if (!busy || (k === WAIT && !showWaits)) continue;
          const per = busy * visible / (p1 - p0);
          for (let p = p0; p < p1; p++) tl.addBin(p, k, per);
        }
      }
    }
  }
  tl.flushBins(y, hgt, showWaits);
}

export function eventHtml(tr, seg, j) {
  const TL = state.TL, ev = TL.ev, name = TL.names[ev.name[j]];
  const unit = TL.unitUs;
  const durUs = ev.dur[j] * unit;
  const kind = name.kind;
  let what = `<b>${esc(name.m)}</b>`;
  if (name.m !== kind) what += ` <span class="dim">(${name.m === 'RECV' ? 'receives ' : ''}${esc(kind)})</span>`;
  const lines = [what + ` <span class="dim">${esc(KIND_TEXT[kind] || '')}</span>`,
    `${esc(tr.tile)}.${esc(tr.engine)} \u00b7 layer <b>${esc(layerName(tr.layer[seg]))}</b> \u00b7 group ${esc(TL.groups[tr.group[seg]])}` +
    (ev.iter[j] >= 0 ? ` \u00b7 iteration ${ev.iter[j]}` : ''),
    `start ${fmtUs(ev.start[j] * unit)} \u00b7 duration ${fmtUs(durUs)}`];
  if (name.from) lines.push(`${esc(name.from)} \u2192 ${esc(name.to)}`);
  const amount = ev.amount[j];
  if (name.key === 'bytes') lines.push(`${fmtInt(amount)} bytes` + (durUs > 0 ? ` \u00b7 ${(amount / durUs / 1e3).toFixed(2)} GB/s` : ''));
  if (name.key === 'macs') lines.push(`${fmtInt(amount)} MACs` + (durUs > 0 ? ` \u00b7 ${(amount / durUs / 1e3).toFixed(1)} GMAC/s` : ''));
  return lines.join('<br>');
}

export function segmentHtml(tr, i) {
  const TL = state.TL, unit = TL.unitUs;
  const per = new Map();  // name -> [count, busy, amount]
  if (tr.first[i] >= 0) {
    for (let j = tr.first[i]; j < tr.first[i] + tr.count[i]; j++) {
      const e = per.get(TL.ev.name[j]) || [0, 0, 0];
      e[0]++; e[1] += TL.ev.dur[j]; e[2] += TL.ev.amount[j];
      per.set(TL.ev.name[j], e);
    }
  } else {
    const seg = tr.segs[i];
    for (let j = 6; j < seg.length; j += 4) per.set(seg[j], [seg[j + 1], seg[j + 2], seg[j + 3]]);
  }
  const span = tr.end[i] - tr.start[i];
  const lines = [`<b>layer ${esc(layerName(tr.layer[i]))} \u00b7 group ${esc(TL.groups[tr.group[i]])}</b>`,
    `${esc(tr.tile)}.${esc(tr.engine)} \u00b7 ${fmtUs(tr.start[i] * unit)} \u2013 ${fmtUs(tr.end[i] * unit)} (${fmtUs(span * unit)})`,
    `${fmtInt(tr.count[i])} slices, ` + (tr.first[i] >= 0 ? 'zoom in to see each one'
      : 'aggregated (per-instruction detail of this layer left out to keep the file small)')];
  for (const [name, [count, busy, amount]] of per) {
    const n = TL.names[name];
    let line = `<span style="color:${KIND_COLOR[n.k]}">\u25a0</span> ${esc(n.m)} \u00d7${fmtInt(count)}: ` +
      `busy ${fmtUs(busy * unit)} (${span > 0 ? (100 * busy / span).toFixed(0) : 0}%)`;
    if (n.key === 'bytes') line += ', ' + fmtBytes(amount);
    if (n.key === 'macs') line += ', ' + fmtSi(amount, 'MAC');
    lines.push(line);
  }
  return lines.join('<br>');
}

export function hoverTracks(lane, t, tol) {
  const TL = state.TL, ev = TL.ev;
  for (const tr of lane.tracks) {
    const i = upperBound(tr.start, t + tol) - 1;
    if (i < 0 || tr.end[i] + tol < t) continue;
    if (tr.first[i] >= 0) {
      const first = tr.first[i], last = first + tr.count[i];
      const j = upperBound(ev.start, t + tol, first, last) - 1;
      for (const k of [j, j - 1]) {
        if (k < first || k >= last) continue;
        if (TL.names[ev.name[k]].k === WAIT && !state.showWaits) continue;
        if (ev.start[k] - tol <= t && t <= ev.start[k] + ev.dur[k] + tol &&
            ev.dur[k] * state.mainTimeline.scale >= 0.5) {
          return eventHtml(tr, i, k);
        }
      }
    }
    return segmentHtml(tr, i);
  }
  return `${esc(lane.name || lane.label)}: idle here`;
}

// The span under t: one that contains it, else one within tol of it.
export function spanAt(spans, t, tol) {
  return spans.find((x) => x.start <= t && t <= x.end) || spans.find((x) => x.start - tol <= t && t <= x.end + tol);
}

export function layerBand(getSpans, selected) {
  return {
    h: 16,
    draw(tl, y, hgt) {
      const ctx = tl.ctx;
      ctx.font = '10px "DejaVu Sans", Arial, sans-serif';
      ctx.textBaseline = 'middle';
      getSpans().forEach((span, n) => {
        const a = tl.px(span.start), b = tl.px(span.end);
        if (b < tl.x0 || a > tl.x0 + tl.w) return;
        const isSelected = selected && selected(span);
        tl.rect(a, y + 1, Math.max(1, b - a - 0.5), hgt - 2, isSelected ? '#ffc857' : n % 2 ? '#dfe6f2' : '#c9d4e8');
        if (b - a > 30) {
          ctx.fillStyle = '#1d2330';
          const x = Math.max(a, tl.x0) + 3;
          ctx.fillText(span.label, x, y + hgt / 2 + 0.5, Math.min(b, tl.x0 + tl.w) - x - 2);
        }
      });
    },
  };
}

export function mainLayerSpans() {
  const TL = state.TL;
  const spans = [];
  for (const [l, [st, en]] of TL.layerSpan) spans.push({ l, start: st, end: en, label: layerName(l) });
  spans.sort((a, b) => a.start - b.start);
  return spans;
}

export function timelineSection() {
  const TL = state.TL;
  const section = h('section', { id: 'timeline' }, h('h2', {}, 'Timeline of the simulation'));
  if (!TL) {
    section.append(h('p', { class: 'note' }, 'No timeline: this report was written without a simulation trace.'));
    return section;
  }
  const spans = mainLayerSpans();
  state.mainView = new View(0, TL.end);
  const laneSelect = h('select', { id: 'lane-mode', onchange: (e) => { state.laneMode = e.target.value; state.mainTimeline.draw(); } },
    h('option', { value: 'engine' }, 'one lane per engine'), h('option', { value: 'tile' }, 'one lane per tile'),
    h('option', { value: 'class' }, 'one lane per engine type'));
  if (TL.tracks.length > 160) state.laneMode = 'tile';
  laneSelect.value = state.laneMode;
  const classBoxes = Object.keys(CLASS_TEXT).map((cls) => h('label', {},
    h('input', { type: 'checkbox', checked: true, onchange: (e) => { state.classes[cls] = e.target.checked; state.mainTimeline.draw(); } }),
    ' ' + CLASS_TEXT[cls]));
  const layerPicker = h('select', { id: 'timeline-layer', onchange: (e) => selectLayer(+e.target.value, { zoom: true }) },
    spans.map((sp) => h('option', { value: sp.l }, `${sp.l + 1}. ${sp.label}`)));
  section.append(
    h('p', { class: 'note' }, `${fmtInt(TL.slices)} slices on ${TL.tracks.length} engines over ${fmtUs(TL.end * TL.unitUs)}. ` +
      `Wheel: zoom \u00b7 drag: pan \u00b7 double-click: whole run \u00b7 click a layer in the top band to select it. ` +
      `Zoomed out, each engine's slices are summed per layer and group (colour: the kind that kept it busiest, ` +
      `shade: how busy); zoomed in, every instruction is drawn.` +
      (TL.detailedSlices < TL.slices ? ` Per-instruction detail is embedded for ${fmtInt(TL.detailedSlices)} of ` +
        `${fmtInt(TL.slices)} slices (${TL.aggregatedLayers.size} layers stay aggregated, to keep the file small).` : '') +
      (TL.T.granularity === 'group' ? ' The trace was recorded per group (--trace-granularity group).' : '')),
    h('div', { class: 'toolbar' },
      h('button', { onclick: () => state.mainView.reset() }, 'Whole run'),
      h('label', {}, 'Layer ', layerPicker),
      h('button', { onclick: () => selectLayer(state.layer - 1, { zoom: true }) }, '\u25c0'),
      h('button', { onclick: () => selectLayer(state.layer + 1, { zoom: true }) }, '\u25b6'),
      h('label', {}, 'Lanes ', laneSelect), classBoxes,
      h('label', {}, h('input', { type: 'checkbox', id: 'show-waits', onchange: (e) => { state.showWaits = e.target.checked; state.mainTimeline.draw(); } }), ' lock waits')),
    legend(KINDS.filter((k) => k !== 'OTHER')));
  state.mainTimeline = new Timeline({
    parent: section, id: 'timeline-canvas', view: state.mainView, unitUs: TL.unitUs, labelWidth: 150,
    lanes: buildLanes, drawLane: drawTrackLane, hoverLane: hoverTracks,
    bands: [Object.assign(layerBand(() => spans, (sp) => sp.l === state.layer), {
      hover: (t, tol) => {
        const sp = spanAt(spans, t, tol);
        if (!sp) return null;
        const row = state.report.layers[sp.l];
        return `<b>${esc(sp.label)}</b>` + (row ? ` (${esc(row.op)})<br>simulated ${fmtSeconds(row.simulated_s)} \u00b7 analytic ${fmtSeconds(row.analytic_s)}` : '') +
          `<br>${fmtUs(sp.start * TL.unitUs)} \u2013 ${fmtUs(sp.end * TL.unitUs)}<br><span class="dim">click: select this layer</span>`;
      },
      click: (t, tol) => {
        const sp = spanAt(spans, t, tol);
        if (sp) selectLayer(sp.l, { zoom: true });
      },
    })],
    marks: () => (state.layer >= 0 && TL.layerSpan.has(state.layer) ? [TL.layerSpan.get(state.layer)] : []),
  });
  return section;
}

export function legend(kinds) {
  return h('div', { class: 'legend' }, kinds.map((k) => h('span', { title: KIND_TEXT[k] },
    h('span', { class: 'swatch', style: `background:${COLORS[k]}` }), k === 'WAIT' ? 'lock wait' : k)));
}
