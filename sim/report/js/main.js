// The entry point: reads #aie2sim-data and draws the view its "view" names.
import { renderRun } from './run_report.js';
import { renderSweep } from './sweep_report.js';
import { renderValidate } from './validate_report.js';

export function fail(error) {
  const message = error && error.stack ? error.stack : String(error);
  document.documentElement.setAttribute('data-rendered', 'error: ' + String(error && error.message ? error.message : error));
  let box = document.getElementById('errors');
  if (!box) { box = document.createElement('div'); box.id = 'errors'; document.body.prepend(box); }
  box.style.display = 'block';
  box.textContent = 'The report could not be drawn: ' + message;
}
window.addEventListener('error', (event) => fail(event.error || event.message));
// The views a page can show, by its data's "view" ("run" when absent): one bundle serves every
// report. A new kind of report adds its module to the bundle
// (sim/report/CMakeLists.txt, before this file) and its render function here.
export const VIEWS = { run: renderRun, sweep: renderSweep, validate: renderValidate };
export function startPage() {
  try {
    const data = JSON.parse(document.getElementById('aie2sim-data').textContent);
    const view = VIEWS[data.view || 'run'];
    if (!view) throw new Error(`no view "${data.view}" in this script`);
    document.documentElement.setAttribute('data-view', data.view || 'run');
    view(data);
  } catch (error) { fail(error); }
}
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', startPage);
else startPage();
