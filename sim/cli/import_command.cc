// aie2sim import: an ONNX model into our YAML workload format (weights omitted), with a header
// comment recording where the file came from and the command that made it.
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "compiler/frontend/onnx_importer.h"
#include "compiler/frontend/workload_loader.h"
#include "compiler/frontend/workload_writer.h"
#include "compiler/frontend/workload_yaml.h"
#include "sim/base/error.h"
#include "sim/base/output_file.h"
#include "sim/base/version.h"
#include "sim/cli/commands.h"
#include "sim/cli/options.h"

namespace aie2sim::cli {
namespace {

// The command line as typed, minus --comment options (their text is in the header already).
std::string CommandLine(const Args& args) {
  std::string line = "aie2sim import";
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--comment") {
      ++i;
      continue;
    }
    if (args[i].rfind("--comment=", 0) == 0) continue;
    const bool quote = args[i].find_first_of(" \t\"'") != std::string::npos;
    line += " " + (quote ? "\"" + args[i] + "\"" : args[i]);
  }
  return line;
}

}  // namespace

int ImportCommand(const Args& args) {
  std::string model_path;
  std::string output_path;
  std::string name;
  int64_t batch = 0;
  std::vector<std::string> comments;
  po::options_description options("import options");
  // clang-format off
  options.add_options()
      ("model", po::value(&model_path)->required(), "ONNX model file")
      ("output,o", po::value(&output_path)->required(), "YAML workload file to write")
      ("batch", po::value(&batch), "batch size (replaces the model's)")
      ("name", po::value(&name), "workload name (default: the model file's stem)")
      ("comment", po::value(&comments)->composing(),
       "a line for the file's header comment, e.g. how the ONNX file was made (repeatable)");
  // clang-format on
  po::positional_options_description positional;
  positional.add("model", 1);
  if (!ParseArgs("import", "model.onnx -o workloads/NAME.yaml [--batch N] [--name NAME]", args,
                 options, positional)) {
    return 0;
  }
  if (batch < 0) throw UserError("aie2sim import: --batch must be >= 1");

  frontend::OnnxModelInfo info;
  ir::Graph graph = frontend::ImportOnnx(model_path, batch, &info);
  frontend::CheckNamesUtf8(graph, model_path);
  if (!name.empty()) graph.name = name;

  std::string header =
      graph.name + ": imported from " + std::filesystem::path(model_path).filename().string() +
      " (" + (info.producer.empty() ? "" : info.producer + ", ") + "ONNX opset " +
      std::to_string(info.opset) + ") by aie2sim " + kToolVersion + "; weights omitted.\n";
  for (const std::string& comment : comments) header += comment + "\n";
  header += "Command: " + CommandLine(args) + "\n";
  header += "Format: workloads/README.md. Regenerate rather than edit.";
  const std::string text = frontend::WriteWorkloadYaml(graph, header);

  // The file must read back as the same network (layers, shapes, MACs); a difference is our bug.
  const ir::Graph check = frontend::ParseWorkloadYaml(text, output_path, 0);
  AIE2SIM_CHECK(check.nodes.size() == graph.nodes.size(), "written workload lost layers");
  for (size_t i = 0; i < graph.nodes.size(); ++i) {
    AIE2SIM_CHECK(check.OutputShape(check.nodes[i]) == graph.OutputShape(graph.nodes[i]) &&
                      ir::Macs(check, check.nodes[i]) == ir::Macs(graph, graph.nodes[i]),
                  "written workload reads back differently at layer " + graph.nodes[i].name);
  }

  WriteOutputFile(output_path, text);

  int64_t macs = 0;
  for (const ir::Node& node : graph.nodes) macs += ir::Macs(graph, node);
  std::printf("%s: %zu layers, %lld MACs (%.3f G) at batch %lld%s\n", output_path.c_str(),
              graph.nodes.size(), static_cast<long long>(macs), static_cast<double>(macs) / 1e9,
              static_cast<long long>(graph.tensor(graph.inputs.front()).shape.n),
              info.has_weights ? "; weights not written" : "");
  return 0;
}

}  // namespace aie2sim::cli
