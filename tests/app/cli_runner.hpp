#pragma once
// Runs the `sidepeak` program (and other commands) from tests, output captured in a file.
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test_support.hpp"

namespace sidepeak::test {

inline std::filesystem::path sidepeak_program() { return binary_dir() / "src/app/sidepeak"; }

struct CommandResult {
    int status = -1;
    std::string output;  ///< stdout and stderr together
};

inline std::string slurp(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

/// Runs `command` through /bin/sh with stdout and stderr into `log` (not a terminal).
inline CommandResult run_command(const std::string& command, const std::filesystem::path& log) {
    const std::string cmd = command + " > '" + log.string() + "' 2>&1 < /dev/null";
    const int raw = std::system(cmd.c_str());
    CommandResult r;
    r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    r.output = slurp(log);
    return r;
}

/// Starts the program directly (no shell between, so its pid is the program's) with stdout and
/// stderr into `log`.
template <typename... Args>
pid_t spawn_sidepeak(const std::filesystem::path& log, const Args&... args) {
    const std::string program = sidepeak_program().string();
    const pid_t child = fork();
    if (child == 0) {
        const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd >= 0) {
            ::dup2(fd, 1);
            ::dup2(fd, 2);
        }
        ::execl(program.c_str(), program.c_str(), std::string(args).c_str()..., static_cast<char*>(nullptr));
        _exit(127);
    }
    return child;
}

}  // namespace sidepeak::test
