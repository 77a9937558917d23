// Automatic phasing and referencing on real Bruker folders, judged against the vendor's own
// processed spectrum (pdata/1/1r): the negative-area fraction of our phased spectrum must be
// within one percentage point of TopSpin's, after the same simple baseline estimate on both.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <string>
#include <vector>

#include "sidepeak/io/nmr_readers.hpp"
#include "sidepeak/signal/fid.hpp"
#include "sidepeak/signal/phase.hpp"
#include "sidepeak/signal/reference.hpp"
#include "test_support.hpp"

namespace {

using namespace sidepeak;
using namespace sidepeak::signal;

/// Robust baseline for the phase criterion: medians of blocks of 1/128 of the spectrum, a running
/// median over 5 blocks, linear interpolation between block centres. Peaks (narrow against a
/// block) do not move a median; the same estimate is applied to the vendor spectrum.
std::vector<double> median_baseline(const std::vector<double>& y) {
    const std::size_t n = y.size();
    const std::size_t block = std::max<std::size_t>(16, n / 128);
    const std::size_t blocks = n / block;
    std::vector<double> med(blocks);
    std::vector<double> tmp;
    for (std::size_t b = 0; b < blocks; ++b) {
        tmp.assign(y.begin() + static_cast<std::ptrdiff_t>(b * block), y.begin() + static_cast<std::ptrdiff_t>((b + 1) * block));
        std::nth_element(tmp.begin(), tmp.begin() + static_cast<std::ptrdiff_t>(tmp.size() / 2), tmp.end());
        med[b] = tmp[tmp.size() / 2];
    }
    std::vector<double> smooth(blocks);
    for (std::size_t b = 0; b < blocks; ++b) {
        const std::size_t lo = b >= 2 ? b - 2 : 0, hi = std::min(blocks - 1, b + 2);
        tmp.assign(med.begin() + static_cast<std::ptrdiff_t>(lo), med.begin() + static_cast<std::ptrdiff_t>(hi) + 1);
        std::nth_element(tmp.begin(), tmp.begin() + static_cast<std::ptrdiff_t>(tmp.size() / 2), tmp.end());
        smooth[b] = tmp[tmp.size() / 2];
    }
    std::vector<double> base(n);
    for (std::size_t i = 0; i < n; ++i) {
        const double pos = (static_cast<double>(i) - 0.5 * static_cast<double>(block)) / static_cast<double>(block);
        const double c = std::clamp(pos, 0.0, static_cast<double>(blocks - 1));
        const auto b0 = static_cast<std::size_t>(std::floor(c));
        const std::size_t b1 = std::min(blocks - 1, b0 + 1);
        const double t = c - static_cast<double>(b0);
        base[i] = smooth[b0] * (1.0 - t) + smooth[b1] * t;
    }
    return base;
}

double phase_criterion(const std::vector<double>& y) {
    const auto base = median_baseline(y);
    std::vector<double> corrected(y.size());
    for (std::size_t i = 0; i < y.size(); ++i) corrected[i] = y[i] - base[i];
    return negative_area_fraction(corrected);
}

struct Processed {
    NmrSpectrum spectrum;
    PhaseResult phase;
};

/// A numeric parameter from pdata/1/procs ("##$LB= 0.3"), or `fallback`.
double procs_value(const std::filesystem::path& folder, const std::string& name, double fallback) {
    std::ifstream in(folder / "pdata" / "1" / "procs");
    std::string line;
    const std::string key = "##$" + name + "=";
    while (std::getline(in, line))
        if (line.rfind(key, 0) == 0) return std::stod(line.substr(key.size()));
    return fallback;
}

/// Our processing with the vendor's line broadening and size (so that both spectra carry the
/// same noise and resolution and only the phase differs).
Processed process(const NmrData& data, PhaseMethod method, const std::filesystem::path& folder) {
    NmrProcessingOptions options;
    options.transform.line_broadening_hz = procs_value(folder, "LB", 0.3);
    const double si = procs_value(folder, "SI", 0.0);
    const double points = static_cast<double>(data.fids.at(0).size());
    options.transform.zero_fill_factor = si > 0.0 ? std::max(1, static_cast<int>(std::ceil(si / points - 1e-9))) : 2;
    auto cs = fid_to_spectrum(data.fids.at(0), data.meta, options.transform);
    Processed out;
    out.phase = auto_phase(cs.data, method);
    apply_phase(cs.data, out.phase.p0_deg, out.phase.p1_deg);
    out.spectrum.ppm_first = cs.ppm_first;
    out.spectrum.ppm_last = cs.ppm_last;
    out.spectrum.spectrometer_mhz = cs.spectrometer_mhz;
    out.spectrum.real.resize(cs.data.size());
    for (std::size_t i = 0; i < cs.data.size(); ++i) out.spectrum.real[i] = cs.data[i].real();
    return out;
}

/// Sub-point apex of the highest point within +-window ppm of `ppm`.
double apex_near(const NmrSpectrum& s, double ppm, double window) {
    const double i0 = s.index_of(ppm + window), i1 = s.index_of(ppm - window);
    auto lo = static_cast<std::size_t>(std::clamp(std::min(i0, i1), 1.0, static_cast<double>(s.size() - 2)));
    auto hi = static_cast<std::size_t>(std::clamp(std::max(i0, i1), 1.0, static_cast<double>(s.size() - 2)));
    std::size_t best = lo;
    for (std::size_t i = lo; i <= hi; ++i)
        if (s.real[i] > s.real[best]) best = i;
    const double a = s.real[best - 1], b = s.real[best], c = s.real[best + 1];
    const double den = a - 2 * b + c;
    return s.ppm_at(static_cast<double>(best) + (den < 0 ? 0.5 * (a - c) / den : 0.0));
}

struct RealCase {
    std::string name;
    std::filesystem::path path;
    double check_ppm;  ///< a signal whose referenced position is known (NaN: no referencing check)
    std::string reference_signal;
};

std::vector<RealCase> cases() {
    const auto local = test::real_samples() / "nmr" / "bruker";
    const auto shared = test::shared_spectra() / "nmr" / "bruker";
    return {
        {"aniline", local / "MP-TFM-aniline" / "10", 7.26, ""},
        {"strychnine", local / "strychnine" / "10", 0.0, ""},  // TMS present
        {"gaba", local / "VZBBI_13R03_GABA" / "1H", 0.0, ""},
        {"bmse000325", local / "bmse000325" / "1H", 0.0, ""},
        {"penguins7", shared / "penguins-testdata" / "7", 2.50, ""},
        {"coffee", local / "coffee-UV1009" / "20", std::nan(""), ""},
    };
}

class RealPhase : public ::testing::TestWithParam<std::tuple<std::size_t, PhaseMethod>> {};

TEST_P(RealPhase, NegativeAreaWithinOnePointOfVendor) {
    const auto [index, method] = GetParam();
    const auto c = cases().at(index);
    SIDEPEAK_REQUIRE_PATH(c.path);
    const auto data = io::read_bruker(c.path);
    ASSERT_FALSE(data.fids.empty());
    ASSERT_TRUE(data.processed.has_value());
    const auto ours = process(data, method, c.path);
    const double f_ours = phase_criterion(ours.spectrum.real);
    const double f_vendor = phase_criterion(data.processed->real);
    RecordProperty("negative_area_ours", std::to_string(f_ours));
    RecordProperty("negative_area_vendor", std::to_string(f_vendor));
    std::printf("%-11s %-22s p0 %8.2f p1 %8.2f  negative area ours %.4f vendor %.4f\n", c.name.c_str(),
                ours.phase.method.c_str(), ours.phase.p0_deg, ours.phase.p1_deg, f_ours, f_vendor);
    EXPECT_LE(f_ours, f_vendor + 0.01) << c.name;
}

INSTANTIATE_TEST_SUITE_P(Files, RealPhase,
                         ::testing::Combine(::testing::Range<std::size_t>(0, 6),
                                            ::testing::Values(PhaseMethod::acme, PhaseMethod::peak_minimum_entropy)));

class RealReference : public ::testing::TestWithParam<std::size_t> {};

TEST_P(RealReference, ReferenceWithinOneHundredthPpm) {
    const auto c = cases().at(GetParam());
    SIDEPEAK_REQUIRE_PATH(c.path);
    const auto data = io::read_bruker(c.path);
    auto ours = process(data, PhaseMethod::acme, c.path);
    const auto base = median_baseline(ours.spectrum.real);
    for (std::size_t i = 0; i < base.size(); ++i) ours.spectrum.real[i] -= base[i];
    const auto before = ours.spectrum;
    const auto ref = find_reference(ours.spectrum, data.meta);
    EXPECT_EQ(ours.spectrum.ppm_first, before.ppm_first);  // find_reference does not modify
    ASSERT_TRUE(ref.found) << c.name;
    apply_reference(ours.spectrum, ref);
    // Known position: the textbook shift of a signal that can be told apart from the analyte
    // (the vendor axis is printed for comparison; it is not always calibrated: aniline has SR = 0).
    const double at = apex_near(ours.spectrum, c.check_ppm, 0.04);
    const double vendor = apex_near(*data.processed, c.check_ppm, 0.04);
    std::printf("%-11s reference %-7s shift %+.4f ppm; signal at %.3f: ours %.4f vendor %.4f (solvent '%s')\n",
                c.name.c_str(), ref.signal.c_str(), ref.shift_ppm, c.check_ppm, at, vendor, data.meta.solvent.c_str());
    EXPECT_LT(std::abs(ref.shift_ppm), 0.1) << c.name;  // a calibration error, not a misassignment
    EXPECT_NEAR(at, c.check_ppm, 0.01) << c.name << " " << ref.signal;
}

INSTANTIATE_TEST_SUITE_P(Files, RealReference, ::testing::Values(0, 1, 2, 3, 4));

}  // namespace
