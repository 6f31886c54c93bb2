#include "sim/report/html_report_timeline.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <fstream>
#include <iterator>
#include <map>
#include <numeric>
#include <optional>
#include <tuple>
#include <unordered_map>
#include <utility>

#include <nlohmann/json.hpp>

#include "sim/base/error.h"
#include "sim/isa/listing.h"
#include "sim/isa/program.pb.h"
#include "sim/isa/program_io.h"

namespace aie2sim::report {
namespace {

using Json = nlohmann::json;

struct Slice {
  int64_t start = 0;     // ps
  int64_t duration = 0;  // ps
  uint32_t raw_name = 0;  // (mnemonic, amount key) as read
  uint32_t name = 0;      // (mnemonic, kind, amount key) once resolved
  uint32_t layer = 0;
  uint32_t group = 0;
  int64_t iteration = -1;
  uint64_t amount = 0;
};

struct Track {
  uint32_t pid = 0;
  uint32_t tid = 0;
  std::vector<Slice> slices;
};

class Interner {
 public:
  uint32_t Intern(const std::string& text) {
    auto [it, added] = index_.emplace(text, static_cast<uint32_t>(texts_.size()));
    if (added) texts_.push_back(text);
    return it->second;
  }
  const std::vector<std::string>& texts() const { return texts_; }

 private:
  std::unordered_map<std::string, uint32_t> index_;
  std::vector<std::string> texts_;
};

struct Trace {
  std::map<uint32_t, std::string> process_names;
  std::map<std::pair<uint32_t, uint32_t>, std::string> thread_names;
  std::map<std::pair<uint32_t, uint32_t>, Track> tracks;  // ordered: tile, then engine
  Interner layers;
  Interner groups;
  Interner raw_names;  // mnemonic + '\n' + amount key
  bool per_instruction = false;  // some slice carries an iteration
};

// One trace event's fields that the timeline uses, as the SAX reader meets them.
struct RawEvent {
  std::string phase;
  std::string name;
  uint32_t pid = 0;
  uint32_t tid = 0;
  std::optional<double> ts;   // microseconds
  std::optional<double> dur;  // microseconds
  std::string layer;
  std::string group;
  std::string arg_name;  // args.name of a metadata event
  int64_t iteration = -1;
  bool has_iteration = false;
  std::string amount_key;
  uint64_t amount = 0;
};

int64_t Picoseconds(double microseconds) {
  return static_cast<int64_t>(std::llround(microseconds * 1e6));
}

void TakeEvent(const RawEvent& event, Trace& trace) {
  if (event.phase == "M") {
    if (event.name == "process_name") trace.process_names[event.pid] = event.arg_name;
    if (event.name == "thread_name") trace.thread_names[{event.pid, event.tid}] = event.arg_name;
    return;
  }
  if (event.phase != "X" || !event.ts || !event.dur) return;
  Slice slice;
  slice.start = Picoseconds(*event.ts);
  slice.duration = std::max<int64_t>(0, Picoseconds(*event.dur));
  slice.layer = trace.layers.Intern(event.layer);
  slice.group = trace.groups.Intern(event.group);
  slice.amount = event.amount;
  if (event.has_iteration) {
    slice.iteration = event.iteration;
    trace.per_instruction = true;
  }
  slice.raw_name = trace.raw_names.Intern(event.name + '\n' + event.amount_key);
  Track& track = trace.tracks[{event.pid, event.tid}];
  track.pid = event.pid;
  track.tid = event.tid;
  track.slices.push_back(slice);
}

// A SAX handler that picks the events out of {"traceEvents":[...]} or a bare [...] without
// building a document: an event is an object directly inside the top-level array or inside an
// array that is a top-level member; its members and its "args" members are read, anything
// nested deeper is skipped.
class TraceReader : public nlohmann::json_sax<Json> {
 public:
  explicit TraceReader(Trace& trace) : trace_(trace) {}

  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(int64_t value) override { return Number(static_cast<double>(value), value); }
  bool number_unsigned(uint64_t value) override {
    return Number(static_cast<double>(value), static_cast<int64_t>(value));
  }
  bool number_float(double value, const std::string&) override {
    return Number(value, std::nullopt);
  }
  bool string(std::string& value) override {
    if (Member()) {
      if (key_ == "ph") event_.phase = value;
      if (key_ == "name") event_.name = value;
    } else if (ArgsMember()) {
      if (key_ == "layer") event_.layer = value;
      if (key_ == "group") event_.group = value;
      if (key_ == "name") event_.arg_name = value;
    }
    return true;
  }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override {
    if (event_depth_ == 0 && !stack_.empty() && stack_.back() == '[' && stack_.size() <= 2) {
      event_depth_ = stack_.size() + 1;
      event_ = RawEvent();
    } else if (Member() && key_ == "args") {
      in_args_ = true;
    }
    stack_.push_back('{');
    return true;
  }
  bool key(std::string& value) override {
    key_ = value;
    return true;
  }
  bool end_object() override {
    if (stack_.size() == event_depth_) {
      TakeEvent(event_, trace_);
      event_depth_ = 0;
    } else if (in_args_ && stack_.size() == event_depth_ + 1) {
      in_args_ = false;
    }
    stack_.pop_back();
    return true;
  }
  bool start_array(std::size_t) override {
    stack_.push_back('[');
    return true;
  }
  bool end_array() override {
    stack_.pop_back();
    return true;
  }
  bool parse_error(std::size_t, const std::string&,
                   const nlohmann::detail::exception& problem) override {
    error_ = problem.what();
    return false;
  }
  const std::string& error() const { return error_; }

 private:
  bool Member() const { return event_depth_ != 0 && stack_.size() == event_depth_; }
  bool ArgsMember() const {
    return event_depth_ != 0 && in_args_ && stack_.size() == event_depth_ + 1;
  }
  bool Number(double value, std::optional<int64_t> integer) {
    if (Member()) {
      if (key_ == "ts") event_.ts = value;
      if (key_ == "dur") event_.dur = value;
      if (key_ == "pid" && integer && *integer >= 0) event_.pid = static_cast<uint32_t>(*integer);
      if (key_ == "tid" && integer && *integer >= 0) event_.tid = static_cast<uint32_t>(*integer);
    } else if (ArgsMember() && integer) {
      if (key_ == "iteration") {
        event_.iteration = *integer;
        event_.has_iteration = true;
      }
      if ((key_ == "bytes" || key_ == "macs") && *integer >= 0) {
        event_.amount_key = key_;
        event_.amount = static_cast<uint64_t>(*integer);
      }
    }
    return true;
  }

  Trace& trace_;
  std::vector<char> stack_;  // '{' or '[' per open container
  size_t event_depth_ = 0;   // stack size inside the current event object; 0: none
  bool in_args_ = false;
  std::string key_;
  RawEvent event_;
  std::string error_;
};

Trace ReadTrace(const std::string& path, const std::vector<std::string>& layer_names) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw UserError(path + ": cannot read trace");
  Trace trace;
  for (const std::string& name : layer_names) trace.layers.Intern(name);
  TraceReader reader(trace);
  // Streamed: a whole network's trace can be hundreds of megabytes.
  if (!Json::sax_parse(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>(),
                       &reader)) {
    throw UserError(path + ": not a trace-event JSON (" + reader.error() + ")");
  }
  return trace;
}

// The paper's instruction kind of a slice name (RECV is resolved separately).
std::string KindOf(const std::string& mnemonic) {
  static const char* const kSame[] = {"LOAD", "LOADW", "LOADFM", "LOADWM",
                                      "WRITEFM", "WRITE", "MOVE"};
  for (const char* kind : kSame) {
    if (mnemonic == kind) return kind;
  }
  if (mnemonic.rfind("COMP", 0) == 0) return "COMP";
  if (mnemonic.rfind("acq", 0) == 0 || mnemonic.rfind("wait", 0) == 0) return "WAIT";
  return "OTHER";
}

std::string ReceiveKey(const std::string& layer, const std::string& group,
                       const std::string& engine) {
  return layer + '\n' + group + '\n' + engine;
}

// For each receiving (S2MM) stream of the program: the mnemonic of what it receives, from the
// route's sending side; the most frequent one when a channel receives several kinds in a group.
std::unordered_map<std::string, std::string> ReceiveKinds(const isa::Program& program) {
  std::unordered_map<std::string, std::string> kinds;
  for (const isa::Layer& layer : program.layers()) {
    std::map<uint32_t, const isa::Route*> routes;
    for (const isa::Route& route : layer.routes()) routes[route.id()] = &route;
    for (const isa::Group& group : layer.groups()) {
      for (const isa::Stream& stream : group.streams()) {
        if (stream.engine().kind() != isa::S2MM) continue;
        std::map<std::string, int> counts;
        for (const isa::Instruction& instruction : stream.instructions()) {
          if (!instruction.has_transfer()) continue;
          auto route = routes.find(instruction.transfer().route());
          if (route == routes.end()) continue;
          ++counts[isa::TransferMnemonic(layer, route->second->source(), instruction.transfer())];
        }
        if (counts.empty()) continue;
        auto best = std::max_element(counts.begin(), counts.end(), [](auto& a, auto& b) {
          return a.second < b.second;
        });
        kinds[ReceiveKey(layer.name(), group.name(), isa::EngineName(stream.engine()))] =
            best->first;
      }
    }
  }
  return kinds;
}

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
  return Json(text).dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string QuotedList(const std::vector<std::string>& texts) {
  std::string out = "[";
  for (size_t i = 0; i < texts.size(); ++i) out += (i ? "," : "") + Quoted(texts[i]);
  return out + "]";
}

// One engine's run of slices of one group of one layer: the slices [begin, stop) of its track,
// written aggregated (per-name totals) or detailed (every slice, made only when chosen).
struct Segment {
  uint32_t layer = 0;
  size_t begin = 0;
  size_t stop = 0;
  std::string head;        // "[layer,group,start delta,length"
  std::string aggregated;  // head + ",0,count,...]"
  size_t detailed_size = 0;
};

class TimelineBuilder {
 public:
  TimelineBuilder(Trace trace, const isa::Program* program) : trace_(std::move(trace)) {
    if (program != nullptr) receive_kinds_ = ReceiveKinds(*program);
  }

  std::string Build(const TimelineOptions& options) {
    ResolveNames();
    ChooseUnit();
    std::vector<std::string> track_heads;
    std::vector<std::vector<Segment>> track_segments;
    std::vector<const Track*> tracks;
    for (auto& [key, track] : trace_.tracks) {
      tracks.push_back(&track);
      std::sort(track.slices.begin(), track.slices.end(), [](const Slice& a, const Slice& b) {
        return a.start != b.start ? a.start < b.start : a.duration < b.duration;
      });
      track_heads.push_back("[" + Quoted(ProcessName(track.pid)) + "," +
                            Quoted(ThreadName(track.pid, track.tid)) + ",[");
      track_segments.push_back(Segments(track));
    }
    const std::string fixed = FixedPart();
    // Every segment aggregated is the floor; then whole layers get their detail, cheapest first,
    // while the document fits.
    const size_t layer_count = trace_.layers.texts().size();
    std::vector<int64_t> extra(layer_count, 0);
    std::vector<int64_t> slices_in(layer_count, 0);
    int64_t size = static_cast<int64_t>(fixed.size()) + 256;
    for (size_t t = 0; t < track_segments.size(); ++t) {
      size += static_cast<int64_t>(track_heads[t].size()) + 4;
      for (const Segment& segment : track_segments[t]) {
        size += static_cast<int64_t>(segment.aggregated.size()) + 1;
        extra[segment.layer] += static_cast<int64_t>(segment.detailed_size) -
                                static_cast<int64_t>(segment.aggregated.size());
      }
    }
    for (const auto& [key, track] : trace_.tracks) {
      for (const Slice& slice : track.slices) ++slices_in[slice.layer];
    }
    std::vector<size_t> order(layer_count);
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&extra](size_t a, size_t b) { return extra[a] < extra[b]; });
    std::vector<bool> detailed(layer_count, false);
    int64_t detailed_slices = 0;
    for (size_t layer : order) {
      if (size + extra[layer] > static_cast<int64_t>(options.max_bytes)) break;
      size += extra[layer];
      detailed[layer] = true;
      detailed_slices += slices_in[layer];
    }
    std::string out;
    out.reserve(static_cast<size_t>(size));
    out += "{\"unit_ps\":";
    Append(out, unit_ps_);
    out += ",\"end\":";
    Append(out, end_ / unit_ps_);
    out += ",\"slices\":";
    Append(out, slice_count_);
    out += ",\"detailed_slices\":";
    Append(out, detailed_slices);
    out += ",\"granularity\":";
    out += trace_.per_instruction ? "\"instruction\"" : "\"group\"";
    out += fixed;
    out += ",\"tracks\":[";
    for (size_t t = 0; t < track_segments.size(); ++t) {
      out += (t ? "," : "") + track_heads[t];
      bool first = true;
      for (const Segment& segment : track_segments[t]) {
        if (!first) out += ',';
        first = false;
        if (detailed[segment.layer]) {
          AppendDetailed(out, *tracks[t], segment);
        } else {
          out += segment.aggregated;
        }
      }
      out += "]]";
    }
    out += "]}";
    return out;
  }

 private:
  std::string ProcessName(uint32_t pid) const {
    auto it = trace_.process_names.find(pid);
    return it != trace_.process_names.end() ? it->second : "tile" + std::to_string(pid);
  }
  std::string ThreadName(uint32_t pid, uint32_t tid) const {
    auto it = trace_.thread_names.find({pid, tid});
    return it != trace_.thread_names.end() ? it->second : "engine" + std::to_string(tid);
  }

  // The name (mnemonic, kind, amount key) of every slice; a receiving channel's slices take the
  // kind of what the program sends to it in that group.
  void ResolveNames() {
    std::map<std::tuple<std::string, std::string, std::string>, uint32_t> index;
    auto intern = [this, &index](const std::string& mnemonic, const std::string& kind,
                                 const std::string& amount_key) {
      auto [entry, added] = index.emplace(std::make_tuple(mnemonic, kind, amount_key),
                                          static_cast<uint32_t>(names_.size()));
      if (added) {
        names_.push_back("[" + Quoted(mnemonic) + "," + Quoted(kind) + "," + Quoted(amount_key) +
                         "]");
        name_kinds_.push_back(kind);
      }
      return entry->second;
    };
    std::vector<std::pair<std::string, std::string>> raw;  // mnemonic, amount key
    for (const std::string& text : trace_.raw_names.texts()) {
      const size_t cut = text.find('\n');
      raw.emplace_back(text.substr(0, cut), text.substr(cut + 1));
    }
    std::vector<int64_t> plain(raw.size(), -1);  // the name of a raw name other than RECV
    for (auto& [key, track] : trace_.tracks) {
      const std::string engine = ProcessName(track.pid) + "." + ThreadName(track.pid, track.tid);
      std::map<std::array<uint32_t, 3>, uint32_t> received;  // (raw name, layer, group) -> name
      for (Slice& slice : track.slices) {
        const auto& [mnemonic, amount_key] = raw[slice.raw_name];
        ++slice_count_;
        if (mnemonic != "RECV") {
          if (plain[slice.raw_name] < 0) {
            plain[slice.raw_name] = intern(mnemonic, KindOf(mnemonic), amount_key);
          }
          slice.name = static_cast<uint32_t>(plain[slice.raw_name]);
          continue;
        }
        auto [entry, added] = received.emplace(
            std::array<uint32_t, 3>{slice.raw_name, slice.layer, slice.group}, 0);
        if (added) {
          auto it = receive_kinds_.find(ReceiveKey(trace_.layers.texts()[slice.layer],
                                                   trace_.groups.texts()[slice.group], engine));
          entry->second = intern(mnemonic, it != receive_kinds_.end() ? it->second : "OTHER",
                                 amount_key);
        }
        slice.name = entry->second;
      }
    }
  }

  void ChooseUnit() {
    int64_t divisor = 0;
    for (const auto& [key, track] : trace_.tracks) {
      for (const Slice& slice : track.slices) {
        divisor = std::gcd(divisor, std::gcd(slice.start, slice.duration));
        end_ = std::max(end_, slice.start + slice.duration);
      }
    }
    unit_ps_ = divisor > 0 ? divisor : 1;
  }

  std::vector<Segment> Segments(const Track& track) {
    std::vector<Segment> segments;
    int64_t previous_segment_start = 0;
    const std::vector<Slice>& slices = track.slices;
    for (size_t begin = 0; begin < slices.size();) {
      size_t stop = begin;
      int64_t end = 0;
      while (stop < slices.size() && slices[stop].layer == slices[begin].layer &&
             slices[stop].group == slices[begin].group) {
        end = std::max(end, slices[stop].start + slices[stop].duration);
        ++stop;
      }
      const int64_t start = slices[begin].start;
      Segment segment;
      segment.layer = slices[begin].layer;
      segment.begin = begin;
      segment.stop = stop;
      segment.head = "[";
      Append(segment.head, slices[begin].layer);
      AppendList(segment.head, {slices[begin].group, (start - previous_segment_start) / unit_ps_,
                                (end - start) / unit_ps_});
      previous_segment_start = start;
      std::map<uint32_t, std::array<int64_t, 3>> totals;  // name -> count, busy, amount
      for (size_t i = begin; i < stop; ++i) {
        const Slice& slice = slices[i];
        auto& total = totals[slice.name];
        total[0] += 1;
        total[1] += slice.duration / unit_ps_;
        total[2] += static_cast<int64_t>(slice.amount);
      }
      scratch_.clear();
      AppendDetailed(scratch_, track, segment);
      segment.detailed_size = scratch_.size();
      const std::string& head = segment.head;
      segment.aggregated = head + ",0";
      AppendList(segment.aggregated, {static_cast<int64_t>(stop - begin)});
      for (const auto& [name, total] : totals) {
        AppendList(segment.aggregated, {name, total[0], total[1], total[2]});
      }
      segment.aggregated += ']';
      segments.push_back(std::move(segment));
      begin = stop;
    }
    return segments;
  }

  void AppendDetailed(std::string& out, const Track& track, const Segment& segment) const {
    out += segment.head;
    out += ",1";
    int64_t previous = track.slices[segment.begin].start;
    for (size_t i = segment.begin; i < segment.stop; ++i) {
      const Slice& slice = track.slices[i];
      AppendList(out, {(slice.start - previous) / unit_ps_, slice.duration / unit_ps_, slice.name,
                       slice.iteration, static_cast<int64_t>(slice.amount)});
      previous = slice.start;
    }
    out += ']';
  }

  // names, layers, groups, spans and per-kind unions: the part that never gives way.
  std::string FixedPart() const {
    const size_t layer_count = trace_.layers.texts().size();
    std::vector<std::pair<int64_t, int64_t>> layer_span(layer_count, {INT64_MAX, INT64_MIN});
    std::map<std::pair<uint32_t, uint32_t>, std::pair<int64_t, int64_t>> group_span;
    std::map<std::pair<uint32_t, std::string>, std::vector<std::pair<int64_t, int64_t>>> by_kind;
    for (const auto& [key, track] : trace_.tracks) {
      for (const Slice& slice : track.slices) {
        const int64_t end = slice.start + slice.duration;
        auto& layer = layer_span[slice.layer];
        layer = {std::min(layer.first, slice.start), std::max(layer.second, end)};
        auto [group, added] =
            group_span.emplace(std::make_pair(slice.layer, slice.group), std::make_pair(0, 0));
        group->second = added ? std::make_pair(slice.start, end)
                              : std::make_pair(std::min(group->second.first, slice.start),
                                               std::max(group->second.second, end));
        const std::string& kind = name_kinds_[slice.name];
        if (kind != "WAIT") by_kind[{slice.layer, kind}].emplace_back(slice.start, end);
      }
    }
    std::string out = ",\"names\":[";
    for (size_t i = 0; i < names_.size(); ++i) out += (i ? "," : "") + names_[i];
    out += "],\"layers\":" + QuotedList(trace_.layers.texts());
    out += ",\"groups\":" + QuotedList(trace_.groups.texts());
    out += ",\"layer_spans\":[";
    bool first = true;
    for (size_t layer = 0; layer < layer_count; ++layer) {
      if (layer_span[layer].first > layer_span[layer].second) continue;
      out += first ? "[" : ",[";
      first = false;
      Append(out, static_cast<int64_t>(layer));
      AppendList(out, {layer_span[layer].first / unit_ps_, layer_span[layer].second / unit_ps_});
      out += ']';
    }
    out += "],\"group_spans\":[";
    first = true;
    for (const auto& [key, span] : group_span) {
      out += first ? "[" : ",[";
      first = false;
      Append(out, key.first);
      AppendList(out, {key.second, span.first / unit_ps_, span.second / unit_ps_});
      out += ']';
    }
    out += "],\"kind_union\":[";
    first = true;
    for (auto& [key, intervals] : by_kind) {
      std::sort(intervals.begin(), intervals.end());
      out += first ? "[" : ",[";
      first = false;
      Append(out, key.first);
      out += "," + Quoted(key.second);
      int64_t cursor = layer_span[key.first].first;
      for (size_t i = 0; i < intervals.size();) {
        int64_t start = intervals[i].first;
        int64_t end = intervals[i].second;
        for (++i; i < intervals.size() && intervals[i].first <= end; ++i) {
          end = std::max(end, intervals[i].second);
        }
        AppendList(out, {(start - cursor) / unit_ps_, (end - start) / unit_ps_});
        cursor = end;
      }
      out += ']';
    }
    out += "]";
    return out;
  }

  Trace trace_;
  std::unordered_map<std::string, std::string> receive_kinds_;
  std::vector<std::string> names_;       // JSON text of each resolved name
  std::vector<std::string> name_kinds_;  // its kind
  int64_t unit_ps_ = 1;
  int64_t end_ = 0;
  int64_t slice_count_ = 0;
  std::string scratch_;
};

}  // namespace

std::string BuildTimelineJson(const std::string& trace_path, const isa::Program* program,
                              const std::vector<std::string>& layer_names,
                              const TimelineOptions& options) {
  TimelineBuilder builder(ReadTrace(trace_path, layer_names), program);
  return builder.Build(options);
}

}  // namespace aie2sim::report
