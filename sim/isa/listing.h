// The human listing of a Program, in the paper's ASM-like style.
//
// Per layer a header with shapes and MACs, the routes, the lock initial values, then per group
// "group NAME kind=BODY iter=N" and one block per stream. Transfers print as the paper's
// mnemonics, chosen from the source and destination tiles and the data kind:
//   LOAD (shim->memtile activations)  LOADW (shim->memtile weights)  (designs: shim->core too)
//   LOADFM (memtile->core activations) LOADWM (memtile->core weights)
//   WRITEFM (core->memtile)            WRITE (memtile->shim)
// and the receiving side as RECV. Locks print as "acq L3 1" / "rel L2 1".
#pragma once

#include <string>

#include "sim/isa/program.pb.h"

namespace aie2sim::isa {

std::string ListProgram(const Program& program);

// The paper's mnemonic of a transfer on `engine` within `layer` (uses the layer's routes).
std::string TransferMnemonic(const Layer& layer, const Engine& engine, const Transfer& transfer);
// The paper's mnemonic of data of kind `data` moving from a `from` tile to a `to` tile (LOAD,
// LOADW, LOADFM, LOADWM, WRITEFM, WRITE, or MOVE for any other path): the same on the sending
// and the receiving side.
std::string PathMnemonic(TileKind from, TileKind to, DataKind data);

}  // namespace aie2sim::isa
