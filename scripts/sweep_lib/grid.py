"""The sweep grid: workloads x configs x sparsity settings x --set value lists -> cells.

A cell is one `aie2sim run`. Its name comes only from its own parameters, so it is stable across
invocations and grids, and it is filesystem-safe: parts from [A-Za-z0-9._+-] joined by "__", a
parameter as key=value (resnet50__paper-4x4__sparse0.5__stream.bytes_per_cycle=2). A part that is
a file path, or that needed characters replaced, gets six hex digits of a hash of its full text
(the absolute path for files), so two different cells never share a name.

The grid is stored twice in the sweep directory: cells.tsv (line i: i, name and the `aie2sim run`
arguments, shell-quoted; read by the cell runner and by Slurm array task i) and sweep.json (each
cell's parameters, for collecting the CSV and plotting).
"""
import dataclasses
import hashlib
import json
import os
import re
import shlex

UNSAFE = re.compile(r"[^A-Za-z0-9._+-]")
BLOCK = re.compile(r"^[0-9]+x[0-9]+$")
DEFAULT_BLOCK = "8x8"
MAX_NAME = 200  # leaves room for ".NAME.PID.tmp.stderr" under the usual 255-byte limit


@dataclasses.dataclass
class Cell:
    index: int            # 1-based: line of cells.tsv, Slurm array task id
    name: str
    workload: str         # shown in tables and plots: the shipped name or the file's stem
    config: str
    sparsity_ratio: float
    sparsity_block: str
    params: dict          # --set key -> value text, in the order of the --set options
    args: list            # `aie2sim run` arguments, without --json/--csv

    def sparsity(self):
        """dense, sparse0.5, or sparse0.5-4x4 for a block other than 8x8."""
        return sparsity_label(self.sparsity_ratio, self.sparsity_block)

    def describe(self):
        """The cell in words, as the progress line prints it."""
        words = [self.workload, self.config, self.sparsity()]
        return " ".join(words + [f"{k}={v}" for k, v in self.params.items()])


def sparsity_label(ratio, block):
    if ratio == 0:
        return "dense"
    return f"sparse{ratio:g}" + ("" if block == DEFAULT_BLOCK else f"-{block}")


def short_hash(text):
    return hashlib.sha1(text.encode()).hexdigest()[:6]


def safe_part(text):
    """text itself when it is filesystem-safe, else a safe spelling plus a hash of the text."""
    safe = UNSAFE.sub("_", text)
    return safe if safe == text and safe else f"{safe}-{short_hash(text)}"


def resolve(token):
    """(label, name part, aie2sim argument) for a workload or config: a file or a shipped name."""
    if os.path.isfile(token) or "/" in token or token.endswith((".yaml", ".yml", ".onnx")):
        path = os.path.abspath(token)
        stem = os.path.splitext(os.path.basename(path))[0]
        return stem, f"{UNSAFE.sub('_', stem)}-{short_hash(path)}", path
    return token, safe_part(token), token


def split_list(text, what):
    """'a,b,,a' -> ['a', 'b']: order kept, duplicates and empty entries dropped."""
    values = []
    for value in (v.strip() for v in text.split(",")):
        if value and value not in values:
            values.append(value)
    if not values:
        raise ValueError(f"{what}: empty list")
    return values


def parse_set(text):
    """'key=v1,v2' -> ('key', ['v1', 'v2'])."""
    key, equals, values = text.partition("=")
    key = key.strip()
    if not equals or not key:
        raise ValueError(f"--set {text}: expected key=value[,value...]")
    return key, split_list(values, f"--set {key}")


def parse_ratios(text):
    ratios = []
    for value in split_list(text, "--sparsity"):
        try:
            ratio = float(value)
        except ValueError:
            raise ValueError(f"--sparsity: {value!r} is not a number") from None
        if not 0 <= ratio <= 1:
            raise ValueError(f"--sparsity: {value} is outside [0, 1]")
        if ratio not in ratios:
            ratios.append(ratio)
    return ratios


def parse_blocks(text):
    blocks = split_list(text, "--block")
    for block in blocks:
        if not BLOCK.match(block):
            raise ValueError(f"--block: {block!r} is not RxC (e.g. 8x8)")
    return blocks


def build(workloads, configs, ratios, blocks, sets, tiling=None):
    """Every cell of the grid, workloads outermost and the last --set innermost; `tiling` (cost
    or fixed), when given, goes to every cell.

    Dense cells do not depend on the block size, so they appear once whatever --block lists."""
    settings = []
    for ratio in ratios:
        for block in ([DEFAULT_BLOCK] if ratio == 0 else blocks):
            settings.append((ratio, block))
    combos = [[]]
    for key, values in sets:
        combos = [combo + [(key, value)] for combo in combos for value in values]
    cells = []
    for workload in workloads:
        w_label, w_part, w_arg = resolve(workload)
        for config in configs:
            c_label, c_part, c_arg = resolve(config)
            for ratio, block in settings:
                for combo in combos:
                    parts = [w_part, c_part, sparsity_label(ratio, block)]
                    parts += [f"{safe_part(k)}={safe_part(v)}" for k, v in combo]
                    name = "__".join(parts)
                    if len(name) > MAX_NAME:
                        name = f"{name[:MAX_NAME - 8]}-{short_hash(name)}"
                    args = ["--arch", c_arg, "--workload", w_arg, "--sparsity", f"{ratio:g}"]
                    if ratio:
                        args += ["--block", block]
                    for key, value in combo:
                        args += ["--set", f"{key}={value}"]
                    if tiling:
                        args += ["--tiling", tiling]
                    cells.append(Cell(len(cells) + 1, name, w_label, c_label, ratio, block,
                                      dict(combo), args))
    return cells


def write_atomic(path, text):
    temporary = f"{path}.{os.getpid()}.tmp"
    with open(temporary, "w") as out:
        out.write(text)
    os.replace(temporary, path)


def save(directory, cells, aie2sim, keys):
    """Writes cells.tsv and sweep.json (each atomically)."""
    lines = [f"{c.index}\t{c.name}\t{shlex.join(c.args)}\n" for c in cells]
    write_atomic(os.path.join(directory, "cells.tsv"), "".join(lines))
    manifest = {"version": 1, "aie2sim": aie2sim, "keys": keys,
                "cells": [dataclasses.asdict(c) for c in cells]}
    write_atomic(os.path.join(directory, "sweep.json"), json.dumps(manifest, indent=1) + "\n")


def load(directory):
    """(manifest, cells) from a sweep directory's sweep.json."""
    with open(os.path.join(directory, "sweep.json")) as source:
        manifest = json.load(source)
    return manifest, [Cell(**c) for c in manifest["cells"]]
