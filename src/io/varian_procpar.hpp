#pragma once
/// Parser for Varian/Agilent VNMR "procpar" parameter files.
///
/// Each parameter is: a name and ten attributes (subtype, basictype 1 = real / 2 = string,
/// max, min, step, Ggroup, Dgroup, protection, active, intptr); then a value count and the
/// values (strings double-quoted, one per line); then an enumeration count and its values.
/// Parsed as a token stream so line layout does not matter; every count is checked against
/// what is left of the file.
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sidepeak::io::detail {

class Procpar {
public:
    struct Param {
        bool is_string = false;
        std::vector<std::string> values;
    };

    /// Throws InputError naming `source` when the text is binary or not procpar-shaped.
    static Procpar parse(std::string_view text, const std::filesystem::path& source);
    static Procpar load(const std::filesystem::path& path);

    [[nodiscard]] const std::filesystem::path& source() const noexcept { return source_; }
    [[nodiscard]] const Param* find(std::string_view name) const;
    /// First value of a real parameter; InputError when present but not a finite number.
    [[nodiscard]] std::optional<double> number(std::string_view name) const;
    /// First value of a string parameter (empty strings count as absent).
    [[nodiscard]] std::optional<std::string> text(std::string_view name) const;
    [[nodiscard]] const std::map<std::string, Param, std::less<>>& params() const noexcept { return params_; }

private:
    std::filesystem::path source_;
    std::map<std::string, Param, std::less<>> params_;
};

}  // namespace sidepeak::io::detail
