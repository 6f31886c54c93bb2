#include "compiler/design/access_pattern.h"

#include <limits>

#include "sim/base/error.h"

namespace aie2sim::design {
namespace {

RegionDims Simplify(RegionDims dims) {
  RegionDims merged;
  for (const auto& dim : dims) {
    if (dim.first == 1) continue;
    if (!merged.empty()) {
      auto& inner = merged.back();
      const uint64_t size = uint64_t{inner.first} * dim.first;
      if (dim.second == static_cast<int64_t>(inner.first) * inner.second &&
          size <= std::numeric_limits<uint32_t>::max()) {
        inner.first = static_cast<uint32_t>(size);
        continue;
      }
    }
    merged.push_back(dim);
  }
  if (merged.empty()) merged.push_back({1, 1});
  return merged;
}

uint32_t Size32(uint64_t size, const std::string& where) {
  if (size > std::numeric_limits<uint32_t>::max()) {
    throw UserError(where + ": a pattern dimension of " + std::to_string(size) +
                    " exceeds a BD's range");
  }
  return static_cast<uint32_t>(size);
}

}  // namespace

// The pattern as byte dimensions, innermost first, one per design dimension (plus a byte
// dimension under an innermost stride other than 1).
RegionDims Unmerged(const std::vector<AccessDim>& dims, uint32_t element_bytes,
                    const std::string& where) {
  RegionDims region;
  for (size_t i = dims.size(); i-- > 0;) {
    const AccessDim& dim = dims[i];
    if (i + 1 == dims.size() && dim.stride == 1) {
      region.push_back({Size32(uint64_t(dim.size) * element_bytes, where), 1});
      continue;
    }
    if (i + 1 == dims.size()) region.push_back({element_bytes, 1});
    region.push_back({Size32(uint64_t(dim.size), where), dim.stride * element_bytes});
  }
  return region;
}

RegionDims ToRegionDims(const std::vector<AccessDim>& dims, uint32_t element_bytes,
                        const std::string& where) {
  return Simplify(Unmerged(dims, element_bytes, where));
}

uint64_t RegionBytes(const RegionDims& dims) {
  uint64_t bytes = 1;
  for (const auto& [size, stride] : dims) bytes *= size;
  return bytes;
}

uint64_t RegionExtent(const RegionDims& dims) {
  uint64_t last = 0;
  for (const auto& [size, stride] : dims) last += uint64_t(size - 1) * uint64_t(stride);
  return last + 1;
}

RegionDims StreamPattern(const std::vector<AccessDim>& dims, uint32_t element_bytes, uint64_t bytes,
                         const std::string& where) {
  if (dims.empty()) return {{Size32(bytes, where), 1}};
  RegionDims region = Unmerged(dims, element_bytes, where);
  uint64_t inner = 1;
  for (size_t i = 0; i + 1 < region.size(); ++i) inner *= region[i].first;
  if (bytes % inner != 0) {
    throw UserError(where + ": the access pattern's inner dimensions (" + std::to_string(inner) +
                    " B) do not divide the " + std::to_string(bytes) + " B transfer");
  }
  region.back().first = Size32(bytes / inner, where);
  if (RegionExtent(region) > bytes) {
    throw UserError(where + ": the access pattern reaches byte " +
                    std::to_string(RegionExtent(region) - 1) + ", outside the " +
                    std::to_string(bytes) + " B object");
  }
  return Simplify(region);
}

HostTransfer LowerHostTransfer(const SequenceOp& op, const HostBuffer& buffer, uint64_t base) {
  HostTransfer transfer;
  const uint32_t element = buffer.element_bytes;
  const uint64_t offset = uint64_t(op.offset) * element;
  transfer.address = base + offset;
  if (!op.pattern) {
    if (offset >= buffer.bytes) {
      throw UserError(op.where + ": offset " + std::to_string(op.offset) + " is past buffer " +
                      buffer.name);
    }
    transfer.dims = {{Size32(buffer.bytes - offset, op.where), 1}};
    transfer.bytes = buffer.bytes - offset;
    return transfer;
  }
  transfer.dims = ToRegionDims({op.dims[1], op.dims[2], op.dims[3]}, element, op.where);
  const AccessDim& d3 = op.dims[0];
  if (d3.size > std::numeric_limits<uint32_t>::max()) {
    throw UserError(op.where + ": d3 = " + std::to_string(d3.size) + " exceeds a repeat count");
  }
  transfer.repeat = static_cast<uint32_t>(d3.size);
  const uint64_t last =
      offset + uint64_t(d3.size - 1) * uint64_t(d3.stride) * element + RegionExtent(transfer.dims);
  if (last > buffer.bytes) {
    throw UserError(op.where + ": the pattern reaches byte " + std::to_string(last - 1) +
                    " of buffer " + buffer.name + ", which has " + std::to_string(buffer.bytes) +
                    " B");
  }
  transfer.bytes = RegionBytes(transfer.dims) * transfer.repeat;
  return transfer;
}

}  // namespace aie2sim::design
