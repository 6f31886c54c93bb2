#include "sim/functional/weight_piece.h"

#include <algorithm>
#include <cstring>
#include <string>

#include "sim/base/error.h"

namespace aie2sim::functional {
namespace {

void CheckGeometry(const WeightGeometry& g, int64_t cout_begin, int64_t cout_end, int64_t cin_begin,
                   int64_t cin_end) {
  AIE2SIM_PROGRAM_CHECK(g.out_channels >= 1 && g.in_per_group >= 1 && g.groups >= 1 &&
                            g.kernel_elems >= 1 && g.out_channels % g.groups == 0 &&
                            g.block_h >= 0 && (g.block_h == 0 || g.block_w >= 1),
                        "weight piece: invalid weight geometry");
  AIE2SIM_PROGRAM_CHECK(0 <= cout_begin && cout_begin < cout_end && cout_end <= g.out_channels,
                        "weight piece: output channels [" + std::to_string(cout_begin) + ", " +
                            std::to_string(cout_end) + ") outside the layer's " +
                            std::to_string(g.out_channels));
  AIE2SIM_PROGRAM_CHECK(0 <= cin_begin && cin_begin < cin_end && cin_end <= g.in_per_group,
                        "weight piece: input channels [" + std::to_string(cin_begin) + ", " +
                            std::to_string(cin_end) + ") outside a group's " +
                            std::to_string(g.in_per_group));
}

std::string SizeMessage(size_t size, int64_t expected) {
  return "weight piece: " + std::to_string(size) + " bytes where its mask and ranges make " +
         std::to_string(expected);
}

}  // namespace

void DecodeWeightPieceInto(const WeightGeometry& geometry, int64_t cout_begin, int64_t cout_end,
                           int64_t cin_begin, int64_t cin_end, const int8_t* bytes, size_t size,
                           std::vector<int8_t>* dense) {
  CheckGeometry(geometry, cout_begin, cout_end, cin_begin, cin_end);
  const int64_t couts = cout_end - cout_begin;
  const int64_t cins = cin_end - cin_begin;
  const int64_t kernel = geometry.kernel_elems;
  const int64_t run = kernel * cins;  // one output channel's dense weights
  if (geometry.block_h == 0) {
    AIE2SIM_PROGRAM_CHECK(static_cast<int64_t>(size) == couts * run,
                          SizeMessage(size, couts * run));
    dense->assign(bytes, bytes + size);
    return;
  }
  dense->assign(static_cast<size_t>(couts * run), 0);
  const int64_t per_group = geometry.out_channels / geometry.groups;
  const int64_t bh = geometry.block_h;
  const int64_t bw = geometry.block_w;
  const int64_t j0 = cin_begin / bw;
  const int64_t j1 = (cin_end - 1) / bw;
  const int64_t n = j1 - j0 + 1;
  const int64_t gamma_bytes = (n + 7) / 8;

  // Overlapped block rows, each clipped to the output range.
  struct Row {
    int64_t begin, end;
  };
  std::vector<Row> rows;
  for (int64_t channel = cout_begin; channel < cout_end;) {
    const int64_t group_first = channel / per_group * per_group;
    const int64_t row_first = group_first + (channel - group_first) / bh * bh;
    const int64_t row_end = std::min({row_first + bh, group_first + per_group, cout_end});
    rows.push_back(Row{channel, row_end});
    channel = row_end;
  }
  const int64_t header = static_cast<int64_t>(rows.size()) * gamma_bytes;
  AIE2SIM_PROGRAM_CHECK(static_cast<int64_t>(size) >= header,
                        "weight piece: " + std::to_string(size) + " bytes, shorter than its Γ of " +
                            std::to_string(header));
  // Bits beyond n of each row's last Γ byte must be clear.
  const int unused_bits = static_cast<int>(gamma_bytes * 8 - n);
  const uint8_t unused_mask = static_cast<uint8_t>(0xff00u >> unused_bits);
  int64_t offset = header;
  for (size_t r = 0; r < rows.size(); ++r) {
    const uint8_t* gamma = reinterpret_cast<const uint8_t*>(bytes) + r * gamma_bytes;
    AIE2SIM_PROGRAM_CHECK((gamma[gamma_bytes - 1] & unused_mask) == 0,
                          "weight piece: Γ of overlapped block row " + std::to_string(r) +
                              " sets bits beyond its " + std::to_string(n) + " columns");
    for (int64_t j = j0; j <= j1; ++j) {
      const int64_t bit = j - j0;
      if (((gamma[bit / 8] >> (bit % 8)) & 1) == 0) continue;
      const int64_t ci_begin = std::max(j * bw, cin_begin);
      const int64_t ci_end = std::min((j + 1) * bw, cin_end);
      const int64_t width = ci_end - ci_begin;
      const int64_t block_bytes = (rows[r].end - rows[r].begin) * kernel * width;
      AIE2SIM_PROGRAM_CHECK(
          offset + block_bytes <= static_cast<int64_t>(size),
          "weight piece: " + std::to_string(size) + " bytes, shorter than the blocks its Γ keeps");
      const int8_t* source = bytes + offset;
      for (int64_t co = rows[r].begin; co < rows[r].end; ++co) {
        int8_t* target = dense->data() + (co - cout_begin) * run + (ci_begin - cin_begin);
        for (int64_t k = 0; k < kernel; ++k) {
          std::memcpy(target + k * cins, source, static_cast<size_t>(width));
          source += width;
        }
      }
      offset += block_bytes;
    }
  }
  AIE2SIM_PROGRAM_CHECK(offset == static_cast<int64_t>(size), SizeMessage(size, offset));
}

std::vector<int8_t> DecodeWeightPiece(const WeightGeometry& geometry, int64_t cout_begin,
                                      int64_t cout_end, int64_t cin_begin, int64_t cin_end,
                                      const int8_t* bytes, size_t size) {
  std::vector<int8_t> dense;
  DecodeWeightPieceInto(geometry, cout_begin, cout_end, cin_begin, cin_end, bytes, size, &dense);
  return dense;
}

}  // namespace aie2sim::functional
