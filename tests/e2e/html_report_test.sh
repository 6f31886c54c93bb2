#!/usr/bin/env bash
# The HTML reports, opened in a real browser (Debian's chromium, headless; scripts/setup.sh
# installs it):
#  - `aie2sim run --html` on ResNet50 / paper-4x4 writes one self-contained file under 10 MB (no
#    network reference, no trace file written) whose embedded data is the run's report, the
#    simulation's timeline record (every slice with its kind; transfers with their ends) and the
#    estimator's schedule of every layer;
#  - in Chromium it renders: the layer table (72 rows), the plots (SVG), the engine timeline and
#    the per-layer simulated and analytic timelines (their canvases report what they drew);
#    opened as r.html#aie2sim-selftest it zooms with a synthetic wheel event and hovers an
#    instruction, an aggregated segment and the analytic timeline, and the tooltips name the
#    instruction, layer and MACs; it then draws every layer's fill/drain timeline, which must end
#    at the report's fill_drain_s; a screenshot shows the instruction kinds' colours;
#  - --trace with --trace-granularity group keeps the user's trace and still renders; `simulate
#    --html` works; an unwritable report path exits 2;
#  - `scripts/sweep --html` (and --collect --html) writes DIR/report.html, drawn by the same
#    bundled script (its sweep view), with every cell, the plots embedded (the browser decodes
#    them) and the per-cell layer tables with their bound and efficiency;
#  - a design run (run --design on DESIGNS.md card 2) renders with its design summary, its placement
#    bound and the nonzero hardware bound of its work over the whole array;
#  - `aie2sim validate --html` on the shipped silicon suite (and `aie2sim html` on its --json)
#    renders the correlation plot with one marker per point the JSON has a simulated value for,
#    the held-out and calibration tables and the held-out statistics (the MAPE as the JSON's);
#  - `aie2sim html` draws a JSON report (--json) as a run page, and refuses data of no view.
AIE2SIM=$1
SRC=$2
source "$SRC/tests/e2e/lib.sh"
PY=/usr/bin/python3
CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
if [[ -z "$CHROMIUM" ]]; then
  echo "FAIL: chromium not found (scripts/setup.sh installs Debian's chromium)"
  exit 1
fi

# browser ARGS... URL: headless Chromium with the flags of design/TOOLCHAIN.md; scripts run for
# up to 10 s of virtual time before the DOM is dumped or the screenshot taken.
browser() {
  local profile
  profile=$(mktemp -d "$WORK/chromium.XXXXXX")
  timeout 180 "$CHROMIUM" --headless --no-sandbox --disable-gpu --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --hide-scrollbars --user-data-dir="$profile" --virtual-time-budget=10000 "$@" 2>/dev/null
}

under_bytes() { [[ $(stat -c %s "$1") -lt $2 ]]; }

# self_contained FILE: nothing fetched when viewed (no http(s) or protocol-relative src/href,
# no <link>, no @import); data: URIs and in-page anchors are fine.
self_contained() {
  ! grep -Eiq "(src|href)[[:space:]]*=[[:space:]]*[\"']?[[:space:]]*(https?:|//|file:)|<link[[:space:]]|@import" "$1"
}

# ---- aie2sim run --html on ResNet50 / paper-4x4 -------------------------------------------
HTML=$WORK/r.html
check "run --html: ResNet50 on paper-4x4" "$AIE2SIM" run --arch paper-4x4 --workload resnet50 \
  --html "$HTML" --json "$WORK/r.json"
check "report written" test -s "$HTML"
check "report under 10 MB ($(stat -c %s "$HTML" 2>/dev/null) bytes)" under_bytes "$HTML" 10000000
check "no temporary trace left beside the report" test ! -e "$HTML.trace.tmp" -a ! -e "$HTML.tmp"
check "report is self-contained" self_contained "$HTML"
check "embedded data: the run's report and a timeline of every layer" $PY - "$HTML" \
  "$WORK/r.json" <<'EOF'
import json, re, sys
page = open(sys.argv[1], encoding="utf-8").read()
report = json.load(open(sys.argv[2]))
match = re.search(r'<script type="application/json" id="aie2sim-data">(.*?)</script>', page, re.S)
data = json.loads(match.group(1))
names = [layer["name"] for layer in report["layers"]]
assert [layer["name"] for layer in data["report"]["layers"]] == names
assert data["report"]["totals"] == report["totals"], "totals differ"
timeline = data["timeline"]
assert timeline["slices"] > 100000 and timeline["granularity"] == "instruction", timeline["slices"]
spans = {timeline["layers"][span[0]] for span in timeline["layer_spans"]}
assert spans == set(names), set(names) - spans
kinds = {name[1] for name in timeline["names"]}
assert {"LOAD", "LOADW", "LOADFM", "LOADWM", "COMP", "WRITEFM", "WRITE"} <= kinds, kinds
assert "OTHER" not in kinds, "a slice came without its kind"
# Both sides of a transfer carry its kind and its ends (nothing is guessed from the program).
for mnemonic, kind, key, source, destinations in timeline["names"]:
    if key == "bytes":
        assert source and destinations, (mnemonic, kind)
        if mnemonic == "RECV":
            assert kind != "MOVE" or "memtile" in source, (kind, source)
# The analytic schedule of every layer comes from the estimator (views.analytic_schedule), and
# ends where the report's figures do.
schedules = data["views"]["analytic_schedule"]
assert len(schedules) == len(names)
for layer, schedule in zip(report["layers"], schedules):
    analytic = layer["detail"]["analytic"]
    assert schedule["fill_drain"]["total_s"] == analytic["fill_drain_s"], layer["name"]
    assert schedule["paper"]["total_s"] == layer["analytic_s"], layer["name"]
print(len(timeline["tracks"]), "tracks,", timeline["slices"], "slices,",
      timeline["detailed_slices"], "in detail")
EOF

DOM=$WORK/r.dom.html
browser --dump-dom "file://$HTML#aie2sim-selftest" >"$DOM"
check "chromium rendered the report (data-rendered=ok)" grep -q 'data-rendered="ok"' "$DOM"
check "chromium: tables, plots and timelines drawn; self-test zoom and hover" $PY - "$DOM" \
  "$WORK/r.json" <<'EOF'
import html, json, re, sys
dom = open(sys.argv[1], encoding="utf-8").read()
def drawn(canvas):
    match = re.search(r'<canvas id="%s" data-drawn="(\d+)"' % canvas, dom)
    assert match, f"no canvas {canvas}"
    return int(match.group(1))
table = dom[dom.index('id="layers-table"'):]
table = table[:table.index("</table>")]
rows = len(re.findall(r'<tr class="clickable[^"]*" data-key="\d+"', table))
assert rows == 72, f"layer table has {rows} rows"
for table_id in ("engine-class-table", "traffic-table", "attribution-table", "group-table"):
    assert f'id="{table_id}"' in dom, f"no {table_id}"
plots = dom[dom.index('id="plots"'):dom.index('id="layers"')]
assert plots.count("<svg") >= 4, "plots missing"
assert plots.count('<rect class="hit"') >= 72, "latency bars missing"
assert "Achieved latency against the hardware bound" in plots, "bound plot missing"
assert ">bound by<" in table and ">efficiency<" in dom, "bound columns missing"
assert "hardware bound" in dom[:dom.index('id="plots"')], "bound card missing"
assert drawn("timeline-canvas") > 1000, drawn("timeline-canvas")
assert drawn("layer-sim-canvas") > 20 and drawn("layer-analytic-canvas") > 20
selftest = json.loads(html.unescape(re.search(r'<pre id="selftest">(.*?)</pre>', dom, re.S).group(1)))
assert selftest["wheel_zoom"] < 0.9, selftest
assert selftest["full_draw_ms"] < 2000, selftest
instruction = selftest["hover_instruction"]
assert "COMP" in instruction and "layer" in instruction and "MACs" in instruction, instruction
assert "slices" in selftest["hover_aggregated"] and "layer" in selftest["hover_aggregated"], selftest
assert "analytic" in selftest["hover_analytic"], selftest
assert "busy" in selftest["hover_simulated"], selftest
assert "simulated" in selftest["hover_layer_band"], selftest
# Every layer's fill/drain timeline, as drawn, ends at the report's fill_drain_s.
report = json.load(open(sys.argv[2]))
ends = selftest["fill_drain_ends"]
assert [name for name, _ in ends] == [layer["name"] for layer in report["layers"]]
for (name, end), layer in zip(ends, report["layers"]):
    want = layer["detail"]["analytic"]["fill_drain_s"] * 1e6
    assert end is not None and abs(end - want) <= 1e-9 * want, (name, end, want)
print(f"72 layer rows; timeline {drawn('timeline-canvas')} rectangles, drawn in "
      f"{selftest['full_draw_ms']} ms whole, {selftest.get('zoomed_draw_ms')} ms zoomed")
EOF

SHOT=$WORK/r.png
browser --window-size=1400,1300 --screenshot="$SHOT" "file://$HTML" >/dev/null
check "screenshot taken" test -s "$SHOT"
if $PY -c "import PIL" 2>/dev/null; then
  check "screenshot: the timeline shows the instruction kinds' colours" $PY - "$SHOT" <<'EOF'
import sys
from PIL import Image
image = Image.open(sys.argv[1]).convert("RGB")
width, height = image.size
colours = {"LOAD": (0x1f, 0x77, 0xb4), "LOADW": (0x17, 0xbe, 0xcf), "LOADFM": (0x2c, 0xa0, 0x2c),
           "LOADWM": (0xbc, 0xbd, 0x22), "COMP": (0xd6, 0x27, 0x28), "WRITEFM": (0x94, 0x67, 0xbd),
           "WRITE": (0xff, 0x7f, 0x0e)}
counts = dict.fromkeys(colours, 0)
background = 0
pixels = image.load()
for y in range(300, height, 2):
    for x in range(0, width, 2):
        p = pixels[x, y]
        if p[0] > 245 and p[1] > 245 and p[2] > 245:
            background += 1
        for kind, c in colours.items():
            if abs(p[0] - c[0]) + abs(p[1] - c[1]) + abs(p[2] - c[2]) < 24:
                counts[kind] += 1
total = len(range(300, height, 2)) * len(range(0, width, 2))
seen = [kind for kind, n in counts.items() if n > 20]
print("kind pixels:", counts, f"background {100 * background / total:.0f}%")
assert len(seen) >= 6, seen
assert background < 0.85 * total
EOF
else
  echo "note: python3-pil missing: screenshot pixels not checked"
fi

# ---- a group-granularity trace kept for the user; simulate --html; errors ---------------------
check "run --html --trace --trace-granularity group" "$AIE2SIM" run --arch paper-2x2 \
  --workload tiny --html "$WORK/g.html" --trace "$WORK/g.json" --trace-granularity group
check "the user's trace is kept" test -s "$WORK/g.json"
check "group-granularity timeline embedded" grep -q '"granularity":"group"' "$WORK/g.html"
browser --dump-dom "file://$WORK/g.html" >"$WORK/g.dom.html"
check "chromium renders the group-granularity report" grep -q 'data-rendered="ok"' "$WORK/g.dom.html"
check "compile tiny" "$AIE2SIM" compile --arch paper-2x2 --workload tiny -o "$WORK/tiny.pb"
check "simulate --html" "$AIE2SIM" simulate --arch paper-2x2 --program "$WORK/tiny.pb" \
  --html "$WORK/s.html"
browser --dump-dom "file://$WORK/s.html" >"$WORK/s.dom.html"
check "chromium renders the simulate report" grep -q 'data-rendered="ok"' "$WORK/s.dom.html"
expect_exit 2 "no-such-dir/r.html" "$AIE2SIM" run --arch paper-2x2 --workload tiny \
  --html "$WORK/no-such-dir/r.html"

# ---- a design run (run --design, DESIGNS.md card 2) --------------------------------------------
check "run --design --html" "$AIE2SIM" run --design "$SRC/workloads/designs/vector_scalar_mul.yaml" \
  --html "$WORK/design.html" --json "$WORK/design.json"
browser --dump-dom "file://$WORK/design.html" >"$WORK/design.dom.html"
check "chromium renders the design's report: its summary, bound and engine timeline" $PY - \
  "$WORK/design.dom.html" "$WORK/design.json" <<'EOF'
import json, re, sys
dom = open(sys.argv[1], encoding="utf-8").read()
report = json.load(open(sys.argv[2]))
design = report["design"]
assert 'data-rendered="ok"' in dom, "not rendered"
section = dom[dom.index('<section id="design">'):]
section = section[:section.index("</section>")]
assert f"Design: {design['name']}" in section and f"set by {design['bound_resource']}" in section
assert ">placement bound<" in section
# The hardware bound of the design's work over the whole array (nonzero, below the placement's).
assert 0 < report["totals"]["bound_s"] <= design["bound_s"], report["totals"]
card = re.search(r'class="label">hardware bound</div><div class="value[^"]*">([^<]*)<', dom)
assert card and card.group(1) == f"{report['totals']['bound_s'] * 1e9:.1f} ns", card and card.group(1)
engines = section[section.index('id="design-engines-table"'):]
assert len(re.findall(r"<tr", engines)) == len(design["engines"]) + 1
table = dom[dom.index('id="layers-table"'):]
table = table[:table.index("</table>")]
assert f">{report['layers'][0]['name']}<" in table and ">bound by<" in table
drawn = int(re.search(r'<canvas id="timeline-canvas" data-drawn="(\d+)"', dom).group(1))
assert drawn > 5, drawn
EOF

# ---- aie2sim validate --html: the shipped silicon suite (a few seconds) --------------------------
check "validate --html on tests/silicon" "$AIE2SIM" validate "$SRC/tests/silicon" \
  --html "$WORK/v.html" --json "$WORK/v.json"
check "validate report is self-contained" self_contained "$WORK/v.html"
browser --dump-dom "file://$WORK/v.html" >"$WORK/v.dom.html"
check "html --data v.json (a validate report)" "$AIE2SIM" html --data "$WORK/v.json" \
  --html "$WORK/v-from-json.html"
browser --dump-dom "file://$WORK/v-from-json.html" >"$WORK/v-from-json.dom.html"
for dom in v.dom.html v-from-json.dom.html; do
  check "chromium: $dom: correlation plot, tables and held-out statistics as the JSON has them" \
    $PY - "$WORK/$dom" "$WORK/v.json" <<'EOF'
import html, json, re, sys
dom = open(sys.argv[1], encoding="utf-8").read()
V = json.load(open(sys.argv[2]))["validate"]
assert 'data-rendered="ok"' in dom and 'data-view="validate"' in dom, "not rendered"
plot = dom[dom.index('id="correlation-plot"'):]
plot = plot[:plot.index("</svg>")]
plotted = re.findall(r'class="point (calibration|held_out)" data-id="([^"]+)"', plot)
simulated = [p for p in V["points"] if p["simulated"] is not None]
assert len(plotted) == len(simulated) > 10, (len(plotted), len(simulated))
assert sorted(plotted) == sorted((p["role"], p["id"]) for p in simulated), plotted
assert 'class="identity"' in plot, "no y = x line"
for role in ("calibration", "held_out"):
    assert any(p["role"] == role for p in simulated), role
H = V["held_out"]
shown = re.search(r'id="held-out-mape">([^<]*)<', dom).group(1)
assert shown == f"{H['mape']:.1f}%", (shown, H["mape"])
assert re.search(r'id="held-out-geomean">([^<]*)<', dom).group(1) == f"{H['geomean_ratio']:.3f}"
assert re.search(r'id="held-out-worst">([^<]*)<', dom).group(1) == H["worst_id"]
def rows(table_id):
    table = dom[dom.index(f'id="{table_id}"'):]
    return re.findall(r"<tr[^>]*data-key[^>]*>(.*?)</tr>", table[:table.index("</table>")], re.S)
for table_id, role in (("held-out-table", "held_out"), ("calibration-table", "calibration")):
    want = [p for p in V["points"] if p["role"] == role and p["status"] != "pending design"]
    got = rows(table_id)
    assert len(got) == len(want), (table_id, len(got), len(want))
    for row, point in zip(got, want):
        cells = [html.unescape(re.sub(r"<[^>]+>", "", c)) for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        assert cells[0].rstrip("*") == point["id"], (cells[0], point["id"])
        if point["error_pct"] is not None:
            assert cells[5] == f"{point['error_pct']:+.1f}%", (cells[5], point["error_pct"])
        if role == "held_out":
            assert cells[8] == point.get("cause", "\u2013") and "host.dispatch_us" in cells[9], cells
print(len(plotted), "points plotted; MAPE", shown)
EOF
done

# ---- aie2sim html: a JSON report as a page; data of no view ------------------------------------
check "html --data r.json" "$AIE2SIM" html --data "$WORK/r.json" --html "$WORK/from-json.html"
browser --dump-dom "file://$WORK/from-json.html" >"$WORK/from-json.dom.html"
check "chromium renders a JSON report's page (no timeline)" $PY - "$WORK/from-json.dom.html" <<'EOF'
import re, sys
dom = open(sys.argv[1], encoding="utf-8").read()
assert 'data-rendered="ok"' in dom and 'data-view="run"' in dom
table = dom[dom.index('id="layers-table"'):]
table = table[:table.index("</table>")]
assert len(re.findall(r'data-key="\d+"', table)) == 72
assert ">bound by<" in table
EOF
echo '{"view": "nonesuch"}' >"$WORK/bad-view.json"
expect_exit 2 'bad-view.json: "view": expected one of run, sweep, validate' "$AIE2SIM" html \
  --data "$WORK/bad-view.json" --html "$WORK/bad.html"
echo '{"view": ' >"$WORK/broken.json"
expect_exit 2 "broken.json: not a JSON object" "$AIE2SIM" html --data "$WORK/broken.json" \
  --html "$WORK/bad.html"

# ---- scripts/sweep --html ---------------------------------------------------------------------
OUT=$WORK/sweep
expect_exit 0 "wrote .*/report.html" "$SRC/scripts/sweep" --out "$OUT" --workloads tiny \
  --configs paper-1x1,paper-2x2 --jobs 2 --html --aie2sim "$AIE2SIM"
check "sweep report is self-contained" self_contained "$OUT/report.html"
pngs=$(ls "$OUT"/*.png 2>/dev/null | wc -l)
browser --dump-dom "file://$OUT/report.html" >"$WORK/sweep.dom.html"
check "chromium: sweep results, plots ($pngs) and cells rendered" $PY - "$WORK/sweep.dom.html" \
  "$pngs" <<'EOF'
import re, sys
dom = open(sys.argv[1], encoding="utf-8").read()
assert 'data-rendered="ok"' in dom, "not rendered"
loaded = int(re.search(r'data-images-loaded="(\d+)"', dom).group(1))
assert loaded == int(sys.argv[2]), f"{loaded} plots decoded, {sys.argv[2]} written"
table = dom[dom.index('id="results-table"'):]
table = table[:table.index("</table>")]
assert table.count("<tr") == 5, table.count("<tr")  # header + 4 cells
assert "bound ms" in table and "efficiency" in table, "bound columns missing"
assert dom.count('<details id="cell-tiny__paper-') == 4
assert dom.count(">conv1<") >= 4, "per-cell layer tables missing"
assert 'data-view="sweep"' in dom, "the sweep page is not drawn by the reports' script"
EOF
expect_exit 0 "wrote .*/report.html" "$SRC/scripts/sweep" --out "$OUT" --collect --html
expect_exit 2 "--html with --slurm" "$SRC/scripts/sweep" --out "$OUT" --slurm --html \
  --workloads tiny --configs paper-1x1 --aie2sim "$AIE2SIM"

finish
