#pragma once
// Per-species NMR readings for over-alkylation: a mixture of unreacted, mono- and 1,4-disubstituted
// 1,4-diazepane is not an average. Each species has signals of its own (Pretsch, Structure
// Determination of Organic Compounds, amines; literature spectra of 1-benzyl-, 1,4-dibenzyl-,
// 1-methyl-, 1,4-dimethyl-1,4-diazepane and homopiperazine in CDCl3):
//  - ring N-CH2 alpha to an alkylated N resonate at 2.45-2.75 ppm, alpha to NH at 2.85-3.0 ppm: the
//    unreacted ring has 0 of its 8 on the alkylated side, the mono 4, the 1,4-disubstituted 8;
//  - the symmetric rings (unreacted, 1,4-disubstituted) show their C2/C3 ethylene bridge (4H,
//    AA'BB' between two equivalent N) as one singlet-like line: ~2.9 (NH side) or ~2.6-2.7
//    (alkylated side); the mono ring's C2/C3 are two coupled multiplets;
//  - the second substituent's group resonates within a few hundredths of a ppm of the mono's
//    (the two differ four bonds away from the group).
#include <string>
#include <vector>

#include "nmr_tools.hpp"

namespace sidepeak::classify::detail {

/// Ring N-CH2 split by the side they sit on, in a free-base frame: `alkylated` = the lines
/// between the frame's N-CH2 window start and `split_ppm` (2.78 + frame shift), `nh` above it.
/// 2 x fraction = average substituents per ring (an unreacted ring adds 0, a mono 1, a bis 2),
/// read without the diagnostic group, so another compound's singlet in the diagnostic window does
/// not move it.
struct AlphaSplit {
    bool applicable = false;   ///< free-base frame with both references; not for salts
    double split_ppm = 0.0;
    double alkylated = 0.0, nh = 0.0;  ///< sharp-line areas
    [[nodiscard]] double fraction() const noexcept { return alkylated + nh > 0 ? alkylated / (alkylated + nh) : 0.0; }
    [[nodiscard]] double per_ring() const noexcept { return 2.0 * fraction(); }
};
AlphaSplit alpha_split(const signal::NmrResult& nmr, const chem::ReactionModel& model, const RingFrame& frame);

/// A minor, more alkylated species beside a mono product, seen by its own lines.
struct MinorSpecies {
    // The 1,4-disubstituted ring: a second line of the diagnostic pattern beside the product's.
    bool bis_line = false;
    double bis_ppm = 0.0, product_ppm = 0.0;
    double bis_fraction = 0.0;      ///< (its area / (2 x group protons)) / ring proton
    double product_fraction = 0.0;  ///< (product line area / group protons) / ring proton
    // The line lies beyond the 0.05 ppm of the two amines in CDCl3 (found only with the hydrogen-
    // bond-accepting solvent's reach): kept only when another sign of the bis ring supports it.
    bool bis_wide = false;
    // The second line read from the group band's shape (two lines of the product's width where one
    // band is seen, group_line_pair.hpp; from 5 % of rings as the bis amine), kept only with the bis
    // ring's C2/C3 singlet.
    bool bis_unresolved = false;
    double bis_width_hz = 0.0;      ///< the product's line width the band was read at
    // ... and its symmetric C2/C3 singlet on the alkylated side (4H per bis ring).
    bool bis_ring = false;
    double bis_ring_ppm = 0.0;
    double bis_ring_ratio = 0.0;    ///< bis substituents per symmetric ring (2 expected)
    // The unreacted ring: its C2/C3 singlet on the NH side (4H per ring).
    bool free_ring = false;
    double free_ppm = 0.0;
    double free_fraction = 0.0;     ///< rings of unreacted amine per ring proton
    std::string near_misses;        ///< lines considered and why they were not taken
    // A second ring species: its own C6-H2 quintet (2H per ring) beside the product's, and a
    // second substituent line whose area counts two substituents on that ring.
    bool bis_species = false;
    double species_c6_ppm = 0.0, species_group_ppm = 0.0;
    double species_per_ring = 0.0;  ///< (group line area / group protons) / (quintet area / 2)
    double species_fraction = 0.0;  ///< its rings per ring of the frame
};
/// Reads the minor species in the frame of a mono-substituted (k = 1) alkylation product.
MinorSpecies minor_species(const signal::NmrResult& nmr, const chem::ReactionModel& model, const RingFrame& frame,
                           const AlphaSplit& split);

/// The 1,4-disubstituted ring read as a species of its own: a C6-H2 quintet (the anchor's test at
/// the product's width) that is not the product's, and a singlet of the substituent group (a
/// singlet group only) that is not the product's line, whose areas give 2 substituents per ring.
/// Fills the bis_species fields of `out` (and its near_misses).
void second_ring_species(const signal::NmrResult& nmr, const chem::ReactionModel& model, const RingFrame& frame,
                         MinorSpecies& out);

/// The area of one ring proton from resolved 1:2:1 ring N-CH2 triplets (3J 5-7 Hz, lines of the
/// product's width 0.6-2x) centred in [from, to]; 0 below `min_triplets` that agree within 35 %
/// (ring_frame.cpp, the reading RingFrame::triplet_h uses with two).
double ring_triplet_unit(const signal::NmrResult& nmr, double from, double to, double line_hz, double sharp_hz,
                         std::size_t min_triplets = 2);

/// A quaternary N+ read against its own ring protons: the shifted copy of the reagent's alpha group
/// (ShiftedAlpha::group, laboratory-impurity positions and lines not of the product's width left
/// out) per ring proton of the shifted ring's own resolved N+-CH2 triplets. A quaternary N+ carries
/// two groups per ring (2 x n H against a 2H triplet), an N-oxide one; the species' rings per ring
/// of the frame are its triplet unit over the frame's.
struct QuaternaryTriplets {
    bool read = false;
    const signal::Multiplet* group = nullptr;  ///< the largest group line taken
    double group_ppm = 0.0, group_area = 0.0;
    double unit = 0.0;          ///< area of one ring proton of the shifted species
    double substituents = 0.0;  ///< (group area / group protons) / unit
    double rings = 0.0;         ///< unit / the frame's ring proton
};
QuaternaryTriplets quaternary_by_triplets(const signal::NmrResult& nmr, const chem::ReactionModel& model, const RingFrame& frame,
                                          const ShiftedAlpha& sa);

/// The quaternary N+ read from its own lines: the reagent's alpha group shifted downfield with two
/// substituents per shifted ring N (1.5-3.0), counted against the ring N+-CH2 of the 3.05-3.9 ppm
/// window (ShiftedAlpha, at least 3 % of one N's ring protons) or, where those are not all there,
/// against its own resolved N+-CH2 triplets (quaternary_by_triplets). Over-alkylation calls on it;
/// the N-oxide reading gives way to its triplet count (one line, one species).
struct QuaternaryReading {
    bool found = false;
    bool by_triplets = false;                   ///< counted against its own N+-CH2 triplets
    std::vector<const signal::Multiplet*> group;  ///< the shifted group lines taken
    std::vector<const signal::Multiplet*> ring;   ///< the window's ring N+-CH2 (window reading only)
    double group_ppm = 0.0, group_area = 0.0;
    double substituents = 0.0;                  ///< per shifted ring N
    double rings = 0.0;                         ///< the species' rings per ring of the frame (triplet reading)
};
QuaternaryReading read_quaternary(const signal::NmrResult& nmr, const chem::ReactionModel& model, const RingFrame& frame,
                                  const ShiftedAlpha& sa);

/// Singlets of common laboratory solvents and impurities that fall near the amine windows
/// (Fulmer et al., Organometallics 2010, 29, 2176, table 1): toluene CH3, MeOH, 1,4-dioxane,
/// 1,2-dichloroethane, DMF N-CH3, MeCN, acetone, water, per solvent. True within `tol` of one.
bool lab_impurity_singlet(const signal::NmrResult& nmr, double ppm, double tol = 0.015);

}  // namespace sidepeak::classify::detail
