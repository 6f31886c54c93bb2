#include "sim/isa/listing.h"

#include <algorithm>
#include <cinttypes>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <tuple>
#include <vector>

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

std::string BufferText(const Buffer& buffer) {
  const Region& region = buffer.region();
  std::string text = Format("@0x%06" PRIx64 " [", region.address());
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
                     Padded(operand, kOperandWidth) + BufferText(transfer.buffer()) + "  " +
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

std::vector<std::string> ComputeLines(const Compute& compute) {
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

  std::string buffers;
  const std::pair<const char*, const Buffer*> named[] = {
      {"in", &compute.input()}, {"wts", &compute.weights()}, {"out", &compute.output()}};
  for (const auto& [name, buffer] : named) {
    if (buffer->region().dims().empty()) continue;
    buffers += (buffers.empty() ? "" : "  ") + std::string(name) + " " + BufferText(*buffer);
  }
  if (buffers.empty()) return {line};
  return {line, std::string(kMnemonicWidth, ' ') + buffers};
}

std::vector<std::string> InstructionLines(const Layer& layer, const Engine& engine,
                                          const Instruction& instruction) {
  switch (instruction.op_case()) {
    case Instruction::kAcquire:
      return {"acq " + LockName(instruction.acquire().lock()) + " " +
              std::to_string(instruction.acquire().value())};
    case Instruction::kRelease:
      return {"rel " + LockName(instruction.release().lock()) + " " +
              std::to_string(instruction.release().value())};
    case Instruction::kTransfer:
      return {TransferLine(layer, engine, instruction.transfer())};
    case Instruction::kCompute:
      return ComputeLines(instruction.compute());
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
  ListLockInits(layer, out);
  for (const Group& group : layer.groups()) ListGroup(layer, group, out);
}

}  // namespace

std::string TransferMnemonic(const Layer& layer, const Engine& engine, const Transfer& transfer) {
  if (engine.kind() == S2MM) return "RECV";
  const Route* route = FindRoute(layer, transfer.route());
  if (engine.kind() != MM2S || route == nullptr || route->destinations().empty()) return "MOVE";
  const TileKind from = engine.tile();
  const TileKind to = route->destinations(0).tile();
  const bool weights = transfer.data() == WEIGHTS;
  if (from == SHIM && to == MEMTILE) return weights ? "LOADW" : "LOAD";
  if (from == MEMTILE && to == CORE) return weights ? "LOADWM" : "LOADFM";
  if (from == CORE && to == MEMTILE) return "WRITEFM";
  if (from == MEMTILE && to == SHIM) return "WRITE";
  return "MOVE";  // any other path (memtile->memtile, shim->core, ...): no paper mnemonic
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
