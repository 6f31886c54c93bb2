// The in-memory timeline of one simulation: what the HTML report draws, aggregated as the slices
// arrive (through a RecordingSink, recording_sink.h), so that no trace file has to be written
// and read back. Pure logic: times come in integer picoseconds, no SystemC.
//
// Kept, all times in integer picoseconds:
//  - tracks (one per engine: tile and engine name), layers and groups (interned names);
//  - names: every distinct (mnemonic, kind, amount key, from, to) a slice carried;
//  - segments: one engine's run of slices of one group of one layer, with its span, its slice
//    count and per name the count, busy time and bytes or MACs (always kept: the aggregate);
//  - per-instruction detail of a segment's slices, while the whole record holds at most
//    `max_detail_slices` of them: when a slice would exceed that, the layer with the most detail
//    gives all of its detail up (and records no more), so memory stays bounded and the layers
//    that stay detailed are whole;
//  - per layer its span, per group its span, and per layer and kind (lock waits excepted) the
//    union of that kind's slices over all engines (when any engine was busy with it);
//  - the greatest common divisor of all slice times (the report's time unit), the end, the
//    slice count, and whether any slice was per instruction (an iteration was given).
// Slices may come in any order; a track's slices of one group must not interleave with another
// group's on that track (true of the model: an engine runs one group at a time).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "sim/trace/slice.h"

namespace aie2sim::trace {

class TimelineRecord {
 public:
  struct Track {
    uint32_t pid = 0;
    uint32_t tid = 0;
    std::string process;             // tile, e.g. "core(1,2)"
    std::string thread;              // engine on it, e.g. "s2mm0"
    std::vector<uint32_t> segments;  // indices into segments(), in arrival order
  };
  struct Name {
    std::string mnemonic;
    SliceKind kind = SliceKind::kOther;
    std::string amount_key;  // "bytes", "macs" or ""
    std::string from;
    std::string to;
  };
  struct Detail {
    int64_t start_ps = 0;
    int64_t duration_ps = 0;
    uint32_t name = 0;
    int32_t iteration = -1;
    uint64_t amount = 0;
  };
  struct NameTotal {
    uint32_t name = 0;
    uint64_t count = 0;
    int64_t busy_ps = 0;
    uint64_t amount = 0;
  };
  struct Segment {
    uint32_t track = 0;
    uint32_t layer = 0;
    uint32_t group = 0;
    int64_t start_ps = 0;
    int64_t end_ps = 0;
    uint64_t count = 0;
    std::vector<NameTotal> totals;
    std::vector<Detail> detail;  // every slice of the segment while its layer keeps detail
  };
  struct Span {
    int64_t start_ps = 0;
    int64_t end_ps = 0;
  };
  struct GroupSpan {
    uint32_t layer = 0;
    uint32_t group = 0;
    Span span;
  };

  explicit TimelineRecord(uint64_t max_detail_slices) : max_detail_slices_(max_detail_slices) {}

  // Interns `names` first, so that layer i is a report's layer i (optional).
  void AddLayers(const std::vector<std::string>& names);

  // The TraceSink contract (trace_sink_if.h), in picoseconds; Finish after the last slice.
  TrackId AddTrack(uint32_t pid, const std::string& process, uint32_t tid,
                   const std::string& thread);
  void AddSlice(TrackId track, std::string_view name, int64_t start_ps, int64_t duration_ps,
                const SliceArgs& args);
  void Finish();

  const std::vector<Track>& tracks() const { return tracks_; }
  const std::vector<Segment>& segments() const { return segments_; }
  const std::vector<Name>& names() const { return names_; }
  const std::vector<std::string>& layers() const { return layers_.texts; }
  const std::vector<std::string>& groups() const { return groups_.texts; }
  // The span of every layer with slices (start > end: none).
  const std::vector<Span>& layer_spans() const { return layer_spans_; }
  // Every (layer, group) with slices, in order of first appearance.
  const std::vector<GroupSpan>& group_spans() const { return group_spans_; }
  // The union of kind `kind`'s slices in layer `layer`: disjoint, sorted intervals (after
  // Finish).
  const std::vector<Span>& KindUnion(uint32_t layer, SliceKind kind) const;
  // The layer's segments keep their detail.
  bool detailed(uint32_t layer) const {
    return layer >= detail_dropped_.size() || !detail_dropped_[layer];
  }

  int64_t unit_ps() const { return unit_ps_ > 0 ? unit_ps_ : 1; }
  int64_t end_ps() const { return end_ps_; }
  uint64_t slices() const { return slices_; }
  uint64_t detail_slices() const { return detail_slices_; }
  bool per_instruction() const { return per_instruction_; }
  // Bytes the record holds, roughly (its containers' payload): what scripts/bench reports.
  uint64_t MemoryBytes() const;

 private:
  struct Interner {
    std::unordered_map<std::string, uint32_t> index;
    std::vector<std::string> texts;
    std::string last;  // the last text looked up, and its id: slices come in runs
    uint32_t last_id = UINT32_MAX;
    uint32_t Intern(std::string_view text);
  };
  // A union of intervals kept compact as they come: appended, merged when it has doubled.
  struct IntervalUnion {
    std::vector<Span> spans;
    size_t merged = 0;
    void Add(int64_t start, int64_t end);
    void Merge();
  };

  uint32_t InternName(std::string_view mnemonic, const SliceArgs& args);
  void NoteLayer(uint32_t layer);
  void DropDetailOfLargestLayer();

  uint64_t max_detail_slices_;
  std::vector<Track> tracks_;
  std::vector<Segment> segments_;
  std::vector<Name> names_;
  std::unordered_map<std::string, uint32_t> name_index_;
  std::string name_key_;  // scratch
  Interner layers_;
  Interner groups_;
  std::vector<Span> layer_spans_;
  std::vector<GroupSpan> group_spans_;
  std::unordered_map<uint64_t, uint32_t> group_span_index_;  // (layer << 32 | group) -> index
  std::vector<std::vector<IntervalUnion>> unions_;           // [layer][kind]
  std::vector<std::vector<uint32_t>> layer_segments_;        // [layer] -> segment indices
  std::vector<uint64_t> layer_detail_;                       // [layer] -> detailed slices
  std::vector<bool> detail_dropped_;                         // [layer]
  int64_t unit_ps_ = 0;
  int64_t end_ps_ = 0;
  uint64_t slices_ = 0;
  uint64_t detail_slices_ = 0;
  bool per_instruction_ = false;
  bool closed_ = false;
};

}  // namespace aie2sim::trace
