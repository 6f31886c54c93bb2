// Decoding the simulation's timeline record as html_report_timeline.h encodes it.
import { KIND_INDEX } from './kinds.js';

// ---- the timeline data ----------------------------------------------------------------------
export function classOf(tile, engine) {
  if (tile.startsWith('shim')) return 'shim';
  if (tile.startsWith('memtile')) return 'memtile';
  return engine.startsWith('proc') ? 'proc' : 'coredma';
}

export function decodeTimeline(T) {
  const names = T.names.map(([m, kind, key, from, to]) => ({
    m, kind, key, from, to, k: KIND_INDEX[kind] !== undefined ? KIND_INDEX[kind] : KIND_INDEX.OTHER }));
  let count = 0;
  for (const track of T.tracks) for (const seg of track[2]) if (seg[4] === 1) count += (seg.length - 5) / 5;
  const ev = { start: new Float64Array(count), dur: new Float64Array(count),
    name: new Int32Array(count), iter: new Int32Array(count), amount: new Float64Array(count) };
  let e = 0;
  const tracks = T.tracks.map(([tile, engine, segs], index) => {
    const n = segs.length;
    const tr = { index, tile, engine, cls: classOf(tile, engine),
      dir: engine.replace(/[0-9]+$/, ''), n, segs,
      start: new Float64Array(n), end: new Float64Array(n), endMax: new Float64Array(n),
      layer: new Int32Array(n), group: new Int32Array(n), first: new Int32Array(n),
      count: new Int32Array(n), busy: new Float64Array(n * NK) };
    let previous = 0, endMax = -Infinity;
    for (let i = 0; i < n; i++) {
      const seg = segs[i];
      const st = previous + seg[2];
      previous = st;
      tr.start[i] = st;
      tr.end[i] = st + seg[3];
      endMax = Math.max(endMax, tr.end[i]);
      tr.endMax[i] = endMax;
      tr.layer[i] = seg[0];
      tr.group[i] = seg[1];
      const base = i * NK;
      if (seg[4] === 1) {
        tr.first[i] = e;
        let t = st;
        for (let j = 5; j < seg.length; j += 5) {
          t += seg[j];
          ev.start[e] = t; ev.dur[e] = seg[j + 1]; ev.name[e] = seg[j + 2];
          ev.iter[e] = seg[j + 3]; ev.amount[e] = seg[j + 4];
          tr.busy[base + names[seg[j + 2]].k] += seg[j + 1];
          e++;
        }
        tr.count[i] = e - tr.first[i];
      } else {
        tr.first[i] = -1;
        tr.count[i] = seg[5];
        for (let j = 6; j < seg.length; j += 4) tr.busy[base + names[seg[j]].k] += seg[j + 2];
      }
    }
    return tr;
  });
  const layerSpan = new Map();
  for (const [l, st, en] of T.layer_spans) layerSpan.set(l, [st, en]);
  const groupSpans = new Map();
  for (const [l, g, st, en] of T.group_spans) {
    if (!groupSpans.has(l)) groupSpans.set(l, []);
    groupSpans.get(l).push({ name: T.groups[g], start: st, end: en });
  }
  for (const list of groupSpans.values()) list.sort((a, b) => a.start - b.start || a.end - b.end);
  const unions = new Map();
  for (const u of T.kind_union) {
    const l = u[0], kind = u[1];
    let cursor = layerSpan.has(l) ? layerSpan.get(l)[0] : 0;
    const starts = [], ends = [];
    for (let j = 2; j < u.length; j += 2) {
      const st = cursor + u[j];
      cursor = st + u[j + 1];
      starts.push(st); ends.push(cursor);
    }
    if (!unions.has(l)) unions.set(l, {});
    unions.get(l)[kind] = { starts, ends };
  }
  const detailedLayers = new Set();
  const aggregatedLayers = new Set();
  for (const tr of tracks) {
    for (let i = 0; i < tr.n; i++) (tr.first[i] >= 0 ? detailedLayers : aggregatedLayers).add(tr.layer[i]);
  }
  return { T, unitUs: T.unit_ps * 1e-6, names, ev, tracks, layerSpan, groupSpans, unions,
    end: T.end, layers: T.layers, groups: T.groups, detailedLayers, aggregatedLayers,
    slices: T.slices, detailedSlices: T.detailed_slices };
}
