// Small helpers shared by every view: element builders, formats, searches, axis ticks, the tooltip.
// ---- small helpers ------------------------------------------------------------------------
export function h(tag, attrs, ...children) {
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
export function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : String(child));
  }
  return parent;
}
export const SVG_NS = 'http://www.w3.org/2000/svg';
export function s(tag, attrs, ...children) {
  const e = document.createElementNS(SVG_NS, tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null) continue;
    if (key.startsWith('on')) e.addEventListener(key.slice(2), value);
    else e.setAttribute(key, value);
  }
  append(e, children);
  return e;
}
export function esc(text) {
  return String(text).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;',
    '"': '&quot;' }[c]));
}
export function fmtSeconds(seconds, digits) {
  if (seconds === null || seconds === undefined || !isFinite(seconds)) return '\u2013';
  const d = digits === undefined ? 3 : digits;
  if (Math.abs(seconds) < 1e-15) seconds = 0;
  const a = Math.abs(seconds);
  if (a >= 1) return seconds.toFixed(d) + ' s';
  if (a >= 1e-3) return (seconds * 1e3).toFixed(d) + ' ms';
  if (a >= 1e-6 || a === 0) return (seconds * 1e6).toFixed(d) + ' \u00b5s';
  return (seconds * 1e9).toFixed(Math.max(0, d - 2)) + ' ns';
}
export const fmtUs = (us, digits) => fmtSeconds(us * 1e-6, digits);
export function fmtInt(n) { return Math.round(n).toLocaleString('en-US'); }
export function fmtSi(n, unit) {
  const a = Math.abs(n);
  for (const [scale, prefix] of [[1e12, 'T'], [1e9, 'G'], [1e6, 'M'], [1e3, 'k']]) {
    if (a >= scale) return (n / scale).toPrecision(3) + ' ' + prefix + unit;
  }
  return String(Math.round(n * 100) / 100) + ' ' + unit;
}
export const fmtBytes = (b) => fmtSi(b, 'B');
export function fmtRatio(r) { return r === null || !isFinite(r) ? '\u2013' : r.toFixed(3); }
export function ratioClass(r) {
  if (r === null || !isFinite(r)) return '';
  const d = Math.abs(r - 1);
  return d > 0.1 ? 'ratio-hi' : d > 0.02 ? 'ratio-mid' : 'ratio-ok';
}
export function lowerBound(array, value, lo, hi) {  // first index in [lo, hi) with array[i] >= value
  lo = lo || 0; hi = hi === undefined ? array.length : hi;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (array[mid] < value) lo = mid + 1; else hi = mid; }
  return lo;
}
export function upperBound(array, value, lo, hi) {  // first index in [lo, hi) with array[i] > value
  lo = lo || 0; hi = hi === undefined ? array.length : hi;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (array[mid] <= value) lo = mid + 1; else hi = mid; }
  return lo;
}
export function niceStep(span, count) {
  const raw = span / Math.max(1, count);
  const power = Math.pow(10, Math.floor(Math.log10(raw)));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * power >= raw) return m * power;
  return 10 * power;
}
export function ticks(lo, hi, count) {
  if (!(hi > lo)) return [lo];
  const step = niceStep(hi - lo, count);
  const out = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(+v.toPrecision(12));
  return out;
}
export function fmtAxisUs(v, step) {  // an axis label in µs, ms or ns, as precise as the step needs
  const a = Math.max(Math.abs(step), 1e-12);
  if (a >= 1000) return (v / 1000).toFixed(Math.max(0, -Math.floor(Math.log10(a / 1000)))) + ' ms';
  if (a >= 1) return v.toFixed(Math.max(0, -Math.floor(Math.log10(a)))) + ' \u00b5s';
  return (v * 1000).toFixed(Math.max(0, -Math.floor(Math.log10(a * 1000)))) + ' ns';
}

// ---- the tooltip ----------------------------------------------------------------------------
let tooltip = null;
export function showTip(html, x, y) {
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
export function hideTip() { if (tooltip) tooltip.style.display = 'none'; }
// Creates the page's tooltip element (once per page).
export function initTooltip() {
  tooltip = h('div', { id: 'tooltip' });
  document.body.append(tooltip);
}
// The tooltip's text while it shows, else '' (self-tests).
export function tooltipText() { return tooltip && tooltip.style.display !== 'none' ? tooltip.textContent : ''; }
