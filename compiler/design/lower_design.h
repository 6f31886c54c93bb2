// The design front-end's lowering: a Design (design_reader.h) into a Program v2 for one config,
// by the passes of compiler/design/ in order (lowering_state.h):
//   placement check -> held objects and object counts -> FIFO resources (rings, locks, channels,
//   BDs, routes, memtile links) -> DMA streams -> core streams -> runtime sequence,
// then the program validator. The program has one layer named after the design (op "Design",
// MACs the kernel calls' matrix and convolution work in one run) and one group "run" of one
// iteration: the controller, every DMA channel and every core processor.
#pragma once

#include "compiler/design/design.h"
#include "compiler/design/design_names.h"
#include "sim/arch/hardware_config.h"
#include "sim/isa/program.pb.h"

namespace aie2sim::design {

// UserError for anything the design gets wrong, naming the file and the entity. `names`, when
// given, receives what the program's locks and routes stand for.
isa::Program LowerDesign(const Design& design, const arch::HardwareConfig& config,
                         DesignNames* names = nullptr);

// Multiply-accumulates of the design's kernel calls in one run (matrix and convolution classes).
uint64_t DesignMacs(const Design& design);

}  // namespace aie2sim::design
