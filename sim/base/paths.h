// Resolving user-given names of shipped data files (configs, workloads).
#pragma once

#include <string>

namespace aie2sim {

// Returns `spec` if it names an existing file; otherwise, for a bare name, the first existing
// `<root>/<folder>/<spec><extension>` where root is `share/aie2sim` beside the running binary (a
// build tree) or above it (an installed prefix). Throws UserError "<what> \"spec\": no such file (looked
// in ...)" when none exists.
std::string ResolveDataFile(const std::string& spec, const std::string& folder,
                            const std::string& extension, const std::string& what);

}  // namespace aie2sim
