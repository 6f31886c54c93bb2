// SVG plot helpers: a plot box, axes, legends.
import { h, s, ticks } from './dom.js';

// ---- plots (SVG) ------------------------------------------------------------------------------
export function plotBox(title, note, width, height, margin) {
  const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': title });
  const box = h('div', { class: 'plot' }, h('h3', {}, title), svg, note ? h('p', { class: 'note' }, note) : null);
  return { box, svg, iw: width - margin.l - margin.r, ih: height - margin.t - margin.b, m: margin };
}
export function yAxis(p, lo, hi, fmt, label) {
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
export function xLayerAxis(p, n, x) {
  const g = s('g', { class: 'axis' });
  const every = Math.max(1, Math.ceil(n / 24));
  for (let i = 0; i < n; i += every) g.append(s('text', { x: x(i), y: p.m.t + p.ih + 12, 'text-anchor': 'middle' }, String(i + 1)));
  g.append(s('line', { x1: p.m.l, x2: p.m.l + p.iw, y1: p.m.t + p.ih, y2: p.m.t + p.ih }));
  g.append(s('text', { x: p.m.l + p.iw / 2, y: p.m.t + p.ih + 26, 'text-anchor': 'middle' }, 'layer'));
  p.svg.append(g);
}
export function plotLegend(p, items) {
  let x = p.m.l + 4;
  for (const [color, text, dashed] of items) {
    p.svg.append(dashed ? s('line', { x1: x, x2: x + 14, y1: 10, y2: 10, stroke: color, 'stroke-width': 2, 'stroke-dasharray': '4 2' })
      : s('rect', { x, y: 5, width: 12, height: 10, fill: color }));
    p.svg.append(s('text', { x: x + 17, y: 14 }, text));
    x += 24 + text.length * 5.6;
  }
}
