#include "sim/analytic/program_bound.h"

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

#include "sim/analytic/layer_tally.h"
#include "sim/isa/region_walk.h"

namespace aie2sim::analytic {
namespace {

using Intervals = std::vector<std::pair<int64_t, int64_t>>;  // [begin, end)

// Bytes covered by the union of `intervals` (sorted in place).
double CoveredBytes(Intervals& intervals) {
  std::sort(intervals.begin(), intervals.end());
  double bytes = 0;
  int64_t reached = INT64_MIN;
  for (const auto& [begin, end] : intervals) {
    const int64_t from = std::max(begin, reached);
    if (end > from) bytes += static_cast<double>(end - from);
    reached = std::max(reached, end);
  }
  return bytes;
}

// Distinct DDR bytes the layer's shim channels move over all iterations.
struct DdrBytes {
  double activations = 0;  // read, not weights
  double weights = 0;      // read
  double written = 0;
};

DdrBytes DistinctDdrBytes(const isa::Layer& layer) {
  Intervals activations, weights, written;
  for (const isa::Group& group : layer.groups()) {
    for (const isa::Stream& stream : group.streams()) {
      if (stream.engine().tile() != isa::SHIM) continue;
      const bool writes = stream.engine().kind() == isa::S2MM;
      for (const isa::Instruction& instruction : stream.instructions()) {
        if (!instruction.has_transfer()) continue;
        const isa::Transfer& transfer = instruction.transfer();
        Intervals& into = writes                            ? written
                          : transfer.data() == isa::WEIGHTS ? weights
                                                            : activations;
        for (uint32_t i = 0; i < group.iterations(); ++i) {
          isa::ForEachRun(transfer.buffer().region(), isa::BufferAddress(transfer.buffer(), i),
                          [&into](int64_t address, int64_t length) {
                            into.emplace_back(address, address + length);
                          });
        }
      }
    }
  }
  return {CoveredBytes(activations), CoveredBytes(weights), CoveredBytes(written)};
}

double Elements(const google::protobuf::RepeatedField<uint64_t>& shape) {
  double elements = 1;
  for (uint64_t extent : shape) elements *= static_cast<double>(extent);
  return shape.empty() ? 0 : elements;
}

// Of `extent` input positions, how many a window of `kernel` taps (dilation, stride) producing
// `outputs` positions touches, with the padding split evenly (the extra one at the end).
int64_t Touched(int64_t extent, int64_t outputs, int64_t kernel, int64_t stride, int64_t dilation) {
  if (kernel <= 0 || stride <= 0 || outputs <= 0) return extent;
  dilation = std::max<int64_t>(dilation, 1);
  const int64_t reach = (kernel - 1) * dilation + 1;
  const int64_t pad = std::max<int64_t>(0, (outputs - 1) * stride + reach - extent) / 2;
  std::vector<bool> touched(static_cast<size_t>(extent), false);
  for (int64_t o = 0; o < outputs; ++o) {
    for (int64_t t = 0; t < kernel; ++t) {
      const int64_t position = o * stride - pad + t * dilation;
      if (position >= 0 && position < extent) touched[static_cast<size_t>(position)] = true;
    }
  }
  return std::count(touched.begin(), touched.end(), true);
}

// The first compute instruction of the layer (its kernel and window), if any.
const isa::Compute* FirstCompute(const isa::Layer& layer) {
  for (const isa::Group& group : layer.groups()) {
    for (const isa::Stream& stream : group.streams()) {
      for (const isa::Instruction& instruction : stream.instructions()) {
        if (instruction.has_compute()) return &instruction.compute();
      }
    }
  }
  return nullptr;
}

// Input activation bytes the cores need at least once.
double InputBytes(const isa::Layer& layer, const isa::Compute& compute, double vector_ops) {
  const double outputs = Elements(layer.out_shape());
  // An Add's ops are one per output element and input: they count its inputs.
  if (compute.kernel() == isa::ADD)
    return outputs > 0 ? std::round(vector_ops / outputs) * outputs : 0;
  if (layer.in_shape_size() != 4 || layer.out_shape_size() != 4 || layer.op() == "Gemm") {
    return Elements(layer.in_shape());
  }
  const isa::KernelDims& dims = compute.dims();
  const auto extent = [&layer](int axis) { return static_cast<int64_t>(layer.in_shape(axis)); };
  const auto outs = [&layer](int axis) { return static_cast<int64_t>(layer.out_shape(axis)); };
  const int64_t rows =
      Touched(extent(1), outs(1), dims.kernel_h(), dims.stride_h(), dims.dilation_h());
  const int64_t cols =
      Touched(extent(2), outs(2), dims.kernel_w(), dims.stride_w(), dims.dilation_w());
  return static_cast<double>(extent(0)) * rows * cols * extent(3);
}

// A design's work (no tensor shapes): what its engines do, summed over the array.
BoundWork DesignWork(const isa::Layer& layer, const LayerTally& tally,
                     const arch::HardwareConfig& config) {
  BoundWork work;
  for (const auto& [engine, done] : tally) {
    work.macs += done.macs;
    work.vector_ops += done.vector_ops;
    if (engine.tile() == isa::SHIM) work.ddr_bytes += done.bytes;
    if (engine.tile() == isa::MEMTILE && engine.kind() == isa::MM2S) {
      work.core_in_bytes += done.bytes;
    }
    if (engine.tile() == isa::CORE && engine.kind() == isa::MM2S) work.core_out_bytes += done.bytes;
  }
  work.cores = config.cores();
  work.memtile_bytes = static_cast<double>(layer.memtile_peak_bytes());
  return work;
}

}  // namespace

BoundWork LayerWork(const isa::Layer& layer, const arch::HardwareConfig& config) {
  const LayerTally tally = TallyLayer(layer, config);
  if (layer.out_shape_size() == 0) return DesignWork(layer, tally, config);
  BoundWork work;
  const DdrBytes ddr = DistinctDdrBytes(layer);
  work.ddr_bytes = ddr.activations + ddr.weights + ddr.written;
  work.memtile_bytes = static_cast<double>(layer.memtile_peak_bytes());
  const isa::Compute* compute = FirstCompute(layer);
  if (compute == nullptr) return work;  // pure data movement (Concat)
  const double outputs = Elements(layer.out_shape());
  work.macs = static_cast<double>(layer.effective_macs());
  for (const auto& [engine, done] : tally) work.vector_ops += done.vector_ops;
  const double inputs = InputBytes(layer, *compute, work.vector_ops);
  // A design (program.proto v2) states no output shape: its cores are not counted by outputs.
  work.cores = layer.out_shape().empty() ? static_cast<double>(config.cores())
                                         : std::min(static_cast<double>(config.cores()), outputs);
  work.core_in_bytes = inputs + ddr.weights;
  work.core_out_bytes = outputs;
  // A strided window's tiling may load rows and columns no output reads: DDR owes only the
  // input bytes the cores need.
  work.ddr_bytes = std::min(ddr.activations, inputs) + ddr.weights + ddr.written;
  return work;
}

}  // namespace aie2sim::analytic
