"""The Slurm array job script of a sweep: array task i runs cell i (line i of DIR/cells.tsv)
through run_cell.py. Only pending cells get a task, and run_cell.py skips a cell that is done, so
resubmitting after a partial run runs what is missing."""
import os
import shlex

TEMPLATE = """\
#!/bin/bash
# aie2sim sweep of {total} cells, {pending} pending when written: one array task per pending cell.
# Written by scripts/sweep --slurm. Submit it (options given to sbatch override the ones below):
#   sbatch {script}
# Task i runs line i of {cells}; results go to {out}/cells/.
# When the tasks have finished, write results.csv, layers.csv and the plots:
#   {sweep} --out {out} --collect
#SBATCH --job-name=aie2sim-sweep
#SBATCH --array={array}
#SBATCH --ntasks=1
#SBATCH --cpus-per-task=1
#SBATCH --mem=1G
#SBATCH --time=00:30:00
#SBATCH --output={slurm_out}/%A_%a.out
set -euo pipefail
exec {run_cell} --aie2sim {aie2sim} {out} "$SLURM_ARRAY_TASK_ID"
"""


def ranges(indices):
    """[1, 2, 3, 5, 7, 8] -> '1-3,5,7-8'."""
    parts = []
    start = previous = None
    for index in sorted(indices) + [None]:
        if previous is not None and index == previous + 1:
            previous = index
            continue
        if start is not None:
            parts.append(str(start) if start == previous else f"{start}-{previous}")
        start = previous = index
    return ",".join(parts)


def write(directory, total, pending, aie2sim, jobs, root):
    """Writes DIR/sweep.slurm for the pending cell indices; returns its path. jobs, when given,
    caps the tasks running at once (--array=...%jobs)."""
    script = os.path.join(directory, "sweep.slurm")
    slurm_out = os.path.join(directory, "slurm")
    os.makedirs(slurm_out, exist_ok=True)
    array = ranges(pending) + (f"%{jobs}" if jobs else "")
    text = TEMPLATE.format(
        total=total, pending=len(pending), array=array, script=shlex.quote(script),
        cells=shlex.quote(os.path.join(directory, "cells.tsv")), out=shlex.quote(directory),
        sweep=shlex.quote(os.path.join(root, "scripts", "sweep")),
        slurm_out=slurm_out,  # #SBATCH lines are not shell: no quoting
        run_cell=shlex.quote(os.path.join(root, "scripts", "sweep_lib", "run_cell.py")),
        aie2sim=shlex.quote(aie2sim))
    with open(script + ".tmp", "w") as out:
        out.write(text)
    os.chmod(script + ".tmp", 0o755)
    os.replace(script + ".tmp", script)
    return script
