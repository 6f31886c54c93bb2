// The hardware bound's formulas (sim/analytic/bound.h), with figures worked by hand on the
// paper's 4 x 4 mesh: 16 cores of 256 int8 MACs and 64 vector ops per cycle at 1 GHz; DDR
// 4 columns x 4 shim channels x 4 B/cycle = 64 GB/s; memtile to cores 4 columns x 2 MM2S
// channels x 4 B/cycle = 32 GB/s; core to memtile 2 MM2S channels x 4 B/cycle = 8 GB/s per core.
#include "sim/analytic/bound.h"

#include <gtest/gtest.h>

#include "test_configs.h"

namespace aie2sim::analytic {
namespace {

BoundRates Paper4x4() { return RatesOf(test_support::PaperConfig(4, 4)); }

TEST(Bound, RatesOfThePaperMesh) {
  const BoundRates rates = Paper4x4();
  EXPECT_DOUBLE_EQ(rates.cores, 16);
  EXPECT_DOUBLE_EQ(rates.macs_per_core_s, 256e9);
  EXPECT_DOUBLE_EQ(rates.vector_ops_per_core_s, 64e9);
  EXPECT_DOUBLE_EQ(rates.ddr_bytes_s, 64e9);
  EXPECT_DOUBLE_EQ(rates.column_link_bytes_s, 32e9);
  EXPECT_DOUBLE_EQ(rates.core_link_bytes_s, 8e9);
  EXPECT_DOUBLE_EQ(rates.memtile_bytes, 512 * 1024);
}

TEST(Bound, EveryResourceAndTheLargest) {
  BoundWork work;
  work.macs = 4096e3;  // / (16 x 256e9) = 1 us
  work.cores = 16;
  work.ddr_bytes = 32e3;       // / 64e9 = 0.5 us
  work.core_in_bytes = 24e3;   // / 32e9 = 0.75 us
  work.core_out_bytes = 32e3;  // / (16 x 8e9) = 0.25 us
  const LayerBound bound = BoundLayer(work, Paper4x4());
  EXPECT_DOUBLE_EQ(bound.compute_s, 1e-6);
  EXPECT_DOUBLE_EQ(bound.ddr_s, 0.5e-6);
  EXPECT_DOUBLE_EQ(bound.column_links_s, 0.75e-6);
  EXPECT_DOUBLE_EQ(bound.core_links_s, 0.25e-6);
  EXPECT_DOUBLE_EQ(bound.bound_s, 1e-6);
  EXPECT_EQ(bound.resource, "compute");
  EXPECT_TRUE(bound.fits_memory);

  work.ddr_bytes = 128e3;  // 2 us
  EXPECT_EQ(BoundLayer(work, Paper4x4()).resource, "ddr");
  EXPECT_DOUBLE_EQ(BoundLayer(work, Paper4x4()).bound_s, 2e-6);
  work.core_in_bytes = 96e3;  // 3 us
  EXPECT_EQ(BoundLayer(work, Paper4x4()).resource, "column_links");
  work.core_out_bytes = 512e3;  // / 128e9 = 4 us
  EXPECT_EQ(BoundLayer(work, Paper4x4()).resource, "core_links");
  EXPECT_DOUBLE_EQ(BoundLayer(work, Paper4x4()).bound_s, 4e-6);
}

TEST(Bound, VectorOpsAddToMacs) {
  BoundWork work;
  work.macs = 2048e3;       // 0.5 us
  work.vector_ops = 512e3;  // / (16 x 64e9) = 0.5 us
  work.cores = 16;
  EXPECT_DOUBLE_EQ(BoundLayer(work, Paper4x4()).compute_s, 1e-6);
}

TEST(Bound, FewerCoresAndNeverMoreThanTheArray) {
  BoundWork work;
  work.macs = 4096e3;
  work.core_out_bytes = 32e3;
  work.cores = 4;  // a layer with 4 outputs: 4 us of compute, 1 us on the core links
  EXPECT_DOUBLE_EQ(BoundLayer(work, Paper4x4()).compute_s, 4e-6);
  EXPECT_DOUBLE_EQ(BoundLayer(work, Paper4x4()).core_links_s, 1e-6);
  work.cores = 64;  // more than the array has: 16
  EXPECT_DOUBLE_EQ(BoundLayer(work, Paper4x4()).compute_s, 1e-6);
}

TEST(Bound, TiesGoToTheFirstResourceAndNoWorkIsNone) {
  BoundWork work;
  EXPECT_EQ(BoundLayer(work, Paper4x4()).resource, "none");
  EXPECT_DOUBLE_EQ(BoundLayer(work, Paper4x4()).bound_s, 0);
  work.ddr_bytes = 64e3;      // 1 us
  work.core_in_bytes = 32e3;  // 1 us
  EXPECT_EQ(BoundLayer(work, Paper4x4()).resource, "ddr");
}

TEST(Bound, MemoryIsAFeasibilityCheck) {
  BoundWork work;
  work.memtile_bytes = 512 * 1024;
  EXPECT_TRUE(BoundLayer(work, Paper4x4()).fits_memory);
  work.memtile_bytes += 1;
  const LayerBound bound = BoundLayer(work, Paper4x4());
  EXPECT_FALSE(bound.fits_memory);
  EXPECT_DOUBLE_EQ(bound.bound_s, 0);
}

}  // namespace
}  // namespace aie2sim::analytic
