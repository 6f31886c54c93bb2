// The simulated timeline of the HTML report, aggregated from a Chrome trace so that a whole
// network stays a few megabytes and renders at interactive speed in a browser.
//
// Input: a Chrome trace-event JSON as sim/trace/chrome_trace_writer.h writes it ("X" slices with
// pid = tile, tid = engine, ts/dur in microseconds, args {layer, group, iteration, bytes | macs};
// "M" events naming tiles and engines). It is read as a stream (one event in memory at a time).
// A receiving DMA channel's slices (RECV) take the kind of the instruction they receive (LOAD,
// LOADW, LOADFM, LOADWM, WRITEFM, WRITE, MOVE), looked up in `program` when one is given.
//
// Output: one JSON object, decoded by html_report.js. Every time is an integer count of
// `unit_ps` picoseconds (the greatest common divisor of all slice times, so nothing is rounded):
//   unit_ps, end, slices, detailed_slices, granularity ("instruction" | "group"),
//   names:  [[mnemonic, kind, amount key ("bytes" | "macs" | "")], ...]
//           kind is LOAD LOADW LOADFM LOADWM COMP WRITEFM WRITE MOVE WAIT (lock waits) or OTHER;
//   layers: [layer names]  (the report's layers first, in its order), groups: [group names];
//   tracks: [[tile, engine, segments], ...] in tile then engine order, where a segment is one
//           engine's run of slices of one group of one layer:
//             [layer, group, start - previous segment's start, length, 1, slices...]
//               with per slice: start - previous slice's start (the first: - segment start),
//               duration, name, iteration (-1: none), amount (bytes or MACs);
//             [layer, group, start - previous segment's start, length, 0, count, per name:
//               name, count, busy time, amount]   (aggregated: detail left out for size);
//   layer_spans: [[layer, start, end], ...],  group_spans: [[layer, group, start, end], ...];
//   kind_union: [[layer, kind, gap, length, gap, length, ...], ...]: per layer and kind (not
//           WAIT) the union of that kind's slices over all engines, the first gap from the
//           layer's start, the others from the previous interval's end.
// Detail is kept by whole layers, smallest first, while the document stays within
// `max_bytes`; the other layers keep their aggregated segments.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace aie2sim::isa {
class Program;
}

namespace aie2sim::report {

struct TimelineOptions {
  uint64_t max_bytes = 8'000'000;  // budget of the whole document (detail is what gives way)
};

// Throws UserError naming `trace_path` when it cannot be read or is not a trace-event JSON.
std::string BuildTimelineJson(const std::string& trace_path, const isa::Program* program,
                              const std::vector<std::string>& layer_names,
                              const TimelineOptions& options);

}  // namespace aie2sim::report
