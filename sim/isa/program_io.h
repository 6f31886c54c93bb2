// Reading and writing Program files (binary protobuf) and naming program entities.
#pragma once

#include <string>

#include "sim/isa/program.pb.h"

namespace aie2sim::isa {

inline constexpr uint32_t kProgramVersion = 2;  // reads 1 too: v1 is a subset (program.proto)

// Throws UserError "path: problem" when the file is missing, unreadable, not a Program, or of
// another version.
Program ReadProgram(const std::string& path);
// Throws UserError when the file cannot be written.
void WriteProgram(const Program& program, const std::string& path);

// Stable human names used in listings, traces, stats and errors:
//   shim(2).mm2s0   memtile(0).s2mm3   core(1,2).s2mm0   core(1,2).proc   (core(row,column))
//   controller      (program.proto, v2)
std::string EngineName(const Engine& engine);
std::string TileName(const Tile& tile);
// The tile an engine belongs to.
Tile TileOf(const Engine& engine);

// Bytes addressed by a region: the product of its sizes (1 for no dims is not allowed: 0).
uint64_t RegionBytes(const Region& region);

// A total order on engines (tile kind, column, row, kind, channel), for maps keyed by engine.
struct EngineLess {
  bool operator()(const Engine& a, const Engine& b) const;
};
bool SameEngine(const Engine& a, const Engine& b);

// Hash of the serialized program (16 hex digits), for reports' `program_hash`.
std::string ProgramHash(const Program& program);

}  // namespace aie2sim::isa
