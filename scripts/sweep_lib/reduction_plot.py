"""Bar charts of `aie2sim reduce` reports, like the seed paper's (issue 23): for each layer and
for the whole network, the multiplications per image of every method, grouped by sparsity level
(one report per level). Networks with more than MAX_LAYER_PANELS layers get the total panel and,
instead of one panel per layer, Proposal 2's share of the dense count per layer and level.
"""
import json

import matplotlib.patches

from sweep_lib import plots

METHODS = ("dense", "compressed", "snapea", "proposal1", "proposal2", "block_compressed",
           "block_proposal2")
LABELS = {"dense": "plain conv", "compressed": "compressed (1-sided)", "snapea": "SnaPEA exact",
          "proposal1": "Proposal 1 (SnaPEA + 1-sided)",
          "proposal2": "Proposal 2 (SnaPEA + 2-sided)",
          "block_compressed": "AIE2 8x8 blocks: compressed",
          "block_proposal2": "AIE2 8x8 blocks: Proposal 2"}
MAX_LAYER_PANELS = 11


def read_reports(paths):
    """(label, report) per path, checked to be reduce reports of one workload."""
    reports = []
    for path in paths:
        with open(path) as source:
            report = json.load(source)
        if "reduction" not in report:
            raise ValueError(f"{path}: not an `aie2sim reduce` report (no key 'reduction')")
        sparsity = report["sparsity"]
        label = ("dense" if not sparsity["ratio"] else
                 f"{sparsity['ratio'] * 100:g}% {sparsity['block']}")
        reports.append((label, report))
    workloads = {report["workload"] for _, report in reports}
    if len(workloads) != 1:
        raise ValueError(f"reports of several workloads: {', '.join(sorted(workloads))}")
    return reports


def method_bars(axis, reports, counts_of, title):
    """Bars of every method per report (level) on one axis."""
    width = 0.8 / len(METHODS)
    for m, method in enumerate(METHODS):
        values = [counts_of(report)[method] / 1e6 for _, report in reports]
        axis.bar([i - 0.4 + (m + 0.5) * width for i in range(len(reports))], values, width=width,
                 color=plots.colour(m, len(METHODS)), hatch="//" if "block" in method else None,
                 edgecolor="white", linewidth=0.3)
    axis.set_xticks(range(len(reports)))
    axis.set_xticklabels([label for label, _ in reports], fontsize=8)
    axis.set_ylabel("multiplications per image (M)", fontsize=8)
    axis.set_title(title, fontsize=9)
    axis.grid(True, axis="y", alpha=0.3)


def reduction_bars(paths, output):
    """Writes the figure of the reports at `paths`; returns `output`."""
    reports = read_reports(paths)
    first = reports[0][1]
    layers = [layer["name"] for layer in first["reduction"]["layers"]]
    per_layer = len(layers) <= MAX_LAYER_PANELS
    figure, axes = plots.panels(len(layers) + 1 if per_layer else 2)
    reduction = first["reduction"]
    note = "UNTRAINED (random weights), " if reduction["untrained"] else ""
    method_bars(axes[0], reports, lambda r: r["reduction"]["totals"],
                f"{first['workload']}, all layers ({note}{reduction['images']} image(s))")
    if per_layer:
        for i, name in enumerate(layers):
            method_bars(axes[i + 1], reports, lambda r, i=i: r["reduction"]["layers"][i], name)
    else:
        axis = axes[1]
        for level, (label, report) in enumerate(reports):
            shares = [layer["proposal2"] / layer["dense"] if layer["dense"] else 0
                      for layer in report["reduction"]["layers"]]
            axis.plot(range(len(shares)), shares, marker="o", markersize=2, linewidth=0.8,
                      color=plots.colour(level, len(reports)), label=label)
        axis.set_xlabel("layer (graph order)", fontsize=8)
        axis.set_ylabel("Proposal 2 / plain conv", fontsize=8)
        axis.set_title("per layer", fontsize=9)
        axis.grid(True, alpha=0.3)
        axis.legend(fontsize=7)
    legend = [matplotlib.patches.Patch(facecolor=plots.colour(m, len(METHODS)),
                                       hatch="//" if "block" in method else None,
                                       label=LABELS[method])
              for m, method in enumerate(METHODS)]
    return plots.save(figure, output, legend)
