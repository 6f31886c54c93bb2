#include "sim/report/html_report_timeline.h"

#include <algorithm>
#include <charconv>
#include <numeric>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace aie2sim::report {
namespace {

using trace::TimelineRecord;

void Append(std::string& out, int64_t value) {
  char text[24];
  auto result = std::to_chars(text, text + sizeof(text), value);
  out.append(text, result.ptr);
}

void AppendList(std::string& out, std::initializer_list<int64_t> values) {
  for (int64_t value : values) {
    out += ',';
    Append(out, value);
  }
}

std::string Quoted(const std::string& text) {
  return nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string QuotedList(const std::vector<std::string>& texts) {
  std::string out = "[";
  for (size_t i = 0; i < texts.size(); ++i) out += (i ? "," : "") + Quoted(texts[i]);
  return out + "]";
}

class Encoder {
 public:
  Encoder(const TimelineRecord& record) : record_(record), unit_(record.unit_ps()) {}

  std::string Encode(uint64_t max_bytes) {
    const auto& segments = record_.segments();
    // The head of every segment (its start relative to the previous one on its track).
    heads_.resize(segments.size());
    for (const TimelineRecord::Track& track : record_.tracks()) {
      int64_t previous = 0;
      for (uint32_t index : track.segments) {
        const TimelineRecord::Segment& segment = segments[index];
        std::string& head = heads_[index];
        head = "[";
        Append(head, segment.layer);
        AppendList(head, {segment.group, (segment.start_ps - previous) / unit_,
                          (segment.end_ps - segment.start_ps) / unit_});
        previous = segment.start_ps;
      }
    }
    const std::string fixed = FixedPart();
    // Every segment aggregated is the floor; then whole layers get their detail, cheapest first,
    // while the document fits.
    const size_t layer_count = record_.layers().size();
    std::vector<int64_t> extra(layer_count, 0);
    std::vector<int64_t> slices_in(layer_count, 0);
    int64_t size = static_cast<int64_t>(fixed.size()) + 256;
    for (const TimelineRecord::Track& track : record_.tracks()) {
      size += static_cast<int64_t>(track.process.size() + track.thread.size()) + 16;
    }
    std::string scratch;
    for (size_t i = 0; i < segments.size(); ++i) {
      const TimelineRecord::Segment& segment = segments[i];
      scratch.clear();
      AppendAggregated(scratch, i);
      size += static_cast<int64_t>(scratch.size()) + 1;
      slices_in[segment.layer] += static_cast<int64_t>(segment.count);
      const int64_t aggregated = static_cast<int64_t>(scratch.size());
      scratch.clear();
      AppendDetailed(scratch, i);
      extra[segment.layer] += static_cast<int64_t>(scratch.size()) - aggregated;
    }
    std::vector<size_t> order(layer_count);
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&extra](size_t a, size_t b) { return extra[a] < extra[b]; });
    detailed_.assign(layer_count, false);
    int64_t detailed_slices = 0;
    for (size_t layer : order) {
      if (!record_.detailed(static_cast<uint32_t>(layer))) continue;
      if (size + extra[layer] > static_cast<int64_t>(max_bytes)) break;
      size += extra[layer];
      detailed_[layer] = true;
      detailed_slices += slices_in[layer];
    }
    std::string out;
    out.reserve(static_cast<size_t>(std::max<int64_t>(size, 0)));
    out += "{\"unit_ps\":";
    Append(out, unit_);
    out += ",\"end\":";
    Append(out, record_.end_ps() / unit_);
    out += ",\"slices\":";
    Append(out, static_cast<int64_t>(record_.slices()));
    out += ",\"detailed_slices\":";
    Append(out, detailed_slices);
    out += ",\"granularity\":";
    out += record_.per_instruction() ? "\"instruction\"" : "\"group\"";
    out += fixed;
    out += ",\"tracks\":[";
    // Tracks in tile then engine order; tracks without slices are left out.
    std::vector<const TimelineRecord::Track*> tracks;
    for (const TimelineRecord::Track& track : record_.tracks()) {
      if (!track.segments.empty()) tracks.push_back(&track);
    }
    std::stable_sort(tracks.begin(), tracks.end(), [](const auto* a, const auto* b) {
      return std::make_pair(a->pid, a->tid) < std::make_pair(b->pid, b->tid);
    });
    for (size_t t = 0; t < tracks.size(); ++t) {
      out += (t ? "," : "") + std::string("[") + Quoted(tracks[t]->process) + "," +
             Quoted(tracks[t]->thread) + ",[";
      bool first = true;
      for (uint32_t index : tracks[t]->segments) {
        if (!first) out += ',';
        first = false;
        if (detailed_[segments[index].layer]) {
          AppendDetailed(out, index);
        } else {
          AppendAggregated(out, index);
        }
      }
      out += "]]";
    }
    out += "]}";
    return out;
  }

 private:
  void AppendAggregated(std::string& out, size_t index) const {
    const TimelineRecord::Segment& segment = record_.segments()[index];
    out += heads_[index];
    out += ",0";
    AppendList(out, {static_cast<int64_t>(segment.count)});
    std::vector<TimelineRecord::NameTotal> totals = segment.totals;
    std::sort(totals.begin(), totals.end(),
              [](const auto& a, const auto& b) { return a.name < b.name; });
    for (const TimelineRecord::NameTotal& total : totals) {
      AppendList(out, {total.name, static_cast<int64_t>(total.count), total.busy_ps / unit_,
                       static_cast<int64_t>(total.amount)});
    }
    out += ']';
  }

  void AppendDetailed(std::string& out, size_t index) const {
    const TimelineRecord::Segment& segment = record_.segments()[index];
    out += heads_[index];
    out += ",1";
    int64_t previous = segment.start_ps;
    for (const TimelineRecord::Detail& slice : segment.detail) {
      AppendList(out, {(slice.start_ps - previous) / unit_, slice.duration_ps / unit_, slice.name,
                       slice.iteration, static_cast<int64_t>(slice.amount)});
      previous = slice.start_ps;
    }
    out += ']';
  }

  // names, layers, groups, spans and per-kind unions: the part that never gives way.
  std::string FixedPart() const {
    std::string out = ",\"names\":[";
    const auto& names = record_.names();
    for (size_t i = 0; i < names.size(); ++i) {
      const TimelineRecord::Name& name = names[i];
      out += (i ? ",[" : "[") + Quoted(name.mnemonic) + "," +
             Quoted(trace::SliceKindName(name.kind)) + "," + Quoted(name.amount_key) + "," +
             Quoted(name.from) + "," + Quoted(name.to) + "]";
    }
    out += "],\"layers\":" + QuotedList(record_.layers());
    out += ",\"groups\":" + QuotedList(record_.groups());
    out += ",\"layer_spans\":[";
    bool first = true;
    const auto& layer_spans = record_.layer_spans();
    for (size_t layer = 0; layer < layer_spans.size(); ++layer) {
      if (layer_spans[layer].start_ps > layer_spans[layer].end_ps) continue;
      out += first ? "[" : ",[";
      first = false;
      Append(out, static_cast<int64_t>(layer));
      AppendList(out, {layer_spans[layer].start_ps / unit_, layer_spans[layer].end_ps / unit_});
      out += ']';
    }
    out += "],\"group_spans\":[";
    first = true;
    for (const TimelineRecord::GroupSpan& group : record_.group_spans()) {
      out += first ? "[" : ",[";
      first = false;
      Append(out, group.layer);
      AppendList(out, {group.group, group.span.start_ps / unit_, group.span.end_ps / unit_});
      out += ']';
    }
    out += "],\"kind_union\":[";
    first = true;
    for (size_t layer = 0; layer < layer_spans.size(); ++layer) {
      for (size_t kind = 0; kind < trace::kSliceKindNames.size(); ++kind) {
        const auto& spans =
            record_.KindUnion(static_cast<uint32_t>(layer), static_cast<trace::SliceKind>(kind));
        if (spans.empty()) continue;
        out += first ? "[" : ",[";
        first = false;
        Append(out, static_cast<int64_t>(layer));
        out += "," + Quoted(trace::kSliceKindNames[kind]);
        int64_t cursor = layer_spans[layer].start_ps;
        for (const TimelineRecord::Span& span : spans) {
          AppendList(out,
                     {(span.start_ps - cursor) / unit_, (span.end_ps - span.start_ps) / unit_});
          cursor = span.end_ps;
        }
        out += ']';
      }
    }
    out += "]";
    return out;
  }

  const TimelineRecord& record_;
  const int64_t unit_;
  std::vector<std::string> heads_;
  std::vector<bool> detailed_;
};

}  // namespace

std::string TimelineJson(const trace::TimelineRecord& record, uint64_t max_bytes) {
  return Encoder(record).Encode(max_bytes);
}

}  // namespace aie2sim::report
