#include "sim/isa/listing.h"

#include <algorithm>
#include <cinttypes>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <tuple>
#include <vector>

#include "sim/isa/kernel_classes.h"
#include "sim/isa/program_io.h"

// Listing format (deterministic; every field that matters to timing is printed). Layers, routes,
// groups, streams and instructions appear in program order; lock inits one line per tile.
//   program v1  workload=W  config=NAME (hash H)  batch=B  layers=N
//   sparsity ratio=R block=HxW importance=I seed=S                 (when the program has one)
//   layer NAME  OP  in BHWC -> out BHWC  macs=M effective=E density=D
//     route ID: SOURCE -> DEST DEST ...
//     locks TILE: Lid=value ...
//     group NAME  kind=KIND  iter=N
//       ENGINE:
//         acq Lid[@west|@east] V      rel Lid V
//         MNEMONIC rROUTE DATA  @ADDR [size x stride, ...] [+step/iter] [pp+offset]  BYTES B
//                  -> DEST TILES     (MM2S side)      <- SOURCE TILE     (S2MM side, RECV)
//         COMP     KERNEL out RxCxK in RxCxK [kHxW sS dD] [pad tT bB lL rR] [gG]  macs=M
//                  density=D [acc] [relu]
//                  in BUFFER  wts BUFFER  out BUFFER                 (buffers that have dims)
// v2 (program.proto): rings as "ring ID NAME: TILE @ADDR DEPTH x SIZE B" after the routes; a
// buffer in a ring as NAME[j]+OFFSET [dims]; a release advancing a ring ends in "+NAME"; a
// tile-qualified lock as TILE.Lid; loops as "LOOP N {", the body indented by two, "}"; a kernel
// class compute as "COMP CLASS  work=W UNIT"; the controller's instructions as
//         PUSH     CHANNEL  <transfer line>  xREPEAT [token]
//         AWAIT    CHANNEL      WRITE32  TILE @ADDR = V      SETLOCK  TILE.Lid = V
// DATA is act | wts | out | psum; sizes x strides are innermost first; densities print with at
// least three decimals and as many more as the exact value needs.
namespace aie2sim::isa {
namespace {

constexpr int kMnemonicWidth = 9;  // "WRITEFM" and a space
constexpr int kOperandWidth = 10;  // "r12 psum" and a space

std::string Format(const char* format, ...) __attribute__((format(printf, 1, 2)));
std::string Format(const char* format, ...) {
  va_list args;
  va_start(args, format);
  va_list copy;
  va_copy(copy, args);
  const int length = std::vsnprintf(nullptr, 0, format, copy);
  va_end(copy);
  std::string text(static_cast<size_t>(std::max(length, 0)) + 1, '\0');
  std::vsnprintf(text.data(), text.size(), format, args);
  va_end(args);
  text.pop_back();
  return text;
}

// At least three decimals, more when needed to print the exact double (so density 0.4921875
// is not shown as 0.492), falling back to 17 significant digits.
std::string Number(double value) {
  for (int precision = 3; precision <= 17; ++precision) {
    std::string text = Format("%.*f", precision, value);
    if (std::strtod(text.c_str(), nullptr) == value) return text;
  }
  return Format("%.17g", value);
}

std::string Shape(const google::protobuf::RepeatedField<uint64_t>& shape) {
  if (shape.empty()) return "-";
  std::string text;
  for (uint64_t extent : shape) {
    text += (text.empty() ? "" : "x") + std::to_string(extent);
  }
  return text;
}

std::string Padded(const std::string& text, size_t width) {
  return text.size() >= width ? text + " " : text + std::string(width - text.size(), ' ');
}

std::string LockName(const LockRef& lock) {
  std::string name = "L" + std::to_string(lock.id());
  if (lock.tile().kind() != TILE_KIND_UNSPECIFIED) return TileName(lock.tile()) + "." + name;
  if (lock.column_offset() == -1) return name + "@west";
  if (lock.column_offset() == 1) return name + "@east";
  if (lock.column_offset() != 0) return name + Format("@col%+d", lock.column_offset());
  return name;
}

const char* DataName(DataKind kind) {
  switch (kind) {
    case ACTIVATIONS:
      return "act";
    case WEIGHTS:
      return "wts";
    case OUTPUT:
      return "out";
    case PARTIAL_SUMS:
      return "psum";
    default:
      return "data?";
  }
}

std::string KernelName(KernelKind kind) {
  const std::string& name = KernelKind_Name(kind);
  return name.empty() ? "KERNEL" + std::to_string(static_cast<int>(kind)) : name;
}

std::string GroupKindName(GroupKind kind) {
  const std::string& name = GroupKind_Name(kind);
  if (name.empty()) return std::to_string(static_cast<int>(kind));
  return name.rfind("GROUP_", 0) == 0 ? name.substr(6) : name;
}

const Route* FindRoute(const Layer& layer, uint32_t id) {
  for (const Route& route : layer.routes()) {
    if (route.id() == id) return &route;
  }
  return nullptr;
}

const Ring* FindRing(const Layer& layer, uint32_t id) {
  for (const Ring& ring : layer.rings()) {
    if (ring.id() == id) return &ring;
  }
  return nullptr;
}

// "in" for a named ring, else "ring3".
std::string RingName(const Layer& layer, uint32_t id) {
  const Ring* ring = FindRing(layer, id);
  return ring != nullptr && !ring->name().empty() ? ring->name() : "ring" + std::to_string(id);
}

std::string BufferText(const Layer& layer, const Buffer& buffer) {
  const Region& region = buffer.region();
  std::string text;
  if (buffer.ring() != 0) {  // offset in the window's object
    text = RingName(layer, buffer.ring()) + "[" + std::to_string(buffer.window()) + "]" +
           Format("+0x%" PRIx64 " [", region.address());
  } else {
    text = Format("@0x%06" PRIx64 " [", region.address());
  }
  for (int d = 0; d < region.dims_size(); ++d) {
    text +=
        Format("%s%ux%" PRId64, d == 0 ? "" : ", ", region.dims(d).size(), region.dims(d).stride());
  }
  text += "]";
  if (buffer.step() != 0) text += Format(" %+" PRId64 "/iter", buffer.step());
  if (buffer.pingpong_offset() != 0) text += Format(" pp+%" PRIu64, buffer.pingpong_offset());
  return text;
}

std::string TransferLine(const Layer& layer, const Engine& engine, const Transfer& transfer) {
  const std::string operand =
      "r" + std::to_string(transfer.route()) + " " + DataName(transfer.data());
  std::string line = Padded(TransferMnemonic(layer, engine, transfer), kMnemonicWidth) +
                     Padded(operand, kOperandWidth) + BufferText(layer, transfer.buffer()) + "  " +
                     std::to_string(transfer.bytes()) + " B";
  const Route* route = FindRoute(layer, transfer.route());
  if (route == nullptr) return line + "  (route undefined)";
  if (engine.kind() == S2MM) return line + "  <- " + TileName(TileOf(route->source()));
  line += "  ->";
  std::vector<std::string> tiles;
  for (const Engine& destination : route->destinations()) {
    std::string tile = TileName(TileOf(destination));
    if (std::find(tiles.begin(), tiles.end(), tile) == tiles.end()) tiles.push_back(tile);
  }
  for (const std::string& tile : tiles) line += " " + tile;
  return line;
}

std::string Pair(const char* prefix, uint32_t a, uint32_t b) {
  return a == b ? Format("%s%u", prefix, a) : Format("%s%ux%u", prefix, a, b);
}

// The buffers of a compute that have dims, on one line; "" when none has.
std::string ComputeBuffers(const Layer& layer, const Compute& compute) {
  std::string buffers;
  const std::pair<const char*, const Buffer*> named[] = {
      {"in", &compute.input()}, {"wts", &compute.weights()}, {"out", &compute.output()}};
  for (const auto& [name, buffer] : named) {
    if (buffer->region().dims().empty()) continue;
    buffers += (buffers.empty() ? "" : "  ") + std::string(name) + " " + BufferText(layer, *buffer);
  }
  return buffers;
}

std::vector<std::string> ComputeLines(const Layer& layer, const Compute& compute) {
  if (compute.kernel_class() != KERNEL_CLASS_UNSPECIFIED) {  // priced by the config (v2)
    const std::string line =
        Padded("COMP", kMnemonicWidth) + KernelClassKey(compute.kernel_class()) +
        "  work=" + std::to_string(compute.work()) + " " + KernelWorkUnit(compute.kernel_class());
    const std::string buffers = ComputeBuffers(layer, compute);
    if (buffers.empty()) return {line};
    return {line, std::string(kMnemonicWidth, ' ') + buffers};
  }
  const KernelDims& d = compute.dims();
  std::string line = Padded("COMP", kMnemonicWidth) + KernelName(compute.kernel()) +
                     Format(" out %ux%ux%u in %ux%ux%u", d.out_rows(), d.out_cols(),
                            d.out_channels(), d.in_rows(), d.in_cols(), d.in_channels());
  if (d.kernel_h() != 0 || d.kernel_w() != 0) {
    line += Format(" k%ux%u ", d.kernel_h(), d.kernel_w()) + Pair("s", d.stride_h(), d.stride_w()) +
            " " + Pair("d", d.dilation_h(), d.dilation_w());
  }
  if (d.pad_top() != 0 || d.pad_bottom() != 0 || d.pad_left() != 0 || d.pad_right() != 0) {
    line +=
        Format(" pad t%u b%u l%u r%u", d.pad_top(), d.pad_bottom(), d.pad_left(), d.pad_right());
  }
  if (d.groups() > 1) line += Format(" g%u", d.groups());
  line += "  macs=" + std::to_string(compute.macs()) + " density=" + Number(compute.density());
  if (compute.accumulate()) line += " acc";
  if (compute.relu()) line += " relu";

  const std::string buffers = ComputeBuffers(layer, compute);
  if (buffers.empty()) return {line};
  return {line, std::string(kMnemonicWidth, ' ') + buffers};
}

std::vector<std::string> InstructionLines(const Layer& layer, const Engine& engine,
                                          const Instruction& instruction);

// A controller's task: "PUSH     shim(0).mm2s0  LOAD r1 act @0x000000 [8192x1]  8192 B  x1 token".
std::string PushLine(const Layer& layer, const PushTask& push) {
  return Padded("PUSH", kMnemonicWidth) + EngineName(push.channel()) + "  " +
         TransferLine(layer, push.channel(), push.transfer()) + "  x" +
         std::to_string(push.repeat()) + (push.issue_token() ? " token" : "");
}

// A loop's header, its body indented by two, and its closing brace.
std::vector<std::string> LoopLines(const Layer& layer, const Engine& engine, const Loop& loop) {
  std::vector<std::string> lines = {Padded("LOOP", kMnemonicWidth) + std::to_string(loop.count()) +
                                    " {"};
  for (const Instruction& instruction : loop.body()) {
    for (const std::string& line : InstructionLines(layer, engine, instruction)) {
      lines.push_back("  " + line);
    }
  }
  lines.push_back("}");
  return lines;
}

std::vector<std::string> InstructionLines(const Layer& layer, const Engine& engine,
                                          const Instruction& instruction) {
  switch (instruction.op_case()) {
    case Instruction::kAcquire:
      return {"acq " + LockName(instruction.acquire().lock()) + " " +
              std::to_string(instruction.acquire().value())};
    case Instruction::kRelease: {
      const Release& release = instruction.release();
      std::string line = "rel " + LockName(release.lock()) + " " + std::to_string(release.value());
      if (release.ring() != 0) line += "  +" + RingName(layer, release.ring());
      return {line};
    }
    case Instruction::kTransfer:
      return {TransferLine(layer, engine, instruction.transfer())};
    case Instruction::kCompute:
      return ComputeLines(layer, instruction.compute());
    case Instruction::kLoop:
      return LoopLines(layer, engine, instruction.loop());
    case Instruction::kPushTask:
      return {PushLine(layer, instruction.push_task())};
    case Instruction::kAwaitToken:
      return {Padded("AWAIT", kMnemonicWidth) + EngineName(instruction.await_token().channel())};
    case Instruction::kWriteWord: {
      const WriteWord& write = instruction.write_word();
      return {Padded("WRITE32", kMnemonicWidth) + TileName(write.tile()) +
              Format(" @0x%06" PRIx64 " = %u", write.address(), write.value())};
    }
    case Instruction::kSetLock: {
      const SetLock& set = instruction.set_lock();
      return {Padded("SETLOCK", kMnemonicWidth) + TileName(set.tile()) +
              Format(".L%u = %u", set.lock(), set.value())};
    }
    default:
      return {"(empty instruction)"};
  }
}

void ListLockInits(const Layer& layer, std::string* out) {
  // One line per tile, tiles in (kind, column, row) order, locks in program order.
  std::vector<const LockInit*> inits;
  for (const LockInit& init : layer.lock_inits()) inits.push_back(&init);
  auto key = [](const LockInit* init) {
    return std::make_tuple(init->tile().kind(), init->tile().column(), init->tile().row());
  };
  std::stable_sort(inits.begin(), inits.end(),
                   [&](const LockInit* a, const LockInit* b) { return key(a) < key(b); });
  for (size_t i = 0; i < inits.size(); ++i) {
    if (i == 0 || key(inits[i]) != key(inits[i - 1])) {
      if (i != 0) *out += "\n";
      *out += "  locks " + TileName(inits[i]->tile()) + ":";
    }
    *out += Format(" L%u=%u", inits[i]->lock(), inits[i]->value());
  }
  if (!inits.empty()) *out += "\n";
}

void ListGroup(const Layer& layer, const Group& group, std::string* out) {
  *out += "  group " + group.name() + "  kind=" + GroupKindName(group.kind()) +
          "  iter=" + std::to_string(group.iterations()) + "\n";
  for (const Stream& stream : group.streams()) {  // program order: the compiler's data flow
    *out += "    " + EngineName(stream.engine()) + ":\n";
    for (const Instruction& instruction : stream.instructions()) {
      for (const std::string& line : InstructionLines(layer, stream.engine(), instruction)) {
        *out += "      " + line + "\n";
      }
    }
  }
}

void ListLayer(const Layer& layer, std::string* out) {
  *out += "layer " + layer.name() + "  " + layer.op() + "  in " + Shape(layer.in_shape()) +
          " -> out " + Shape(layer.out_shape()) + "  macs=" + std::to_string(layer.macs()) +
          " effective=" + std::to_string(layer.effective_macs()) +
          " density=" + Number(layer.density()) + "\n";
  for (const Route& route : layer.routes()) {
    *out += "  route " + std::to_string(route.id()) + ": " + EngineName(route.source()) + " ->";
    for (const Engine& destination : route.destinations()) *out += " " + EngineName(destination);
    *out += "\n";
  }
  for (const Ring& ring : layer.rings()) {
    *out += "  ring " + std::to_string(ring.id()) + " " + RingName(layer, ring.id()) + ": " +
            TileName(ring.tile()) + Format(" @0x%06" PRIx64 " ", ring.address()) +
            std::to_string(ring.depth()) + " x " + std::to_string(ring.object_bytes()) + " B\n";
  }
  ListLockInits(layer, out);
  for (const Group& group : layer.groups()) ListGroup(layer, group, out);
}

}  // namespace

std::string PathMnemonic(TileKind from, TileKind to, DataKind data) {
  const bool weights = data == WEIGHTS;
  if (from == SHIM && to == MEMTILE) return weights ? "LOADW" : "LOAD";
  if (from == MEMTILE && to == CORE) return weights ? "LOADWM" : "LOADFM";
  if (from == CORE && to == MEMTILE) return "WRITEFM";
  if (from == MEMTILE && to == SHIM) return "WRITE";
  // Designs (program.proto, v2) may connect a shim and a core directly.
  if (from == SHIM && to == CORE) return weights ? "LOADW" : "LOAD";
  if (from == CORE && to == SHIM) return "WRITE";
  return "MOVE";  // any other path (memtile->memtile, ...): no paper mnemonic
}

std::string TransferMnemonic(const Layer& layer, const Engine& engine, const Transfer& transfer) {
  if (engine.kind() == S2MM) return "RECV";
  const Route* route = FindRoute(layer, transfer.route());
  if (engine.kind() != MM2S || route == nullptr || route->destinations().empty()) return "MOVE";
  return PathMnemonic(engine.tile(), route->destinations(0).tile(), transfer.data());
}

std::string ListProgram(const Program& program) {
  std::string out = "program v" + std::to_string(program.version()) +
                    "  workload=" + program.workload() + "  config=" + program.config_name() +
                    " (hash " + program.config_hash() + ")" +
                    "  batch=" + std::to_string(program.batch()) +
                    "  layers=" + std::to_string(program.layers_size()) + "\n";
  if (program.has_sparsity()) {
    const SparsityInfo& sparsity = program.sparsity();
    out += "sparsity ratio=" + Number(sparsity.ratio()) +
           Format(" block=%ux%u", sparsity.block_h(), sparsity.block_w()) +
           " importance=" + sparsity.importance() + " seed=" + std::to_string(sparsity.seed()) +
           "\n";
  }
  for (const Layer& layer : program.layers()) ListLayer(layer, &out);
  return out;
}

}  // namespace aie2sim::isa
