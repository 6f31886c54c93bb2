// Pass 1 of the design front-end: the YAML design file into a Design (design.h).
//
// Contract: strict like the hardware config (compiler/frontend/yaml_reader.h): an unknown,
// duplicate or missing key, a value of the wrong type, an expression that does not evaluate
// (expr.h) or a construct we do not model (cascade, packet-switched flows, consumer-side access
// patterns) is a UserError "file:line: key: problem". Parameters take their file defaults, then
// `overrides` (--param NAME=VALUE; a name the file does not declare is an error), then `derived`
// values in order; every `require` expression must hold. `foreach` entries are expanded and the
// runtime sequence's `for` / `if` unrolled (at most kMaxSequenceOps actions; all `foreach` and
// `for` together at most 65,536 bodies). The file format is
// documented in workloads/designs/README.md.
#pragma once

#include <map>
#include <string>

#include "compiler/design/design.h"

namespace aie2sim::design {

inline constexpr size_t kMaxSequenceOps = 4096;

// `display_name` names the file in messages.
Design ReadDesign(const std::string& yaml_text, const std::string& display_name,
                  const std::map<std::string, std::string>& overrides);

// Reads the file at `path` (a UserError when it cannot be read).
Design LoadDesign(const std::string& path, const std::map<std::string, std::string>& overrides);

}  // namespace aie2sim::design
