// Run report: the design summary of `aie2sim run --design` (the report's `design` section,
// sim/cli/design_report.h): where the time goes (array, host dispatch), the bound and the
// resource that sets it, bytes moved, kernel share, the parameters and every engine.
import { fmtBytes, fmtSeconds, h } from './dom.js';
import { dataTable } from './table.js';

export function designSection(R) {
  const D = R.design;
  if (!D) return null;
  const card = (label, value, sub) => h('div', { class: 'card' }, h('div', { class: 'label' }, label),
    h('div', { class: 'value' }, value), sub ? h('div', { class: 'sub' }, sub) : null);
  const B = D.bytes || {};
  const efficiency = D.bound_s && D.array_s ? D.bound_s / D.array_s : null;
  const cards = [
    card('total (host)', fmtSeconds(D.total_s), 'array + host dispatch'),
    card('array', fmtSeconds(D.array_s)),
    card('host dispatch', fmtSeconds(D.host_dispatch_s)),
    card('bound', fmtSeconds(D.bound_s), `set by ${D.bound_resource}` +
      (efficiency !== null ? `; ${(efficiency * 100).toFixed(1)}% of the array time` : '')),
    card('kernel share', D.kernel_share !== undefined ? (D.kernel_share * 100).toFixed(1) + '%' : '\u2013',
      D.macs_per_cycle !== undefined ? `${D.macs_per_cycle.toFixed(1)} MACs/cycle` : null),
    card('bytes', fmtBytes((B.ddr_read || 0) + (B.ddr_write || 0)) + ' DDR',
      `read ${fmtBytes(B.ddr_read || 0)}, written ${fmtBytes(B.ddr_write || 0)}; memtile ${fmtBytes(B.memtile || 0)}, core ${fmtBytes(B.core || 0)}`),
  ];
  const parameters = Object.entries(D.parameters || {}).map(([key, value]) => `${key}=${value}`).join(' \u00b7 ');
  const us = (v) => (v === undefined ? '\u2013' : (v * 1e6).toFixed(3));
  const engines = dataTable({ id: 'design-engines-table', rows: D.engines || [], columns: [
    { label: 'engine', get: (e) => e.engine },
    { label: 'busy \u00b5s', get: (e) => e.busy_s, fmt: us, num: true },
    { label: 'lock wait \u00b5s', get: (e) => e.lock_wait_s, fmt: us, num: true },
    { label: 'link wait \u00b5s', get: (e) => e.link_wait_s, fmt: us, num: true },
    { label: 'at end', get: (e) => (e.idle_at_end ? 'idle (waits)' : 'done') },
  ] });
  return h('section', { id: 'design' }, h('h2', {}, `Design: ${D.name}`),
    h('p', { class: 'meta' }, `${D.file} \u00b7 device ${D.device}` + (D.upstream ? ` \u00b7 upstream ${D.upstream}` : '')),
    parameters ? h('p', { class: 'meta' }, 'parameters: ' + parameters) : null,
    h('div', { class: 'cards', id: 'design-cards' }, cards),
    h('details', { open: true }, h('summary', {}, `Engines (${(D.engines || []).length})`), engines));
}
