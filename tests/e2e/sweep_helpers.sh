# Helpers for the tests of scripts/sweep (sweep_test.sh, slurm_test.sh): source after lib.sh.

# csv_is FILE COLUMN=VALUE... -- EXPECTED: the number of rows matching every COLUMN=VALUE
# (VALUE a regular expression) is EXPECTED.
csv_is() {
  /usr/bin/python3 - "$@" <<'PY'
import csv, re, sys
path, *rest = sys.argv[1:]
conditions, expected = rest[:rest.index("--")], int(rest[rest.index("--") + 1])
rows = list(csv.DictReader(open(path, newline="")))
matching = [r for r in rows
            if all(re.fullmatch(c.split("=", 1)[1], r[c.split("=", 1)[0]]) for c in conditions)]
print(f"{len(matching)} of {len(rows)} rows match {conditions}")
sys.exit(0 if len(matching) == expected else 1)
PY
}

no_cell_running() { ! pgrep -f "[r]un_cell.py --aie2sim .* $1 " >/dev/null; }

stamps() {  # the modification times (ns) of a sweep's finished cell files
  stat -c '%n %.9Y' "$1"/cells/*.json "$1"/cells/*.csv | sort
}

same_stamps() {  # same_stamps "STAMPS": each file listed in STAMPS still has its time
  local name time
  while read -r name time; do
    [[ $(stat -c %.9Y "$name") == "$time" ]] || return 1
  done <<<"$1"
}
