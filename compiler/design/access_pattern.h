// Address patterns of design transfers, as Program regions (innermost first, bytes).
//
// A design writes patterns as mlir-aie does: (size, stride) pairs outermost first, in elements.
// Converted, contiguous neighbours merge (a contiguous transfer is linear, as mlir-aie treats
// it) and size-1 dimensions drop, so a pattern takes as few BD dimensions as it can.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "compiler/design/design.h"

namespace aie2sim::design {

using RegionDims = std::vector<std::pair<uint32_t, int64_t>>;  // (size, stride), innermost first

// `dims` (outermost first, elements of `element_bytes`) as region dims in bytes. An innermost
// stride other than 1 element takes an extra byte dimension. Throws UserError(where: ...) when a
// size exceeds a BD's 32-bit range.
RegionDims ToRegionDims(const std::vector<AccessDim>& dims, uint32_t element_bytes,
                        const std::string& where);

// Bytes a region walks (the product of its sizes) and one past the largest offset it touches.
uint64_t RegionBytes(const RegionDims& dims);
uint64_t RegionExtent(const RegionDims& dims);

// A producer DMA's pattern (IRON dimensionsToStream) on a transfer of `bytes`: on AIE2 the
// outermost dimension is not a wrap, the pattern goes on until the BD length is reached
// (DESIGNS.md 0.3, INFERRED), so its size grows to cover `bytes`. The pattern must then stay
// inside the `bytes` it covers; otherwise UserError(where: ...).
RegionDims StreamPattern(const std::vector<AccessDim>& dims, uint32_t element_bytes, uint64_t bytes,
                         const std::string& where);

// One host transfer (a fill or drain) as one shim task: `npu_dma_memcpy_nd` semantics
// (DESIGNS.md 0.4) on the buffer's elements. d2..d0 are the BD's address dimensions; d3 runs the
// BD d3 times: with stride 0 it is the queue's repeat count, with a stride the BD's iteration
// dimension, which the task's repeat count models too (one BD, one DMA setup, d3 runs; designs
// run timing-only, so the steps' DDR addresses are not modelled, only checked to lie inside the
// buffer).
struct HostTransfer {
  uint64_t address = 0;
  RegionDims dims;
  uint32_t repeat = 1;
  uint64_t bytes = 0;  // all runs together
};
HostTransfer LowerHostTransfer(const SequenceOp& op, const HostBuffer& buffer, uint64_t base);

}  // namespace aie2sim::design
