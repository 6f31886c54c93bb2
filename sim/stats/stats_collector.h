// The sink every component of the SystemC model reports its statistics into.
//
// Contract: components register their own counter groups at elaboration (AddEngine) and report
// shared quantities (traffic per memory level, layer times, processed events) while simulating.
// Nothing here prints: Simulate turns the collected figures into its SimResult. The collector
// must outlive every registered counter group's last read, and vice versa the groups must
// outlive the collector's readers (both live for one Simulate call).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include <systemc>

#include "sim/stats/engine_counters.h"

namespace aie2sim::stats {

// Where bytes are read or written. A DMA transfer reads the memory of its MM2S side and writes
// the memory of each S2MM side (a broadcast is one read and several writes).
enum class MemoryLevel { kDdr = 0, kMemtile = 1, kCore = 2 };
inline constexpr int kMemoryLevels = 3;

struct LayerRecord {
  std::string name;
  sc_core::sc_time duration;  // from the layer's start to the end of its last group
};

struct EngineRecord {
  std::string name;  // isa::EngineName of the engine
  const EngineCounters* counters = nullptr;
};

class StatsCollector {
 public:
  // Registers one engine's counter group; `counters` must stay valid while the collector is read.
  void AddEngine(std::string name, const EngineCounters* counters);

  void AddRead(MemoryLevel level, uint64_t bytes) { read_bytes_[Index(level)] += bytes; }
  void AddWrite(MemoryLevel level, uint64_t bytes) { write_bytes_[Index(level)] += bytes; }
  // One processed model event: a transfer chunk, a lock wake-up or a compute.
  void CountEvent() { ++events_; }
  void RecordLayer(std::string name, sc_core::sc_time duration);

  const std::vector<EngineRecord>& engines() const { return engines_; }
  const std::vector<LayerRecord>& layers() const { return layers_; }
  uint64_t read_bytes(MemoryLevel level) const { return read_bytes_[Index(level)]; }
  uint64_t write_bytes(MemoryLevel level) const { return write_bytes_[Index(level)]; }
  uint64_t events() const { return events_; }

 private:
  static int Index(MemoryLevel level) { return static_cast<int>(level); }

  std::vector<EngineRecord> engines_;
  std::vector<LayerRecord> layers_;
  std::array<uint64_t, kMemoryLevels> read_bytes_{};
  std::array<uint64_t, kMemoryLevels> write_bytes_{};
  uint64_t events_ = 0;
};

}  // namespace aie2sim::stats
