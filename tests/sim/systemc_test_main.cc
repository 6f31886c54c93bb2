// The test main of every SystemC testbench executable.
//
// SystemC runs the program from sc_main(), so GoogleTest's own main cannot be used (it would
// leave sc_main undefined, and a dummy sc_main would silently run no test). SystemC can
// elaborate one design per process: CTest runs each TEST in its own process (see
// tests/CMakeLists.txt); run by hand, pass --gtest_filter=Suite.Test.
#include <gtest/gtest.h>
#include <systemc>

#include <cstdlib>

// libsystemc's main() would print the SystemC banner before sc_main; ours sets the variable
// that silences it first (an executable's main() takes precedence over the library's).
int main(int argc, char* argv[]) {
  setenv("SYSTEMC_DISABLE_COPYRIGHT_MESSAGE", "1", 1);
  return sc_core::sc_elab_and_sim(argc, argv);
}

int sc_main(int argc, char* argv[]) {
  testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
