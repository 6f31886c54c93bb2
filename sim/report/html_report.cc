#include "sim/report/html_report.h"

#include <cstdio>

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
void AppendScriptSafe(std::string& out, const std::string& json) {
  for (char c : json) {
    if (c == '<') {
      out += "\\u003c";
    } else {
      out += c;
    }
  }
}

}  // namespace

void WriteHtml(const Report& report, const trace::TimelineRecord* record,
               const std::string& html_path, const HtmlOptions& options) {
  const std::string css = Joined(kHtmlReport_css);
  const std::string js = Joined(kHtmlReport_js);
  const std::string report_json =
      ToJson(report).dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);

  std::string timeline = "null";
  if (record != nullptr) {
    const uint64_t fixed = css.size() + js.size() + report_json.size() + 4096;
    timeline = TimelineJson(*record, options.max_bytes > fixed ? options.max_bytes - fixed : 0);
  }

  const std::string title = "aie2sim: " + report.workload + " on " + report.config.name;
  std::string html;
  html.reserve(css.size() + js.size() + report_json.size() + timeline.size() + 4096);
  html += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  html += "<meta name=\"generator\" content=\"aie2sim\">\n";
  html += "<title>" + HtmlEscaped(title) + "</title>\n<style>\n" + css + "</style>\n</head>\n";
  html += "<body>\n<div id=\"app\"><h1>" + HtmlEscaped(title) + "</h1>";
  html +=
      "<noscript><p>This report draws its tables, plots and timeline with JavaScript; "
      "enable it to see them. The data is in the element #aie2sim-data.</p></noscript>";
  html += "</div>\n<script type=\"application/json\" id=\"aie2sim-data\">{\"report\":";
  AppendScriptSafe(html, report_json);
  html += ",\"timeline\":";
  AppendScriptSafe(html, timeline);
  html += ",\"views\":";
  AppendScriptSafe(
      html, report.views.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
  html += "}</script>\n<script>\n" + js + "</script>\n</body>\n</html>\n";
  WriteOutputFile(html_path, html);
}

}  // namespace aie2sim::report
