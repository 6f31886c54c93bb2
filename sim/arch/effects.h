// The realistic effects: what the paper's analytic model ignores and the SystemC model can charge,
// one switch each (`effects.<name>` in the config), and the order in which `aie2sim run`
// attributes a layer's simulated-minus-analytic time to them.
//
// Each effect, as the model charges it (all approximate, all off under `timing_model: paper`):
//  host_dispatch      host.dispatch_us once per invocation (one program run), before its first
//                     layer starts: the host submits the command and waits for its end. It is
//                     part of the first layer's time and of the total, and the simulation result
//                     carries it on its own (SimResult::host_dispatch_s).
//  lock_handshake     overheads.lock_handshake_cycles on the engine per acquire and per release.
//  dma_setup          overheads.dma_setup_cycles per transfer, on every side, before it moves.
//  shim_task_start    shim.task_start_cycles.<mm2s|s2mm> per task a shim channel starts (a
//                     design's task, or one transfer of a compiled program), before its data
//                     moves (after its DMA setup).
//  task_issue_spacing a shim channel starts a task no sooner than
//                     shim.task_issue_spacing_cycles.<mm2s|s2mm> after it started the previous
//                     one (the runtime sequence issues tasks no faster).
//  token_latency      a task's completion token reaches the controller
//                     shim.token_latency_cycles after the task ends (designs only).
//  bd_reload          BDs are written while the previous group runs when this group's and the
//                     previous group's BDs fit the tile together; otherwise this group's BDs are
//                     written at its start, overheads.bd_reload_cycles each, before the tile's
//                     DMA channels start. The first group's BDs load with the reconfiguration
//                     when they fit; a group needing more BDs than the tile has (the validator
//                     rejects that) is charged once at its start, all its BDs.
//  hop_latency        stream.hop_latency_cycles per stream switch on a route's longest path, once
//                     per transfer.
//  link_contention    a route runs vertically in its source column to the level of its core end
//                     (or the shim row), horizontally along that level, then vertically; when more
//                     routes move data across a switch-to-switch link than it has ports
//                     (stream.north_ports / south_ports / east_west_ports), they share them: each
//                     runs at ports / routes of the stream rate. A broadcast uses a link once.
//  ddr_contention     shim channels moving data at the same time share
//                     ddr.total_gb_per_s equally.
//  bank_conflicts     a transfer side spreads its bytes evenly over the banks its address span
//                     covers (banks are contiguous: bank = address / (memory / banks)); when the
//                     demand of the transfers moving at the same time exceeds a bank's
//                     *.bank_bytes_per_cycle, every transfer using that bank slows by the excess.
//  reconfiguration    overheads.reconfiguration_cycles per layer, before its first group.
//  kernel_efficiency  computes take 1 / core.kernel_efficiency longer; kernel classes (v2
//                     programs) take their kernels.<class> efficiency, overhead or pinned cycles.
// Contention is re-evaluated per transfer chunk (simulation.chunk_bytes), not per cycle.
//
// Besides these, with realistic channel counts the compiler time-multiplexes DMA channels; the
// waits that causes are not a switch (the program is what it is) but the residual `channels`
// cause of the attribution: the simulation with every effect off minus the estimate with
// fill/drain.
#pragma once

#include <array>
#include <string>

#include "sim/arch/hardware_config.h"

namespace aie2sim::arch {

enum class Effect {
  kHostDispatch,
  kLockHandshake,
  kDmaSetup,
  kShimTaskStart,
  kTaskIssueSpacing,
  kTokenLatency,
  kBdReload,
  kHopLatency,
  kLinkContention,
  kDdrContention,
  kBankConflicts,
  kReconfiguration,
  kKernelEfficiency,
};

// Every effect, in attribution order: host dispatch (a constant per run) first, the structural
// and per-transfer costs next, contention next, then per-layer reconfiguration and finally kernel
// efficiency.
inline constexpr std::array<Effect, 13> kEffects = {
    Effect::kHostDispatch,    Effect::kLockHandshake,    Effect::kDmaSetup,
    Effect::kShimTaskStart,   Effect::kTaskIssueSpacing, Effect::kTokenLatency,
    Effect::kBdReload,        Effect::kHopLatency,       Effect::kLinkContention,
    Effect::kDdrContention,   Effect::kBankConflicts,    Effect::kReconfiguration,
    Effect::kKernelEfficiency};

// "lock_handshake": the switch's name under `effects.` and the attribution cause's name.
const char* EffectName(Effect effect);
// "effects.lock_handshake".
std::string EffectKey(Effect effect);

bool& EffectSwitch(EffectSwitches& switches, Effect effect);
bool EffectSwitch(const EffectSwitches& switches, Effect effect);

// True when `effect` can change a simulation of `config`: realistic timing, its switch on and its
// parameter not neutral (a non-zero overhead, an efficiency below 1, a DDR total below what all
// shim channels can move). Contention for links and banks depends on the program: always true
// when switched on.
bool EffectActive(const HardwareConfig& config, Effect effect);

}  // namespace aie2sim::arch
