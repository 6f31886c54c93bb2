#include "compiler/design/design_names.h"

#include <regex>

namespace aie2sim::design {

std::string NameDesignParts(const std::string& text, const DesignNames& names) {
  static const std::regex kPart(
      R"(([a-z]+\([0-9,]*\))\.[a-z0-9]+ waits for acquire (?:([a-z]+\([0-9,]*\))\.)?L([0-9]+)>=[0-9]+ \(value [0-9]+\)|route ([0-9]+))");
  std::string out;
  auto last = text.cbegin();
  for (std::sregex_iterator it(text.begin(), text.end(), kPart), end; it != end; ++it) {
    const std::smatch& match = *it;
    out.append(last, match[0].second);
    last = match[0].second;
    if (match[4].matched) {
      const auto found = names.routes.find(static_cast<uint32_t>(std::stoul(match[4].str())));
      if (found != names.routes.end()) out += " [" + found->second + "]";
    } else {
      const std::string tile = match[2].matched ? match[2].str() : match[1].str();
      const auto found = names.locks.find(tile + " L" + match[3].str());
      if (found != names.locks.end()) out += " [" + found->second + "]";
    }
  }
  out.append(last, text.cend());
  return out;
}

}  // namespace aie2sim::design
