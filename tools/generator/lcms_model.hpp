#pragma once
// LC-MS model of the generated mixtures: each species elutes as an exponentially modified
// Gaussian and ionises to [M+H]+ plus adducts at plausible ratios (permanent cations as [M]+,
// N-oxides with their in-source [M+H-O]+ / [M+H-OH]+ fragments), every ion with the exact
// isotope pattern of its formula; background ions and ladders (PEG, polysiloxanes), chemical
// noise and mass errors are added scan by scan.
#include <string>
#include <vector>

#include "mixture.hpp"
#include "rng.hpp"
#include "sidepeak/chem/formula.hpp"

namespace sidepeak::gen {

struct IonSpec {
    chem::Formula formula;  ///< charged ion formula
    double ratio = 1.0;     ///< intensity relative to the analyte's base ion
    std::string label;
};

struct Analyte {
    std::string label;
    std::vector<IonSpec> ions;
    double rt_s = 0.0;      ///< Gaussian centre
    double sigma_s = 2.0;   ///< Gaussian sigma
    double tau_s = 1.0;     ///< exponential tail
    double apex = 0.0;      ///< apex intensity of the base ion (counts)
    bool constant = false;  ///< background present in every scan (slow drift)
};

struct LcmsSettings {
    double run_s = 300.0;
    double scan_s = 1.0;
    double mz_low = 80.0, mz_high = 1000.0;
    bool profile = false;
    double resolution = 35000.0;   ///< m / FWHM for profile peaks
    bool minutes = false;          ///< write retention times in minutes
    double mass_offset_ppm = 0.0;  ///< calibration error of the run
};

/// The analytes of a mixture (reaction species, background ions and ladders).
std::vector<Analyte> build_analytes(const Mixture& m, Rng& rng);

struct Scan {
    double rt_s = 0.0;
    std::vector<double> mz;
    std::vector<double> intensity;
};

/// Simulates the MS1 scans of a run.
std::vector<Scan> simulate_run(const std::vector<Analyte>& analytes, const LcmsSettings& settings, Rng& rng);

}  // namespace sidepeak::gen
