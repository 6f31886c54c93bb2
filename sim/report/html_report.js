/* aie2sim HTML report: draws the tables, plots and timelines of one run from the JSON in
 * <script id="aie2sim-data"> ({report, timeline}; see sim/report/html_report.h and
 * html_report_timeline.h for the encoding). Hand-written, no libraries, no network: the report
 * is one file that can be sent and archived. Embedded into the binary at build time.
 *
 * When done it sets <html data-rendered="ok"> (or "error: ..."), and every canvas carries
 * data-drawn = the rectangles of its last drawing: tests/e2e/html_report_test.sh reads both. */
(function () {
  'use strict';

  // ---- instruction kinds ------------------------------------------------------------------
  const KINDS = ['LOAD', 'LOADW', 'LOADFM', 'LOADWM', 'COMP', 'WRITEFM', 'WRITE', 'MOVE', 'WAIT',
    'RELOAD', 'OTHER'];
  const NK = KINDS.length;
  const KIND_INDEX = {};
  KINDS.forEach((kind, i) => { KIND_INDEX[kind] = i; });
  const WAIT = KIND_INDEX.WAIT;
  const COLORS = {
    LOAD: '#1f77b4', LOADW: '#17becf', LOADFM: '#2ca02c', LOADWM: '#bcbd22', COMP: '#d62728',
    WRITEFM: '#9467bd', WRITE: '#ff7f0e', MOVE: '#8c564b', WAIT: '#b8bcc4', RELOAD: '#7f7f7f',
    OTHER: '#e377c2',
  };
  const KIND_COLOR = KINDS.map((kind) => COLORS[kind]);
  const KIND_RGB = KIND_COLOR.map((hex) => [1, 3, 5].map((i) => parseInt(hex.substr(i, 2), 16)));
  const KIND_TEXT = {
    LOAD: 'DDR \u2192 memtile, activations', LOADW: 'DDR \u2192 memtile, weights',
    LOADFM: 'memtile \u2192 cores, activations', LOADWM: 'memtile \u2192 cores, weights',
    COMP: 'compute on a core', WRITEFM: 'cores \u2192 memtile', WRITE: 'memtile \u2192 DDR',
    MOVE: 'other transfer (memtile \u2194 memtile, ...)', WAIT: 'waiting on a lock (acquire)',
    RELOAD: 'buffer descriptors rewritten before a group', OTHER: 'other',
  };
  const PAPER_KINDS = ['LOAD', 'LOADW', 'LOADFM', 'LOADWM', 'COMP', 'WRITEFM', 'WRITE'];
  const CLASS_TEXT = { shim: 'shim DMA', memtile: 'memtile DMA', coredma: 'core DMA',
    proc: 'core processors' };

  // ---- small helpers ------------------------------------------------------------------------
  function h(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (key === 'class') e.className = value;
      else if (key.startsWith('on')) e.addEventListener(key.slice(2), value);
      else e.setAttribute(key, value === true ? '' : value);
    }
    append(e, children);
    return e;
  }
  function append(parent, children) {
    for (const child of children.flat(Infinity)) {
      if (child === null || child === undefined || child === false) continue;
      parent.append(child instanceof Node ? child : String(child));
    }
    return parent;
  }
  const SVG_NS = 'http://www.w3.org/2000/svg';
  function s(tag, attrs, ...children) {
    const e = document.createElementNS(SVG_NS, tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === undefined || value === null) continue;
      if (key.startsWith('on')) e.addEventListener(key.slice(2), value);
      else e.setAttribute(key, value);
    }
    append(e, children);
    return e;
  }
  function esc(text) {
    return String(text).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;',
      '"': '&quot;' }[c]));
  }
  function fmtSeconds(seconds, digits) {
    if (seconds === null || seconds === undefined || !isFinite(seconds)) return '\u2013';
    const d = digits === undefined ? 3 : digits;
    if (Math.abs(seconds) < 1e-15) seconds = 0;
    const a = Math.abs(seconds);
    if (a >= 1) return seconds.toFixed(d) + ' s';
    if (a >= 1e-3) return (seconds * 1e3).toFixed(d) + ' ms';
    if (a >= 1e-6 || a === 0) return (seconds * 1e6).toFixed(d) + ' \u00b5s';
    return (seconds * 1e9).toFixed(Math.max(0, d - 2)) + ' ns';
  }
  const fmtUs = (us, digits) => fmtSeconds(us * 1e-6, digits);
  function fmtInt(n) { return Math.round(n).toLocaleString('en-US'); }
  function fmtSi(n, unit) {
    const a = Math.abs(n);
    for (const [scale, prefix] of [[1e12, 'T'], [1e9, 'G'], [1e6, 'M'], [1e3, 'k']]) {
      if (a >= scale) return (n / scale).toPrecision(3) + ' ' + prefix + unit;
    }
    return String(Math.round(n * 100) / 100) + ' ' + unit;
  }
  const fmtBytes = (b) => fmtSi(b, 'B');
  function fmtRatio(r) { return r === null || !isFinite(r) ? '\u2013' : r.toFixed(3); }
  function ratioClass(r) {
    if (r === null || !isFinite(r)) return '';
    const d = Math.abs(r - 1);
    return d > 0.1 ? 'ratio-hi' : d > 0.02 ? 'ratio-mid' : 'ratio-ok';
  }
  function lowerBound(array, value, lo, hi) {  // first index in [lo, hi) with array[i] >= value
    lo = lo || 0; hi = hi === undefined ? array.length : hi;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (array[mid] < value) lo = mid + 1; else hi = mid; }
    return lo;
  }
  function upperBound(array, value, lo, hi) {  // first index in [lo, hi) with array[i] > value
    lo = lo || 0; hi = hi === undefined ? array.length : hi;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (array[mid] <= value) lo = mid + 1; else hi = mid; }
    return lo;
  }
  function niceStep(span, count) {
    const raw = span / Math.max(1, count);
    const power = Math.pow(10, Math.floor(Math.log10(raw)));
    for (const m of [1, 2, 2.5, 5, 10]) if (m * power >= raw) return m * power;
    return 10 * power;
  }
  function ticks(lo, hi, count) {
    if (!(hi > lo)) return [lo];
    const step = niceStep(hi - lo, count);
    const out = [];
    for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(+v.toPrecision(12));
    return out;
  }
  function fmtAxisUs(v, step) {  // an axis label in µs, ms or ns, as precise as the step needs
    const a = Math.max(Math.abs(step), 1e-12);
    if (a >= 1000) return (v / 1000).toFixed(Math.max(0, -Math.floor(Math.log10(a / 1000)))) + ' ms';
    if (a >= 1) return v.toFixed(Math.max(0, -Math.floor(Math.log10(a)))) + ' \u00b5s';
    return (v * 1000).toFixed(Math.max(0, -Math.floor(Math.log10(a * 1000)))) + ' ns';
  }

  // ---- the tooltip ----------------------------------------------------------------------------
  let tooltip = null;
  function showTip(html, x, y) {
    if (!html) { hideTip(); return; }
    tooltip.innerHTML = html;
    tooltip.style.display = 'block';
    const r = tooltip.getBoundingClientRect();
    let left = x + 14, top = y + 14;
    if (left + r.width > window.innerWidth - 4) left = Math.max(4, x - r.width - 14);
    if (top + r.height > window.innerHeight - 4) top = Math.max(4, y - r.height - 14);
    tooltip.style.left = left + 'px';
    tooltip.style.top = top + 'px';
  }
  function hideTip() { if (tooltip) tooltip.style.display = 'none'; }

  // ---- the timeline data ----------------------------------------------------------------------
  function classOf(tile, engine) {
    if (tile.startsWith('shim')) return 'shim';
    if (tile.startsWith('memtile')) return 'memtile';
    return engine.startsWith('proc') ? 'proc' : 'coredma';
  }

  function decodeTimeline(T) {
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

  // ---- a zoomable time range shared by timelines ----------------------------------------------
  class View {
    constructor(lo, hi) {
      this.lo = lo; this.hi = hi > lo ? hi : lo + 1;
      this.t0 = this.lo; this.t1 = this.hi; this.listeners = [];
    }
    set(t0, t1) {
      const full = this.hi - this.lo;
      const min = Math.max(full * 1e-7, 1e-9);
      if (t1 - t0 < min) { const c = (t0 + t1) / 2; t0 = c - min / 2; t1 = c + min / 2; }
      if (t1 - t0 > full * 1.1) { t0 = this.lo - full * 0.05; t1 = this.hi + full * 0.05; }
      const pad = full * 0.05;
      if (t0 < this.lo - pad) { t1 += this.lo - pad - t0; t0 = this.lo - pad; }
      if (t1 > this.hi + pad) { t0 -= t1 - this.hi - pad; t1 = this.hi + pad; }
      this.t0 = t0; this.t1 = t1;
      for (const listener of this.listeners) listener();
    }
    reset() { this.set(this.lo, this.hi); }
  }

  // ---- a canvas timeline: labels left, axis and bands on top, lanes below ----------------------
  const AXIS_H = 22;
  let bins = new Float64Array(0);
  class Timeline {
    // opts: parent, id, view, unitUs (µs per time unit), labelWidth, lanes() -> [{label, h, gap,
    // sub}], drawLane(tl, lane, y, h), hoverLane(lane, t, tol) -> html, bands: [{h, draw(tl, y, h),
    // hover(t) -> html, click(t)}], marks() -> [[t0, t1]] (a highlighted range)
    constructor(opts) {
      this.opts = opts;
      this.view = opts.view;
      this.canvas = h('canvas', { id: opts.id, 'data-drawn': '0' });
      this.wrap = h('div', { class: 'tl-wrap' }, this.canvas);
      opts.parent.append(this.wrap);
      this.ctx = this.canvas.getContext('2d');
      this.view.listeners.push(() => this.schedule());
      this.pending = false;
      this.drawn = 0;
      this.bind();
    }
    get x0() { return this.opts.labelWidth; }
    layout() {
      const lanes = this.opts.lanes();
      let y = AXIS_H;
      this.bandYs = [];
      for (const band of this.opts.bands || []) { this.bandYs.push(y); y += band.h; }
      y += 3;
      this.laneYs = [];
      for (const lane of lanes) { y += lane.gap || 0; this.laneYs.push(y); y += lane.h; }
      this.lanes = lanes;
      this.height = y + 4;
    }
    schedule() {
      if (this.pending) return;
      this.pending = true;
      requestAnimationFrame(() => { this.pending = false; this.draw(); });
    }
    px(t) { return this.x0 + (t - this.view.t0) * this.scale; }
    draw() {
      this.layout();
      const ratio = window.devicePixelRatio || 1;
      const width = Math.max(400, this.wrap.clientWidth || 1200);
      if (this.canvas.width !== Math.round(width * ratio) ||
          this.canvas.height !== Math.round(this.height * ratio)) {
        this.canvas.width = Math.round(width * ratio);
        this.canvas.height = Math.round(this.height * ratio);
        this.canvas.style.height = this.height + 'px';
      }
      const ctx = this.ctx;
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      ctx.clearRect(0, 0, width, this.height);
      this.width = width;
      this.w = Math.max(10, Math.floor(width - this.x0 - 8));
      this.scale = this.w / (this.view.t1 - this.view.t0);
      this.drawn = 0;
      // lane backgrounds and labels
      ctx.textBaseline = 'middle';
      this.lanes.forEach((lane, i) => {
        const y = this.laneYs[i];
        ctx.fillStyle = i % 2 ? '#f4f6f9' : '#ffffff';
        ctx.fillRect(0, y, width, lane.h);
        if (lane.h < 7) return;
        ctx.fillStyle = '#3a4252';
        ctx.font = `${lane.h >= 12 ? 10 : 9}px "DejaVu Sans", Arial, sans-serif`;
        if (lane.right) {
          ctx.textAlign = 'right';
          ctx.fillText(lane.right, this.x0 - 6, y + lane.h / 2 + 0.5);
          ctx.textAlign = 'left';
          ctx.font = `bold ${lane.h >= 12 ? 10 : 9}px "DejaVu Sans", Arial, sans-serif`;
        }
        if (lane.label) ctx.fillText(lane.label, 4, y + lane.h / 2 + 0.5, this.x0 - (lane.right ? 50 : 8));
      });
      ctx.font = '10px "DejaVu Sans", Arial, sans-serif';
      // grid and axis
      const unit = this.opts.unitUs;
      const lo = this.view.t0 * unit, hi = this.view.t1 * unit;
      const values = ticks(lo, hi, this.w / 110);
      const step = values.length > 1 ? values[1] - values[0] : hi - lo;
      ctx.strokeStyle = '#e6e9ef';
      ctx.lineWidth = 1;
      ctx.fillStyle = '#3a4252';
      ctx.textAlign = 'center';
      for (const v of values) {
        const x = Math.round(this.px(v / unit)) + 0.5;
        if (x < this.x0 || x > this.x0 + this.w) continue;
        ctx.beginPath(); ctx.moveTo(x, AXIS_H - 4); ctx.lineTo(x, this.height); ctx.stroke();
        ctx.fillText(fmtAxisUs(v, step), x, AXIS_H / 2 - 1);
      }
      ctx.textAlign = 'left';
      ctx.save();
      ctx.beginPath();
      ctx.rect(this.x0, 0, this.w, this.height);
      ctx.clip();
      (this.opts.bands || []).forEach((band, i) => band.draw(this, this.bandYs[i], band.h));
      // a pixel of air between lanes (two for tall ones) so that neighbours stay apart
      this.lanes.forEach((lane, i) => {
        const pad = lane.h >= 12 ? 1 : 0.5;
        this.opts.drawLane(this, lane, this.laneYs[i] + pad, lane.h - 2 * pad);
      });
      for (const [m0, m1] of (this.opts.marks ? this.opts.marks() : [])) {
        const a = this.px(m0), b = this.px(m1);
        ctx.strokeStyle = 'rgba(200,120,0,0.9)';
        ctx.setLineDash([4, 3]);
        for (const x of [a, b]) {
          ctx.beginPath(); ctx.moveTo(Math.round(x) + 0.5, AXIS_H); ctx.lineTo(Math.round(x) + 0.5, this.height);
          ctx.stroke();
        }
        ctx.setLineDash([]);
      }
      ctx.restore();
      ctx.strokeStyle = '#c9ced8';
      ctx.beginPath(); ctx.moveTo(this.x0 - 0.5, AXIS_H); ctx.lineTo(this.x0 - 0.5, this.height); ctx.stroke();
      this.canvas.dataset.drawn = String(this.drawn);
    }
    rect(x, y, w, hgt, color) {
      this.ctx.fillStyle = color;
      this.ctx.fillRect(x, y, w, hgt);
      this.drawn++;
    }
    // Per-pixel accumulation for slices narrower than a pixel: bins[px * NK + kind] += time.
    beginBins() {
      const need = (this.w + 2) * NK;
      if (bins.length < need) bins = new Float64Array(need);
      this.binLo = Infinity; this.binHi = -1;
    }
    addBin(px, kind, time) {
      if (px < 0 || px > this.w) return;
      bins[px * NK + kind] += time;
      if (px < this.binLo) this.binLo = px;
      if (px > this.binHi) this.binHi = px;
    }
    flushBins(y, hgt, showWaits) {
      const pxTime = 1 / this.scale;
      let runStart = -1, runKind = -1, runAlpha = 0;
      const flush = (end) => {
        if (runStart < 0) return;
        const [r, g, b] = KIND_RGB[runKind];
        this.rect(this.x0 + runStart, y, end - runStart, hgt, `rgba(${r},${g},${b},${runAlpha})`);
        runStart = -1;
      };
      for (let p = this.binLo; p <= this.binHi; p++) {
        let total = 0, best = -1, bestTime = 0;
        const base = p * NK;
        for (let k = 0; k < NK; k++) {
          const v = bins[base + k];
          if (!v || k === WAIT) continue;
          total += v;
          if (v > bestTime) { bestTime = v; best = k; }
        }
        if (best < 0 && showWaits && bins[base + WAIT] > 0) { best = WAIT; total = bins[base + WAIT]; }
        for (let k = 0; k < NK; k++) bins[base + k] = 0;
        if (best < 0) { flush(p); continue; }
        const alpha = Math.round((0.3 + 0.7 * Math.min(1, total / pxTime)) * 20) / 20;
        if (runStart >= 0 && best === runKind && alpha === runAlpha) continue;
        flush(p);
        runStart = p; runKind = best; runAlpha = alpha;
      }
      flush(this.binHi + 1);
    }
    where(event) {
      const r = this.canvas.getBoundingClientRect();
      return { x: event.clientX - r.left, y: event.clientY - r.top };
    }
    timeAt(x) { return this.view.t0 + (x - this.x0) / this.scale; }
    bind() {
      const c = this.canvas;
      c.addEventListener('wheel', (event) => {
        const { x } = this.where(event);
        if (x < this.x0) return;
        event.preventDefault();
        const t = this.timeAt(x);
        const factor = Math.pow(1.0015, event.deltaY * (event.deltaMode === 1 ? 30 : 1));
        this.view.set(t - (t - this.view.t0) * factor, t + (this.view.t1 - t) * factor);
      }, { passive: false });
      let drag = null;
      c.addEventListener('mousedown', (event) => {
        const { x } = this.where(event);
        if (x < this.x0 || event.button !== 0) return;
        drag = { x, t0: this.view.t0, t1: this.view.t1, moved: false };
        c.classList.add('dragging');
        event.preventDefault();
      });
      window.addEventListener('mousemove', (event) => {
        if (!drag) return;
        const { x } = this.where(event);
        if (Math.abs(x - drag.x) > 2) drag.moved = true;
        const dt = (x - drag.x) / this.scale;
        this.view.set(drag.t0 - dt, drag.t1 - dt);
      });
      window.addEventListener('mouseup', (event) => {
        if (!drag) return;
        const moved = drag.moved;
        drag = null;
        c.classList.remove('dragging');
        if (!moved) this.click(event);
      });
      c.addEventListener('dblclick', () => this.view.reset());
      c.addEventListener('mousemove', (event) => {
        if (drag) { hideTip(); return; }
        showTip(this.hover(event), event.clientX, event.clientY);
      });
      c.addEventListener('mouseleave', hideTip);
    }
    hit(event) {
      const { x, y } = this.where(event);
      if (x < this.x0 || !this.lanes) return null;
      const t = this.timeAt(x);
      const tol = 2 / this.scale;
      const bands = this.opts.bands || [];
      for (let i = 0; i < bands.length; i++) {
        if (y >= this.bandYs[i] && y < this.bandYs[i] + bands[i].h) return { band: bands[i], t, tol };
      }
      for (let i = 0; i < this.lanes.length; i++) {
        if (y >= this.laneYs[i] && y < this.laneYs[i] + this.lanes[i].h) return { lane: this.lanes[i], t, tol };
      }
      return null;
    }
    hover(event) {
      const hit = this.hit(event);
      if (!hit) return null;
      if (hit.band) return hit.band.hover ? hit.band.hover(hit.t, hit.tol) : null;
      return this.opts.hoverLane(hit.lane, hit.t, hit.tol);
    }
    click(event) {
      const hit = this.hit(event);
      if (hit && hit.band && hit.band.click) hit.band.click(hit.t, hit.tol);
    }
  }

  // Draws a list of [start, end) intervals (sorted) in one colour, sub-pixel ones accumulated.
  // [starts[i], ends[i]) sorted by start; maxEnds (default: ends) nondecreasing, e.g. the running
  // maximum of ends when intervals overlap.
  function drawIntervals(tl, starts, ends, kind, y, hgt, maxEnds) {
    const t0 = tl.view.t0, t1 = tl.view.t1, scale = tl.scale;
    tl.beginBins();
    for (let i = Math.max(0, upperBound(maxEnds || ends, t0) - 1); i < starts.length && starts[i] < t1; i++) {
      if (ends[i] <= t0) continue;
      const a = (starts[i] - t0) * scale, b = (ends[i] - t0) * scale;
      if (b - a >= 1) {
        const x = Math.max(a, -1), right = Math.min(b, tl.w + 1);
        tl.rect(tl.x0 + x, y, Math.max(1, right - x - (b - a > 4 ? 0.5 : 0)), hgt, KIND_COLOR[kind]);
      } else {
        tl.addBin(Math.floor((a + b) / 2), kind, ends[i] - starts[i]);
      }
    }
    tl.flushBins(y, hgt, true);
  }

  // Finds the interval under t (within tol) in sorted [start, end) lists; -1 if none.
  function intervalAt(starts, ends, t, tol) {
    const i = upperBound(starts, t + tol) - 1;
    for (const j of [i, i - 1, i + 1]) {
      if (j >= 0 && j < starts.length && starts[j] - tol <= t && t <= ends[j] + tol) return j;
    }
    return -1;
  }

  // ---- the application --------------------------------------------------------------------------
  const state = { report: null, TL: null, layer: -1, showWaits: false, laneMode: 'engine',
    classes: { shim: true, memtile: true, coredma: true, proc: true }, analyticMode: 'paper' };
  let mainTimeline = null, mainView = null, layerPanel = null, layersTable = null;

  function layerName(i) {
    const R = state.report;
    if (i < R.layers.length) return R.layers[i].name;
    return state.TL && i < state.TL.layers.length ? state.TL.layers[i] : 'layer ' + i;
  }

  function header(R) {
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

  // ---- the engine timeline ----------------------------------------------------------------------
  function buildLanes() {
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

  function drawTrackLane(tl, lane, y, hgt) {
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

  function eventHtml(tr, seg, j) {
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

  function segmentHtml(tr, i) {
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

  function hoverTracks(lane, t, tol) {
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
              ev.dur[k] * mainTimeline.scale >= 0.5) {
            return eventHtml(tr, i, k);
          }
        }
      }
      return segmentHtml(tr, i);
    }
    return `${esc(lane.name || lane.label)}: idle here`;
  }

  // The span under t: one that contains it, else one within tol of it.
  function spanAt(spans, t, tol) {
    return spans.find((x) => x.start <= t && t <= x.end) || spans.find((x) => x.start - tol <= t && t <= x.end + tol);
  }

  function layerBand(getSpans, selected) {
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

  function mainLayerSpans() {
    const TL = state.TL;
    const spans = [];
    for (const [l, [st, en]] of TL.layerSpan) spans.push({ l, start: st, end: en, label: layerName(l) });
    spans.sort((a, b) => a.start - b.start);
    return spans;
  }

  function timelineSection() {
    const TL = state.TL;
    const section = h('section', { id: 'timeline' }, h('h2', {}, 'Timeline of the simulation'));
    if (!TL) {
      section.append(h('p', { class: 'note' }, 'No timeline: this report was written without a simulation trace.'));
      return section;
    }
    const spans = mainLayerSpans();
    mainView = new View(0, TL.end);
    const laneSelect = h('select', { id: 'lane-mode', onchange: (e) => { state.laneMode = e.target.value; mainTimeline.draw(); } },
      h('option', { value: 'engine' }, 'one lane per engine'), h('option', { value: 'tile' }, 'one lane per tile'),
      h('option', { value: 'class' }, 'one lane per engine type'));
    if (TL.tracks.length > 160) state.laneMode = 'tile';
    laneSelect.value = state.laneMode;
    const classBoxes = Object.keys(CLASS_TEXT).map((cls) => h('label', {},
      h('input', { type: 'checkbox', checked: true, onchange: (e) => { state.classes[cls] = e.target.checked; mainTimeline.draw(); } }),
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
        h('button', { onclick: () => mainView.reset() }, 'Whole run'),
        h('label', {}, 'Layer ', layerPicker),
        h('button', { onclick: () => selectLayer(state.layer - 1, { zoom: true }) }, '\u25c0'),
        h('button', { onclick: () => selectLayer(state.layer + 1, { zoom: true }) }, '\u25b6'),
        h('label', {}, 'Lanes ', laneSelect), classBoxes,
        h('label', {}, h('input', { type: 'checkbox', id: 'show-waits', onchange: (e) => { state.showWaits = e.target.checked; mainTimeline.draw(); } }), ' lock waits')),
      legend(KINDS.filter((k) => k !== 'OTHER')));
    mainTimeline = new Timeline({
      parent: section, id: 'timeline-canvas', view: mainView, unitUs: TL.unitUs, labelWidth: 150,
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

  function legend(kinds) {
    return h('div', { class: 'legend' }, kinds.map((k) => h('span', { title: KIND_TEXT[k] },
      h('span', { class: 'swatch', style: `background:${COLORS[k]}` }), k === 'WAIT' ? 'lock wait' : k)));
  }

  // ---- one layer: simulated beside analytic ---------------------------------------------------
  // The analytic model's timeline of layer i as the estimator schedules it, in C++
  // (views.analytic_schedule; sim/analytic/schedule.h): each stage run expanded into its
  // intervals. Nothing is modelled here: the runs and the group spans are the estimate's.
  function analyticSchedule(i, row, mode) {
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

  function layerSection() {
    const section = h('section', { id: 'layer' }, h('h2', {}, 'One layer: simulated beside analytic'));
    const body = h('div', { id: 'layer-body' });
    section.append(h('p', { class: 'note' },
      'The simulated timeline of the selected layer by instruction kind (each lane: when any engine runs that kind) ' +
      'above the paper\u2019s analytic model of the same layer as the estimator schedules it: ' +
      'DDR transfers summed, then per group one load, compute and store per iteration, n iterations costing ' +
      'n \u00d7 max(load, compute, store) (or, with fill/drain, each pipeline\u2019s start and end as well). ' +
      'Same time axis; group boundaries in the top bands. Select a layer in the table, the plots or the timeline.'), body);
    layerPanel = { body };
    return section;
  }

  function renderLayerPanel() {
    const R = state.report, TL = state.TL, body = layerPanel.body;
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
    layerPanel.timelines = [simTl, anaTl];
    body.append(legend(PAPER_KINDS.concat(simKinds.includes('MOVE') ? ['MOVE'] : [])));
    body.append(groupTable(row, simGroups, schedule, view));
  }

  function groupHtml(row, name, simGroups, schedule) {
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

  function groupTable(row, simGroups, schedule, view) {
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

  function selectLayer(i, options) {
    const R = state.report;
    if (i < 0 || i >= R.layers.length) return;
    state.layer = i;
    const picker = document.getElementById('timeline-layer');
    if (picker) picker.value = String(i);
    if (layersTable) {
      for (const tr of layersTable.querySelectorAll('tr.selected')) tr.classList.remove('selected');
      const tr = layersTable.querySelector(`tr[data-key="${i}"]`);
      if (tr) tr.classList.add('selected');
    }
    if (mainTimeline) {
      const span = state.TL.layerSpan.get(i);
      if (options && options.zoom && span) {
        const pad = (span[1] - span[0]) * 0.04;
        mainView.set(span[0] - pad, span[1] + pad);
      } else {
        mainTimeline.schedule();
      }
    }
    if (layerPanel) renderLayerPanel();
  }

  // ---- tables -----------------------------------------------------------------------------------
  function dataTable({ id, columns, rows, onClick, rowClass }) {
    const table = h('table', { class: 'data', id });
    const tbody = h('tbody');
    const render = (list) => {
      tbody.textContent = '';
      for (const r of list) {
        const tr = h('tr', { class: (onClick ? 'clickable ' : '') + (rowClass ? rowClass(r) : ''), 'data-key': r.key !== undefined ? r.key : null },
          columns.map((c) => {
            const v = c.get(r);
            const shown = c.fmt ? c.fmt(v, r) : v === null || v === undefined ? '\u2013' : v;
            return h('td', { class: (c.num ? 'num ' : '') + (c.cls ? c.cls(v, r) : ''), title: c.title ? c.title(r) : null }, shown);
          }));
        if (onClick) tr.addEventListener('click', () => onClick(r));
        tbody.append(tr);
      }
    };
    let sortColumn = -1, ascending = true;
    const heads = columns.map((c, n) => h('th', { class: c.num ? 'num' : '', title: 'sort', onclick: () => {
      ascending = sortColumn === n ? !ascending : !c.num;
      sortColumn = n;
      heads.forEach((th) => th.classList.remove('sorted-asc', 'sorted-desc'));
      heads[n].classList.add(ascending ? 'sorted-asc' : 'sorted-desc');
      const sorted = rows.slice().sort((a, b) => {
        const x = c.get(a), y = c.get(b);
        if (x === y) return 0;
        if (x === null || x === undefined) return 1;
        if (y === null || y === undefined) return -1;
        return (x < y ? -1 : 1) * (ascending ? 1 : -1);
      });
      render(sorted);
      if (id === 'layers-table' && state.layer >= 0) {
        const tr = tbody.querySelector(`tr[data-key="${state.layer}"]`);
        if (tr) tr.classList.add('selected');
      }
    } }, c.label));
    table.append(h('thead', {}, h('tr', {}, heads)), tbody);
    render(rows);
    return table;
  }

  function layersSection() {
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
    layersTable = dataTable({ id: 'layers-table', rows, columns,
      onClick: (r) => { selectLayer(r.key, { zoom: true }); document.getElementById('layer').scrollIntoView({ behavior: 'smooth' }); } });
    const T = R.totals;
    return h('section', { id: 'layers' }, h('h2', {}, 'Layers'),
      h('p', { class: 'note' }, 'Click a column to sort, a row to show the layer in the timelines. sim/ana: simulated / analytic (paper model). ' +
        'bound: the least time the array allows for the layer (compute, DDR, memtile-to-core or core-to-memtile links, whichever is largest); efficiency: bound / achieved latency.'),
      h('div', { class: 'scroll' }, layersTable),
      h('p', { class: 'note' }, `Total: analytic ${fmtSeconds(T.analytic_s)}, simulated ${fmtSeconds(T.simulated_s)}, ${fmtInt(T.macs)} MACs (${fmtInt(T.effective_macs)} effective).`));
  }

  function engineClassOf(name) {
    const dot = name.indexOf('.');
    return classOf(name.slice(0, dot), name.slice(dot + 1));
  }

  function enginesSection() {
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

  // ---- plots (SVG) ------------------------------------------------------------------------------
  function plotBox(title, note, width, height, margin) {
    const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': title });
    const box = h('div', { class: 'plot' }, h('h3', {}, title), svg, note ? h('p', { class: 'note' }, note) : null);
    return { box, svg, iw: width - margin.l - margin.r, ih: height - margin.t - margin.b, m: margin };
  }
  function yAxis(p, lo, hi, fmt, label) {
    const g = s('g', { class: 'axis' });
    const scale = (v) => p.m.t + p.ih - (v - lo) / (hi - lo || 1) * p.ih;
    for (const v of ticks(lo, hi, 5)) {
      const y = scale(v);
      g.append(s('line', { x1: p.m.l, x2: p.m.l + p.iw, y1: y, y2: y, stroke: '#eceff4' }),
        s('text', { x: p.m.l - 4, y: y + 3, 'text-anchor': 'end' }, fmt(v)));
    }
    g.append(s('line', { x1: p.m.l, x2: p.m.l, y1: p.m.t, y2: p.m.t + p.ih }));
    if (label) g.append(s('text', { x: 10, y: p.m.t + p.ih / 2, transform: `rotate(-90 10 ${p.m.t + p.ih / 2})`, 'text-anchor': 'middle' }, label));
    p.svg.append(g);
    return scale;
  }
  function xLayerAxis(p, n, x) {
    const g = s('g', { class: 'axis' });
    const every = Math.max(1, Math.ceil(n / 24));
    for (let i = 0; i < n; i += every) g.append(s('text', { x: x(i), y: p.m.t + p.ih + 12, 'text-anchor': 'middle' }, String(i + 1)));
    g.append(s('line', { x1: p.m.l, x2: p.m.l + p.iw, y1: p.m.t + p.ih, y2: p.m.t + p.ih }));
    g.append(s('text', { x: p.m.l + p.iw / 2, y: p.m.t + p.ih + 26, 'text-anchor': 'middle' }, 'layer'));
    p.svg.append(g);
  }
  function plotLegend(p, items) {
    let x = p.m.l + 4;
    for (const [color, text, dashed] of items) {
      p.svg.append(dashed ? s('line', { x1: x, x2: x + 14, y1: 10, y2: 10, stroke: color, 'stroke-width': 2, 'stroke-dasharray': '4 2' })
        : s('rect', { x, y: 5, width: 12, height: 10, fill: color }));
      p.svg.append(s('text', { x: x + 17, y: 14 }, text));
      x += 24 + text.length * 5.6;
    }
  }

  function plotsSection() {
    const R = state.report, L = R.layers, n = L.length;
    const section = h('section', { id: 'plots' }, h('h2', {}, 'Plots'));
    const grid = h('div', { class: 'plots' });
    section.append(grid);
    if (!n) return section;
    const W = 760, margin = { l: 60, r: 12, t: 22, b: 34 };
    const title = (l, i) => `${i + 1}. ${l.name} (${l.op})\nanalytic ${fmtSeconds(l.analytic_s)}\nsimulated ${fmtSeconds(l.simulated_s)}`;
    // 1. latency per layer
    {
      const p = plotBox('Latency per layer', 'Click a bar to show the layer in the timelines.', W, 260, margin);
      const max = Math.max(...L.map((l) => Math.max(l.analytic_s || 0, l.simulated_s || 0))) * 1e6 || 1;
      const y = yAxis(p, 0, max * 1.05, (v) => fmtAxisUs(v, max / 5), '\u00b5s');
      const band = p.iw / n;
      const x = (i) => p.m.l + band * (i + 0.5);
      L.forEach((l, i) => {
        const bw = Math.max(0.8, band * 0.42);
        for (const [value, color, dx] of [[l.analytic_s, '#9ecae1', -bw], [l.simulated_s, '#2b6cb0', 0]]) {
          if (value === undefined) continue;
          const top = y(value * 1e6);
          p.svg.append(s('rect', { class: 'hit', x: x(i) + dx, y: top, width: bw, height: Math.max(0, p.m.t + p.ih - top), fill: color,
            onclick: () => selectLayer(i, { zoom: true }) }, s('title', {}, title(l, i))));
        }
      });
      xLayerAxis(p, n, x);
      plotLegend(p, [['#9ecae1', 'analytic (paper)'], ['#2b6cb0', 'simulated']]);
      grid.append(p.box);
    }
    // 2. simulated / analytic
    {
      const p = plotBox('Simulated / analytic per layer', 'Above 1: the simulation is slower than the paper\u2019s model.', W, 260, margin);
      const ratios = L.map((l) => (l.simulated_s && l.analytic_s ? l.simulated_s / l.analytic_s : null));
      const valid = ratios.filter((r) => r !== null);
      const lo = Math.min(0.9, ...valid) * 0.98, hi = Math.max(1.1, ...valid) * 1.02;
      const y = yAxis(p, lo, hi, (v) => v.toFixed(2), 'ratio');
      const band = p.iw / n;
      const x = (i) => p.m.l + band * (i + 0.5);
      p.svg.append(s('line', { x1: p.m.l, x2: p.m.l + p.iw, y1: y(1), y2: y(1), stroke: '#555', 'stroke-dasharray': '4 3' }));
      let path = '';
      ratios.forEach((r, i) => { if (r !== null) path += (path ? 'L' : 'M') + x(i).toFixed(1) + ',' + y(r).toFixed(1); });
      p.svg.append(s('path', { d: path, fill: 'none', stroke: '#8aa4c8', 'stroke-width': 1 }));
      ratios.forEach((r, i) => {
        if (r === null) return;
        const color = Math.abs(r - 1) > 0.1 ? '#b3261e' : Math.abs(r - 1) > 0.02 ? '#d98b00' : '#1d7a3a';
        p.svg.append(s('circle', { class: 'hit', cx: x(i), cy: y(r), r: 3, fill: color, onclick: () => selectLayer(i, { zoom: true }) },
          s('title', {}, title(L[i], i) + `\nratio ${r.toFixed(3)}`)));
      });
      xLayerAxis(p, n, x);
      grid.append(p.box);
    }
    // 3. achieved against the hardware bound
    if (L.some((l) => l.bound_s !== undefined)) {
      const p = plotBox('Achieved latency against the hardware bound per layer',
        'Light bar: the achieved latency (simulated, else analytic); dark bar: the bound, coloured by the resource that sets it. Click a bar to show the layer.',
        W, 260, margin);
      const achieved = (l) => (l.simulated_s !== undefined ? l.simulated_s : l.analytic_s);
      const colors = { compute: '#2b6cb0', ddr: '#b3261e', column_links: '#d98b00', core_links: '#6b46c1', none: '#999' };
      const max = Math.max(...L.map((l) => Math.max(achieved(l) || 0, l.bound_s || 0))) * 1e6 || 1;
      const y = yAxis(p, 0, max * 1.05, (v) => fmtAxisUs(v, max / 5), '\u00b5s');
      const band = p.iw / n;
      const x = (i) => p.m.l + band * (i + 0.5);
      L.forEach((l, i) => {
        const bw = Math.max(0.8, band * 0.7);
        const tip = title(l, i) + `\nbound ${fmtSeconds(l.bound_s)} (${l.bound_resource})` +
          (l.efficiency !== undefined ? `\nefficiency ${(l.efficiency * 100).toFixed(1)}%` : '');
        for (const [value, color] of [[achieved(l), '#cbd5e0'], [l.bound_s, colors[l.bound_resource] || '#999']]) {
          if (value === undefined) continue;
          const top = y(value * 1e6);
          p.svg.append(s('rect', { class: 'hit', x: x(i) - bw / 2, y: top, width: bw, height: Math.max(0, p.m.t + p.ih - top), fill: color,
            onclick: () => selectLayer(i, { zoom: true }) }, s('title', {}, tip)));
        }
      });
      xLayerAxis(p, n, x);
      const used = Object.keys(colors).filter((k) => L.some((l) => l.bound_resource === k));
      plotLegend(p, [['#cbd5e0', 'achieved']].concat(used.map((k) => [colors[k], 'bound: ' + k])));
      grid.append(p.box);
    }
    // 4. cumulative latency
    {
      const p = plotBox('Cumulative latency over the layers', 'Where the simulated and analytic totals drift apart, and how far both are from the hardware bound.', W, 260, margin);
      const series = [['analytic_s', '#9ecae1', 'analytic (paper)'], ['simulated_s', '#2b6cb0', 'simulated']];
      if (L.some((l) => l.calibrated_s !== undefined)) series.push(['calibrated_s', '#2ca02c', 'calibrated']);
      if (L.some((l) => l.bound_s !== undefined)) series.push(['bound_s', '#555', 'hardware bound']);
      const sums = series.map(([key]) => { let acc = 0; return L.map((l) => (acc += (l[key] || 0) * 1e6)); });
      const max = Math.max(...sums.map((v) => v[v.length - 1])) || 1;
      const y = yAxis(p, 0, max * 1.05, (v) => fmtAxisUs(v, max / 5), 'cumulative');
      const x = (i) => p.m.l + p.iw * (i + 1) / n;
      series.forEach(([key, color], k) => {
        if (!L.some((l) => l[key] !== undefined)) return;
        let path = `M${p.m.l},${y(0)}`;
        sums[k].forEach((v, i) => { path += `L${x(i).toFixed(1)},${y(v).toFixed(1)}`; });
        p.svg.append(s('path', { d: path, fill: 'none', stroke: color, 'stroke-width': 2 }));
      });
      xLayerAxis(p, n, (i) => x(i) - p.iw / n / 2);
      plotLegend(p, series.map(([, color, label]) => [color, label]));
      grid.append(p.box);
    }
    // 5. engine occupancy
    const sim = R.simulation;
    if (sim && sim.engines && R.totals.simulated_s) {
      const total = R.totals.simulated_s;
      const byClass = new Map();
      for (const e of sim.engines) {
        const cls = engineClassOf(e.engine);
        const c = byClass.get(cls) || [0, 0, 0, 0];
        c[0] += e.busy_s; c[1] += e.lock_wait_s; c[2] += e.link_wait_s; c[3] += total;
        byClass.set(cls, c);
      }
      const classes = Object.keys(CLASS_TEXT).filter((c) => byClass.has(c));
      const p = plotBox('Engine occupancy', 'Share of the run each engine type spends busy, waiting on locks, waiting on links, idle (engines that ran).',
        W, 60 + classes.length * 30, { l: 110, r: 12, t: 24, b: 24 });
      const parts = [['busy', '#2b6cb0'], ['lock wait', '#b8bcc4'], ['link wait', '#ff7f0e'], ['idle', '#eef1f5']];
      classes.forEach((cls, k) => {
        const [busy, lock, link, cap] = byClass.get(cls);
        const shares = [busy / cap, lock / cap, link / cap];
        shares.push(Math.max(0, 1 - shares[0] - shares[1] - shares[2]));
        const y = p.m.t + k * 30 + 4;
        let x = p.m.l;
        shares.forEach((share, j) => {
          const w = Math.max(0, share * p.iw);
          p.svg.append(s('rect', { x, y, width: w, height: 20, fill: parts[j][1] }, s('title', {}, `${CLASS_TEXT[cls]}: ${parts[j][0]} ${(share * 100).toFixed(1)}%`)));
          x += w;
        });
        p.svg.append(s('text', { x: p.m.l - 6, y: y + 14, 'text-anchor': 'end' }, CLASS_TEXT[cls]),
          s('text', { x: p.m.l + p.iw - 4, y: y + 14, 'text-anchor': 'end' }, `${(shares[0] * 100).toFixed(1)}% busy, ${(shares[1] * 100).toFixed(1)}% lock wait, ${(shares[2] * 100).toFixed(1)}% link wait`));
      });
      plotLegend(p, parts.map(([label, color]) => [color, label]));
      grid.append(p.box);
    }
    // 6. attribution per layer
    const effects = R.attribution && R.attribution.order;
    if (effects && L.some((l) => l.detail && l.detail.attribution)) {
      const palette = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac', '#86bcb6', '#d37295'];
      const keys = effects.map((e) => e + '_s').concat(['unattributed_s']);
      const used = keys.filter((k) => L.some((l) => l.detail && l.detail.attribution && Math.abs(l.detail.attribution[k] || 0) > 1e-15));
      if (used.length) {
        const p = plotBox('Attribution of simulated \u2212 analytic per layer', 'Each effect\u2019s share of the layer\u2019s difference (positive: it makes the simulation slower).', W, 280, margin);
        let lo = 0, hi = 0;
        const stacks = L.map((l) => {
          let up = 0, down = 0;
          return used.map((k) => {
            const v = ((l.detail && l.detail.attribution && l.detail.attribution[k]) || 0) * 1e6;
            const part = v >= 0 ? [up, up + v] : [down + v, down];
            if (v >= 0) up += v; else down += v;
            hi = Math.max(hi, up); lo = Math.min(lo, down);
            return { k, v, part };
          });
        });
        const y = yAxis(p, lo, hi * 1.05 || 1, (v) => fmtAxisUs(v, (hi - lo) / 5 || 1), '\u00b5s');
        const band = p.iw / n;
        const x = (i) => p.m.l + band * (i + 0.5);
        stacks.forEach((stack, i) => stack.forEach(({ k, v, part }) => {
          if (!v) return;
          p.svg.append(s('rect', { class: 'hit', x: x(i) - band * 0.4, y: y(part[1]), width: Math.max(0.8, band * 0.8),
            height: Math.max(0.5, y(part[0]) - y(part[1])), fill: palette[keys.indexOf(k) % palette.length], onclick: () => selectLayer(i, { zoom: true }) },
          s('title', {}, `${i + 1}. ${L[i].name}\n${k.replace(/_s$/, '')}: ${fmtUs(v)}`)));
        }));
        xLayerAxis(p, n, x);
        plotLegend(p, used.map((k) => [palette[keys.indexOf(k) % palette.length], k.replace(/_s$/, '')]));
        grid.append(p.box);
      }
    }
    return section;
  }

  // ---- page ---------------------------------------------------------------------------------------
  function defaultLayer(R) {
    let best = 0, bestValue = -1;
    R.layers.forEach((l, i) => {
      const value = l.simulated_s !== undefined && l.analytic_s !== undefined ? Math.abs(l.simulated_s - l.analytic_s)
        : l.simulated_s || l.analytic_s || 0;
      if (value > bestValue) { bestValue = value; best = i; }
    });
    return best;
  }

  function render() {
    const data = JSON.parse(document.getElementById('aie2sim-data').textContent);
    const R = data.report;
    state.report = R;
    state.views = data.views || {};
    state.TL = data.timeline ? decodeTimeline(data.timeline) : null;
    const app = document.getElementById('app');
    app.textContent = '';
    tooltip = h('div', { id: 'tooltip' });
    document.body.append(tooltip);
    const errors = h('div', { id: 'errors' });
    app.append(...header(R), errors,
      h('nav', { class: 'toc' }, [['timeline', 'Timeline'], ['layer', 'Layer: simulated vs analytic'], ['plots', 'Plots'],
        ['layers', 'Layers'], ['engines', 'Engines']].map(([id, text]) => h('a', { href: '#' + id }, text))));
    app.append(timelineSection(), layerSection(), plotsSection(), layersSection(), enginesSection(),
      h('p', { class: 'note' }, `Written by aie2sim ${R.tool.version} (${R.tool.git}). One self-contained file: ` +
        'the data is the JSON report plus the aggregated trace in the element #aie2sim-data.'));
    if (mainTimeline) mainTimeline.draw();
    selectLayer(defaultLayer(R), { zoom: false });
    let resizeTimer = 0;
    window.addEventListener('resize', () => {
      clearTimeout(resizeTimer);
      resizeTimer = setTimeout(() => {
        if (mainTimeline) mainTimeline.draw();
        for (const tl of (layerPanel && layerPanel.timelines) || []) tl.draw();
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
        if (mainTimeline) mainTimeline.draw();
        document.getElementById('timeline').scrollIntoView();
      }
    } else if (location.hash) {
      const target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
      if (target) target.scrollIntoView();
    }
  }

  // Opened as r.html#aie2sim-selftest (tests/e2e/html_report_test.sh): drives the timeline with
  // synthetic wheel and mouse events and writes what happened, as JSON, into #selftest.
  function selfTest() {
    const out = {};
    const TL = state.TL;
    const timed = (draw) => { const t = performance.now(); draw(); return Math.round((performance.now() - t) * 10) / 10; };
    const hoverAt = (tl, x, y) => {
      const r = tl.canvas.getBoundingClientRect();
      tl.canvas.dispatchEvent(new MouseEvent('mousemove', { clientX: r.left + x, clientY: r.top + y, bubbles: true }));
      const text = tooltip.style.display === 'none' ? '' : tooltip.textContent;
      hideTip();
      return text;
    };
    if (TL && mainTimeline) {
      mainView.reset();
      out.full_draw_ms = timed(() => mainTimeline.draw());
      out.full_rects = +mainTimeline.canvas.dataset.drawn;
      // the busiest lane at the middle of the run, aggregated
      const lane = mainTimeline.lanes.findIndex((l) => l.tracks.some((t) => t.cls === 'proc'));
      out.hover_aggregated = lane >= 0 ? hoverAt(mainTimeline, mainTimeline.px(TL.end / 2), mainTimeline.laneYs[lane] + 4) : '';
      const r = mainTimeline.canvas.getBoundingClientRect();
      const before = mainView.t1 - mainView.t0;
      mainTimeline.canvas.dispatchEvent(new WheelEvent('wheel', { deltaY: -400, clientX: r.left + mainTimeline.x0 + mainTimeline.w / 2,
        clientY: r.top + 60, bubbles: true, cancelable: true }));
      out.wheel_zoom = (mainView.t1 - mainView.t0) / before;
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
        mainView.set(e0 - (e1 - e0) * 20, e1 + (e1 - e0) * 20);
        out.zoomed_draw_ms = timed(() => mainTimeline.draw());
        out.zoomed_rects = +mainTimeline.canvas.dataset.drawn;
        const lane2 = mainTimeline.lanes.findIndex((l) => l.tracks.includes(found.tr));
        out.hover_instruction = hoverAt(mainTimeline, mainTimeline.px((e0 + e1) / 2), mainTimeline.laneYs[lane2] + mainTimeline.lanes[lane2].h / 2);
      }
      mainView.reset();
      mainTimeline.draw();
      const span = TL.layerSpan.get(state.layer);
      if (span) out.hover_layer_band = hoverAt(mainTimeline, mainTimeline.px((span[0] + span[1]) / 2), mainTimeline.bandYs[0] + 8);
    }
    const [simTl, anaTl] = (layerPanel && layerPanel.timelines) || [];
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
      const tl = layerPanel.timelines[1];
      return [row.name, tl.canvas.dataset.endUs === undefined ? null : Number(tl.canvas.dataset.endUs)];
    });
    state.analyticMode = saved.mode;
    selectLayer(saved.layer);
    const box = h('pre', { id: 'selftest' }, JSON.stringify(out, null, 1));
    document.getElementById('app').append(box);
    document.documentElement.setAttribute('data-selftest', 'done');
  }

  function fail(error) {
    const message = error && error.stack ? error.stack : String(error);
    document.documentElement.setAttribute('data-rendered', 'error: ' + String(error && error.message ? error.message : error));
    let box = document.getElementById('errors');
    if (!box) { box = document.createElement('div'); box.id = 'errors'; document.body.prepend(box); }
    box.style.display = 'block';
    box.textContent = 'The report could not be drawn: ' + message;
  }
  window.addEventListener('error', (event) => fail(event.error || event.message));
  function start() {
    try { render(); } catch (error) { fail(error); }
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
