// Reading the numbers inside ONNX tensors (initializers and Constant values) for the importer:
// element decoding by data type, and external data files.
//
// Contract: every function here throws UserError with a one-line message that starts with the
// `where` prefix the caller passes (e.g. "model.onnx: initializer conv1.weight"); nothing here
// knows about the Graph IR.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <onnx/onnx_pb.h>

namespace aie2sim::frontend {

// If `tensor` keeps its data in an external file, reads those bytes into its raw_data and marks
// it inline, so the rest of the importer only sees inline tensors; otherwise does nothing.
// Locations are relative to `model_dir` (the model file's folder); absolute locations and ones
// that climb out of that folder are rejected. A missing or too short file is a UserError naming
// the file.
void LoadExternalData(onnx::TensorProto* tensor, const std::string& model_dir,
                      const std::string& where);

// Number of elements the tensor's dims describe (1 for a scalar); -1 when a dim is negative or
// the product exceeds int64.
int64_t ElementCount(const onnx::TensorProto& tensor);

// The tensor's elements as floats (FLOAT, DOUBLE, FLOAT16, INT32, INT64 accepted), checked
// against the dims' element count.
std::vector<float> TensorFloats(const onnx::TensorProto& tensor, const std::string& where);

// The tensor's elements as integers (INT64, INT32 accepted), checked against the dims.
std::vector<int64_t> TensorInts(const onnx::TensorProto& tensor, const std::string& where);

}  // namespace aie2sim::frontend
