#pragma once
// Runs a scenario that would deadlock if a reader held a process-wide native-library lock for a
// source's life: a hang fails the test and ends the process (the hung thread cannot be joined)
// instead of stalling the whole suite.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <future>
#include <memory>
#include <thread>

namespace sidepeak::test {

inline constexpr auto kScenarioDeadline = std::chrono::seconds(120);

/// Runs `scenario` on its own thread; `what` names it in the message printed when it hangs.
/// Rethrows a failure of the scenario.
inline void finishes_within_deadline(const char* what, const std::function<void()>& scenario) {
    auto task = std::make_shared<std::packaged_task<void()>>(scenario);
    std::future<void> done = task->get_future();
    std::thread([task] { (*task)(); }).detach();
    if (done.wait_for(kScenarioDeadline) != std::future_status::ready) {
        std::fprintf(stderr, "%s did not finish within %lld s: a source holds the library lock\n", what,
                     static_cast<long long>(kScenarioDeadline.count()));
        std::fflush(stderr);
        std::_Exit(1);
    }
    done.get();
}

}  // namespace sidepeak::test
