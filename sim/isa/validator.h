// The Program validator: the checks every program must pass before either time model runs it.
//
// Rules (each violation is one message naming layer, group, engine and instruction index):
//  - version is kProgramVersion; config_hash equals arch::ConfigHash(config) (else "config hash
//    mismatch");
//  - every engine exists in the config (column < columns, row < rows for cores, channel < the
//    tile's channel count for its direction, processors only on cores);
//  - an engine has at most one stream per group; transfers only on DMA engines, compute only on
//    processors; MM2S streams hold only MM2S-side transfers of routes whose source is that
//    engine, S2MM likewise for destinations;
//  - every route's source is an MM2S engine and every destination an S2MM engine, route ids are
//    unique in a layer, and in every group each route's source sends as many bytes as each
//    destination receives, counted through loops, task repeats and iterations ("unmatched
//    bytes: ... sends S B, ... receives R B");
//  - transfer bytes equal the product of the region's sizes; dims count <= the tile's
//    address_dims; every address touched in every iteration lies inside the engine's memory
//    (DDR size for shims);
//  - lock ids < the tile's lock count, column_offset only on memtile channels 0..3 and only to an
//    existing neighbour; lock init and acquire/release values <= 63;
//  - BDs: per group and tile, transfers (x2 when toggling ping/pong, x depth in a ring) <= the
//    tile's BDs (controller tasks are not counted: a shim BD is rewritten per task);
//  - batch >= 1 and at least one layer; iterations >= 1; compute macs consistent with density in
//    [0, 1]; group, data and kernel kinds are values the format defines (protobuf keeps unknown
//    enum numbers);
//  v2 (program.proto):
//  - loops: count >= 1, a non-empty body; nested instructions are named "instruction 2.0.1";
//  - rings: ids >= 1 and unique, in an existing memtile or core, depth and object size >= 1, and
//    depth x object size from the address inside the tile's memory; a buffer in a ring names a
//    defined ring, a window < depth, no step or ping/pong, and stays inside one object;
//  - cross-tile: a core processor uses its own, west, north and south cores' memory and locks, a
//    DMA channel its own tile's (memtile channels also column_offset); otherwise "X cannot use
//    Y: ...", naming both tiles;
//  - a program with a controller has one layer, one group of one iteration, one controller
//    stream; only the controller runs push_task / await_token / write_word / set_lock (and
//    loops), to existing shim DMA channels that have no stream of their own in the group; it
//    awaits no more tokens from a channel than the tasks pushed to it issue; set_lock values
//    <= 63; a kernel class is known and its compute has work.
#pragma once

#include <string>
#include <vector>

#include "sim/arch/hardware_config.h"
#include "sim/isa/program.pb.h"

namespace aie2sim::isa {

// All violations found (empty when valid), each a one-line message.
std::vector<std::string> ValidateProgram(const Program& program,
                                         const arch::HardwareConfig& config);

// Throws UserError "<program_name>: invalid program: <first violation> (and N more)" when invalid.
void CheckProgram(const Program& program, const arch::HardwareConfig& config,
                  const std::string& program_name);

}  // namespace aie2sim::isa
