#pragma once
// Checked reading of MSn precursor values shared by the mzML, mzXML and mzMLb readers: numbers
// that must be finite (and non-negative where the quantity cannot be negative), charge states,
// activation names as mzXML writes them, and the activation and energy in a Thermo filter string.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "sidepeak/core/ms_data.hpp"

namespace sidepeak::io::detail {

/// The number in `text`, or std::nullopt when `text` is empty or blank. Anything else that is not a
/// finite number (or is negative when `non_negative`) throws InputError naming `path`, `where` and `what`.
std::optional<double> checked_number(std::string_view text, std::string_view what, bool non_negative,
                                     const std::filesystem::path& path, const std::string& where);
/// A charge state: an integer with |z| <= 1000 (sign allowed), std::nullopt when blank; else InputError.
std::optional<int> checked_charge(std::string_view text, const std::filesystem::path& path, const std::string& where);

/// mzXML activationMethod values ("CID", "HCD", "ETD", "ETD+SA", "ECD", "IRMPD", "PQD", "SID", ...),
/// case-insensitive; Activation::other for a name not in the list, unknown for an empty text.
Activation activation_from_name(std::string_view name) noexcept;

/// Reads the activation and normalized collision energy of the last stage of a Thermo filter
/// string ("FTMS + p ESI d Full ms2 189.0698@hcd76.67 [42.72-213.62]": HCD at 76.67 %) into `s`
/// where `s` does not say them already. Returns false (and changes nothing) when the string has no
/// "@<method><energy>" part.
bool apply_thermo_filter(std::string_view filter, MsSpectrum& s);

}  // namespace sidepeak::io::detail
