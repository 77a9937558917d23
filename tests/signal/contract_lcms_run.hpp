#pragma once
// The synthetic LC-MS run both algorithm-contract suites feed their feature finders (fixed seed).
#include <algorithm>
#include <cmath>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "sidepeak/core/ms_data.hpp"

namespace contract {

// A centroided LC-MS run: three ions eluting as Gaussians (with their 13C isotope) and random
// background peaks in every scan; with `with_ms2`, a data-dependent MS2 scan every 10 scans.
inline sidepeak::MsRun lcms_run(bool with_ms2) {
    sidepeak::MsRun run;
    std::mt19937 rng(5);
    std::uniform_real_distribution<double> bg_mz(100.0, 600.0), bg_int(50.0, 400.0);
    const double ions[][3] = {{191.1543, 60.0, 2e6}, {281.2012, 90.0, 8e5}, {305.1655, 120.0, 4e5}};
    for (std::size_t k = 0; k < 180; ++k) {
        sidepeak::MsSpectrum s;
        s.index = run.spectra.size();
        s.id = "scan=" + std::to_string(s.index + 1);
        s.ms_level = 1;
        s.rt_s = static_cast<double>(k);
        s.polarity = sidepeak::Polarity::positive;
        s.mode = sidepeak::SpectrumMode::centroid;
        std::vector<std::pair<double, double>> peaks;
        for (int b = 0; b < 40; ++b) peaks.emplace_back(bg_mz(rng), bg_int(rng));
        for (const auto& ion : ions) {
            const double h = ion[2] * std::exp(-0.5 * std::pow((s.rt_s - ion[1]) / 4.0, 2));
            if (h < 10.0) continue;
            peaks.emplace_back(ion[0], h);
            peaks.emplace_back(ion[0] + 1.00336, 0.12 * h);
        }
        std::sort(peaks.begin(), peaks.end());
        for (const auto& [mz, in] : peaks) {
            s.mz.push_back(mz);
            s.intensity.push_back(in);
        }
        run.spectra.push_back(std::move(s));
        if (with_ms2 && k % 10 == 5) {
            sidepeak::MsSpectrum m2;
            m2.index = run.spectra.size();
            m2.id = "scan=" + std::to_string(m2.index + 1);
            m2.ms_level = 2;
            m2.rt_s = static_cast<double>(k) + 0.5;
            m2.polarity = sidepeak::Polarity::positive;
            m2.mode = sidepeak::SpectrumMode::centroid;
            m2.precursor_mz = 191.1543;
            m2.precursor_charge = 1;
            m2.mz = {91.0542, 120.0808, 174.1277};
            m2.intensity = {5e3, 2e3, 8e2};
            run.spectra.push_back(std::move(m2));
        }
    }
    return run;
}

}  // namespace contract
