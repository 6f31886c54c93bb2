#include "sim/cli/child_processes.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>

#include "sim/base/error.h"
#include "sim/base/signal_cleanup.h"

extern char** environ;

namespace aie2sim::cli {
namespace {

// Starts one child; returns its pid, or -1 when it could not be started.
pid_t Spawn(const ChildCommand& command) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, command.stderr_path.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0644);
  std::vector<char*> argv;
  for (const std::string& word : command.argv) argv.push_back(const_cast<char*>(word.c_str()));
  argv.push_back(nullptr);
  pid_t pid = -1;
  const int error = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  return error == 0 ? pid : -1;
}

int ExitCodeOf(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return 1;
}

}  // namespace

std::vector<int> RunChildren(const std::vector<ChildCommand>& commands, int jobs) {
  AIE2SIM_CHECK(jobs >= 1, "at least one child at a time");
  std::vector<int> codes(commands.size(), 127);
  // pid -> command index; a signal ending us ends the running children too (SignalCleanup).
  std::map<pid_t, std::pair<size_t, SignalCleanup>> running;
  size_t next = 0;
  while (next < commands.size() || !running.empty()) {
    while (next < commands.size() && running.size() < static_cast<size_t>(jobs)) {
      const pid_t pid = Spawn(commands[next]);
      if (pid > 0) running.emplace(pid, std::make_pair(next, SignalCleanup::Child(pid)));
      ++next;
    }
    if (running.empty()) continue;
    // Wait for one of ours (never -1: only the children started here are reaped).
    bool reaped = false;
    while (!reaped) {
      for (auto it = running.begin(); it != running.end(); ++it) {
        int status = 0;
        const pid_t done = waitpid(it->first, &status, WNOHANG);
        if (done == it->first) {
          codes[it->second.first] = ExitCodeOf(status);
          running.erase(it);
          reaped = true;
          break;
        }
      }
      if (!reaped) usleep(2000);
    }
  }
  return codes;
}

std::string SelfExecutable() {
  const char* self = "/proc/self/exe";
  if (access(self, X_OK) != 0)
    throw InternalError("cannot find the aie2sim executable (/proc/self/exe)");
  return self;
}

std::string LastLineOf(const std::string& path) {
  std::ifstream file(path);
  std::string line;
  std::string last;
  while (std::getline(file, line)) {
    if (!line.empty()) last = line;
  }
  return last;
}

}  // namespace aie2sim::cli
