#include "sim/cli/suite_runner.h"

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <google/protobuf/text_format.h>
#include <nlohmann/json.hpp>

#include "sim/base/error.h"
#include "sim/cli/child_processes.h"
#include "sim/isa/program.pb.h"
#include "sim/isa/program_io.h"

namespace aie2sim::cli {
namespace {

using Json = nlohmann::ordered_json;

bool IsProgramText(const std::string& path) {
  return std::filesystem::path(path).extension() == ".textproto";
}

}  // namespace

std::string ClockSet(const silicon::SuiteEntry& entry) {
  std::ostringstream text;
  text.precision(17);
  text << "clock_mhz=" << entry.device.clock_mhz;
  return text.str();
}

std::string SuiteRunner::ProgramFor(const silicon::SuiteEntry& entry) {
  std::ifstream in(entry.run->design);
  if (!in) throw UserError(entry.file + ": run.design: cannot open " + entry.run->design);
  std::stringstream text;
  text << in.rdbuf();
  isa::Program program;
  if (!google::protobuf::TextFormat::ParseFromString(text.str(), &program)) {
    throw UserError(entry.run->design + ": not a program in protobuf text format");
  }
  const std::string path = folder_.path() + "/" + std::to_string(serial_++) + ".pb";
  isa::WriteProgram(program, path);
  return path;
}

std::vector<PointOutput> SuiteRunner::Run(const std::vector<PointRun>& runs) {
  std::vector<ChildCommand> commands;
  std::vector<std::string> json_paths;
  std::map<std::string, std::string> programs;  // design text -> encoded program
  for (const PointRun& run : runs) {
    const silicon::SuiteEntry& entry = *run.entry;
    AIE2SIM_CHECK(entry.run && entry.run->pending.empty(), entry.id + ": no design to run");
    const std::string stem = folder_.path() + "/" + std::to_string(serial_++);
    ChildCommand command;
    const bool program = IsProgramText(entry.run->design);
    command.argv = {SelfExecutable(), program ? "simulate" : "run",
                    "--arch",         entry.device.arch,
                    "--set",          ClockSet(entry)};
    for (const std::string& set : run.sets) command.argv.insert(command.argv.end(), {"--set", set});
    if (program) {
      if (!entry.run->params.empty()) {
        throw UserError(entry.file + ": run.params: a program file takes no parameters");
      }
      auto found = programs.find(entry.run->design);
      if (found == programs.end()) {
        found = programs.emplace(entry.run->design, ProgramFor(entry)).first;
      }
      command.argv.insert(command.argv.end(), {"--program", found->second});
      if (run.attribution) command.argv.push_back("--attribution");
    } else {
      command.argv.insert(command.argv.end(), {"--design", entry.run->design});
      for (const auto& [name, value] : entry.run->params) {
        command.argv.insert(command.argv.end(), {"--param", name + "=" + value});
      }
      if (run.attribution) command.argv.push_back("--attribution");
    }
    json_paths.push_back(stem + ".json");
    command.argv.insert(command.argv.end(), {"--observe", entry.file, "--json", json_paths.back()});
    command.stderr_path = stem + ".stderr";
    commands.push_back(std::move(command));
  }
  const std::vector<int> codes = RunChildren(commands, jobs_);
  std::vector<PointOutput> outputs(runs.size());
  for (size_t i = 0; i < runs.size(); ++i) {
    PointOutput& output = outputs[i];
    if (codes[i] != 0) {
      output.problem =
          "exit " + std::to_string(codes[i]) + ": " + LastLineOf(commands[i].stderr_path);
      continue;
    }
    std::ifstream file(json_paths[i]);
    const Json json = Json::parse(file, nullptr, /*allow_exceptions=*/false);
    AIE2SIM_CHECK(
        json.is_object() && json.contains("observed") && json["observed"].contains("value"),
        json_paths[i] + ": a child report without `observed`");
    output.value = json["observed"]["value"].get<double>();
    if (runs[i].attribution && json.contains("layers") && !json["layers"].empty() &&
        json["layers"][0].contains("cause")) {
      output.cause = json["layers"][0]["cause"].get<std::string>();
    }
  }
  return outputs;
}

}  // namespace aie2sim::cli
