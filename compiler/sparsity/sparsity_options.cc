#include "compiler/sparsity/sparsity_options.h"

#include <cctype>
#include <sstream>

#include "sim/base/error.h"

namespace aie2sim::sparsity {

namespace {

struct ImportanceEntry {
  Importance importance;
  const char* name;
};
constexpr ImportanceEntry kImportanceNames[] = {
    {Importance::kL1, "l1"},
    {Importance::kL2, "l2"},
    {Importance::kVariance, "variance"},
    {Importance::kExisting, "existing"},
    {Importance::kRandom, "random"},
};

constexpr int64_t kMaxBlockSide = 65536;

// Parses a decimal integer in [1, kMaxBlockSide] that is all of `text`; -1 otherwise.
int64_t ParseSide(const std::string& text) {
  if (text.empty() || text.size() > 5) return -1;
  int64_t value = 0;
  for (char c : text) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return -1;
    value = value * 10 + (c - '0');
  }
  return value >= 1 && value <= kMaxBlockSide ? value : -1;
}

}  // namespace

const char* ImportanceName(Importance importance) {
  for (const ImportanceEntry& entry : kImportanceNames) {
    if (entry.importance == importance) return entry.name;
  }
  return "unknown";
}

Importance ParseImportance(const std::string& text) {
  for (const ImportanceEntry& entry : kImportanceNames) {
    if (text == entry.name) return entry.importance;
  }
  throw UserError("--importance: unknown importance \"" + text +
                  "\" (expected l1, l2, variance, existing or random)");
}

bool NeedsWeights(Importance importance) { return importance != Importance::kRandom; }

std::optional<BlockSize> TryParseBlockSize(const std::string& text) {
  const size_t x = text.find('x');
  if (x == std::string::npos) return std::nullopt;
  BlockSize size;
  size.h = ParseSide(text.substr(0, x));
  size.w = ParseSide(text.substr(x + 1));
  if (size.h < 0 || size.w < 0) return std::nullopt;
  return size;
}

BlockSize ParseBlockSize(const std::string& text) {
  const std::optional<BlockSize> size = TryParseBlockSize(text);
  if (!size) {
    throw UserError("--block: expected BHxBW (output x input channels per block, each in [1, " +
                    std::to_string(kMaxBlockSide) + "], e.g. 8x8), got \"" + text + "\"");
  }
  return *size;
}

std::string BlockSizeName(int64_t block_h, int64_t block_w) {
  return std::to_string(block_h) + "x" + std::to_string(block_w);
}

void ValidateOptions(const SparsityOptions& options) {
  if (!(options.ratio >= 0.0 && options.ratio <= 1.0)) {
    std::ostringstream ratio;
    ratio << options.ratio;  // as the user wrote it: 2, not 2.000000
    throw UserError("--sparsity: " + ratio.str() + " is out of range [0, 1]");
  }
  if (options.block_h < 1 || options.block_w < 1 || options.block_h > kMaxBlockSide ||
      options.block_w > kMaxBlockSide) {
    throw UserError("--block: " + BlockSizeName(options.block_h, options.block_w) +
                    ": each side must be in [1, " + std::to_string(kMaxBlockSide) + "]");
  }
  if (!options.mask_path.empty()) {
    if (!options.spec_path.empty()) {
      throw UserError("--mask-file: cannot be combined with --sparsity-spec");
    }
    if (options.ratio != 0.0) throw UserError("--mask-file: cannot be combined with --sparsity");
    if (options.importance) throw UserError("--mask-file: cannot be combined with --importance");
  }
  if (options.ratio != 0.0 && options.importance == Importance::kExisting) {
    throw UserError(
        "--sparsity: cannot be combined with --importance existing "
        "(existing keeps the blocks that are non-zero and ignores ratios)");
  }
  if (!options.spec_path.empty() && options.importance == Importance::kExisting) {
    throw UserError(
        "--sparsity-spec: cannot be combined with --importance existing "
        "(existing keeps the blocks that are non-zero and ignores ratios)");
  }
  if (options.global) {
    if (!options.spec_path.empty())
      throw UserError("--global: cannot be combined with --sparsity-spec");
    if (!options.mask_path.empty())
      throw UserError("--global: cannot be combined with --mask-file");
    if (options.keep_lines) throw UserError("--global: cannot be combined with --keep-lines");
    if (options.importance && *options.importance != Importance::kL1 &&
        *options.importance != Importance::kL2) {
      throw UserError(std::string("--global: ranks single weights by magnitude; --importance ") +
                      ImportanceName(*options.importance) + " does not apply (use l1 or l2)");
    }
  }
}

}  // namespace aie2sim::sparsity
