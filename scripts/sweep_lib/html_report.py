"""DIR/report.html of a sweep (scripts/sweep --html): one self-contained page, no network access
when viewed, to open, send and archive, drawn by the same script as aie2sim's run reports.

This module only collects the sweep's data: the grid and its status, the results (one row per
cell: parameters, analytic and simulated latency, their ratio, images/s, hardware bound,
efficiency, error), the sweep's PNG plots as base64, and per cell its report's totals and
per-layer table from DIR/cells/NAME.json (or its error and the end of its stderr), the
`aie2sim run` command that draws the cell's own timeline report, and a link to it when
DIR/cells/NAME.html exists. `aie2sim html --data DIR/report.data.json --html DIR/report.html`
(the sweep's own aie2sim) turns it into the page; its "sweep" view (sim/report/js/
sweep_report.js) draws it. When drawn, the page carries <html data-rendered="ok"> and
data-images-loaded (the plots the browser decoded): tests/e2e/html_report_test.sh reads both.
"""
import base64
import datetime
import json
import os
import shlex
import subprocess

from . import grid

PLOT_TEXT = {
    "latency_vs_mesh.png": "Latency over the meshes, per network: simulated solid, analytic dashed, "
                           "one colour per sparsity setting.",
    "dense_vs_sparse.png": "Dense / sparse latency over the meshes, against the ideal "
                           "1 / (1 - ratio) of the sparse compute.",
    "sim_vs_analytic.png": "Simulated / analytic for every cell.",
}

# What the page shows of a cell's report (the rest stays in DIR/cells/NAME.json).
LAYER_KEYS = ("name", "op", "macs", "density", "analytic_s", "simulated_s", "bound_s",
              "bound_resource", "efficiency", "cause")


def plots(paths):
    out = []
    for path in paths:
        if not path.endswith(".png") or not os.path.exists(path):
            continue
        with open(path, "rb") as source:
            data = base64.b64encode(source.read()).decode("ascii")
        name = os.path.basename(path)
        caption = PLOT_TEXT.get(name, "Latency against the --set key " + name[len("param_"):-4]
                                if name.startswith("param_") else "")
        out.append({"name": name, "caption": caption, "png": data})
    return out


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


def cell_data(directory, cell, row, aie2sim):
    base = os.path.join(directory, "cells", cell.name)
    data = {"name": cell.name, "status": row["status"], "error": row.get("error", ""),
            "command": shlex.join([aie2sim, "run"] + list(cell.args)
                                  + ["--html", base + ".html"])}
    if row["status"] == "ok":
        report = read_json(base + ".json") or {}
        data["report"] = {"totals": report.get("totals", {}),
                          "layers": [{key: layer[key] for key in LAYER_KEYS if key in layer}
                                     for layer in report.get("layers", [])]}
    elif row["status"] == "failed":
        data["stderr"] = tail(base + ".stderr")
    if os.path.exists(base + ".html"):
        data["link"] = os.path.relpath(base + ".html", directory)
    return data


def sweep_data(directory, cells, keys, results, plot_paths, aie2sim):
    by_name = {row["cell"]: row for row in results}

    def values(attribute):
        return ", ".join(dict.fromkeys(str(getattr(cell, attribute)) for cell in cells))

    grid_items = [["workloads", values("workload")], ["configs", values("config")],
                  ["sparsity", ", ".join(dict.fromkeys(cell.sparsity() for cell in cells))]]
    grid_items += [["--set " + key, ",".join(dict.fromkeys(c.params.get(key, "") for c in cells))]
                   for key in keys]
    name = os.path.basename(os.path.normpath(directory))
    return {"view": "sweep", "title": "aie2sim sweep: " + name,
            "sweep": {"name": name, "directory": directory, "aie2sim": aie2sim,
                      "written": datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
                      "grid": grid_items, "keys": keys, "results": results,
                      "plots": plots(plot_paths),
                      "cells": [cell_data(directory, cell, by_name[cell.name], aie2sim)
                                for cell in cells if cell.name in by_name]}}


def write(directory, cells, keys, results, plot_paths):
    """Writes DIR/report.html (and its data, DIR/report.data.json); returns the page's path."""
    manifest = read_json(os.path.join(directory, "sweep.json")) or {}
    aie2sim = manifest.get("aie2sim", "aie2sim")
    data_path = os.path.join(directory, "report.data.json")
    grid.write_atomic(data_path, json.dumps(
        sweep_data(directory, cells, keys, results, plot_paths, aie2sim)))
    path = os.path.join(directory, "report.html")
    result = subprocess.run([aie2sim, "html", "--data", data_path, "--html", path],
                            stderr=subprocess.PIPE, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"{aie2sim} html: {result.stderr.strip()}")
    return path
