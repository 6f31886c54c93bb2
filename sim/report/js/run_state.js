// The run report's state, shared by its views.
export const state = { report: null, TL: null, layer: -1, showWaits: false, laneMode: 'engine',
  classes: { shim: true, memtile: true, coredma: true, proc: true }, analyticMode: 'paper',
  views: {}, mainTimeline: null, mainView: null, layerPanel: null, layersTable: null };


export function layerName(i) {
  const R = state.report;
  if (i < R.layers.length) return R.layers[i].name;
  return state.TL && i < state.TL.layers.length ? state.TL.layers[i] : 'layer ' + i;
}
