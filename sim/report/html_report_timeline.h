// The simulated timeline of the HTML report: the simulation's in-memory record
// (sim/trace/timeline_record.h) encoded compactly, so that a whole network stays a few megabytes
// and renders at interactive speed in a browser. Nothing is looked up or guessed here: every
// slice's kind, ends, layer, group, iteration and amount come from the model.
//
// Output: one JSON object, decoded by the report's script (sim/report/js/timeline_data.js).
// Every time is an integer count of `unit_ps` picoseconds (the greatest common divisor of all
// slice times, so nothing is rounded):
//   unit_ps, end, slices, detailed_slices, granularity ("instruction" | "group"),
//   names:  [[mnemonic, kind, amount key ("bytes" | "macs" | ""), from, to], ...]
//           kind is LOAD LOADW LOADFM LOADWM COMP WRITEFM WRITE MOVE WAIT RELOAD or OTHER; from
//           and to the engines of a transfer (to: space-separated), else "";
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
// Detail is kept by whole layers, smallest first, while the document stays within `max_bytes`;
// the other layers keep their aggregated segments (as do the layers whose detail the record
// gave up for memory).
#pragma once

#include <cstdint>
#include <string>

#include "sim/trace/timeline_record.h"

namespace aie2sim::report {

// `record` must be finished (TimelineRecord::Finish).
std::string TimelineJson(const trace::TimelineRecord& record, uint64_t max_bytes);

}  // namespace aie2sim::report
