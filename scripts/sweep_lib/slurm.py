"""The Slurm array job script of a sweep: array task i runs cell i (line i of DIR/cells.tsv)
through run_cell.py. Only pending cells get a task, and run_cell.py skips a cell that is done, so
resubmitting after a partial run runs what is missing.

The job's resources are #SBATCH lines: the defaults below, each replaceable, plus any other sbatch
long option, given as `--sbatch KEY=VALUE` (scripts/sweep) and written into the script, so a
resubmission by hand asks for the same. The array and the output files belong to the sweep."""
import os
import re
import shlex

HEADER = """\
#!/bin/bash
# aie2sim sweep of {total} cells, {pending} pending when written: one array task per pending cell.
# Written by scripts/sweep --slurm. Submit it (options given to sbatch override the ones below):
#   sbatch {script}
# Task i runs line i of {cells}; results go to {out}/cells/.
# When the tasks have finished, write results.csv, layers.csv and the plots:
#   {sweep} --out {out} --collect
"""
BODY = """\
set -euo pipefail
exec {run_cell} --aie2sim {aie2sim} {out} "$SLURM_ARRAY_TASK_ID"
"""
# (sbatch long option, value) in script order; None stands for the sweep's own value.
DEFAULTS = (("job-name", "aie2sim-sweep"), ("array", None), ("ntasks", "1"),
            ("cpus-per-task", "1"), ("mem", "1G"), ("time", "00:30:00"))
OWN = ("array", "output")
# A given option that excludes a default: the default line goes.
EXCLUDES = {"mem-per-cpu": "mem", "mem-per-gpu": "mem"}
OPTION = re.compile(r"([a-z][a-z0-9-]+)(?:=(\S+))?")


def parse_option(text):
    """'partition=short' -> ('partition', 'short'); 'exclusive' -> ('exclusive', None).
    Raises ValueError naming the problem."""
    match = OPTION.fullmatch(text)
    if not match:
        raise ValueError(f"--sbatch {text!r}: want an sbatch long option as KEY=VALUE or KEY "
                         "(partition=short, account=proj, time=02:00:00, cpus-per-task=2), "
                         "without dashes or spaces")
    key, value = match.groups()
    if key in OWN:
        raise ValueError(f"--sbatch {key}: set by the sweep (--jobs caps the running tasks)")
    return key, value


def directives(options, array, slurm_out):
    """The #SBATCH lines: DEFAULTS with the given (key, value) options replacing or excluding
    theirs and the others appended, then the output files."""
    given = dict(options)
    lines = []
    for key, value in DEFAULTS:
        if key == "array":
            value = array
        elif key in given:
            value = given.pop(key)
        if any(EXCLUDES.get(other) == key for other in given):
            continue
        lines.append((key, value))
    lines += list(given.items())
    lines.append(("output", f"{slurm_out}/%A_%a.out"))  # #SBATCH lines are not shell: no quoting
    return "".join(f"#SBATCH --{key}" + ("" if value is None else f"={value}") + "\n"
                   for key, value in lines)


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


def write(directory, total, pending, aie2sim, jobs, root, options=()):
    """Writes DIR/sweep.slurm for the pending cell indices; returns its path. jobs, when given,
    caps the tasks running at once (--array=...%jobs); options are parse_option() pairs."""
    script = os.path.join(directory, "sweep.slurm")
    slurm_out = os.path.join(directory, "slurm")
    os.makedirs(slurm_out, exist_ok=True)
    array = ranges(pending) + (f"%{jobs}" if jobs else "")
    quoted = shlex.quote(directory)
    text = HEADER.format(
        total=total, pending=len(pending), script=shlex.quote(script),
        cells=shlex.quote(os.path.join(directory, "cells.tsv")), out=quoted,
        sweep=shlex.quote(os.path.join(root, "scripts", "sweep")))
    text += directives(options, array, slurm_out)
    text += BODY.format(
        run_cell=shlex.quote(os.path.join(root, "scripts", "sweep_lib", "run_cell.py")),
        aie2sim=shlex.quote(aie2sim), out=quoted)
    with open(script + ".tmp", "w") as out:
        out.write(text)
    os.chmod(script + ".tmp", 0o755)
    os.replace(script + ".tmp", script)
    return script
