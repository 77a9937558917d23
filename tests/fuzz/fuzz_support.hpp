#pragma once
// Shared pieces of the libFuzzer entry points in this folder.
//
// Contract checked by every target: a parser given arbitrary bytes either returns a value or
// throws sidepeak::Error (the documented way to reject bad input). Anything else - a crash, a
// sanitizer report, a hang, or any other exception (std::bad_alloc from a trusted count,
// std::length_error, std::out_of_range, a library's own exception type) - is a bug, so it is
// reported and the process aborts, which libFuzzer and the replay driver both record as a failure.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <system_error>
#include <typeinfo>

#include <unistd.h>

#include "sidepeak/core/error.hpp"

namespace sidepeak::fuzz {

/// A private folder for the temporary files of this process: created on first use (mkdtemp,
/// mode 0700), reused for every input, removed at exit.
class ScratchDir {
public:
    ScratchDir() {
        std::error_code ec;
        std::filesystem::path base = std::filesystem::temp_directory_path(ec);
        if (ec) base = "/tmp";
        std::string templ = (base / "sidepeak-fuzz-XXXXXX").string();
        if (::mkdtemp(templ.data()) == nullptr) {
            std::perror("sidepeak fuzz: mkdtemp");
            std::abort();
        }
        path_ = templ;
    }
    ~ScratchDir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;

    [[nodiscard]] const std::filesystem::path& path() const noexcept { return path_; }

private:
    std::filesystem::path path_;
};

/// The process's scratch folder (one per process, so parallel fuzzing jobs do not collide).
inline const std::filesystem::path& scratch() {
    static const ScratchDir dir;
    return dir.path();
}

/// Overwrites `path` with the given bytes (truncating what an earlier input left there).
inline void write_file(const std::filesystem::path& path, const std::uint8_t* data, std::size_t size) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    out.close();
    if (!out) {
        std::fprintf(stderr, "sidepeak fuzz: cannot write %s\n", path.c_str());
        std::abort();
    }
}

inline void write_file(const std::filesystem::path& path, std::string_view text) {
    write_file(path, reinterpret_cast<const std::uint8_t*>(text.data()), text.size());
}

/// Runs `body`; sidepeak::Error is the expected rejection of bad input, every other exception
/// is reported with its type and message and aborts the process.
template <typename Body>
int run_guarded(Body&& body) {
    try {
        body();
    } catch (const sidepeak::Error& e) {
        // Bad input rejected the documented way; SIDEPEAK_FUZZ_VERBOSE=1 shows why (seed checks).
        if (std::getenv("SIDEPEAK_FUZZ_VERBOSE") != nullptr) std::fprintf(stderr, "rejected: %s\n", e.what());
    } catch (const std::exception& e) {
        std::fprintf(stderr, "sidepeak fuzz: unexpected exception %s: %s\n", typeid(e).name(), e.what());
        std::abort();
    } catch (...) {
        std::fprintf(stderr, "sidepeak fuzz: unexpected exception of a non-std type\n");
        std::abort();
    }
    return 0;
}

/// Treats the input bytes as text.
inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

}  // namespace sidepeak::fuzz
