// Fitting a layer's groups into the tiles' buffer descriptors.
//
// A group's transfers each hold a BD of their tile for the whole group (two with a ping/pong
// toggle), so a group may use at most `*.dma.bds` of them per tile (the validator's rule). Tall
// meshes (a memtile feeding 32 cores) and layers with many weight slices (a shim loading one
// slice per core row) need more. As AIE2 programs reprogram BDs between task batches, such a
// group is split into consecutive groups ("NAME.bd0", "NAME.bd1", ...), each carrying a share
// of the group's independent work and fitting every tile's BDs.
//
// Independent work: a core tile with all its streams, joined with every transfer that reaches
// it (a broadcast joins all its receivers); a transfer between memtiles and shims stands alone.
// Each piece keeps its instructions in order and runs every iteration of the group, so the
// split group does the same work with the same locks; it only runs the pieces one batch after
// another. Lock operations on memtile and shim streams go with the transfer that follows them.
//
// Throws UserError naming the config key when one piece alone needs more BDs than its tile has.
// A broadcast joins all its receivers into one piece: emitters that can split a broadcast ask
// PiecesFitBds first and split only when it says no (programs that fit stay as they are).
#pragma once

#include "sim/arch/hardware_config.h"
#include "sim/isa/program.pb.h"

namespace aie2sim::codegen {

void FitGroupsToBds(const arch::HardwareConfig& config, isa::Layer* layer);

// Whether FitGroupsToBds succeeds on `layer`: every indivisible piece fits its tiles' BDs.
bool PiecesFitBds(const arch::HardwareConfig& config, const isa::Layer& layer);

}  // namespace aie2sim::codegen
