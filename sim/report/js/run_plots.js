// Run report: the plots (latency, achieved against bound, cumulative latency, occupancy, attribution).
import { fmtAxisUs, fmtSeconds, fmtUs, h, s } from './dom.js';
import { CLASS_TEXT } from './kinds.js';
import { plotBox, plotLegend, xLayerAxis, yAxis } from './plot.js';
import { selectLayer } from './run_layer.js';
import { state } from './run_state.js';
import { engineClassOf } from './run_tables.js';

export function plotsSection() {
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
