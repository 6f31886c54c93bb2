// A design as read from its YAML file (workloads/designs/README.md), every expression evaluated,
// every `foreach` expanded and the runtime sequence's `for` / `if` unrolled: the input of the
// lowering passes (lower_design.h). Positions are mlir-aie's logical (column, row): row 0 shim,
// row 1 memtile, rows 2.. cores. `where` strings ("file.yaml:12: fifos.in") start the messages
// that name an entity.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "compiler/design/expr.h"
#include "sim/isa/program.pb.h"

namespace aie2sim::design {

struct TilePos {
  uint32_t column = 0;
  uint32_t row = 0;  // logical: 0 shim, 1 memtile, >= 2 core
  bool operator==(const TilePos& other) const { return column == other.column && row == other.row; }
  bool operator<(const TilePos& other) const {
    return column != other.column ? column < other.column : row < other.row;
  }
  bool IsShim() const { return row == 0; }
  bool IsMemtile() const { return row == 1; }
  bool IsCore() const { return row >= 2; }
  std::string ToString() const {
    return "(" + std::to_string(column) + "," + std::to_string(row) + ")";
  }
};

struct Endpoint {
  TilePos tile;
  uint32_t depth = 2;  // objects at this endpoint
};

// An n-d access pattern, outermost first, in elements (IRON's dimensionsToStream).
struct AccessDim {
  int64_t size = 0;
  int64_t stride = 0;
};

struct Fifo {
  std::string name;
  std::string where;
  Endpoint producer;
  std::vector<Endpoint> consumers;  // several: a broadcast
  uint64_t object_bytes = 0;
  uint32_t element_bytes = 1;                       // of the object's dtype (1 when given in bytes)
  std::vector<AccessDim> dims;                      // on the producer's DMA; empty: linear
  isa::DataKind data = isa::DATA_KIND_UNSPECIFIED;  // unspecified: from the direction
};

// One FIFO on a link's side, at a byte offset into the memtile's object.
struct LinkEnd {
  std::string fifo;
  uint64_t offset = 0;
};

// A link through a memtile: forward (1 -> 1), distribute (1 -> n) or join (n -> 1).
struct Link {
  std::string where;
  std::vector<LinkEnd> from;
  std::vector<LinkEnd> to;
};

// A kernel argument: a FIFO's held object at window position `window` (0 = the oldest held).
struct KernelArg {
  std::string fifo;
  uint32_t window = 0;
};

struct CoreOp {
  enum class Kind { kAcquire, kRelease, kKernel, kLoop, kAcquireLock, kReleaseLock };
  Kind kind = Kind::kAcquire;
  std::string where;
  std::string name;    // the FIFO (acquire, release) or lock (lock ops)
  uint32_t count = 1;  // objects (acquire, release) or the lock value (lock ops)
  isa::KernelClass kernel_class = isa::KERNEL_CLASS_UNSPECIFIED;
  uint64_t work = 0;              // the call site's MACs or elements
  std::vector<KernelArg> inputs;  // at most 2
  std::optional<KernelArg> output;
  uint64_t loop_count = 0;
  std::vector<CoreOp> body;  // kLoop
};

struct CoreLock {
  std::string name;
  uint32_t initial = 0;
};

struct CoreBufferDecl {
  std::string name;
  uint64_t bytes = 0;
};

// One core and its Worker body: one iteration per run of the runtime sequence.
struct Core {
  std::string where;
  TilePos tile;
  uint64_t stack_bytes = 0x400;
  std::vector<CoreBufferDecl> buffers;  // runtime parameters and other core-local buffers
  std::vector<CoreLock> locks;          // barrier locks the host sets
  std::vector<CoreOp> body;
};

struct HostBuffer {
  std::string name;
  uint64_t bytes = 0;
  uint32_t element_bytes = 1;
};

// One host-side action of the runtime sequence, after unrolling.
struct SequenceOp {
  enum class Kind { kFill, kDrain, kAwait, kWrite, kSetLock };
  Kind kind = Kind::kFill;
  std::string where;
  std::string fifo;             // fill, drain, await
  std::string buffer;           // fill, drain: the host buffer; write: the core buffer
  int64_t offset = 0;           // fill, drain: elements of the host buffer
  bool pattern = false;         // sizes/strides given; otherwise the whole buffer, linearly
  std::vector<AccessDim> dims;  // [d3, d2, d1, d0], elements
  bool token = false;           // fill, drain: issue a completion token
  TilePos tile;                 // write, set_lock
  uint64_t index = 0;           // write: 32-bit word of the buffer
  std::string lock;             // set_lock
  uint32_t value = 0;           // write, set_lock
};

struct Design {
  std::string file;  // as given, for messages
  std::string name;
  std::string device;  // a config preset: --arch's default
  std::string upstream;
  Bindings parameters;  // after --param, with derived values
  std::vector<Fifo> fifos;
  std::vector<Link> links;
  std::vector<Core> cores;
  std::vector<HostBuffer> host_buffers;
  std::vector<SequenceOp> sequence;
};

}  // namespace aie2sim::design
