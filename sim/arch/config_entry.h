// ConfigEntry: one leaf value of a HardwareConfig as the loader found it, before typing.
//
// The loader flattens the YAML tree (and the --set overrides) into entries keyed by dotted path;
// ConfigParam (config_param.h) turns an entry into a typed field. `where` is the prefix of every
// message about this value, so a bad value from a file and one from the command line read alike:
// "FILE:LINE: KEY" or "--set KEY".
#pragma once

#include <string>

namespace aie2sim::arch {

struct ConfigEntry {
  enum class Kind { kScalar, kNull, kMap, kSequence };

  Kind kind = Kind::kNull;
  std::string text;         // the scalar's text when kind == kScalar
  bool plain = true;        // an untagged, unquoted scalar (only plain scalars can be numbers)
  std::string where;        // message prefix: "FILE:LINE: KEY" or "--set KEY"
  int override_index = -1;  // position in the --set list, or -1 when the value is from the file
};

}  // namespace aie2sim::arch
