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
//    unique in a layer, and in every group each route's MM2S side moves the same bytes, the same
//    number of times, as the S2MM side of each destination;
//  - transfer bytes equal the product of the region's sizes; dims count <= the tile's
//    address_dims; every address touched in every iteration lies inside the engine's memory
//    (DDR size for shims);
//  - lock ids < the tile's lock count, column_offset only on memtile channels 0..3 and only to an
//    existing neighbour; lock init and acquire/release values <= 63;
//  - BDs: per group and tile, transfers (x2 when toggling ping/pong) <= the tile's BDs;
//  - batch >= 1 and at least one layer; iterations >= 1; compute macs consistent with density in
//    [0, 1]; group, data and kernel kinds are values the format defines (protobuf keeps unknown
//    enum numbers).
#pragma once

#include <string>
#include <vector>

#include "sim/arch/hardware_config.h"
#include "sim/isa/program.pb.h"

namespace aie2sim::isa {

// All violations found (empty when valid), each a one-line message.
std::vector<std::string> ValidateProgram(const Program& program, const arch::HardwareConfig& config);

// Throws UserError "<program_name>: invalid program: <first violation> (and N more)" when invalid.
void CheckProgram(const Program& program, const arch::HardwareConfig& config,
                  const std::string& program_name);

}  // namespace aie2sim::isa
