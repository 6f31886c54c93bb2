"""Collects a sweep directory's cells into DIR/results.csv (one row per cell) and DIR/layers.csv
(one row per layer of every finished cell).

results.csv: cell, status (ok | failed | pending), error, the cell's parameters (workload, config,
array.rows, array.columns, sparsity_ratio, sparsity_block, one column per --set key), the report's
batch and totals (macs, effective_macs, analytic_s, simulated_s, images_per_s, and the hardware
bound: bound_s and efficiency = bound_s / the simulated latency),
simulated_over_analytic, analytic_fill_drain_s, program_hash, the report's *_wall_s times, and the
cell's files (json, stderr) relative to DIR. A failed cell keeps its parameters, error and stderr
file and leaves the numbers empty; a pending cell has not run (or was interrupted).

layers.csv: cell and the --set columns, then the columns of `aie2sim run --csv` unchanged.
"""
import csv
import io
import json
import os
import re

from . import grid

TOTALS = ["macs", "effective_macs", "analytic_s", "simulated_s", "images_per_s", "bound_s",
          "efficiency"]
WALLS = ["compile_wall_s", "estimate_wall_s", "simulate_wall_s"]


def mesh_of(cell, config_path):
    """(rows, columns) of a cell: its config file's array section, then its --set overrides."""
    rows = columns = None
    try:
        with open(config_path) as source:
            section = None
            for line in source:
                match = re.match(r"^(\s*)([A-Za-z_]+):\s*([^#\s]*)", line)
                if not match:
                    continue
                indent, key, value = match.groups()
                if not indent:
                    section = key
                elif section == "array" and key == "rows":
                    rows = int(value)
                elif section == "array" and key == "columns":
                    columns = int(value)
    except (OSError, ValueError):
        pass
    return override(cell, "array.rows", rows), override(cell, "array.columns", columns)


def override(cell, key, value):
    try:
        return int(cell.params[key]) if key in cell.params else value
    except ValueError:
        return None


def config_path(cell, report, root):
    """The config file a cell used: from its report, else the preset or path it names."""
    if report:
        return report["config"]["path"]
    argument = cell.args[cell.args.index("--arch") + 1]
    if os.path.isfile(argument):
        return argument
    return os.path.join(root, "configs", f"{argument}.yaml")


def read_json(path):
    try:
        with open(path) as source:
            return json.load(source)
    except (OSError, ValueError):
        return None


def result_row(directory, cell, keys, root):
    base = os.path.join(directory, "cells", cell.name)
    report = read_json(base + ".json")
    failure = None if report else read_json(base + ".failed")
    status = "ok" if report else "failed" if failure else "pending"
    rows, columns = mesh_of(cell, config_path(cell, report, root))
    row = {"cell": cell.name, "status": status, "error": failure["error"] if failure else "",
           "workload": cell.workload, "config": cell.config, "array.rows": rows,
           "array.columns": columns, "sparsity_ratio": f"{cell.sparsity_ratio:g}",
           "sparsity_block": cell.sparsity_block}
    row.update({key: cell.params[key] for key in keys if key in cell.params and key not in row})
    if report:
        totals = report["totals"]
        row["batch"] = report["batch"]
        row.update({key: totals.get(key, "") for key in TOTALS})
        if totals.get("analytic_s"):
            row["simulated_over_analytic"] = totals.get("simulated_s", 0) / totals["analytic_s"]
        row["analytic_fill_drain_s"] = report.get("analytic_fill_drain_s", "")
        row["program_hash"] = report["program_hash"]
        row.update({key: report["wall"].get(key, "") for key in WALLS})
        row["json"] = os.path.relpath(base + ".json", directory)
    if os.path.exists(base + ".stderr"):
        row["stderr"] = os.path.relpath(base + ".stderr", directory)
    return row


PARAMETERS = ["workload", "config", "array.rows", "array.columns", "sparsity_ratio",
              "sparsity_block"]


def result_columns(keys):
    return (["cell", "status", "error"] + PARAMETERS + [k for k in keys if k not in PARAMETERS]
            + ["batch"] + TOTALS
            + ["simulated_over_analytic", "analytic_fill_drain_s", "program_hash"] + WALLS
            + ["json", "stderr"])


def layer_rows(directory, cell, keys):
    """The cell's per-layer CSV rows (from aie2sim --csv), prefixed with the cell's columns."""
    path = os.path.join(directory, "cells", cell.name + ".csv")
    if not os.path.exists(os.path.join(directory, "cells", cell.name + ".json")):
        return [], []
    with open(path, newline="") as source:
        reader = csv.DictReader(source)
        prefix = {"cell": cell.name}
        prefix.update({key: cell.params.get(key, "") for key in keys})
        return list(reader.fieldnames), [dict(prefix, **row) for row in reader]


def write_csv(path, columns, rows):
    text = io.StringIO()
    writer = csv.DictWriter(text, columns, restval="", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    grid.write_atomic(path, text.getvalue())


def collect(directory, cells, keys, root):
    """Writes results.csv and layers.csv; returns the result rows."""
    results = [result_row(directory, cell, keys, root) for cell in cells]
    write_csv(os.path.join(directory, "results.csv"), result_columns(keys), results)
    layer_columns, layers = [], []
    for cell in cells:
        columns, rows = layer_rows(directory, cell, keys)
        layer_columns += [c for c in columns if c not in layer_columns]
        layers += rows
    write_csv(os.path.join(directory, "layers.csv"), ["cell"] + keys + layer_columns, layers)
    return results
