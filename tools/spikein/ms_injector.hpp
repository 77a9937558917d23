#pragma once
// Adds the chromatographic peak of a simulated ion to the MS1 scans of a real run: an EMG
// elution profile (optionally split), per-scan intensity noise and m/z error, written as
// centroids (merged with the scan's own) or as Gaussian profile peaks of the run's own width.
#include <cstddef>
#include <string>
#include <vector>

#include "spike_random.hpp"
#include "sidepeak/core/ms_data.hpp"

namespace sidepeak::spikein {

/// Exponentially modified Gaussian density (area 1): Gaussian (mu, sigma) convolved with an
/// exponential decay of time constant tau (tau <= 0 gives the Gaussian).
double emg_density(double t, double mu, double sigma, double tau);

/// An elution profile scaled to 1 at its apex: one EMG, or two EMGs a few seconds apart
/// (a split peak). The apex of the whole profile is placed at `apex_s`.
class ElutionShape {
public:
    ElutionShape() = default;
    ElutionShape(double apex_s, double sigma_s, double tau_s, double split_dt_s = 0.0, double split_ratio = 0.0);
    [[nodiscard]] double value(double t_s) const;
    [[nodiscard]] double apex_s() const noexcept { return apex_; }
    /// Times outside [from, to] hold less than 1e-3 of the apex.
    [[nodiscard]] double from_s() const noexcept { return from_; }
    [[nodiscard]] double to_s() const noexcept { return to_; }
    /// Area of the apex-normalised profile (seconds).
    [[nodiscard]] double area_s() const noexcept { return (1.0 + split_ratio_) * scale_; }
    /// Two EMGs (a split peak).
    [[nodiscard]] bool split() const noexcept { return split_ratio_ > 0.0; }
    /// Exponential time constant and Gaussian width (seconds).
    [[nodiscard]] double tau_s() const noexcept { return tau_; }
    [[nodiscard]] double sigma_s() const noexcept { return sigma_; }

private:
    [[nodiscard]] double raw(double t_s) const;
    double apex_ = 0.0, mu_ = 0.0, sigma_ = 3.0, tau_ = 0.0, split_dt_ = 0.0, split_ratio_ = 0.0;
    double scale_ = 1.0, from_ = 0.0, to_ = 0.0;
};

/// What the injector learned about a run from its own data.
struct RunTraits {
    bool high_resolution = true;
    double resolving_power = 30000.0;  ///< m/z / FWHM, for high-resolution runs
    double unit_fwhm_da = 0.6;         ///< peak FWHM for unit-resolution runs
    double mz_quantum = 0.0;           ///< m/z step the run reports on (e.g. 0.1 Da), 0 when continuous
    double intensity_quantum = 1.0;    ///< low percentile of the run's intensities (counting-noise scale)
    double rt_min_s = 0.0;
    double rt_max_s = 0.0;
    double median_scan_interval_s = 1.0;
    /// An MS1 scan as the injector sees it.
    struct Scan {
        std::size_t index = 0;  ///< position in MsRun::spectra
        double rt_s = 0.0;
        double low_mz = 0.0;    ///< m/z window (declared, else the observed extent)
        double high_mz = 0.0;
        double floor = 0.0;     ///< lowest intensity the scan reports (centroids below it are not written)
        bool profile = false;
    };
    std::vector<Scan> ms1;
    /// Peak FWHM (Da) at `mz`.
    [[nodiscard]] double fwhm_at(double mz) const { return high_resolution ? mz / resolving_power : unit_fwhm_da; }
};

/// Estimates resolution (FWHM of the strongest profile peaks, or the closest resolved spacing of
/// centroids), intensity scale and RT range from the run's MS1 scans.
RunTraits characterise_run(const MsRun& run);

/// One ion to add: its isotope lines, charge, apex height (instrument counts) and elution profile.
struct IonInjection {
    std::string label;            ///< e.g. "S+2Δ [M+H]+" (for debugging only)
    std::vector<double> mz;       ///< exact m/z of the isotope aggregates
    std::vector<double> relative; ///< their intensities relative to the apex line (same length)
    int charge = 1;
    double height = 0.0;          ///< apex intensity of relative == 1
    ElutionShape shape;
};

/// Collects ions for one run and writes them into a copy of it. Noise and m/z errors are drawn
/// when an ion is added, so the order of add() calls and the seed fix the result.
class MsInjector {
public:
    explicit MsInjector(RunTraits traits);
    [[nodiscard]] const RunTraits& traits() const noexcept { return traits_; }

    /// Draws the ion's systematic m/z error (0-4 ppm, or up to 0.15 Da at unit resolution),
    /// its per-scan m/z jitter and its per-scan intensity noise, and queues its points.
    void add(const IonInjection& ion, SpikeRandom& rng);
    /// Writes the queued points into the MS1 scans of `run` (the run the traits came from, or a
    /// copy of it). MS2 and higher scans are left as they are.
    void apply(MsRun& run) const;

private:
    struct Point {
        double mz;
        double intensity;
    };
    RunTraits traits_;
    std::vector<std::vector<Point>> pending_;  // per entry of traits_.ms1
};

}  // namespace sidepeak::spikein
