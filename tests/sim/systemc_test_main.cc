// The test main of every SystemC testbench executable.
//
// libsystemc defines main() and calls sc_main(), so GoogleTest's own main cannot be used (it
// would leave sc_main undefined, and a dummy sc_main would silently run no test). SystemC can
// elaborate one design per process: CTest runs each TEST in its own process (see
// tests/CMakeLists.txt); run by hand, pass --gtest_filter=Suite.Test.
#include <cstdlib>

#include <gtest/gtest.h>
#include <systemc>

int sc_main(int argc, char* argv[]) {
  setenv("SYSTEMC_DISABLE_COPYRIGHT_MESSAGE", "1", 1);
  testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
