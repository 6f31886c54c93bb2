#include "sim/trace/timeline_record.h"

#include <algorithm>
#include <numeric>

#include "sim/base/error.h"

namespace aie2sim::trace {
namespace {

constexpr size_t kKinds = kSliceKindNames.size();

}  // namespace

uint32_t TimelineRecord::Interner::Intern(std::string_view text) {
  if (last_id != UINT32_MAX && text == last) return last_id;
  auto [it, added] = index.emplace(std::string(text), static_cast<uint32_t>(texts.size()));
  if (added) texts.emplace_back(text);
  last.assign(text);
  last_id = it->second;
  return last_id;
}

void TimelineRecord::IntervalUnion::Add(int64_t start, int64_t end) {
  spans.push_back(Span{start, end});
  if (spans.size() >= 2 * merged + 64) Merge();
}

void TimelineRecord::IntervalUnion::Merge() {
  std::sort(spans.begin(), spans.end(),
            [](const Span& a, const Span& b) { return a.start_ps < b.start_ps; });
  size_t out = 0;
  for (size_t i = 0; i < spans.size(); ++i) {
    if (out > 0 && spans[i].start_ps <= spans[out - 1].end_ps) {
      spans[out - 1].end_ps = std::max(spans[out - 1].end_ps, spans[i].end_ps);
    } else {
      spans[out++] = spans[i];
    }
  }
  spans.resize(out);
  merged = out;
}

void TimelineRecord::AddLayers(const std::vector<std::string>& names) {
  for (const std::string& name : names) NoteLayer(layers_.Intern(name));
}

TrackId TimelineRecord::AddTrack(uint32_t pid, const std::string& process, uint32_t tid,
                                 const std::string& thread) {
  tracks_.push_back(Track{pid, tid, process, thread, {}});
  return static_cast<TrackId>(tracks_.size() - 1);
}

void TimelineRecord::NoteLayer(uint32_t layer) {
  if (layer < layer_spans_.size()) return;
  layer_spans_.resize(layer + 1, Span{INT64_MAX, INT64_MIN});
  unions_.resize(layer + 1, std::vector<IntervalUnion>(kKinds));
  layer_segments_.resize(layer + 1);
  layer_detail_.resize(layer + 1, 0);
  detail_dropped_.resize(layer + 1, false);
}

uint32_t TimelineRecord::InternName(std::string_view mnemonic, const SliceArgs& args) {
  name_key_.assign(mnemonic);
  name_key_ += '\n';
  name_key_ += static_cast<char>('A' + static_cast<int>(args.kind));
  name_key_ += args.amount_key;
  name_key_ += '\n';
  name_key_ += args.from;
  name_key_ += '\n';
  name_key_ += args.to;
  auto found = name_index_.find(name_key_);
  if (found != name_index_.end()) return found->second;
  const auto id = static_cast<uint32_t>(names_.size());
  names_.push_back(Name{std::string(mnemonic), args.kind, args.amount_key, std::string(args.from),
                        std::string(args.to)});
  name_index_.emplace(name_key_, id);
  return id;
}

void TimelineRecord::AddSlice(TrackId track_id, std::string_view name, int64_t start_ps,
                              int64_t duration_ps, const SliceArgs& args) {
  AIE2SIM_CHECK(!closed_, "timeline slice after Finish");
  AIE2SIM_CHECK(track_id < tracks_.size(), "unknown timeline track");
  duration_ps = std::max<int64_t>(0, duration_ps);
  const int64_t end_ps = start_ps + duration_ps;
  const uint32_t layer = layers_.Intern(args.layer);
  const uint32_t group = groups_.Intern(args.group);
  const uint32_t name_id = InternName(name, args);
  NoteLayer(layer);
  ++slices_;
  unit_ps_ = std::gcd(unit_ps_, std::gcd(start_ps, duration_ps));
  end_ps_ = std::max(end_ps_, end_ps);
  if (args.iteration >= 0) per_instruction_ = true;

  Span& layer_span = layer_spans_[layer];
  layer_span = Span{std::min(layer_span.start_ps, start_ps), std::max(layer_span.end_ps, end_ps)};
  const uint64_t group_key = (uint64_t{layer} << 32) | group;
  auto [group_entry, group_added] =
      group_span_index_.emplace(group_key, static_cast<uint32_t>(group_spans_.size()));
  if (group_added) {
    group_spans_.push_back(GroupSpan{layer, group, Span{start_ps, end_ps}});
  } else {
    Span& span = group_spans_[group_entry->second].span;
    span = Span{std::min(span.start_ps, start_ps), std::max(span.end_ps, end_ps)};
  }
  if (args.kind != SliceKind::kWait) {
    unions_[layer][static_cast<size_t>(args.kind)].Add(start_ps, end_ps);
  }

  Track& track = tracks_[track_id];
  if (track.segments.empty() || segments_[track.segments.back()].layer != layer ||
      segments_[track.segments.back()].group != group) {
    Segment fresh;
    fresh.track = track_id;
    fresh.layer = layer;
    fresh.group = group;
    fresh.start_ps = start_ps;
    fresh.end_ps = end_ps;
    track.segments.push_back(static_cast<uint32_t>(segments_.size()));
    layer_segments_[layer].push_back(static_cast<uint32_t>(segments_.size()));
    segments_.push_back(std::move(fresh));
  }
  Segment& segment = segments_[track.segments.back()];
  segment.start_ps = std::min(segment.start_ps, start_ps);
  segment.end_ps = std::max(segment.end_ps, end_ps);
  ++segment.count;
  auto total = std::find_if(segment.totals.begin(), segment.totals.end(),
                            [name_id](const NameTotal& t) { return t.name == name_id; });
  if (total == segment.totals.end()) {
    segment.totals.push_back(NameTotal{name_id, 0, 0, 0});
    total = segment.totals.end() - 1;
  }
  ++total->count;
  total->busy_ps += duration_ps;
  total->amount += args.amount;

  if (detail_dropped_[layer]) return;
  segment.detail.push_back(Detail{
      start_ps, duration_ps, name_id,
      static_cast<int32_t>(std::clamp<int64_t>(args.iteration, -1, INT32_MAX)), args.amount});
  ++layer_detail_[layer];
  ++detail_slices_;
  while (detail_slices_ > max_detail_slices_) DropDetailOfLargestLayer();
}

void TimelineRecord::DropDetailOfLargestLayer() {
  const auto largest = static_cast<uint32_t>(
      std::max_element(layer_detail_.begin(), layer_detail_.end()) - layer_detail_.begin());
  for (uint32_t index : layer_segments_[largest]) {
    std::vector<Detail>().swap(segments_[index].detail);
  }
  detail_slices_ -= layer_detail_[largest];
  layer_detail_[largest] = 0;
  detail_dropped_[largest] = true;
}

void TimelineRecord::Finish() {
  if (closed_) return;
  closed_ = true;
  for (auto& layer : unions_) {
    for (IntervalUnion& kind : layer) kind.Merge();
  }
  for (Segment& segment : segments_) {
    std::sort(segment.detail.begin(), segment.detail.end(), [](const Detail& a, const Detail& b) {
      return a.start_ps != b.start_ps ? a.start_ps < b.start_ps : a.duration_ps < b.duration_ps;
    });
  }
}

const std::vector<TimelineRecord::Span>& TimelineRecord::KindUnion(uint32_t layer,
                                                                   SliceKind kind) const {
  static const std::vector<Span> kNone;
  if (layer >= unions_.size()) return kNone;
  return unions_[layer][static_cast<size_t>(kind)].spans;
}

uint64_t TimelineRecord::MemoryBytes() const {
  uint64_t bytes = segments_.capacity() * sizeof(Segment) + names_.size() * sizeof(Name);
  for (const Segment& segment : segments_) {
    bytes +=
        segment.totals.capacity() * sizeof(NameTotal) + segment.detail.capacity() * sizeof(Detail);
  }
  for (const auto& layer : unions_) {
    for (const IntervalUnion& kind : layer) bytes += kind.spans.capacity() * sizeof(Span);
  }
  return bytes;
}

}  // namespace aie2sim::trace
