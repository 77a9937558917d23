#pragma once
// Hofmann NMR: each accepted vinyl system (olefin_fit.hpp) read with its allylic CH2 (resolved d of
// the N-allyl window, a C-/O-allyl CH2 elsewhere, or hidden under other lines) and the best reading
// over all systems of a spectrum. Used by hofmann_nmr.cpp.
#include <optional>
#include <string>
#include <vector>

#include "olefin_fit.hpp"
#include "sidepeak/signal/nmr_pipeline.hpp"

namespace sidepeak::classify::detail::hofmann {

/// A =CH- seed of the joint vinyl fit: a picked multiplet (with the =CH2 lines of its size) or a
/// centre of the matched-filter scan (the whole =CH2 window).
struct Seed {
    double ppm = 0.0;
    const signal::Multiplet* m = nullptr;
    double ch2_lo = 0.0, ch2_hi = 0.0;
};

/// One vinyl system read with its allylic CH2: log-likelihood ratio, whether it is a weak
/// (corroborative) sign, whether it is specific only beside an alkylating reagent (the vinyl system
/// whose allylic CH2 is not placed: an allyl group of unknown kind, tied to the by-product by the
/// quaternary precursor alone), the note and the resolved allylic N-CH2 d.
struct SystemReading {
    double llr = -1.0;
    bool weak = false;
    bool needs_alkylation = false;
    bool hidden_n_ch2 = false;  ///< the allylic N-CH2 placed by exclusion (under other lines), not seen
    std::string note;
    std::optional<AllylicCandidate> n_fit;
};

/// The best reading over every accepted vinyl system (fits[i] from seeds[i]): an N-allyl call from
/// any of them wins (a crude may hold a trap allyl group beside the by-product), then the stronger
/// sign. `fit` is null when no system was accepted.
struct Best {
    SystemReading reading;
    const VinylFit* fit = nullptr;
    const Seed* seed = nullptr;
};
/// `product_salt`: the product's own ring lines show it protonated (RingFrame::protonated); an amine
/// by-product in the same solution, at least as basic, is then an ammonium too, so its allylic
/// N+-CH2 window applies whatever the =CH2 mean reads.
Best best_system(const signal::NmrResult& nmr, const std::vector<VinylFit>& fits, const std::vector<Seed>& seeds,
                 bool product_salt = false);

/// Two =CH- bands at `ch_a` and `ch_b` ppm are two vinyl systems when resolved: at least two line
/// widths (`w_hz`) and 3 Hz apart at `mhz` (a ddt moved by less than that is the same band, refitted).
[[nodiscard]] bool resolved_ch(double ch_a, double ch_b, double w_hz, double mhz);

}  // namespace sidepeak::classify::detail::hofmann
