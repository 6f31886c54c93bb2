"""DIR/report.html of a sweep (scripts/sweep --html): one self-contained page, no network access
when viewed, to open, send and archive.

It holds the grid and its status, the results table (one row per cell: parameters, analytic and
simulated latency, their ratio, images/s, error; click a column to sort, type to filter), the
sweep's PNG plots embedded as base64, and per cell a collapsible summary: its per-layer table
from DIR/cells/NAME.json, or its error and the end of its stderr, and the `aie2sim run` command
that draws the cell's own timeline report (linked when DIR/cells/NAME.html exists).
When its script has run, the page carries <html data-rendered="ok"> and data-images-loaded (the
plots the browser decoded): tests/e2e/html_report_test.sh reads both.
"""
import base64
import datetime
import html
import json
import os
import shlex

from . import grid

STYLE = """
body { margin: 0; font: 13px/1.45 "DejaVu Sans", "Segoe UI", Helvetica, Arial, sans-serif; color: #1d2330; }
main { max-width: 1500px; margin: 0 auto; padding: 12px 20px 40px; }
h1 { font-size: 21px; margin: 6px 0 2px; }
h2 { font-size: 16px; margin: 26px 0 8px; padding-bottom: 4px; border-bottom: 1px solid #d9dee7; }
.meta, .note { color: #5b6475; margin: 2px 0; }
.cards { display: flex; flex-wrap: wrap; gap: 10px; margin: 12px 0 4px; }
.card { background: #f6f8fb; border: 1px solid #d9dee7; border-radius: 6px; padding: 7px 12px; min-width: 110px; }
.card .label { color: #5b6475; font-size: 11px; text-transform: uppercase; }
.card .value { font-size: 18px; font-weight: 600; }
table.data { border-collapse: collapse; font-size: 12px; margin: 4px 0 8px; }
table.data th, table.data td { padding: 3px 8px; border-bottom: 1px solid #d9dee7; text-align: left; white-space: nowrap; }
table.data th { background: #f6f8fb; position: sticky; top: 0; cursor: pointer; user-select: none; }
table.data td.num, table.data th.num { text-align: right; font-variant-numeric: tabular-nums; }
table.data tbody tr:hover { background: #eef3fc; }
th.sorted-asc::after { content: " \\25B2"; font-size: 9px; }
th.sorted-desc::after { content: " \\25BC"; font-size: 9px; }
.status-ok { color: #1d7a3a; } .status-failed { color: #b3261e; font-weight: 600; } .status-pending { color: #b35900; }
.ratio-hi { color: #b3261e; font-weight: 600; } .ratio-mid { color: #b35900; }
.scroll { max-height: 600px; overflow: auto; border: 1px solid #d9dee7; border-radius: 4px; }
.plots { display: grid; grid-template-columns: repeat(auto-fit, minmax(520px, 1fr)); gap: 14px; }
figure { margin: 0; border: 1px solid #d9dee7; border-radius: 5px; padding: 6px; }
figure img { max-width: 100%; height: auto; display: block; margin: 0 auto; }
figcaption { color: #5b6475; font-size: 12px; margin-top: 4px; }
details { margin: 4px 0; } summary { cursor: pointer; }
pre { background: #f6f8fb; border: 1px solid #d9dee7; padding: 6px 8px; overflow: auto; font-size: 11px; }
input#filter { font: inherit; padding: 3px 6px; width: 320px; margin: 4px 0; }
a { color: #2357c6; }
"""

SCRIPT = """
(function () {
  'use strict';
  function sortable(table) {
    const heads = Array.from(table.tHead.rows[0].cells);
    const body = table.tBodies[0];
    heads.forEach((th, n) => th.addEventListener('click', () => {
      const numeric = th.classList.contains('num');
      const ascending = th.classList.contains('sorted-asc') ? false : th.classList.contains('sorted-desc') ? true : !numeric;
      heads.forEach((h) => h.classList.remove('sorted-asc', 'sorted-desc'));
      th.classList.add(ascending ? 'sorted-asc' : 'sorted-desc');
      const key = (row) => {
        const cell = row.cells[n];
        const text = cell.dataset.value !== undefined ? cell.dataset.value : cell.textContent;
        if (!numeric) return text;
        const value = parseFloat(text);
        return isNaN(value) ? null : value;
      };
      const rows = Array.from(body.rows);
      rows.sort((a, b) => {
        const x = key(a), y = key(b);
        if (x === y) return 0;
        if (x === null) return 1;
        if (y === null) return -1;
        return (x < y ? -1 : 1) * (ascending ? 1 : -1);
      });
      rows.forEach((row) => body.append(row));
    }));
  }
  try {
    document.querySelectorAll('table.data').forEach(sortable);
    const filter = document.getElementById('filter');
    const results = document.getElementById('results-table');
    if (filter && results) {
      filter.addEventListener('input', () => {
        const words = filter.value.toLowerCase().split(/\\s+/).filter(Boolean);
        let shown = 0;
        for (const row of results.tBodies[0].rows) {
          const text = row.textContent.toLowerCase();
          const visible = words.every((w) => text.includes(w));
          row.style.display = visible ? '' : 'none';
          if (visible) shown++;
        }
        document.getElementById('shown').textContent = shown + ' shown';
      });
    }
    const images = Array.from(document.images);
    const loaded = () => images.filter((img) => img.complete && img.naturalWidth > 0).length;
    Promise.all(images.map((img) => (img.complete ? Promise.resolve() : new Promise((done) => {
      img.addEventListener('load', done); img.addEventListener('error', done);
    })))).then(() => {
      document.documentElement.setAttribute('data-images-loaded', String(loaded()));
      document.documentElement.setAttribute('data-rendered', 'ok');
    });
  } catch (error) {
    document.documentElement.setAttribute('data-rendered', 'error: ' + error.message);
  }
})();
"""

PLOT_TEXT = {
    "latency_vs_mesh.png": "Latency over the meshes, per network: simulated solid, analytic dashed, "
                           "one colour per sparsity setting.",
    "dense_vs_sparse.png": "Dense / sparse latency over the meshes, against the ideal "
                           "1 / (1 - ratio) of the sparse compute.",
    "sim_vs_analytic.png": "Simulated / analytic for every cell.",
}


def esc(value):
    return html.escape("" if value is None else str(value), quote=True)


def number(value):
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def fixed(value, scale=1.0, digits=3):
    value = number(value)
    return "" if value is None else f"{value * scale:.{digits}f}"


def ms(seconds):
    """Milliseconds: three decimals, or four significant digits below 0.1 ms."""
    value = number(seconds)
    if value is None:
        return ""
    value *= 1e3
    return f"{value:.3f}" if abs(value) >= 0.1 else f"{value:.4g}"


def ratio_class(ratio):
    if ratio is None:
        return ""
    return "ratio-hi" if abs(ratio - 1) > 0.1 else "ratio-mid" if abs(ratio - 1) > 0.02 else ""


def anchor(name):
    return "cell-" + name


def results_table(rows, keys):
    heads = ([("cell", False), ("status", False), ("workload", False), ("config", False),
              ("mesh", False), ("sparsity", False)] + [(key, False) for key in keys]
             + [("analytic ms", True), ("simulated ms", True), ("sim/ana", True),
                ("images/s", True), ("bound ms", True), ("efficiency", True), ("error", False)])
    out = ['<table class="data" id="results-table"><thead><tr>']
    out += [f'<th class="{"num" if num else ""}">{esc(text)}</th>' for text, num in heads]
    out.append("</tr></thead><tbody>")
    for row in rows:
        ratio = number(row.get("simulated_over_analytic"))
        mesh = (f'{row["array.rows"]}x{row["array.columns"]}'
                if row.get("array.rows") and row.get("array.columns") else "")
        sparsity = ("dense" if number(row.get("sparsity_ratio")) in (None, 0.0)
                    else f'{row["sparsity_ratio"]} ({row.get("sparsity_block", "")})')
        cells = [f'<td><a href="#{esc(anchor(row["cell"]))}">{esc(row["cell"])}</a></td>',
                 f'<td class="status-{esc(row["status"])}">{esc(row["status"])}</td>',
                 f'<td>{esc(row["workload"])}</td>', f'<td>{esc(row["config"])}</td>',
                 f'<td>{esc(mesh)}</td>', f'<td>{esc(sparsity)}</td>']
        cells += [f"<td>{esc(row.get(key, ''))}</td>" for key in keys]
        cells += [f'<td class="num">{ms(row.get("analytic_s"))}</td>',
                  f'<td class="num">{ms(row.get("simulated_s"))}</td>',
                  f'<td class="num {ratio_class(ratio)}">{fixed(ratio)}</td>',
                  f'<td class="num">{fixed(row.get("images_per_s"), 1, 1)}</td>',
                  f'<td class="num">{ms(row.get("bound_s"))}</td>',
                  f'<td class="num">{fixed(row.get("efficiency"))}</td>',
                  f'<td>{esc(row.get("error", ""))}</td>']
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def plot_figures(paths):
    figures = []
    for path in paths:
        if not path.endswith(".png") or not os.path.exists(path):
            continue
        with open(path, "rb") as source:
            data = base64.b64encode(source.read()).decode("ascii")
        name = os.path.basename(path)
        caption = PLOT_TEXT.get(name, "Latency against the --set key " + name[len("param_"):-4]
                                if name.startswith("param_") else "")
        figures.append(f'<figure><img alt="{esc(name)}" src="data:image/png;base64,{data}">'
                       f"<figcaption><b>{esc(name)}</b> {esc(caption)}</figcaption></figure>")
    return figures


def read_json(path):
    try:
        with open(path) as source:
            return json.load(source)
    except (OSError, ValueError):
        return None


def tail(path, lines=12):
    try:
        with open(path, errors="replace") as source:
            return "".join(source.readlines()[-lines:])
    except OSError:
        return ""


def layer_table(report):
    out = ['<table class="data"><thead><tr><th class="num">#</th><th>layer</th><th>op</th>'
           '<th class="num">MACs</th><th class="num">density</th><th class="num">analytic &micro;s</th>'
           '<th class="num">simulated &micro;s</th><th class="num">sim/ana</th><th>cause</th>'
           "</tr></thead><tbody>"]
    for index, layer in enumerate(report.get("layers", []), 1):
        analytic, simulated = layer.get("analytic_s"), layer.get("simulated_s")
        ratio = simulated / analytic if analytic and simulated is not None else None
        out.append(f'<tr><td class="num">{index}</td><td>{esc(layer["name"])}</td>'
                   f'<td>{esc(layer.get("op", ""))}</td><td class="num">{layer.get("macs", 0):,}</td>'
                   f'<td class="num">{fixed(layer.get("density"))}</td>'
                   f'<td class="num">{fixed(analytic, 1e6)}</td>'
                   f'<td class="num">{fixed(simulated, 1e6)}</td>'
                   f'<td class="num {ratio_class(ratio)}">{fixed(ratio)}</td>'
                   f'<td>{esc(layer.get("cause", ""))}</td></tr>')
    out.append("</tbody></table>")
    return "".join(out)


def cell_section(directory, cell, row, aie2sim):
    base = os.path.join(directory, "cells", cell.name)
    command = shlex.join([aie2sim, "run"] + list(cell.args)
                         + ["--html", os.path.join(directory, "cells", cell.name + ".html")])
    head = f'{esc(cell.name)} <span class="status-{esc(row["status"])}">{esc(row["status"])}</span>'
    parts = []
    if row["status"] == "ok":
        report = read_json(base + ".json") or {}
        totals = report.get("totals", {})
        head += (f' &middot; simulated {ms(totals.get("simulated_s"))} ms, analytic '
                 f'{ms(totals.get("analytic_s"))} ms')
        parts.append(f'<div class="scroll">{layer_table(report)}</div>')
    elif row["status"] == "failed":
        parts.append(f"<p>error: {esc(row.get('error', ''))}</p>"
                     f"<pre>{esc(tail(base + '.stderr'))}</pre>")
    else:
        parts.append("<p>Not run yet (or interrupted): run the same sweep command again.</p>")
    if os.path.exists(base + ".html"):
        link = os.path.relpath(base + ".html", directory)
        parts.append(f'<p><a href="{esc(link)}">This cell\'s own report with its timeline</a></p>')
    parts.append(f'<p class="note">Its own report with tables, plots and the engine timeline:</p>'
                 f"<pre>{esc(command)}</pre>")
    return (f'<details id="{esc(anchor(cell.name))}"><summary>{head}</summary>'
            + "".join(parts) + "</details>")


def page(directory, cells, keys, results, plot_paths):
    manifest = read_json(os.path.join(directory, "sweep.json")) or {}
    aie2sim = manifest.get("aie2sim", "aie2sim")
    count = {status: sum(row["status"] == status for row in results)
             for status in ("ok", "failed", "pending")}
    by_name = {row["cell"]: row for row in results}

    def values(attribute):
        return ", ".join(dict.fromkeys(str(getattr(cell, attribute)) for cell in cells))

    sparsity = ", ".join(dict.fromkeys(cell.sparsity() for cell in cells))
    figures = plot_figures(plot_paths)
    written = datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    cards = "".join(f'<div class="card"><div class="label">{esc(label)}</div>'
                    f'<div class="value {cls}">{value}</div></div>'
                    for label, value, cls in (("cells", len(results), ""),
                                              ("ok", count["ok"], "status-ok"),
                                              ("failed", count["failed"], "status-failed"
                                               if count["failed"] else ""),
                                              ("pending", count["pending"], "status-pending"
                                               if count["pending"] else "")))
    grid_text = (f"workloads {values('workload')} &middot; configs {esc(values('config'))} "
                 f"&middot; {esc(sparsity)}"
                 + "".join(f" &middot; --set {esc(key)}="
                           + esc(",".join(dict.fromkeys(c.params.get(key, "") for c in cells)))
                           for key in keys))
    body = [f"<h1>aie2sim sweep: {esc(os.path.basename(directory))}</h1>",
            f'<p class="meta">{esc(directory)} &middot; {grid_text} &middot; aie2sim '
            f"{esc(aie2sim)} &middot; written {esc(written)}</p>",
            f'<div class="cards">{cards}</div>',
            '<h2 id="results">Results</h2>',
            '<p class="note">One row per cell. Click a column to sort; type words to filter; '
            'click a cell for its layers. sim/ana: simulated / analytic latency.</p>',
            '<input id="filter" type="search" placeholder="filter, e.g. resnet50 dense"> '
            f'<span id="shown" class="note">{len(results)} shown</span>',
            f'<div class="scroll">{results_table(results, keys)}</div>',
            '<h2 id="plots">Plots</h2>',
            ('<div class="plots">' + "".join(figures) + "</div>") if figures else
            '<p class="note">No plots in this report (--no-plots, or python3-matplotlib is '
            "missing).</p>",
            '<h2 id="cells">Cells</h2>',
            '<p class="note">Each cell\'s per-layer table from its report (DIR/cells/NAME.json).'
            "</p>"]
    body += [cell_section(directory, cell, by_name[cell.name], aie2sim) for cell in cells
             if cell.name in by_name]
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<title>aie2sim sweep: {esc(os.path.basename(directory))}</title>\n"
            f"<style>{STYLE}</style>\n</head>\n<body>\n<main>\n" + "\n".join(body)
            + f"\n</main>\n<script>{SCRIPT}</script>\n</body>\n</html>\n")


def write(directory, cells, keys, results, plot_paths):
    """Writes DIR/report.html; returns its path."""
    path = os.path.join(directory, "report.html")
    grid.write_atomic(path, page(directory, cells, keys, results, plot_paths))
    return path
