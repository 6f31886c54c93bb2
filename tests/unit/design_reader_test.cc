// The design reader (compiler/design/design_reader.h): parameters, --param overrides, derived
// values and requirements; foreach expansion with names; the runtime sequence's for / if
// unrolled; kernel classes chosen by expression; strictness errors naming file:line: key.
#include <gtest/gtest.h>

#include "compiler/design/design_reader.h"
#include "sim/base/error.h"

namespace aie2sim::design {
namespace {

const char kDesign[] = R"yaml(version: 1
name: t
device: npu1
upstream: "none"
parameters: {n: 4, dtype: i16}
derived: {bytes: "n * sizeof(dtype)"}
require: ["n % 2 == 0"]
fifos:
  - {name: "in{c}", foreach: {c: 2}, producer: [c, 0], consumers: [[c, 2]], depth: [2, 3],
     object: {shape: [n], dtype: dtype}}
cores:
  - tile: [c, 2]
    foreach: {c: 2}
    body:
      - loop: n / 2
        do:
          - acquire: "in{c}"
          - {kernel: "select(dtype, {i8: 'mm_i8_i32', i16: 'mm_i16_i32'})", work: 64,
             inputs: ["in{c}"]}
          - release: "in{c}"
host_buffers:
  - {name: a, bytes: bytes}
sequence:
  - for: {i: 3}
    do:
      - if: "i != 1"
        then:
          - fill: {fifo: in0, buffer: a, offset: i, sizes: [1, 1, 1, 1], strides: [0, 0, 0, 1]}
        else:
          - await: in1
)yaml";

std::string ErrorOf(const std::string& text, const std::map<std::string, std::string>& params) {
  try {
    ReadDesign(text, "t.yaml", params);
  } catch (const UserError& error) {
    return error.what();
  }
  return "no error";
}

TEST(DesignReader, ExpandsAndEvaluates) {
  const Design design = ReadDesign(kDesign, "t.yaml", {});
  EXPECT_EQ(design.parameters.at("bytes").number, 8);
  ASSERT_EQ(design.fifos.size(), 2u);
  EXPECT_EQ(design.fifos[1].name, "in1");
  EXPECT_EQ(design.fifos[1].producer.tile.column, 1u);
  EXPECT_EQ(design.fifos[1].producer.depth, 2u);
  EXPECT_EQ(design.fifos[1].consumers[0].depth, 3u);
  EXPECT_EQ(design.fifos[0].object_bytes, 8u);
  EXPECT_EQ(design.fifos[0].element_bytes, 2u);
  ASSERT_EQ(design.cores.size(), 2u);
  const CoreOp& loop = design.cores[1].body[0];
  EXPECT_EQ(loop.kind, CoreOp::Kind::kLoop);
  EXPECT_EQ(loop.loop_count, 2u);
  EXPECT_EQ(loop.body[1].kernel_class, isa::KERNEL_MM_I16_I32);
  EXPECT_EQ(loop.body[1].inputs[0].fifo, "in1");
  // for i in 0..2: fill, await, fill.
  ASSERT_EQ(design.sequence.size(), 3u);
  EXPECT_EQ(design.sequence[0].kind, SequenceOp::Kind::kFill);
  EXPECT_EQ(design.sequence[1].kind, SequenceOp::Kind::kAwait);
  EXPECT_EQ(design.sequence[2].offset, 2);
  EXPECT_FALSE(design.sequence[2].token);  // fills issue no token unless asked
}

TEST(DesignReader, ParamOverrides) {
  const Design design = ReadDesign(kDesign, "t.yaml", {{"n", "8"}, {"dtype", "i8"}});
  EXPECT_EQ(design.parameters.at("bytes").number, 8);
  EXPECT_EQ(design.cores[0].body[0].body[1].kernel_class, isa::KERNEL_MM_I8_I32);
  EXPECT_EQ(ErrorOf(kDesign, {{"n", "3"}}),
            "t.yaml:7: require: \"n % 2 == 0\" does not hold for bytes=6 dtype=i16 n=3");
  EXPECT_EQ(ErrorOf(kDesign, {{"m", "3"}}),
            "--param m: t.yaml has no parameter m (it has: dtype, n)");
  EXPECT_EQ(ErrorOf(kDesign, {{"dtype", "i4"}}),
            "t.yaml:6: derived.bytes: expression \"n * sizeof(dtype)\": unknown dtype i4");
}

TEST(DesignReader, Strictness) {
  std::string text = kDesign;
  EXPECT_EQ(ErrorOf(text.replace(text.find("upstream"), 8, "upstreem"), {}),
            "t.yaml:4: upstreem: unknown key");
  text = kDesign;
  EXPECT_EQ(ErrorOf(text.replace(text.find("loop: n / 2"), 11, "loop: n / 3"), {}),
            "t.yaml:15: cores(0,2).body.loop: expression \"n / 3\": 4 / 3 is not exact (use // "
            "to floor or ceildiv to round up)");
  text = kDesign;
  EXPECT_EQ(ErrorOf(text.replace(text.find("foreach: {c: 2}"), 15, "foreach: {c: x}"), {}),
            "t.yaml:9: fifos[].foreach.c: expression \"x\": unknown name \"x\"");
}

}  // namespace
}  // namespace aie2sim::design
