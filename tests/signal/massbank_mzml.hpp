#pragma once
// Reads a MassBank record (MassBank record format 2.x: "TAG: value" lines, PK$PEAK table up to
// "//") and assembles an MS1 + MS2 run from it: MS1 scans every 0.5 s over +-15 s around a chosen
// retention time, holding only the precursor ion with a Gaussian elution profile (sigma 2 s) and
// its predicted 13C/15N/18O isotope peaks, and one MS2 scan at the apex holding the record's real
// peak list with the record's precursor m/z, activation and collision energy. Two records of the
// same formula and adduct therefore give identical MS1 data: only their MS2 differs.
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "sidepeak/chem/adducts.hpp"
#include "sidepeak/chem/isotopes.hpp"
#include "sidepeak/core/ms_data.hpp"

namespace sidepeak::test {

struct MassBankRecord {
    std::string accession, name, formula, precursor_type, license, fragmentation_mode;
    double precursor_mz = 0.0;
    double collision_energy = 0.0;
    EnergyUnit energy_unit = EnergyUnit::unknown;
    double retention_time_s = 0.0;
    std::vector<double> mz, intensity;
};

inline MassBankRecord read_massbank(const std::filesystem::path& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot open " + path.string());
    MassBankRecord r;
    std::string line;
    bool peaks = false;
    auto value = [&](std::string_view tag) -> std::optional<std::string> {
        if (line.rfind(tag, 0) != 0) return std::nullopt;
        return line.substr(tag.size());
    };
    while (std::getline(in, line)) {
        if (peaks) {
            if (line.rfind("//", 0) == 0) break;
            std::istringstream row(line);
            double mz = 0, in_abs = 0;
            if (row >> mz >> in_abs) {
                r.mz.push_back(mz);
                r.intensity.push_back(in_abs);
            }
            continue;
        }
        if (auto v = value("ACCESSION: ")) r.accession = *v;
        else if (auto v2 = value("CH$NAME: "); v2 && r.name.empty()) r.name = *v2;
        else if (auto v3 = value("CH$FORMULA: ")) r.formula = *v3;
        else if (auto v4 = value("LICENSE: ")) r.license = *v4;
        else if (auto v5 = value("MS$FOCUSED_ION: PRECURSOR_M/Z ")) r.precursor_mz = std::stod(*v5);
        else if (auto v6 = value("MS$FOCUSED_ION: PRECURSOR_TYPE ")) r.precursor_type = *v6;
        else if (auto v7 = value("AC$MASS_SPECTROMETRY: FRAGMENTATION_MODE ")) r.fragmentation_mode = *v7;
        else if (auto v8 = value("AC$MASS_SPECTROMETRY: COLLISION_ENERGY ")) {
            r.collision_energy = std::stod(*v8);
            r.energy_unit = v8->find("eV") != std::string::npos ? EnergyUnit::electronvolt
                            : (v8->find('%') != std::string::npos || v8->find("nominal") != std::string::npos) ? EnergyUnit::percent
                                                                                                                 : EnergyUnit::unknown;
        } else if (auto v9 = value("AC$CHROMATOGRAPHY: RETENTION_TIME ")) {
            r.retention_time_s = std::stod(*v9) * (v9->find("min") != std::string::npos ? 60.0 : 1.0);
        } else if (line.rfind("PK$PEAK:", 0) == 0) {
            peaks = true;
        }
    }
    if (r.mz.empty() || r.precursor_mz <= 0 || r.formula.empty()) throw std::runtime_error("incomplete record " + path.string());
    return r;
}

/// The run described in the header comment; `rt_s` is the apex (the same for both members of a pair).
inline MsRun massbank_run(const MassBankRecord& r, double rt_s) {
    MsRun run;
    run.info.format = DataFormat::mzml;
    run.info.instrument = "assembled from MassBank " + r.accession;
    const chem::Formula ion = chem::ion_formula(chem::Formula(r.formula), chem::find_adduct(r.precursor_type));
    const auto pattern = chem::isotope_pattern(ion);
    std::size_t index = 0;
    for (double t = rt_s - 15.0; t <= rt_s + 15.0 + 1e-9; t += 0.5) {
        MsSpectrum s;
        s.index = index++;
        s.id = "scan=" + std::to_string(s.index + 1);
        s.rt_s = t;
        s.polarity = Polarity::positive;
        s.mode = SpectrumMode::centroid;
        s.scan_low_mz = 50;
        s.scan_high_mz = 1000;
        const double height = 1e7 * std::exp(-0.5 * (t - rt_s) * (t - rt_s) / 4.0);
        for (const auto& p : pattern) {
            if (p.relative < 1e-3 || height * p.relative < 1.0) continue;
            s.mz.push_back(p.mz);
            s.intensity.push_back(height * p.relative);
        }
        run.spectra.push_back(std::move(s));
        if (std::abs(t - rt_s) < 0.25) {
            MsSpectrum m;
            m.index = index++;
            m.id = "scan=" + std::to_string(m.index + 1);
            m.ms_level = 2;
            m.rt_s = t + 0.1;
            m.polarity = Polarity::positive;
            m.mode = SpectrumMode::centroid;
            m.precursor_mz = r.precursor_mz;
            m.precursor_charge = 1;
            m.precursor_scan = run.spectra.back().id;
            m.precursor_intensity = height;
            m.isolation_target_mz = r.precursor_mz;
            m.isolation_lower_offset = 0.5;
            m.isolation_upper_offset = 0.5;
            m.activation = r.fragmentation_mode == "HCD" ? Activation::hcd
                           : r.fragmentation_mode == "CID" ? Activation::cid
                                                           : Activation::unknown;
            m.collision_energy = r.collision_energy;
            m.collision_energy_unit = r.energy_unit;
            m.mz = r.mz;
            m.intensity = r.intensity;
            run.spectra.push_back(std::move(m));
        }
    }
    return run;
}

/// Two records in one run: `first` eluting at `rt_first_s`, `second` at `rt_second_s` (each with
/// its MS1 profile and its MS2 scan at the apex); MS1 scans at the same time are merged and the
/// spectra re-indexed in time order. A parent amine with its +O isomer gives the same MS1 for
/// every +O isomer of that formula.
inline MsRun massbank_pair_run(const MassBankRecord& first, double rt_first_s, const MassBankRecord& second,
                               double rt_second_s) {
    MsRun run = massbank_run(first, rt_first_s);
    const MsRun other = massbank_run(second, rt_second_s);
    for (const auto& s : other.spectra) {
        auto same = std::find_if(run.spectra.begin(), run.spectra.end(), [&](const MsSpectrum& r) {
            return r.ms_level == 1 && s.ms_level == 1 && std::abs(r.rt_s - s.rt_s) < 1e-6;
        });
        if (same == run.spectra.end()) {
            run.spectra.push_back(s);
            continue;
        }
        std::vector<std::pair<double, double>> peaks;
        for (std::size_t i = 0; i < same->mz.size(); ++i) peaks.emplace_back(same->mz[i], same->intensity[i]);
        for (std::size_t i = 0; i < s.mz.size(); ++i) peaks.emplace_back(s.mz[i], s.intensity[i]);
        std::sort(peaks.begin(), peaks.end());
        same->mz.clear();
        same->intensity.clear();
        for (const auto& [m, i] : peaks) {
            same->mz.push_back(m);
            same->intensity.push_back(i);
        }
    }
    std::stable_sort(run.spectra.begin(), run.spectra.end(), [](const MsSpectrum& a, const MsSpectrum& b) { return a.rt_s < b.rt_s; });
    for (std::size_t i = 0; i < run.spectra.size(); ++i) {
        run.spectra[i].index = i;
        run.spectra[i].id = "scan=" + std::to_string(i + 1);
    }
    return run;
}

}  // namespace sidepeak::test
