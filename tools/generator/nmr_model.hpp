#pragma once
// 1H NMR model of the generated mixtures: first-order multiplets of every species (shifts in
// CDCl3 from the literature ranges in docs/generated-samples.md), solvent residuals, reference
// compounds and the broad oligomer humps.
#include <utility>
#include <vector>

#include "mixture.hpp"
#include "rng.hpp"

namespace sidepeak::gen {

/// A first-order multiplet: `protons` equivalent protons at `ppm`, split by each (J Hz, n spins)
/// into n+1 binomial lines. `fwhm_hz` is the line width; gaussian for unresolved humps.
struct Multiplet {
    double ppm = 0.0;
    double protons = 1.0;
    std::vector<std::pair<double, int>> couplings;
    double fwhm_hz = 1.0;
    bool gaussian = false;
};

/// One line after splitting: area in proton units.
struct Line {
    double ppm = 0.0;
    double area = 0.0;
    double fwhm_hz = 1.0;
    bool gaussian = false;
};

/// Multiplets of one molecule of a species (areas in protons).
std::vector<Multiplet> species_multiplets(const Component& c, Reagent r, Solvent solvent);
/// Every line of the mixture, including solvent residual, water, TMS/TSP and CH2Cl2, at the
/// given spectrometer frequency. `rng` jitters shifts by a few thousandths of a ppm (concentration
/// and temperature effects) and line widths (shimming).
std::vector<Line> mixture_lines(const Mixture& m, double mhz, Rng& rng);

}  // namespace sidepeak::gen
