// Writing an output file so that a reader never sees half of it.
#pragma once

#include <string>

namespace aie2sim {

// Writes `bytes` to `path` through `path`.tmp and a rename. Throws UserError
// "PATH: cannot write file" when the folder is missing or not writable (the temporary is removed).
void WriteFileAtomically(const std::string& path, const std::string& bytes);

}  // namespace aie2sim
