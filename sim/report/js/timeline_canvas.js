// A zoomable canvas timeline (labels left, axis and bands on top, lanes below) and its time range.
import { fmtAxisUs, h, hideTip, showTip, ticks, upperBound } from './dom.js';
import { KIND_COLOR, KIND_RGB, WAIT } from './kinds.js';

// ---- a zoomable time range shared by timelines ----------------------------------------------
export class View {
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
export class Timeline {
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
export function drawIntervals(tl, starts, ends, kind, y, hgt, maxEnds) {
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
export function intervalAt(starts, ends, t, tol) {
  const i = upperBound(starts, t + tol) - 1;
  for (const j of [i, i - 1, i + 1]) {
    if (j >= 0 && j < starts.length && starts[j] - tol <= t && t <= ends[j] + tol) return j;
  }
  return -1;
}
