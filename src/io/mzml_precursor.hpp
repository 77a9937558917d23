#pragma once
// Reads one mzML <precursor> element (mzML 1.1.0 section 5.5.2; PSI-MS CV terms) into the precursor
// fields of an MsSpectrum: selected ion m/z, charge and intensity, isolation window, activation
// method and collision energy, and the spectrumRef of the survey scan.
#include <filesystem>
#include <string>

#include <pugixml.hpp>

#include "mzml_parse.hpp"
#include "sidepeak/core/ms_data.hpp"

namespace sidepeak::io::detail {

/// Fills s.precursor_* , isolation_*, activation and collision_energy* from `precursor`. A value
/// that is present but not a valid number throws InputError naming `path` and `where`.
void read_mzml_precursor(pugi::xml_node precursor, const ParamGroups* groups, const std::filesystem::path& path,
                         const std::string& where, MsSpectrum& s);

}  // namespace sidepeak::io::detail
