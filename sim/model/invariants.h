// The SystemC model's invariant checks, all in one place: what they check, where, and how they
// are switched. They catch bugs of the model or of the compiler that the static validator
// (sim/isa/validator.h) cannot see or that a hand-built program slipped past it (Simulate does
// not re-validate).
//
// Switch: kCheckInvariants is true when AIE2SIM_CHECK_INVARIANTS is defined, which CMake does in
// Debug and sanitizer (AIE2SIM_SANITIZE) builds. Every check sits behind
// `if constexpr (kCheckInvariants)`, so it is compiled (and kept from rotting) in every build but
// costs nothing in Release.
//
// A broken invariant throws InvariantError (an InternalError: exit 1) whose message starts with
//   "invariant '<name>' broken: layer L group G: <engine>, iteration i: <what>"
// (InvariantBroken below), and stops the simulation through the FailureSlot.
//
// The invariants (program.proto states the semantics they follow):
//  1. 'memory bounds': every byte a transfer touches in every iteration (region.address +
//     i * step, plus pingpong_offset when i is odd, plus the region's extent) lies in its
//     engine's memory: [0, ddr.size_bytes) for shim channels, [0, memtile.memory_bytes) for
//     memtile channels, [0, core.memory_bytes) for core channels; likewise every compute's input,
//     weights and output buffer (those with dims) in its core's memory. Checked by the engine when
//     it executes the instruction (DmaChannel::Transfer, CoreProcessor::Compute). Functional mode
//     also checks each byte it moves (FunctionalMemory), always.
//  2. 'lock range': acquire and release values are <= 63 (6-bit locks), a release never raises a
//     value above 63, a lock init value is <= 63. Checked before each acquire and release
//     (EngineModule) and lock init (LayerSequencer), naming the place. In every build, lock ids
//     are checked against the tile's lock count (OpCompiler, LockUnit) and the LockUnit keeps
//     values in 0..63 (it throws on an overflowing release or init, and an acquire subtracts only
//     what is there); the checks here add where it happened. The program semantics state no lock
//     values at a layer's end, so none are checked.
//  3. 'no overlapping live buffers': within one memory (a memtile, a core's data memory, DDR),
//     while one engine writes bytes no other engine reads or writes any of them. A transfer
//     side's access is live while its data moves (from the moment every side of its route has
//     arrived until its last chunk has moved; MM2S reads, S2MM writes); a compute's while it runs
//     (its input and weights read, its output written unless `partial`). Reads may overlap reads
//     (a broadcast's source is one read; several cores reading one memtile buffer is fine), and
//     one engine's own accesses never conflict (a compute may read and write one buffer).
//     Regions are compared by span first and, only when spans overlap, by their exact byte sets,
//     so interleaved strided regions (several cores' outputs in alternating channel ranges of one
//     memtile row) are no conflict. Checked when an access starts (LiveAccesses::Register).
//     Accesses ordered by a lock, a route or a group barrier never meet: each ends before the
//     release (or the barrier arrival) that lets the next one start.
//  4. 'group end': when a group's barrier opens, no access is live in any memory and no route has
//     a side waiting for its partner (LayerSequencer).
#pragma once

#include <string>
#include <string_view>

#include "sim/base/error.h"

namespace aie2sim::model {

#ifdef AIE2SIM_CHECK_INVARIANTS
inline constexpr bool kCheckInvariants = true;
#else
inline constexpr bool kCheckInvariants = false;
#endif

// A broken invariant: a ProgramError (lock overflows and racing buffers are properties of the
// program that the validator does not see).
class InvariantError : public ProgramError {
 public:
  explicit InvariantError(const std::string& message) : ProgramError(message) {}
};

// Throws the InvariantError "invariant '<name>' broken: <where>: <what>".
[[noreturn]] inline void InvariantBroken(std::string_view name, const std::string& where,
                                         const std::string& what) {
  throw InvariantError("invariant '" + std::string(name) + "' broken: " + where + ": " + what);
}

// "layer L group G" for messages.
inline std::string GroupWhere(std::string_view layer, std::string_view group) {
  return "layer " + std::string(layer) + " group " + std::string(group);
}

}  // namespace aie2sim::model
