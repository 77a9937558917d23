#pragma once
// Runs a piece of code in a forked child whose files may not grow beyond `bytes` (RLIMIT_FSIZE,
// with SIGXFSZ ignored so a write past the limit fails with EFBIG instead of killing the child):
// a full disk that works for root too, which ignores permissions.
#include <csignal>
#include <cstddef>
#include <functional>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

namespace sidepeak::test {

/// The child's exit status (`body`'s return value), or -1 when it ended by a signal or could not
/// be started.
inline int exit_code_with_file_size_limit(std::size_t bytes, const std::function<int()>& body) {
    const pid_t child = fork();
    if (child < 0) return -1;
    if (child == 0) {
        std::signal(SIGXFSZ, SIG_IGN);
        const rlimit limit{static_cast<rlim_t>(bytes), static_cast<rlim_t>(bytes)};
        setrlimit(RLIMIT_FSIZE, &limit);
        _exit(body());
    }
    int status = 0;
    if (waitpid(child, &status, 0) != child || !WIFEXITED(status)) return -1;
    return WEXITSTATUS(status);
}

}  // namespace sidepeak::test
