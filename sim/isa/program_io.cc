#include "sim/isa/program_io.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <google/protobuf/stubs/logging.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <tuple>

#include "sim/base/error.h"
#include "sim/base/output_file.h"

namespace aie2sim::isa {
namespace {

// The canonical bytes of a program: deterministic serialization, so equal programs give equal
// files and equal hashes (map and unknown-field order cannot leak in).
std::string SerializeDeterministic(const Program& program) {
  std::string bytes;
  {
    google::protobuf::io::StringOutputStream output(&bytes);
    google::protobuf::io::CodedOutputStream coded(&output);
    coded.SetSerializationDeterministic(true);
    program.SerializeToCodedStream(&coded);  // computes sizes, then writes
  }
  return bytes;
}

uint64_t Fnv1a64(const std::string& bytes) {
  uint64_t hash = 14695981039346656037ull;
  for (unsigned char byte : bytes) {
    hash ^= byte;
    hash *= 1099511628211ull;
  }
  return hash;
}

const char* EngineSuffix(EngineKind kind) {
  switch (kind) {
    case MM2S:
      return "mm2s";
    case S2MM:
      return "s2mm";
    case PROCESSOR:
      return "proc";
    default:
      return "engine?";
  }
}

std::string TileNameOf(TileKind kind, uint32_t column, uint32_t row) {
  switch (kind) {
    case SHIM:
      return "shim(" + std::to_string(column) + ")";
    case MEMTILE:
      return "memtile(" + std::to_string(column) + ")";
    case CORE:
      return "core(" + std::to_string(row) + "," + std::to_string(column) + ")";
    default:
      return "tile?(" + std::to_string(row) + "," + std::to_string(column) + ")";
  }
}

}  // namespace

Program ReadProgram(const std::string& path) {
  std::error_code status_error;
  if (!std::filesystem::exists(path, status_error)) {
    throw UserError(path + ": no such file");
  }
  if (std::filesystem::is_directory(path, status_error)) {
    throw UserError(path + ": is a directory, not a program file");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw UserError(path + ": cannot open: " + std::strerror(errno));
  std::ostringstream contents;
  contents << in.rdbuf();
  if (in.bad()) throw UserError(path + ": cannot read: " + std::strerror(errno));

  Program program;
  // Protobuf logs some parse errors itself (invalid UTF-8 in a string field): silenced, so that
  // stderr holds only our one-line error.
  google::protobuf::LogSilencer silence_protobuf_log;
  if (!program.ParseFromString(contents.str())) {
    throw UserError(path + ": not a Program file (protobuf parse failed)");
  }
  if (program.version() == 0) {
    throw UserError(path + ": not a Program file (no version)");
  }
  if (program.version() > kProgramVersion) {
    throw UserError(path + ": program version " + std::to_string(program.version()) +
                    ", this aie2sim reads versions 1 to " + std::to_string(kProgramVersion));
  }
  return program;
}

void WriteProgram(const Program& program, const std::string& path) {
  WriteOutputFile(path, SerializeDeterministic(program));
}

std::string EngineName(const Engine& engine) {
  if (engine.kind() == CONTROLLER) return "controller";
  std::string name =
      TileNameOf(engine.tile(), engine.column(), engine.row()) + "." + EngineSuffix(engine.kind());
  if (engine.kind() != PROCESSOR) name += std::to_string(engine.channel());
  return name;
}

std::string TileName(const Tile& tile) {
  return TileNameOf(tile.kind(), tile.column(), tile.row());
}

Tile TileOf(const Engine& engine) {
  Tile tile;
  tile.set_kind(engine.tile());
  tile.set_column(engine.column());
  tile.set_row(engine.row());
  return tile;
}

uint64_t RegionBytes(const Region& region) {
  if (region.dims().empty()) return 0;
  uint64_t bytes = 1;
  for (const Dim& dim : region.dims()) {
    if (__builtin_mul_overflow(bytes, static_cast<uint64_t>(dim.size()), &bytes)) {
      return UINT64_MAX;  // saturate: no memory is that large, so every check rejects it
    }
  }
  return bytes;
}

bool EngineLess::operator()(const Engine& a, const Engine& b) const {
  return std::make_tuple(a.tile(), a.column(), a.row(), a.kind(), a.channel()) <
         std::make_tuple(b.tile(), b.column(), b.row(), b.kind(), b.channel());
}

bool SameEngine(const Engine& a, const Engine& b) {
  return a.tile() == b.tile() && a.column() == b.column() && a.row() == b.row() &&
         a.kind() == b.kind() && a.channel() == b.channel();
}

std::string ProgramHash(const Program& program) {
  char hex[17];
  std::snprintf(hex, sizeof(hex), "%016llx",
                static_cast<unsigned long long>(Fnv1a64(SerializeDeterministic(program))));
  return hex;
}

}  // namespace aie2sim::isa
