// A main() for the fuzz targets in builds without libFuzzer: runs LLVMFuzzerTestOneInput once on
// every file named on the command line (a folder stands for the files in it, sorted). CTest runs
// each target over its committed corpus (seeds and the inputs of fixed crashes) this way, so
// every build replays the fuzzers' regressions. A finding aborts, failing the test.
// Like libFuzzer, each input gets a time limit (an input that hangs fails the test instead of
// holding CTest) and, without ASan (which reserves terabytes of address space; CI sets its
// hard_rss_limit_mb instead), the process gets a memory limit, so an input that makes a loader
// allocate without end fails with bad_alloc instead of bringing the machine to the OOM killer.
#include <signal.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace {

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kAddressSanitizer = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kAddressSanitizer = true;
#else
constexpr bool kAddressSanitizer = false;
#endif
#else
constexpr bool kAddressSanitizer = false;
#endif

constexpr unsigned kSecondsPerInput = 60;
constexpr rlim_t kMemoryLimitBytes = rlim_t{4} << 30;

void OnAlarm(int) {
  static const char kMessage[] = "replay: input still running after 60 s: a hang (finding)\n";
  (void)!write(STDERR_FILENO, kMessage, sizeof(kMessage) - 1);
  _exit(1);
}

}  // namespace

int main(int argc, char* argv[]) {
  namespace fs = std::filesystem;
  std::vector<fs::path> files;
  for (int i = 1; i < argc; ++i) {
    const fs::path arg(argv[i]);
    if (fs::is_directory(arg)) {
      std::vector<fs::path> in_folder;
      for (const fs::directory_entry& entry : fs::directory_iterator(arg)) {
        if (entry.is_regular_file()) in_folder.push_back(entry.path());
      }
      std::sort(in_folder.begin(), in_folder.end());
      files.insert(files.end(), in_folder.begin(), in_folder.end());
    } else if (fs::is_regular_file(arg)) {
      files.push_back(arg);
    } else {
      std::fprintf(stderr, "%s: no such file or folder\n", argv[i]);
      return 2;
    }
  }
  if (files.empty()) {
    std::fprintf(stderr, "usage: %s FILE|FOLDER...: no inputs\n", argv[0]);
    return 2;
  }
  if (!kAddressSanitizer) {
    const rlimit limit{kMemoryLimitBytes, kMemoryLimitBytes};
    setrlimit(RLIMIT_AS, &limit);
  }
  signal(SIGALRM, OnAlarm);
  for (const fs::path& file : files) {
    std::ifstream in(file, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::printf("replay %s (%zu bytes)\n", file.c_str(), bytes.size());
    std::fflush(stdout);
    alarm(kSecondsPerInput);
    LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
    alarm(0);
  }
  std::printf("replayed %zu inputs\n", files.size());
  return 0;
}
