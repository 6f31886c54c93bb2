#!/usr/bin/python3
"""Runs one cell of a sweep: line INDEX of DIR/cells.tsv, as `aie2sim run ARGS`.

  scripts/sweep_lib/run_cell.py --aie2sim PATH DIR INDEX

GNU parallel (scripts/sweep) and Slurm array task INDEX call it. It writes into DIR/cells/:
NAME.json, the report, last and by rename, so it exists only for a finished cell; NAME.csv (the
per-layer rows), NAME.txt (the table) and NAME.stderr beside it. A failed cell gets NAME.failed
(JSON: exit, error, command, wall_s) and NAME.stderr instead. A cell whose NAME.json exists is
skipped. Everything is first written under a temporary name (.NAME.PID.tmp.*), so an interrupted
cell leaves no result: it stays pending.

Prints one line `sweep-cell {...}` (JSON) on stdout for the sweep's progress line. Exit 0 when the
cell finished or was done already, 1 when it failed, 128+N when signal N interrupted it.
"""
import argparse
import ctypes
import json
import os
import shlex
import signal
import subprocess
import sys
import time


STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)
stopping = 0  # the signal that is stopping this runner


class Interrupted(Exception):
    pass


def stop_once(signum):
    """Stops the cell once: a signal arriving while it is being cleaned up is ignored."""
    global stopping
    if not stopping:
        stopping = signum
        raise Interrupted(signum)


def on_signal(signum, frame):
    stop_once(signum)


def die_with_parent():
    """Child setup: SIGTERM when this runner dies, even by SIGKILL (Linux prctl)."""
    try:
        ctypes.CDLL(None).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def read_cell(directory, index):
    with open(os.path.join(directory, "cells.tsv")) as cells:
        for number, line in enumerate(cells, 1):
            if number == index:
                given, name, args = line.rstrip("\n").split("\t")
                if int(given) != index:
                    raise ValueError(f"cells.tsv line {index} holds cell {given}")
                return name, shlex.split(args)
    raise ValueError(f"cells.tsv has no line {index}")


def error_line(stderr_path, code):
    """aie2sim's one-line error (the last line saying 'error'), else its last line."""
    try:
        with open(stderr_path, errors="replace") as source:
            lines = [line.strip() for line in source if line.strip()]
    except OSError:
        lines = []
    errors = [line for line in lines if "error" in line.lower()]
    if errors or lines:
        return (errors or lines)[-1]
    return f"killed by signal {-code}" if code < 0 else f"exit {code}"


def run(aie2sim, directory, index):
    name, args = read_cell(directory, index)
    cells = os.path.join(directory, "cells")
    final = {ext: os.path.join(cells, f"{name}.{ext}") for ext in ("json", "csv", "txt", "stderr",
                                                                    "failed")}
    summary = {"index": index, "name": name}
    if os.path.exists(final["json"]):
        return dict(summary, status="skipped"), 0
    temp = {ext: os.path.join(cells, f".{name}.{os.getpid()}.tmp.{ext}") for ext in final}
    command = [aie2sim, "run"] + args + ["--json", temp["json"], "--csv", temp["csv"]]
    environment = dict(os.environ, SYSTEMC_DISABLE_COPYRIGHT_MESSAGE="1")
    start = time.monotonic()
    child = None
    try:
        with open(temp["txt"], "w") as out, open(temp["stderr"], "w") as err:
            child = subprocess.Popen(command, stdout=out, stderr=err, env=environment,
                                     stdin=subprocess.DEVNULL, preexec_fn=die_with_parent)
            code = child.wait()
        if -code in STOP_SIGNALS:
            # Stopped from outside, not failed: Slurm's scancel and time limit signal every
            # process of the task at once, so aie2sim may end before this runner sees its signal.
            stop_once(-code)
        wall = time.monotonic() - start
        error = None
        if code == 0:
            try:
                with open(temp["json"]) as report:
                    totals = json.load(report)["totals"]
                summary.update(analytic_s=totals.get("analytic_s"),
                               simulated_s=totals.get("simulated_s"))
            except (OSError, ValueError, KeyError) as problem:
                error = f"unreadable report: {problem}"
        else:
            error = error_line(temp["stderr"], code)
        summary["wall_s"] = round(wall, 3)
        if error is None:
            for ext in ("csv", "txt", "stderr"):
                os.replace(temp[ext], final[ext])
            if os.path.exists(final["failed"]):
                os.remove(final["failed"])
            os.replace(temp["json"], final["json"])  # last: the cell is done
            return dict(summary, status="ok"), 0
        with open(temp["failed"], "w") as failed:
            json.dump({"exit": code, "error": error, "command": command,
                       "wall_s": summary["wall_s"]}, failed, indent=1)
        os.replace(temp["stderr"], final["stderr"])
        os.replace(temp["failed"], final["failed"])
        return dict(summary, status="failed", error=error), 1
    except Interrupted as interrupt:
        if child is not None and child.poll() is None:
            child.terminate()
            child.wait()
        return dict(summary, status="interrupted"), 128 + interrupt.args[0]
    finally:
        for path in temp.values():
            if os.path.exists(path):
                os.remove(path)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--aie2sim", required=True)
    parser.add_argument("directory")
    parser.add_argument("index", type=int)
    options = parser.parse_args()
    for signum in STOP_SIGNALS:
        signal.signal(signum, on_signal)
    try:
        summary, code = run(options.aie2sim, options.directory, options.index)
    except (OSError, ValueError) as problem:
        summary, code = {"index": options.index, "status": "failed", "error": str(problem)}, 1
        print(f"run_cell: {problem}", file=sys.stderr)
    except Interrupted as interrupt:
        summary, code = {"index": options.index, "status": "interrupted"}, 128 + interrupt.args[0]
    print("sweep-cell " + json.dumps(summary), flush=True)
    return code


if __name__ == "__main__":
    sys.exit(main())
