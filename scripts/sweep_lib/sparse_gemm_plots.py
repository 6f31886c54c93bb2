"""PNG plots of scripts/bench-sparse-gemm's DIR/sparse_gemm.csv (Debian's python3-matplotlib).

  sparse_gemm_figure1.png          the seed paper's Figure 1: effective GFLOPS against effective
                                   multiply-adds of the one-sided product, 1x1 blocks above, 8x8
                                   below; colour = precision, marker = threads; every N and density
  sparse_gemm_time_vs_density.png  wall time against density, per precision (float, double; at
                                   the largest N with Eigen figures) and thread count: one-sided 8x8 and 1x1, Eigen
                                   on the 8x8 mask's elements and dense OpenBLAS (flat: it does
                                   the whole product whatever the density)
"""
import csv
import os

from sweep_lib.plots import COLOURS, log_y, panels, plt, save
from matplotlib.lines import Line2D

PRECISIONS = ("float", "double", "int8")
THREAD_MARKERS = "o^sD"


def read_rows(directory):
    """The typed rows of DIR/sparse_gemm.csv; ValueError naming the file when it is unusable."""
    path = os.path.join(directory, "sparse_gemm.csv")
    with open(path, newline="") as file:
        reader = csv.DictReader(file)
        needed = {"kernel", "block", "precision", "n", "density", "threads", "seconds",
                  "gflops_effective"}
        if not needed <= set(reader.fieldnames or []):
            raise ValueError(f"{path}: needs the columns {', '.join(sorted(needed))}")
        rows = []
        for line, row in enumerate(reader, start=2):
            try:
                rows.append(dict(row, n=int(row["n"]), density=float(row["density"]),
                                 threads=int(row["threads"]), seconds=float(row["seconds"]),
                                 gflops_effective=float(row["gflops_effective"])))
            except ValueError as problem:
                raise ValueError(f"{path}:{line}: {problem}") from None
    if not rows:
        raise ValueError(f"{path}: no rows")
    return rows


def figure1(rows, path):
    """GFLOPS against effective multiply-adds, 1x1 above 8x8, as in the paper."""
    threads = sorted({row["threads"] for row in rows})
    figure, axes = plt.subplots(2, 1, figsize=(7.5, 8.0), sharex=True, sharey=True)
    for axis, block in zip(axes, ("1x1", "8x8")):
        for p, precision in enumerate(PRECISIONS):
            for t, count in enumerate(threads):
                points = [row for row in rows if row["kernel"] == "one_sided"
                          and row["block"] == block and row["precision"] == precision
                          and row["threads"] == count]
                if not points:
                    continue
                axis.scatter([row["gflops_effective"] * row["seconds"] * 1e9 / 2 for row in points],
                             [row["gflops_effective"] for row in points],
                             color=COLOURS[p], marker=THREAD_MARKERS[t % 4], s=28, alpha=0.85)
        axis.set_xscale("log")
        log_y(axis)
        axis.set_title(f"one-sided block-sparse GEMM, {block} blocks")
        axis.set_ylabel("effective GFLOPS")
        axis.grid(True, which="both", alpha=0.3)
    axes[-1].set_xlabel("effective multiply-adds (kept blocks; all N and densities)")
    legend = [Line2D([], [], color=COLOURS[p], marker="o", linestyle="", label=precision)
              for p, precision in enumerate(PRECISIONS)
              if any(row["precision"] == precision for row in rows)]
    legend += [Line2D([], [], color="grey", marker=THREAD_MARKERS[t % 4], linestyle="",
                      label=f"{count} thread{'s' if count > 1 else ''}")
               for t, count in enumerate(threads)]
    return save(figure, path, legend)


SERIES = (  # kernel, block, label, colour index, line style
    ("one_sided", "8x8", "one-sided 8x8", 0, "-"),
    ("one_sided", "1x1", "one-sided 1x1", 1, "-"),
    ("eigen", "8x8", "Eigen SparseMatrix (8x8 mask's elements)", 2, "--"),
    ("openblas", "dense", "OpenBLAS dense", 3, ":"),
)


def largest_n(rows, precision):
    """The largest N of a precision with every series (Eigen runs in double only at smaller N)."""
    sizes = {row["n"] for row in rows if row["precision"] == precision
             and row["kernel"] == "one_sided"}
    with_eigen = {row["n"] for row in rows if row["precision"] == precision
                  and row["kernel"] == "eigen"}
    return max(sizes & with_eigen or sizes, default=None)


def time_vs_density(rows, path):
    """Wall time against density, one panel per precision and thread count."""
    cases = [(precision, largest_n(rows, precision), count) for precision in ("float", "double")
             for count in sorted({row["threads"] for row in rows})
             if largest_n(rows, precision) is not None]
    if not cases:
        return None
    figure, axes = panels(len(cases), width=5.0, height=3.8)
    for axis, (precision, n, count) in zip(axes, cases):
        densities = sorted({row["density"] for row in rows if row["kernel"] == "one_sided"
                            and row["n"] == n and row["precision"] == precision})
        for kernel, block, label, colour_index, style in SERIES:
            points = sorted((row["density"], row["seconds"]) for row in rows
                            if row["kernel"] == kernel and row["block"] == block
                            and row["precision"] == precision and row["threads"] == count
                            and row["n"] == n)
            if kernel == "openblas" and points:
                points = [(density, points[0][1]) for density in densities]
            if points:
                axis.plot([100 * d for d, _ in points], [s for _, s in points], style,
                          marker="o" if kernel != "openblas" else None, markersize=4,
                          color=COLOURS[colour_index], label=label)
        log_y(axis)
        axis.set_title(f"N = {n}, {precision}, {count} thread{'s' if count > 1 else ''}")
        axis.set_xlabel("density (% of blocks kept)")
        axis.set_ylabel("wall time per product (s)")
        axis.grid(True, which="both", alpha=0.3)
    legend = [Line2D([], [], color=COLOURS[c], linestyle=s, label=label)
              for _, _, label, c, s in SERIES]
    return save(figure, path, legend)


def sparse_gemm_plots(directory, output=None):
    """Both figures of a bench-sparse-gemm directory; returns the paths written."""
    rows = read_rows(directory)
    output = output or directory
    os.makedirs(output, exist_ok=True)
    written = [figure1(rows, os.path.join(output, "sparse_gemm_figure1.png")),
               time_vs_density(rows, os.path.join(output, "sparse_gemm_time_vs_density.png"))]
    return [path for path in written if path]
