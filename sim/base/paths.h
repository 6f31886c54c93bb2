// Resolving user-given names of shipped data files (configs, workloads).
#pragma once

#include <string>
#include <vector>

namespace aie2sim {

// Returns `spec` if it names an existing file; otherwise, for a bare name, the existing
// `<root>/<folder>/<spec><extension>` of the first root that has one, where root is
// `share/aie2sim` beside the running binary (a build tree) or above it (an installed prefix), and
// extension one of `extensions` (a name already ending in one of them is taken as it is). Throws
// UserError "<what> \"spec\": no such file (looked at ...)" when none exists, and "... is
// ambiguous" when one root has the name with two extensions.
std::string ResolveDataFile(const std::string& spec, const std::string& folder,
                            const std::vector<std::string>& extensions, const std::string& what);

// Returns `spec` if it names an existing folder; otherwise, for a relative path, the existing
// folder `<root>/<spec>` of the first root (as above): e.g. the silicon suite "tests/silicon",
// installed as P/share/aie2sim/tests/silicon so that its entries' relative paths to
// workloads/designs hold there too. Throws UserError "<what> \"spec\": no such folder (looked
// at ...)" when none exists.
std::string ResolveDataFolder(const std::string& spec, const std::string& what);

}  // namespace aie2sim
