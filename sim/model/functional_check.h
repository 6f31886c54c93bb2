// The functional check of one layer: once the layer has finished, its output tensor is read
// where the program says it lies (TensorHome: DDR, or the resident columns of every memtile,
// halo copies included) and compared byte for byte with the reference output the program
// carries (LayerData.expected).
//
// Contract: CheckLayerOutput returns the layer's figures when every byte matches, and otherwise
// throws FunctionalMismatchError naming the layer, the tensor coordinate [n, h, w, c] (and the
// memtile when resident), the expected and the actual value, and how many values differ.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

#include "sim/isa/program.pb.h"
#include "sim/model/functional_memory.h"

namespace aie2sim::model {

// A program computed something other than the reference: our compiler's or simulator's bug for
// programs we made (exit code 1).
class FunctionalMismatchError : public std::runtime_error {
 public:
  explicit FunctionalMismatchError(const std::string& message) : std::runtime_error(message) {}
};

struct LayerCheck {
  std::string name;
  uint64_t values = 0;             // output values compared (memtile copies counted once;
                                   // resident columns no reader needs are held nowhere)
  double nondegenerate_share = 0;  // share of them neither 0 nor saturated (-128, 127)
};

LayerCheck CheckLayerOutput(const isa::Layer& layer, FunctionalMemory& memory);

}  // namespace aie2sim::model
