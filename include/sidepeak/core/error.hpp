#pragma once
/// Errors raised by sidepeak. Every error that comes from an input names the file and the problem,
/// so a batch can list it in the report and carry on.
#include <filesystem>
#include <stdexcept>
#include <string>

namespace sidepeak {

/// Base class of every sidepeak error.
class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// An input file is missing, unreadable, malformed or unsupported. what() reads
/// "<path>: <problem>".
class InputError : public Error {
public:
    InputError(const std::filesystem::path& path, const std::string& problem)
        : Error(path.string() + ": " + problem), path_(path), problem_(problem) {}
    [[nodiscard]] const std::filesystem::path& path() const noexcept { return path_; }
    [[nodiscard]] const std::string& problem() const noexcept { return problem_; }

private:
    std::filesystem::path path_;
    std::string problem_;
};

/// A caller passed an invalid argument or parameter (bad usage, not bad data).
class UsageError : public Error {
public:
    using Error::Error;
};

/// The caller's progress callback asked to stop. Not an error in the data or the usage: callers
/// catch it by type (the C ABI returns SIDEPEAK_ERROR_CANCELLED). what() reads "cancelled".
class Cancelled : public Error {
public:
    Cancelled() : Error("cancelled") {}
};

/// An output could not be written (disk full, I/O error, a folder that vanished): the program's
/// exit status 3, "no report could be written".
class OutputError : public Error {
public:
    using Error::Error;
};

}  // namespace sidepeak
