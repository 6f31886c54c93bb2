"""The correlation plot of `aie2sim validate --json` (issue 18): one dot per simulated point of
the silicon suite, measured against simulated on log-log axes, with y = x and the 1.5x band.
Points of different units share the axes: only their ratio to y = x matters. Held-out points are
filled, calibration points hollow; every dot is labelled with its id. A point simulated as 0
has no place on a log axis: it is named in a corner.
"""
import json

from sweep_lib import plots

plt = plots.plt


def correlation(report_path, output):
    with open(report_path) as source:
        report = json.load(source)
    if "validate" not in report:
        raise ValueError(f"{report_path}: not an `aie2sim validate` report (no key 'validate')")
    validate = report["validate"]
    simulated = [p for p in validate["points"] if p["simulated"] is not None]
    if not simulated:
        raise ValueError(f"{report_path}: no point was simulated")
    # A log axis has no place for a simulated 0: such points are named under the plot instead.
    points = [p for p in simulated if p["simulated"] > 0]
    off_axis = [p["id"] for p in simulated if p["simulated"] <= 0]
    figure, axis = plt.subplots(figsize=(8.0, 7.5))
    values = [p["measured"] for p in points] + [p["simulated"] for p in points]
    low, high = min(values) / 2, max(values) * 2
    axis.plot([low, high], [low, high], color="black", linewidth=0.8, label="y = x")
    for factor in (1.5, 1 / 1.5):
        axis.plot([low, high], [low * factor, high * factor], color="grey", linewidth=0.6,
                  linestyle=":", label="1.5x" if factor > 1 else None)
    for role, style in (("calibration", dict(facecolors="none", edgecolors=plots.colour(0, 2))),
                        ("held_out", dict(color=plots.colour(1, 2)))):
        chosen = [p for p in points if p["role"] == role]
        if not chosen:
            continue
        axis.scatter([p["measured"] for p in chosen], [p["simulated"] for p in chosen], s=28,
                     label=role.replace("_", "-"), zorder=3, **style)
        for p in chosen:
            axis.annotate(f"{p['id']} ({p['unit']})", (p["measured"], p["simulated"]),
                          textcoords="offset points", xytext=(4, 3), fontsize=7)
    axis.set_xscale("log")
    axis.set_yscale("log")
    axis.set_xlim(low, high)
    axis.set_ylim(low, high)
    axis.set_xlabel("measured on silicon (each point in its own unit)")
    axis.set_ylabel("simulated (same unit)")
    held = validate["held_out"]
    title = f"aie2sim vs silicon ({validate['suite']})"
    if held["count"]:
        title += (f": held-out MAPE {held['mape']:.1f}%, geomean ratio "
                  f"{held['geomean_ratio']:.2f} ({held['count']} points)")
    axis.set_title(title, fontsize=9)
    axis.legend(fontsize=8, loc="upper left")
    if off_axis:
        axis.text(0.99, 0.01, "simulated 0 (not shown): " + ", ".join(off_axis),
                  transform=axis.transAxes, ha="right", va="bottom", fontsize=7)
    return plots.save(figure, output)
