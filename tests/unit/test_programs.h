// A small hand-built Program for the ISA unit tests (validator, listing, I/O): one 1x1
// convolution on a 2x2 mesh, written the way the paper's compiler lays a layer out.
//
// Layer conv1: Conv 1x1, in 1x8x8x8 -> out 1x8x8x16 (BHWC), dense.
//  * Column c owns output width slice [4c, 4c+4); core row r owns output channels [8r, 8r+8).
//  * DDR: input at 0x0 (512 B), weights at 0x1000 (16 x 8 B, COUT x CIN), output at 0x2000.
//  * memtile(c): input slice at 0x0 (8 rows x 4 cols x 8 ch), the weights of core row c at
//    0x1000 (memtile(c) serves row c: one weight MM2S channel per memtile on a 2x2), output
//    slice at 0x2000 (8 rows x 4 cols x 16 ch).
//  * core: input ping/pong 0x0/0x2000, output ping/pong 0x4000/0x6000, weights 0x8000.
// Groups: load (LOAD + LOADW), weights (LOADWM along rows), body x8 (LOADFM broadcast down each
// column, COMP, WRITEFM; core locks L0 input free=2, L1 input full=0, L2 output free=2, L3 output
// full=0 drive the ping/pong), store (WRITE).
#pragma once

#include "sim/arch/config_hash.h"
#include "sim/arch/hardware_config.h"
#include "sim/isa/program.pb.h"
#include "sim/isa/program_builder.h"
#include "sim/isa/program_io.h"

namespace aie2sim::test_support {

inline constexpr uint32_t kTinyRows = 2;
inline constexpr uint32_t kTinyColumns = 2;
inline constexpr uint32_t kTinyBodyIterations = 8;

// Route ids of the tiny program.
inline uint32_t LoadRoute(uint32_t column) { return 1 + 2 * column; }
inline uint32_t LoadWeightsRoute(uint32_t column) { return 2 + 2 * column; }
inline uint32_t WeightsRoute(uint32_t row) { return 5 + row; }
inline uint32_t FeatureMapRoute(uint32_t column) { return 7 + column; }
inline uint32_t WriteFeatureMapRoute(uint32_t row, uint32_t column) { return 9 + 2 * column + row; }
inline uint32_t WriteRoute(uint32_t column) { return 13 + column; }

// Group indices of the tiny program's layer.
enum TinyGroup { kTinyLoad = 0, kTinyWeights = 1, kTinyBody = 2, kTinyStore = 3 };

// The COMP of one core: one output row of 4 columns x 8 channels from 4 columns x 8 channels.
inline isa::Compute TinyCompute() {
  isa::Compute compute;
  compute.set_kernel(isa::CONV);
  isa::KernelDims* dims = compute.mutable_dims();
  dims->set_out_rows(1);
  dims->set_out_cols(4);
  dims->set_out_channels(8);
  dims->set_in_rows(1);
  dims->set_in_cols(4);
  dims->set_in_channels(8);
  dims->set_kernel_h(1);
  dims->set_kernel_w(1);
  dims->set_stride_h(1);
  dims->set_stride_w(1);
  dims->set_dilation_h(1);
  dims->set_dilation_w(1);
  dims->set_groups(1);
  compute.set_macs(4 * 8 * 8);
  compute.set_density(1.0);
  *compute.mutable_input() = isa::MakeBuffer(isa::Contiguous(0x0, 32), 0, 0x2000);
  *compute.mutable_weights() = isa::MakeBuffer(isa::Contiguous(0x8000, 64));
  *compute.mutable_output() = isa::MakeBuffer(isa::Contiguous(0x4000, 32), 0, 0x2000);
  compute.set_relu(true);
  return compute;
}

inline void AddTinyLayer(isa::Layer* layer) {
  using namespace isa;  // NOLINT: the builder vocabulary reads better unqualified here
  layer->set_name("conv1");
  layer->set_op("Conv");
  for (uint64_t extent : {1, 8, 8, 8}) layer->add_in_shape(extent);
  for (uint64_t extent : {1, 8, 8, 16}) layer->add_out_shape(extent);
  layer->set_macs(8 * 8 * 16 * 8);
  layer->set_effective_macs(8 * 8 * 16 * 8);
  layer->set_density(1.0);

  // Routes, in id order.
  for (uint32_t c = 0; c < kTinyColumns; ++c) {
    AddRoute(layer, LoadRoute(c), ShimChannel(c, MM2S, 0), {MemtileChannel(c, S2MM, 0)});
    AddRoute(layer, LoadWeightsRoute(c), ShimChannel(c, MM2S, 1), {MemtileChannel(c, S2MM, 1)});
  }
  for (uint32_t r = 0; r < kTinyRows; ++r) {
    std::vector<Engine> row_cores;
    for (uint32_t c = 0; c < kTinyColumns; ++c) row_cores.push_back(CoreChannel(r, c, S2MM, 1));
    AddRoute(layer, WeightsRoute(r), MemtileChannel(r, MM2S, 1), row_cores);
  }
  for (uint32_t c = 0; c < kTinyColumns; ++c) {
    std::vector<Engine> column_cores;
    for (uint32_t r = 0; r < kTinyRows; ++r) column_cores.push_back(CoreChannel(r, c, S2MM, 0));
    AddRoute(layer, FeatureMapRoute(c), MemtileChannel(c, MM2S, 0), column_cores);
  }
  for (uint32_t c = 0; c < kTinyColumns; ++c) {
    for (uint32_t r = 0; r < kTinyRows; ++r) {
      AddRoute(layer, WriteFeatureMapRoute(r, c), CoreChannel(r, c, MM2S, 0),
               {MemtileChannel(c, S2MM, 2 + r)});
    }
  }
  for (uint32_t c = 0; c < kTinyColumns; ++c) {
    AddRoute(layer, WriteRoute(c), MemtileChannel(c, MM2S, 0), {ShimChannel(c, S2MM, 0)});
  }

  for (uint32_t r = 0; r < kTinyRows; ++r) {
    for (uint32_t c = 0; c < kTinyColumns; ++c) {
      AddLockInit(layer, CORE, c, r, 0, 2);
      AddLockInit(layer, CORE, c, r, 1, 0);
      AddLockInit(layer, CORE, c, r, 2, 2);
      AddLockInit(layer, CORE, c, r, 3, 0);
    }
  }

  Group* load = layer->add_groups();
  load->set_name("load");
  load->set_kind(GROUP_LOAD);
  load->set_iterations(1);
  for (uint32_t c = 0; c < kTinyColumns; ++c) {
    *StreamFor(load, ShimChannel(c, MM2S, 0))->add_instructions() =
        TransferOp(LoadRoute(c), ACTIVATIONS, MakeBuffer(MakeRegion(32 * c, {{32, 1}, {8, 64}})));
    *StreamFor(load, MemtileChannel(c, S2MM, 0))->add_instructions() =
        TransferOp(LoadRoute(c), ACTIVATIONS, MakeBuffer(Contiguous(0x0, 256)));
    *StreamFor(load, ShimChannel(c, MM2S, 1))->add_instructions() =
        TransferOp(LoadWeightsRoute(c), WEIGHTS, MakeBuffer(Contiguous(0x1000 + 64 * c, 64)));
    *StreamFor(load, MemtileChannel(c, S2MM, 1))->add_instructions() =
        TransferOp(LoadWeightsRoute(c), WEIGHTS, MakeBuffer(Contiguous(0x1000, 64)));
  }

  Group* weights = layer->add_groups();
  weights->set_name("weights");
  weights->set_kind(GROUP_WEIGHTS);
  weights->set_iterations(1);
  for (uint32_t r = 0; r < kTinyRows; ++r) {
    *StreamFor(weights, MemtileChannel(r, MM2S, 1))->add_instructions() =
        TransferOp(WeightsRoute(r), WEIGHTS, MakeBuffer(Contiguous(0x1000, 64)));
    for (uint32_t c = 0; c < kTinyColumns; ++c) {
      *StreamFor(weights, CoreChannel(r, c, S2MM, 1))->add_instructions() =
          TransferOp(WeightsRoute(r), WEIGHTS, MakeBuffer(Contiguous(0x8000, 64)));
    }
  }

  Group* body = layer->add_groups();
  body->set_name("body");
  body->set_kind(GROUP_BODY);
  body->set_iterations(kTinyBodyIterations);
  for (uint32_t c = 0; c < kTinyColumns; ++c) {
    *StreamFor(body, MemtileChannel(c, MM2S, 0))->add_instructions() =
        TransferOp(FeatureMapRoute(c), ACTIVATIONS, MakeBuffer(Contiguous(0x0, 32), 32));
    for (uint32_t r = 0; r < kTinyRows; ++r) {
      Stream* in = StreamFor(body, CoreChannel(r, c, S2MM, 0));
      *in->add_instructions() = AcquireOp(0, 1);
      *in->add_instructions() =
          TransferOp(FeatureMapRoute(c), ACTIVATIONS, MakeBuffer(Contiguous(0x0, 32), 0, 0x2000));
      *in->add_instructions() = ReleaseOp(1, 1);

      Stream* proc = StreamFor(body, CoreProcessor(r, c));
      *proc->add_instructions() = AcquireOp(1, 1);
      *proc->add_instructions() = AcquireOp(2, 1);
      *proc->add_instructions() = ComputeOp(TinyCompute());
      *proc->add_instructions() = ReleaseOp(0, 1);
      *proc->add_instructions() = ReleaseOp(3, 1);

      Stream* out = StreamFor(body, CoreChannel(r, c, MM2S, 0));
      *out->add_instructions() = AcquireOp(3, 1);
      *out->add_instructions() = TransferOp(WriteFeatureMapRoute(r, c), OUTPUT,
                                            MakeBuffer(Contiguous(0x4000, 32), 0, 0x2000));
      *out->add_instructions() = ReleaseOp(2, 1);

      // Channels r*8.. of every output column: 8 contiguous bytes, 4 columns 16 bytes apart.
      *StreamFor(body, MemtileChannel(c, S2MM, 2 + r))->add_instructions() =
          TransferOp(WriteFeatureMapRoute(r, c), OUTPUT,
                     MakeBuffer(MakeRegion(0x2000 + 8 * r, {{8, 1}, {4, 16}}), 64));
    }
  }

  Group* store = layer->add_groups();
  store->set_name("store");
  store->set_kind(GROUP_STORE);
  store->set_iterations(1);
  for (uint32_t c = 0; c < kTinyColumns; ++c) {
    *StreamFor(store, MemtileChannel(c, MM2S, 0))->add_instructions() =
        TransferOp(WriteRoute(c), OUTPUT, MakeBuffer(Contiguous(0x2000, 512)));
    *StreamFor(store, ShimChannel(c, S2MM, 0))->add_instructions() = TransferOp(
        WriteRoute(c), OUTPUT, MakeBuffer(MakeRegion(0x2000 + 64 * c, {{64, 1}, {8, 128}})));
  }
}

// The tiny program compiled for `config` (a 2x2 paper config, see PaperConfig).
inline isa::Program TinyProgram(const arch::HardwareConfig& config) {
  isa::Program program;
  program.set_version(isa::kProgramVersion);
  program.set_config_hash(arch::ConfigHash(config));
  program.set_config_name(config.name);
  program.set_workload("tiny");
  program.set_batch(1);
  isa::SparsityInfo* sparsity = program.mutable_sparsity();
  sparsity->set_ratio(0.0);
  sparsity->set_block_h(8);
  sparsity->set_block_w(8);
  sparsity->set_importance("dense");
  sparsity->set_seed(0);
  AddTinyLayer(program.add_layers());
  return program;
}

}  // namespace aie2sim::test_support
