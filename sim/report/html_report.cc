#include "sim/report/html_report.h"

#include <algorithm>
#include <cstdio>
#include <initializer_list>
#include <iterator>
#include <string_view>

#include "sim/base/error.h"
#include "sim/base/output_file.h"
#include "sim/report/html_report_assets/html_report_css.h"
#include "sim/report/html_report_assets/html_report_js.h"
#include "sim/report/html_report_timeline.h"

namespace aie2sim::report {
namespace {

std::string Joined(const char* const* pieces) {
  std::string text;
  for (; *pieces != nullptr; ++pieces) text += *pieces;
  return text;
}

std::string HtmlEscaped(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// JSON inside <script type="application/json">: a '<' only occurs inside JSON strings, where
// \u003c means the same, so no "</script>" or "<!--" can end the element early.
void AppendScriptSafe(std::string& out, std::string_view json) {
  for (char c : json) {
    if (c == '<') {
      out += "\\u003c";
    } else {
      out += c;
    }
  }
}

// The page: its title, the style sheet, the data (JSON text) in #aie2sim-data, the script.
// `data_json` comes in pieces, so that a large document is not copied to be joined first.
std::string Page(const std::string& title, const std::string& css, const std::string& js,
                 std::initializer_list<std::string_view> data_json) {
  size_t size = css.size() + js.size() + 4096;
  for (std::string_view piece : data_json) size += piece.size();
  std::string html;
  html.reserve(size);
  html += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  html += "<meta name=\"generator\" content=\"aie2sim\">\n";
  html += "<title>" + HtmlEscaped(title) + "</title>\n<style>\n" + css + "</style>\n</head>\n";
  html += "<body>\n<div id=\"app\"><h1>" + HtmlEscaped(title) + "</h1>";
  html +=
      "<noscript><p>This report draws its tables, plots and timelines with JavaScript; "
      "enable it to see them. The data is in the element #aie2sim-data.</p></noscript>";
  html += "</div>\n<script type=\"application/json\" id=\"aie2sim-data\">";
  for (std::string_view piece : data_json) AppendScriptSafe(html, piece);
  html += "</script>\n<script>\n" + js + "</script>\n</body>\n</html>\n";
  return html;
}

std::string Dumped(const nlohmann::ordered_json& json) {
  return json.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace

void WriteHtml(const Report& report, const trace::TimelineRecord* record,
               const std::string& html_path, const HtmlOptions& options) {
  const std::string css = Joined(kHtmlReport_css);
  const std::string js = Joined(kHtmlReport_js);
  const std::string report_json = Dumped(ToJson(report));
  const std::string views_json = Dumped(report.views);
  std::string timeline = "null";
  if (record != nullptr) {
    const uint64_t fixed = css.size() + js.size() + report_json.size() + views_json.size() + 4096;
    timeline = TimelineJson(*record, options.max_bytes > fixed ? options.max_bytes - fixed : 0);
  }
  WriteOutputFile(html_path,
                  Page("aie2sim: " + report.workload + " on " + report.config.name, css, js,
                       {"{\"view\":\"run\",\"report\":", report_json, ",\"timeline\":", timeline,
                        ",\"views\":", views_json, "}"}));
}

void WriteHtmlPage(const nlohmann::ordered_json& data, const std::string& html_path) {
  const auto view = data.find("view");
  AIE2SIM_CHECK(view != data.end() && view->is_string() &&
                    std::find(std::begin(kHtmlViews), std::end(kHtmlViews),
                              view->get<std::string>()) != std::end(kHtmlViews),
                "an HTML page without a known view");
  const auto title = data.find("title");
  WriteOutputFile(
      html_path,
      Page(title != data.end() && title->is_string() ? title->get<std::string>() : "aie2sim report",
           Joined(kHtmlReport_css), Joined(kHtmlReport_js), {Dumped(data)}));
}

}  // namespace aie2sim::report
