// aie2sim html: draws a report page from JSON data with the reports' one script
// (sim/report/html_report.h): a sweep's data (scripts/sweep --html writes it) or any JSON report
// (--json of run, simulate, estimate: its tables and plots, without a timeline; of validate: its
// correlation page).
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "sim/base/error.h"
#include "sim/cli/commands.h"
#include "sim/cli/options.h"
#include "sim/report/html_report.h"

namespace aie2sim::cli {

int HtmlCommand(const Args& args) {
  std::string data_path;
  std::string html_path;
  po::options_description options("html options");
  options.add_options()("data", po::value(&data_path)->required(),
                        "JSON: a report (--json) or a view's data {\"view\": \"sweep\", ...}")(
      "html", po::value(&html_path)->required(), "write the self-contained HTML page here");
  if (!ParseArgs("html", "--data D.json --html page.html", args, options, {})) return 0;
  std::ifstream in(data_path);
  if (!in) throw UserError(data_path + ": cannot read");
  nlohmann::ordered_json data = nlohmann::ordered_json::parse(in, nullptr, false);
  if (data.is_discarded() || !data.is_object()) {
    throw UserError(data_path + ": not a JSON object");
  }
  if (!data.contains("view") && data.contains("schema_version") && data.contains("validate")) {
    const std::string title = "aie2sim validate: " + data.value("workload", std::string("suite"));
    data = {{"view", "validate"}, {"title", title}, {"report", std::move(data)}};
  } else if (!data.contains("view") && data.contains("schema_version") && data.contains("layers")) {
    const std::string title = "aie2sim: " + data.value("workload", std::string("report"));
    data = {{"view", "run"}, {"title", title}, {"report", std::move(data)}};
  }
  const auto view = data.find("view");
  std::string known;
  bool found = false;
  for (const char* name : report::kHtmlViews) {
    known += (known.empty() ? "" : ", ") + std::string(name);
    if (view != data.end() && view->is_string() && view->get<std::string>() == name) found = true;
  }
  if (!found) {
    throw UserError(data_path + ": \"view\": expected one of " + known +
                    " (or a JSON report from --json)");
  }
  report::WriteHtmlPage(data, html_path);
  return 0;
}

}  // namespace aie2sim::cli
