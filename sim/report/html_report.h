// The HTML report of a run: one self-contained file (no network access when viewed) with the
// summary tables, plots and an interactive timeline, written by `aie2sim run --html r.html`.
//
// Contents (drawn by html_report.js, compiled into the binary with html_report.css):
//  - the run's totals (simulated, analytic, their ratio, images/s) and configuration;
//  - the engine timeline: one lane per engine (shim, memtile and core DMA channels, core
//    processors) coloured by instruction kind (LOAD, LOADW, LOADFM, LOADWM, COMP, WRITEFM,
//    WRITE), zoom (wheel), pan (drag), hover details (instruction, layer, group, iteration,
//    bytes or MACs); aggregated per engine, layer and group until zoomed in far enough;
//  - per layer, the simulated timeline by instruction kind beside the analytic one synthesised
//    from the report's per-group figures (detail.analytic.groups), and a per-group table;
//  - plots (per-layer latency, simulated/analytic, cumulative latency, engine occupancy,
//    attribution) and the per-layer, engine, traffic and attribution tables.
// The data sits in the page as JSON: the report (ToJson) and the simulation's timeline record
// (sim/trace/timeline_record.h, encoded by html_report_timeline.h), both built in memory.
#pragma once

#include <cstdint>
#include <string>

#include "sim/report/report.h"
#include "sim/trace/timeline_record.h"

namespace aie2sim::report {

struct HtmlOptions {
  // The file stays below this size: per-instruction timeline detail gives way first.
  uint64_t max_bytes = 9'500'000;
  // The most per-instruction slices a timeline record for this report needs to keep: a detailed
  // slice takes at least 16 bytes of the page, so more could never be shown.
  uint64_t record_slices() const { return max_bytes / 16; }
};

// Writes the report to `html_path` (sim/base/output_file.h: a reader never sees half a file)
// with the timeline of `timeline` (finished; null: a report without a simulation). Throws
// UserError naming the file when it cannot be written.
void WriteHtml(const Report& report, const trace::TimelineRecord* timeline,
               const std::string& html_path, const HtmlOptions& options = {});

}  // namespace aie2sim::report
