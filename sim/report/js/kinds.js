// Instruction kinds (trace::SliceKind names), their colours and descriptions.
// ---- instruction kinds ------------------------------------------------------------------
export const KINDS = ['LOAD', 'LOADW', 'LOADFM', 'LOADWM', 'COMP', 'WRITEFM', 'WRITE', 'MOVE', 'WAIT',
  'RELOAD', 'OTHER'];
export const NK = KINDS.length;
export const KIND_INDEX = {};
KINDS.forEach((kind, i) => { KIND_INDEX[kind] = i; });
export const WAIT = KIND_INDEX.WAIT;
export const COLORS = {
  LOAD: '#1f77b4', LOADW: '#17becf', LOADFM: '#2ca02c', LOADWM: '#bcbd22', COMP: '#d62728',
  WRITEFM: '#9467bd', WRITE: '#ff7f0e', MOVE: '#8c564b', WAIT: '#b8bcc4', RELOAD: '#7f7f7f',
  OTHER: '#e377c2',
};
export const KIND_COLOR = KINDS.map((kind) => COLORS[kind]);
export const KIND_RGB = KIND_COLOR.map((hex) => [1, 3, 5].map((i) => parseInt(hex.substr(i, 2), 16)));
export const KIND_TEXT = {
  LOAD: 'DDR \u2192 memtile, activations', LOADW: 'DDR \u2192 memtile, weights',
  LOADFM: 'memtile \u2192 cores, activations', LOADWM: 'memtile \u2192 cores, weights',
  COMP: 'compute on a core', WRITEFM: 'cores \u2192 memtile', WRITE: 'memtile \u2192 DDR',
  MOVE: 'other transfer (memtile \u2194 memtile, ...)', WAIT: 'waiting on a lock (acquire)',
  RELOAD: 'buffer descriptors rewritten before a group', OTHER: 'other',
};
export const PAPER_KINDS = ['LOAD', 'LOADW', 'LOADFM', 'LOADWM', 'COMP', 'WRITEFM', 'WRITE'];
export const CLASS_TEXT = { shim: 'shim DMA', memtile: 'memtile DMA', coredma: 'core DMA',
  proc: 'core processors' };
