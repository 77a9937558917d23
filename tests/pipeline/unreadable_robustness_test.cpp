// Files that cannot be read are reported with the system's reason (permission denied), naming the
// file inside an instrument folder, never as "not a recognised format". Run as root, the checks run
// in a child process that has dropped to an unprivileged user (root reads every file).
#include <cstring>
#include <functional>
#include <string>

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sidepeak/core/file_io.hpp"
#include "sidepeak/pipeline/analyze.hpp"
#include "test_support.hpp"

namespace sidepeak {
namespace {
namespace fs = std::filesystem;

fs::path jcamp_file() { return test::real_samples() / "nmr/jcamp/2-chloroethanol_jcamp-difdup.dx"; }

// A folder under /tmp that an unprivileged user may enter and list.
fs::path open_folder() {
    std::string templ = (fs::temp_directory_path() / "sidepeak-unreadable-XXXXXX").string();
    if (::mkdtemp(templ.data()) == nullptr) return {};
    ::chmod(templ.c_str(), 0755);
    return templ;
}

// Runs `check` (which returns an empty string on success, else what went wrong) in a child process
// without privileges; returns the child's message.
std::string as_unprivileged(const std::function<std::string()>& check) {
    int fds[2];
    if (::pipe(fds) != 0) return "pipe failed";
    const pid_t child = ::fork();
    if (child == 0) {
        ::close(fds[0]);
        std::string message;
        if (::geteuid() == 0 && (::setgid(65534) != 0 || ::setuid(65534) != 0)) {
            message = "cannot drop privileges";
        } else {
            message = check();
        }
        if (!message.empty()) (void)!::write(fds[1], message.data(), message.size());
        ::close(fds[1]);
        ::_exit(message.empty() ? 0 : 1);
    }
    ::close(fds[1]);
    std::string message;
    char buf[512];
    for (ssize_t n; (n = ::read(fds[0], buf, sizeof buf)) > 0;) message.append(buf, static_cast<std::size_t>(n));
    ::close(fds[0]);
    int status = 0;
    ::waitpid(child, &status, 0);
    if (!WIFEXITED(status)) return "child ended by a signal: " + message;
    if (WEXITSTATUS(status) != 0 && message.empty()) return "child failed";
    return message;
}

std::string expect_contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos ? "" : "'" + part + "' not in: " + text;
}

TEST(UnreadableRobustness, UnreadableFileIsPermissionDeniedNotUnknownFormat) {
    const auto dir = open_folder();
    ASSERT_FALSE(dir.empty());
    fs::copy_file(jcamp_file(), dir / "h.dx");
    ::chmod((dir / "h.dx").c_str(), 0000);
    const std::string problem = as_unprivileged([&] {
        const auto found = pipeline::discover(dir / "h.dx");
        if (found.inputs.size() != 1) return std::string("expected one input");
        const auto& error = found.inputs[0].error;
        if (error.find("not a recognised") != std::string::npos) return "blamed the format: " + error;
        return expect_contains(error, std::strerror(EACCES));
    });
    EXPECT_EQ(problem, "");
    // In a folder, the same.
    const std::string in_folder = as_unprivileged([&] {
        const auto s = pipeline::analyze_sample("S", dir, {});
        if (s.inputs.size() != 1) return std::string("expected one input");
        return expect_contains(s.inputs[0].error, std::strerror(EACCES));
    });
    EXPECT_EQ(in_folder, "");
    fs::remove_all(dir);
}

TEST(UnreadableRobustness, EmptyFileIsSaidToBeEmpty) {
    const auto dir = test::scratch_dir();
    write_file_atomic(dir / "empty.dat", "");
    const auto found = pipeline::discover(dir / "empty.dat");
    ASSERT_EQ(found.inputs.size(), 1u);
    EXPECT_NE(found.inputs[0].error.find("empty file"), std::string::npos) << found.inputs[0].error;
}

// A Bruker folder whose fid or acqus cannot be read: the error names that file and the errno text.
TEST(UnreadableRobustness, BrukerErrorsNameTheFileAndTheReason) {
    const auto src = test::real_samples() / "nmr/bruker/aspirin-1h/1";
    ASSERT_TRUE(fs::exists(src));
    for (const char* name : {"fid", "acqus"}) {
        const auto dir = open_folder();
        ASSERT_FALSE(dir.empty());
        fs::copy(src, dir / "1", fs::copy_options::recursive);
        for (const auto& e : fs::recursive_directory_iterator(dir)) ::chmod(e.path().c_str(), e.is_directory() ? 0755 : 0644);
        ::chmod((dir / "1" / name).c_str(), 0000);
        const std::string problem = as_unprivileged([&] {
            const auto s = pipeline::analyze_sample("S", dir / "1", {});
            if (s.inputs.size() != 1) return std::string("expected one input");
            if (s.inputs[0].ok) return std::string("read an unreadable ") + name;
            const auto& error = s.inputs[0].error;
            const std::string a = expect_contains(error, std::string(name) + ":");
            return a.empty() ? expect_contains(error, std::strerror(EACCES)) : a;
        });
        EXPECT_EQ(problem, "") << name;
        fs::remove_all(dir);
    }
}

}  // namespace
}  // namespace sidepeak
