#include "precursor_values.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <utility>

#include <fmt/format.h>

#include "sidepeak/core/error.hpp"
#include "xml_scan.hpp"

namespace sidepeak::io::detail {

namespace {

bool blank(std::string_view text) noexcept {
    return std::all_of(text.begin(), text.end(), [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

std::string lower(std::string_view text) {
    std::string out(text);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

}  // namespace

std::optional<double> checked_number(std::string_view text, std::string_view what, bool non_negative,
                                     const std::filesystem::path& path, const std::string& where) {
    if (blank(text)) return std::nullopt;
    const auto v = parse_double(text);
    if (!v || !std::isfinite(*v) || (non_negative && *v < 0.0)) {
        throw InputError(path, fmt::format("{}: {} \"{}\" is not a {}number", where, what, text,
                                           non_negative ? "non-negative " : ""));
    }
    return v;
}

std::optional<int> checked_charge(std::string_view text, const std::filesystem::path& path, const std::string& where) {
    if (blank(text)) return std::nullopt;
    const auto v = parse_int(text);
    if (!v || *v < -1000 || *v > 1000) {
        throw InputError(path, fmt::format("{}: charge state \"{}\" is not an integer between -1000 and 1000", where, text));
    }
    return static_cast<int>(*v);
}

Activation activation_from_name(std::string_view name) noexcept {
    if (blank(name)) return Activation::unknown;
    std::string n;
    for (const char c : name) {
        if (c != ' ' && c != '-' && c != '_') n += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    static constexpr std::array<std::pair<std::string_view, Activation>, 17> kNames{{
        {"cid", Activation::cid},
        {"trapcid", Activation::cid},
        {"hcd", Activation::hcd},
        {"beamcid", Activation::hcd},
        {"hcid", Activation::hcd},
        {"insourcecid", Activation::in_source_cid},
        {"etd", Activation::etd},
        {"etd+sa", Activation::etd},
        {"etcid", Activation::etd},
        {"ethcd", Activation::ethcd},
        {"ecd", Activation::ecd},
        {"irmpd", Activation::irmpd},
        {"pqd", Activation::pqd},
        {"uvpd", Activation::photodissociation},
        {"pd", Activation::photodissociation},
        {"sid", Activation::sid},
        {"mpd", Activation::irmpd},  // Thermo filter "mpd": multiphoton (IR laser) dissociation
    }};
    for (const auto& [key, value] : kNames) {
        if (n == key) return value;
    }
    return Activation::other;
}

bool apply_thermo_filter(std::string_view filter, MsSpectrum& s) {
    // The last "@" starts the last activation stage: "@hcd76.67", "@cid35.00", "@etd100.00@hcd25.00"
    // (EThcD writes two methods in one stage: "@etd50.00@hcd25.00" is one stage with supplemental HCD).
    const auto at = filter.rfind('@');
    if (at == std::string_view::npos) return false;
    std::size_t i = at + 1;
    std::size_t j = i;
    while (j < filter.size() && std::isalpha(static_cast<unsigned char>(filter[j]))) ++j;
    const std::string method = lower(filter.substr(i, j - i));
    std::size_t k = j;
    while (k < filter.size() && (std::isdigit(static_cast<unsigned char>(filter[k])) || filter[k] == '.')) ++k;
    if (method.empty() || k == j) return false;
    const auto energy = parse_double(filter.substr(j, k - j));
    if (!energy || !std::isfinite(*energy) || *energy < 0) return false;
    Activation a = activation_from_name(method);
    if (a == Activation::hcd && filter.substr(0, at).find("@etd") != std::string_view::npos) a = Activation::ethcd;
    if (s.activation == Activation::unknown) s.activation = a;
    if (s.collision_energy_unit == EnergyUnit::unknown && s.collision_energy == 0.0) {
        s.collision_energy = *energy;
        s.collision_energy_unit = EnergyUnit::percent;
    }
    return true;
}

}  // namespace sidepeak::io::detail
