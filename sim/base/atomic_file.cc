#include "sim/base/atomic_file.h"

#include <cstdio>
#include <fstream>

#include "sim/base/error.h"

namespace aie2sim {

void WriteFileAtomically(const std::string& path, const std::string& bytes) {
  const std::string temporary = path + ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary);
    if (!out) throw UserError(path + ": cannot write file");
    out << bytes;
    if (!out.flush()) {
      out.close();
      std::remove(temporary.c_str());
      throw UserError(path + ": cannot write file");
    }
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    std::remove(temporary.c_str());
    throw UserError(path + ": cannot write file");
  }
}

}  // namespace aie2sim
