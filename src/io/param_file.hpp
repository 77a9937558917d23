#pragma once
/// Parser for Bruker parameter files (acqus, acqu, procs, proc): JCAMP-DX style records
/// "##$KEY= value", where a value is a number, a <string> (may span lines), or an array
/// "(0..N)" whose elements follow on continuation lines. "$$" lines are comments.
#include <cstddef>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sidepeak::io::detail {

class ParamFile {
public:
    /// Parses parameter text. `source` names the file in errors. Throws InputError when the
    /// text is binary, does not start with a "##" record, or an array header is malformed.
    static ParamFile parse(std::string_view text, const std::filesystem::path& source);
    /// Reads and parses a file (at most 64 MiB).
    static ParamFile load(const std::filesystem::path& path);

    [[nodiscard]] const std::filesystem::path& source() const noexcept { return source_; }
    [[nodiscard]] bool has(std::string_view key) const;
    /// Value text: strings without their <>, arrays as their elements separated by single
    /// spaces, scalars as written. Keys are given without "$" ("TD", "SW_h"); core JCAMP
    /// labels (TITLE, ORIGIN, ...) are stored under their own names.
    [[nodiscard]] std::optional<std::string> text(std::string_view key) const;
    /// A scalar number. Throws InputError naming the file and key when present but not a
    /// finite number.
    [[nodiscard]] std::optional<double> number(std::string_view key) const;
    /// An integer-valued scalar (written as an integer or as a float with no fraction, within
    /// +-2^53). Throws InputError when present but not such a value.
    [[nodiscard]] std::optional<long long> integer(std::string_view key) const;
    /// Numeric elements of an array parameter. Throws InputError when an element is not a number.
    [[nodiscard]] std::vector<double> numbers(std::string_view key) const;
    /// All parameters, key -> value text (see text()).
    [[nodiscard]] const std::map<std::string, std::string, std::less<>>& entries() const noexcept {
        return values_;
    }

private:
    std::filesystem::path source_;
    std::map<std::string, std::string, std::less<>> values_;
};

/// Parses one decimal number (JCAMP and procpar style, e.g. "3.5", "-1e-05", "12").
/// Returns nullopt unless the whole of `token` is a finite number.
std::optional<double> parse_number(std::string_view token);

}  // namespace sidepeak::io::detail
