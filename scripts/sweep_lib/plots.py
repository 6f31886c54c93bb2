"""PNG plots of sweeps and runs (Debian's python3-matplotlib, Agg backend: no display needed).

From a sweep directory (its results.csv and sweep.json), only cells with status ok:
  latency_vs_mesh.png   per network: latency over the mesh sizes, one line per sparsity setting
                        (and config family, --set values); simulated solid, analytic dashed
  dense_vs_sparse.png   per network: dense latency / sparse latency over the meshes, with the
                        ideal 1 / (1 - ratio) of the sparse compute
  sim_vs_analytic.png   every cell: simulated / analytic against the analytic latency
  param_KEY.png         per network: latency against one --set key that has several values
From one run's JSON report:
  per-layer bars of analytic and simulated latency (coloured by the dominant cause), and
  simulated / analytic per layer.
A figure without data to show (one mesh only, no dense and sparse pair) is not written.
"""
import csv
import json
import math
import os
import re

import matplotlib

matplotlib.use("Agg")
import matplotlib.patches  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import matplotlib.ticker  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402

MESH_KEYS = ("array.rows", "array.columns")
COLOURS = plt.rcParams["axes.prop_cycle"].by_key()["color"]
MARKERS = "osD^vP*Xh"


# ---- reading -------------------------------------------------------------------------------

def read_sweep(directory):
    """(rows with status ok and numbers parsed, --set keys) of a sweep directory."""
    keys = []
    try:
        with open(os.path.join(directory, "sweep.json")) as source:
            keys = json.load(source)["keys"]
    except (OSError, ValueError, KeyError):
        pass
    with open(os.path.join(directory, "results.csv"), newline="") as source:
        rows = [row for row in csv.DictReader(source) if row["status"] == "ok"]
    for row in rows:
        for column in ("analytic_s", "simulated_s", "sparsity_ratio"):
            row[column] = float(row[column])
        row["mesh"] = mesh_label(row)
        row["family"] = re.sub(r"-?[0-9]+x[0-9]+$", "", row["config"]) or row["config"]
        row["sparsity"] = ("dense" if row["sparsity_ratio"] == 0 else
                           f"sparse {row['sparsity_ratio']:g}" +
                           ("" if row["sparsity_block"] == "8x8" else f" {row['sparsity_block']}"))
    return rows, keys


def mesh_label(row):
    if row.get("array.rows") and row.get("array.columns"):
        return f"{row['array.rows']}x{row['array.columns']}"
    return row["config"]


def mesh_order(label):
    numbers = re.match(r"^([0-9]+)x([0-9]+)$", label)
    if not numbers:
        return (math.inf, 0, label)
    rows, columns = int(numbers.group(1)), int(numbers.group(2))
    return (rows * columns, rows, label)


def unique(values):
    return list(dict.fromkeys(values))


def as_number(text):
    try:
        return float(text)
    except (TypeError, ValueError):
        return None


# ---- figure helpers ------------------------------------------------------------------------

BARE = {"workload", "config", "family", "mesh", "sparsity"}  # shown without "name="


def panels(count, width=5.2, height=3.9):
    """A figure with `count` panels, three to a line."""
    columns = min(count, 3)
    lines = math.ceil(count / columns)
    figure, axes = plt.subplots(lines, columns, figsize=(width * columns, height * lines),
                                squeeze=False)
    axes = axes.flatten()
    for unused in axes[count:]:
        unused.set_visible(False)
    return figure, axes[:count]


def colour(index, count):
    return COLOURS[index % 10] if count <= 10 else plt.get_cmap("tab20")(index % 20)


def series_label(key, names):
    """'sparse 0.5, stream.bytes_per_cycle=2': the parts of a series key."""
    parts = [str(value) if name in BARE else f"{name}={value}" for name, value in zip(names, key)]
    return ", ".join(parts) or "all cells"


def varying(rows, names):
    """The names among `names` whose value differs between rows."""
    return [name for name in names if len({row[name] for row in rows}) > 1]


def log_y(axis):
    """A log latency axis labelled 2, 5, 10 rather than 2x10^0."""
    axis.set_yscale("log")
    axis.yaxis.set_major_formatter(matplotlib.ticker.FormatStrFormatter("%g"))
    axis.yaxis.set_minor_formatter(matplotlib.ticker.FormatStrFormatter("%g"))
    axis.tick_params(axis="y", which="minor", labelsize=7)


def save(figure, path, legend=None):
    """Writes the figure, with `legend` (handles) in columns under the panels."""
    if legend:
        longest = max(len(handle.get_label()) for handle in legend)
        fits = int(figure.get_figwidth() / (0.07 * longest + 0.6))  # ~0.07 in per character
        columns = max(1, min(len(legend), 4, fits))
        lines = math.ceil(len(legend) / columns)
        figure.legend(handles=legend, loc="lower center", ncol=columns, fontsize=8,
                      frameon=False)
        space = 0.25 * lines + 0.1  # inches added under the panels for the legend
        figure.set_figheight(figure.get_figheight() + space)
        bottom = space / figure.get_figheight()
        figure.tight_layout(rect=(0, bottom, 1, 1))
    else:
        figure.tight_layout()
    figure.savefig(path, dpi=110)
    plt.close(figure)
    return path


def line_figure(rows, column, values, series, measure, title, xlabel, ylabel, path, log=False,
                extra=None):
    """One panel per workload, x = the row's `column` placed at its index in `values` (evenly
    spaced, labelled with the values); one colour per series (the row's values of the `series`
    columns); measure(row) -> (simulated, analytic), drawn solid and dashed. extra(axis, rows)
    may draw more and return legend handles. One legend under the panels."""
    workloads = unique(row["workload"] for row in rows)
    keyed = lambda row: tuple(row[name] for name in series)  # noqa: E731
    keys = unique(keyed(row) for row in rows)
    colours = {key: colour(i, len(keys)) for i, key in enumerate(keys)}
    figure, axes = panels(len(workloads))
    extra_handles = []
    for axis, workload in zip(axes, workloads):
        mine = [row for row in rows if row["workload"] == workload]
        for key in unique(keyed(row) for row in mine):
            points = sorted(((values.index(row[column]), measure(row)) for row in mine
                             if keyed(row) == key), key=lambda point: point[0])
            x = [point[0] for point in points]
            axis.plot(x, [point[1][0] for point in points], "-o", color=colours[key],
                      markersize=4)
            axis.plot(x, [point[1][1] for point in points], "--", color=colours[key],
                      linewidth=1)
        if extra:
            extra_handles = extra(axis, mine) or extra_handles
        if log:
            log_y(axis)
        axis.set_xticks(range(len(values)), values)
        axis.set_xlim(-0.5, len(values) - 0.5)
        axis.set_xlabel(xlabel)
        axis.set_ylabel(ylabel)
        axis.set_title(workload)
        axis.grid(True, which="both", alpha=0.3)
    legend = [Line2D([], [], color=colours[key], marker="o", markersize=4,
                     label=series_label(key, series)) for key in keys]
    legend += [Line2D([], [], color="black", linestyle="-", label="simulated"),
               Line2D([], [], color="black", linestyle="--", label="analytic")] + extra_handles
    figure.suptitle(title, fontsize=11)
    return save(figure, path, legend)


def latency_ms(row):
    return row["simulated_s"] * 1e3, row["analytic_s"] * 1e3


def wide_range(rows):
    latencies = [row["simulated_s"] for row in rows] + [row["analytic_s"] for row in rows]
    return min(latencies) > 0 and max(latencies) / min(latencies) > 10


def ordered(values):
    """Numbers in numeric order, anything else in the order given."""
    if all(as_number(value) is not None for value in values):
        return sorted(values, key=float)
    return values


# ---- sweep figures -------------------------------------------------------------------------

def latency_vs_mesh(rows, keys, path):
    meshes = sorted(unique(row["mesh"] for row in rows), key=mesh_order)
    if len(meshes) < 2:
        return None
    series = varying(rows, ["family", "sparsity"] + [k for k in keys if k not in MESH_KEYS])
    return line_figure(rows, "mesh", meshes, series, latency_ms, "Latency vs mesh size",
                       "mesh (core rows x columns)", "latency per batch (ms)", path, log=True)


def dense_vs_sparse(rows, keys, path):
    """Dense / sparse latency of matching cells, against the mesh, or against the first --set
    key with several values when there is one mesh."""
    names = ["workload", "mesh", "family"] + [k for k in keys if k not in MESH_KEYS]
    dense = {tuple(r[n] for n in names): r for r in rows if r["sparsity_ratio"] == 0}
    pairs = [dict(r, dense=dense[tuple(r[n] for n in names)]) for r in rows
             if r["sparsity_ratio"] > 0 and tuple(r[n] for n in names) in dense]
    if not pairs:
        return None
    column, xlabel, values = "mesh", "mesh (core rows x columns)", sorted(
        unique(r["mesh"] for r in pairs), key=mesh_order)
    if len(values) < 2:
        for key in keys:
            if len(unique(r[key] for r in pairs)) > 1:
                column, xlabel, values = key, key, ordered(unique(r[key] for r in pairs))
                break
    series = varying(pairs, [n for n in ["mesh", "family", "sparsity"] + keys
                             if n != column and n not in MESH_KEYS]) or ["sparsity"]

    def speedup(row):
        return (row["dense"]["simulated_s"] / row["simulated_s"],
                row["dense"]["analytic_s"] / row["analytic_s"])

    def ideal(axis, mine):
        for ratio in unique(r["sparsity_ratio"] for r in mine):
            if ratio < 1:
                axis.axhline(1 / (1 - ratio), color="grey", linestyle=":", linewidth=1)
        axis.axhline(1, color="grey", linewidth=0.8)
        axis.set_ylim(0, axis.get_ylim()[1] * 1.08)
        return [Line2D([], [], color="grey", linestyle=":", label="ideal: 1 / (1 - ratio)")]

    return line_figure(pairs, column, values, series, speedup, "Dense vs block-sparse", xlabel,
                       "speed-up: dense / sparse latency", path, extra=ideal)


def sim_vs_analytic(rows, keys, path):
    if not rows:
        return None
    workloads = unique(row["workload"] for row in rows)
    sparsities = unique(row["sparsity"] for row in rows)
    figure, axis = plt.subplots(figsize=(7.5, 4.8))
    for row in rows:
        shade = colour(workloads.index(row["workload"]), len(workloads))
        marker = MARKERS[sparsities.index(row["sparsity"]) % len(MARKERS)]
        axis.scatter(row["analytic_s"] * 1e3, row["simulated_s"] / row["analytic_s"], s=22,
                     marker=marker, edgecolors=[shade],
                     facecolors=[shade] if row["sparsity_ratio"] == 0 else "none")
    axis.axhline(1, color="grey", linewidth=0.8)
    axis.set_xscale("log")
    axis.xaxis.set_major_formatter(matplotlib.ticker.FormatStrFormatter("%g"))
    axis.set_xlabel("analytic latency (ms)")
    axis.set_ylabel("simulated / analytic")
    axis.grid(True, which="both", alpha=0.3)
    handles = [Line2D([], [], color=colour(i, len(workloads)), marker="o", linestyle="",
                      label=w) for i, w in enumerate(workloads)]
    handles += [Line2D([], [], color="black", marker=MARKERS[i % len(MARKERS)], linestyle="",
                       markerfacecolor="black" if s == "dense" else "none", label=s)
                for i, s in enumerate(sparsities)]
    axis.legend(handles=handles, fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1))
    axis.set_title(f"Simulated vs analytic latency ({len(rows)} cells)", fontsize=11)
    return save(figure, path)


def param_plot(rows, keys, key, path):
    values = ordered(unique(row[key] for row in rows))
    if len(values) < 2:
        return None
    series = varying(rows, ["config", "sparsity"] + [k for k in keys if k != key])
    return line_figure(rows, key, values, series, latency_ms, f"Latency vs {key}", key,
                       "latency per batch (ms)", path, log=wide_range(rows))


def sweep_plots(directory, output=None):
    """Writes the default figures of a sweep into `output` (default: the sweep directory);
    returns the paths written."""
    output = output or directory
    rows, keys = read_sweep(directory)
    written = [latency_vs_mesh(rows, keys, os.path.join(output, "latency_vs_mesh.png")),
               dense_vs_sparse(rows, keys, os.path.join(output, "dense_vs_sparse.png")),
               sim_vs_analytic(rows, keys, os.path.join(output, "sim_vs_analytic.png"))]
    for key in keys:
        safe = re.sub(r"[^A-Za-z0-9._-]", "_", key)
        written.append(param_plot(rows, keys, key, os.path.join(output, f"param_{safe}.png")))
    return [path for path in written if path]


# ---- one run -------------------------------------------------------------------------------

def layer_bars(report_path, path, name_filter=None):
    """Per-layer analytic and simulated latency of one run report, with the hardware bound;
    returns the path written."""
    with open(report_path) as source:
        report = json.load(source)
    layers = [layer for layer in report["layers"]
              if not name_filter or name_filter in layer["name"]]
    if not layers:
        raise ValueError(f"{report_path}: no layers" +
                         (f" matching {name_filter!r}" if name_filter else ""))
    count = len(layers)
    causes = unique(layer.get("cause") or "-" for layer in layers)
    colour_of = {cause: COLOURS[i % len(COLOURS)] for i, cause in enumerate(causes)}
    figure, (top, bottom) = plt.subplots(
        2, 1, figsize=(max(8, 0.16 * count + 2), 6.5), sharex=True,
        gridspec_kw={"height_ratios": [3, 1.2]})
    x = range(count)
    analytic = [layer.get("analytic_s", 0) * 1e6 for layer in layers]
    simulated = [layer.get("simulated_s", 0) * 1e6 for layer in layers]
    colours = [colour_of[layer.get("cause") or "-"] for layer in layers]
    top.bar([i - 0.2 for i in x], analytic, width=0.4, color="lightgrey", edgecolor="grey",
            linewidth=0.4)
    top.bar([i + 0.2 for i in x], simulated, width=0.4, color=colours)
    bounds = [layer["bound_s"] * 1e6 if "bound_s" in layer else None for layer in layers]
    if any(bound is not None for bound in bounds):  # the hardware bound: a tick across the pair
        top.hlines([b for b in bounds if b is not None],
                   [i - 0.45 for i, b in zip(x, bounds) if b is not None],
                   [i + 0.45 for i, b in zip(x, bounds) if b is not None], color="black",
                   linewidth=1.2)
    top.set_ylabel("latency (us)")
    top.grid(True, axis="y", alpha=0.3)
    handles = [matplotlib.patches.Patch(color="lightgrey", label="analytic")]
    if any(bound is not None for bound in bounds):
        handles.append(Line2D([], [], color="black", linewidth=1.2, label="hardware bound"))
    handles += [matplotlib.patches.Patch(color=colour_of[c], label=f"simulated: {c}")
                for c in causes]
    top.legend(handles=handles, fontsize=7, title="colour: the layer's cause", title_fontsize=7,
               loc="upper left", bbox_to_anchor=(1.005, 1))
    totals = report["totals"]
    sparsity = report["sparsity"]
    setting = ("dense" if not sparsity["ratio"] else
               f"{sparsity['ratio']:g} {sparsity['block']} sparse")
    overrides = " ".join(report["config"].get("overrides", []))
    top.set_title(f"{report['workload']} on {report['config']['name']} ({setting}"
                  f"{', ' + overrides if overrides else ''}), batch {report['batch']}: analytic "
                  f"{totals.get('analytic_s', 0) * 1e3:.3f} ms, simulated "
                  f"{totals.get('simulated_s', 0) * 1e3:.3f} ms"
                  + (f", bound {totals['bound_s'] * 1e3:.3f} ms (efficiency "
                     f"{totals['efficiency']:.3f})" if "efficiency" in totals else ""),
                  fontsize=10)
    ratios = [s / a if a else 0 for s, a in zip(simulated, analytic)]
    bottom.bar(x, ratios, width=0.6, color=colours)
    bottom.axhline(1, color="grey", linewidth=0.8)
    low = min([r for r in ratios if r] + [1])
    bottom.set_ylim(min(0.95, low - 0.02), max(ratios + [1.05]) * 1.02)
    bottom.set_ylabel("simulated / analytic")
    bottom.grid(True, axis="y", alpha=0.3)
    bottom.set_xticks(list(x), [layer["name"] for layer in layers], rotation=90,
                      fontsize=6 if count > 40 else 8)
    bottom.set_xlim(-0.7, count - 0.3)
    return save(figure, path)
