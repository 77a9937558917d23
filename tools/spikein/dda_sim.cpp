#include "dda_sim.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <initializer_list>
#include <string_view>
#include <map>
#include <utility>

namespace sidepeak::spikein {
namespace {

using chem::Formula;

// Sources of the rules below (docs/validation.md, "Data-dependent MS2", lists them with ranges):
//  [R2000] Ramanathan R. et al., "Liquid chromatography/mass spectrometry methods for
//          distinguishing N-oxides from hydroxylated compounds", Anal. Chem. 2000, 72, 1352-1359.
//  [T2001] Tong W. et al., "Fragmentation of N-oxides (deoxygenation) in atmospheric pressure
//          ionization: investigation of the activation process", Rapid Commun. Mass Spectrom.
//          2001, 15, 2085-2090.
//  [M2005] Ma S., Chowdhury S. K., Alton K. B., "Thermally induced N-to-O rearrangement of
//          tert-N-oxides in APCI and APPI mass spectrometry: differentiation of N-oxidation from
//          hydroxylation", Anal. Chem. 2005, 77, 3676-3682.
//  [CT1960] Cope A. C., Trumbull E. R., "Olefins from amines: the Hofmann elimination reaction and
//          amine oxide pyrolysis", Org. React. 1960, 11, 317-493 (Cope elimination R2N(O)-CH-CH ->
//          R2N-OH + alkene).
//  [MT1993] McLafferty F. W., Tureček F., "Interpretation of Mass Spectra", 4th ed., University
//          Science Books 1993 (alpha-cleavage and iminium ions of amines, benzyl/tropylium C7H7+,
//          onium-ion hydrogen-rearrangement alkene losses, tert-butyl C4H8 loss).
//  [H2010] Holčapek M., Jirásko R., Lísa M., "Basic rules for the interpretation of atmospheric
//          pressure ionization mass spectra of small molecules", J. Chromatogr. A 2010, 1217,
//          3908-3921 (even-electron neutral losses: NH3, H2O, amines, alkenes; [M+NH4]+ -> NH3).
//  [FF2001] Ferrer I., Furlong E. T., "Identification of alkyl dimethylbenzylammonium surfactants
//          in water samples by SPE followed by ion trap LC/MS and LC/MS/MS", Environ. Sci. Technol.
//          2001, 35, 2583-2588 (benzylammonium cations: tropylium 91 and loss of toluene).
//  [S1994] Selby T. L., Wesdemiotis C., Lattimer R. P., "Dissociation characteristics of [M+X]+
//          ions (X = H, Li, Na, K) from linear and cyclic polyglycols", J. Am. Soc. Mass Spectrom.
//          1994, 5, 1081-1092 (C2H4O unit losses, H(OC2H4)n+ oxonium series).
//  [KM1980] Karni M., Mandelbaum A., "The 'even-electron rule'", Org. Mass Spectrom. 1980, 15,
//          53-64 (the OH* loss of N-oxides is one of its documented exceptions).

Formula f(std::string_view text) { return Formula(text); }

// Concatenation without `"literal" + std::string` (GCC 12 -Wrestrict).
std::string cat(std::initializer_list<std::string_view> parts) {
    std::string out;
    for (const auto p : parts) out.append(p);
    return out;
}

Formula cation(Formula neutral_radical) {
    neutral_radical.set_charge(1);
    return neutral_radical;
}

struct Builder {
    std::vector<FragmentPeak> peaks;
    SpikeRandom& rng;
    double energy;
    // A peak present with probability p and relative intensity in [lo, hi]; small ions gain with
    // the collision energy ("small": below the precursor by more than half its mass).
    void add(const Formula& ion, double lo, double hi, const std::string& rule, double p = 1.0) {
        const bool present = rng.chance(p);
        const double v = rng.uniform(lo, hi);
        if (!present || ion.has_negative() || ion.empty() || ion.charge() == 0) return;
        peaks.push_back({ion, v, rule});
    }
};

Formula hydrogen_added(const Substituent& s) { return s.group + f("H"); }

// Protonated amine [M+H]+ (and the singly charged ion the other rules start from).
void amine_rules(Builder& b, const FragmentSource& src, const Formula& mh) {
    for (const auto& s : src.substituents) {
        if (s.benzylic) {
            b.add(cation(s.group), 0.3, 1.0, cat({s.group.to_string(), "+ (benzylic cation) [MT1993]"}));
            b.add(mh - hydrogen_added(s), 0.02, 0.2, cat({"-", hydrogen_added(s).to_string(), " (toluene-type) [FF2001]"}), 0.6);
        }
        if (!s.alkene.empty()) b.add(mh - f(s.alkene), 0.1, 0.8, cat({"-", s.alkene, " (alkene, onium H-rearrangement) [MT1993]"}));
        if (s.boc) {
            b.add(mh - f("C4H8"), 0.3, 1.0, "-C4H8 (tert-butyl) [MT1993]");
            b.add(mh - f("C4H8") - f("CO2"), 0.2, 1.0, "-C4H8-CO2 [MT1993]");
        }
        // Iminium ion R-NH=CH2+ from alpha-cleavage next to the substituted nitrogen.
        if (!s.boc) b.add(cation(s.group + f("CH2N")) + f("H"), 0.05, 0.5 * (0.5 + b.energy), "R-NH=CH2+ (alpha-cleavage) [MT1993]", 0.7);
    }
    if (src.ring) {
        // Ring alpha-cleavage followed by loss of the two- or three-carbon imine (C2H5N, C3H7N).
        b.add(mh - f("C2H5N"), 0.05, 0.6, "-C2H5N (ring alpha-cleavage) [MT1993]");
        b.add(mh - f("C3H7N"), 0.05, 0.4, "-C3H7N (ring alpha-cleavage) [MT1993]", 0.6);
    }
    if (src.free_nh) b.add(mh - f("NH3"), 0.02, src.substituents.empty() ? 1.0 : 0.3, "-NH3 [H2010]");
}

void n_oxide_rules(Builder& b, const FragmentSource& src, const Formula& mh) {
    b.add(mh - f("O"), 0.05, 0.4, "-O (deoxygenation) [R2000, T2001]");
    b.add(mh - f("OH"), 0.05, 0.5, "-OH* (radical loss) [R2000, KM1980]");
    const Substituent& r = src.substituents.front();
    // Cope-type elimination: for the ring N-oxide the ring opens (alkene + N-OH in one ion) and the
    // hydroxylamine R-NH-OH leaves (R2N-OH for an acyclic R2N(O)).
    b.add(mh - (r.group + f("H2NO")), 0.1, 0.8, "-R-NHOH (Cope-type, ring-opened) [CT1960, M2005]");
    if (!r.alkene.empty()) b.add(mh - f(r.alkene), 0.1, 0.6, cat({"-", r.alkene, " (Cope, exocyclic beta-H) [CT1960]"}));
    // Iminium ion that keeps the oxygen on the amine side.
    b.add(cation(r.group + f("CH2NO")) + f("H"), 0.05, 0.4, "R-N(OH)=CH2+ [R2000]", 0.7);
    if (r.benzylic) b.add(cation(r.group), 0.1, 0.8, cat({r.group.to_string(), "+ (benzylic cation) [MT1993]"}));
    b.add(mh - f("H2O"), 0.0, 0.1, "-H2O (minor for N-oxides) [R2000]", 0.5);
    if (src.free_nh) b.add(mh - f("NH3"), 0.0, 0.1, "-NH3 [H2010]", 0.5);
}

void c_hydroxyl_rules(Builder& b, const FragmentSource& src, const Formula& mh) {
    b.add(mh - f("H2O"), 0.5, 1.0, "-H2O (dominant for C-OH) [R2000]");
    const Substituent& r = src.substituents.front();
    // Where the OH sits: a ring carbon (70 %) or the substituent's carbon chain.
    const bool on_ring = b.rng.chance(0.7);
    if (src.ring) {
        b.add(mh - f("C2H5N"), 0.05, 0.3, "-C2H5N, +O kept on the carbon fragment [R2000]");
        b.add(mh - f("H2O") - f("C2H5N"), 0.05, 0.3, "-H2O-C2H5N [R2000]");
    }
    const Formula r_ion = on_ring ? r.group : r.group + f("O");
    if (r.benzylic) b.add(cation(r_ion), 0.1, 0.6, cat({r_ion.to_string(), "+ (benzylic cation) [MT1993]"}));
    if (!r.boc) b.add(cation(r_ion + f("CH2N")) + f("H"), 0.05, 0.3, "R-NH=CH2+ [MT1993]", 0.7);
    if (src.free_nh) b.add(mh - f("NH3"), 0.02, 0.2, "-NH3 [H2010]", 0.5);
}

void quaternary_rules(Builder& b, const FragmentSource& src, const Formula& m) {
    for (const auto& s : src.substituents) {
        if (!s.alkene.empty()) b.add(m - f(s.alkene), 0.3, 1.0, cat({"-", s.alkene, " (Hofmann-type) [MT1993, H2010]"}));
        if (s.benzylic) {
            b.add(cation(s.group), 0.3, 1.0, cat({s.group.to_string(), "+ (tropylium-type) [FF2001]"}));
            b.add(m - hydrogen_added(s), 0.05, 0.5, cat({"-", hydrogen_added(s).to_string(), " (toluene-type) [FF2001]"}));
        }
    }
    if (src.ring_quaternary && src.substituents.size() >= 2) {
        // Ring opening at the charged nitrogen (Hofmann-type, ring beta-H), then loss of R2NH.
        const Formula r2nh = src.substituents[0].group + src.substituents[1].group + f("NH");
        b.add(m - r2nh, 0.1, 0.6, "-R2NH (ring opening) [MT1993, H2010]");
    }
}

void ring_opened_rules(Builder& b, const FragmentSource& src, const Formula& mh) {
    if (src.substituents.size() >= 2) {
        const Formula r2nh = src.substituents[0].group + src.substituents[1].group + f("NH");
        b.add(mh - r2nh, 0.2, 1.0, "-R2NH (loss of the amine) [MT1993, H2010]");
        b.add(cation(src.substituents[0].group + src.substituents[1].group + f("CH2N")), 0.05, 0.5, "R2N=CH2+ [MT1993]", 0.7);
    }
    for (const auto& s : src.substituents) {
        if (s.benzylic) b.add(cation(s.group), 0.2, 1.0, cat({s.group.to_string(), "+ (benzylic cation) [MT1993]"}));
        if (!s.alkene.empty()) b.add(mh - f(s.alkene), 0.05, 0.5, cat({"-", s.alkene, " [MT1993]"}), 0.5);
    }
}

// Losses of whole repeat units and NH3 (polyamines); a multiply charged precursor splits into
// singly charged complementary pieces.
void oligomer_rules(Builder& b, const FragmentSource& src, const Formula& ion) {
    const int z = ion.charge();
    const Formula unit = src.repeat;
    double fade = 1.0;
    for (int k = 1; k < src.units; ++k) {
        if (z == 1) {
            b.add(ion - unit * k, 0.1 * fade, fade, cat({"-", std::to_string(k), " repeat units [H2010]"}));
        } else {
            b.add(cation(unit * k) + f("H"), 0.1 * fade, fade, cat({"(repeat unit)", std::to_string(k), "+H+ [H2010]"}));
            Formula rest = ion - unit * k - f("H");
            rest.set_charge(z - 1);
            b.add(rest, 0.1 * fade, fade, cat({"complement of ", std::to_string(k), " units [H2010]"}));
        }
        fade *= 0.7;
    }
    b.add(ion - f("NH3"), 0.05, 0.5, "-NH3 [H2010]");
    if (z == 1 && src.units >= 2) b.add(ion - unit - f("NH3"), 0.02, 0.3, "-repeat unit-NH3 [H2010]", 0.7);
    if (z == 1) b.add(cation(unit) + f("H"), 0.05, 0.5, "protonated repeat unit [H2010]", 0.5);
}

void peg_rules(Builder& b, const FragmentSource& src, const Formula& ion, bool sodium) {
    if (sodium) {
        for (int k = 1; k <= 3 && k < src.units; ++k) b.add(ion - src.repeat * k, 0.05, 0.6, cat({"-(C2H4O)", std::to_string(k), " [S1994]"}));
        return;
    }
    for (int k = 1; k < src.units && k <= 8; ++k) b.add(cation(src.repeat * k) + f("H"), 0.1, 1.0, "H(OC2H4)n+ [S1994]", 0.8);
    b.add(ion - f("H2O"), 0.0, 0.2, "-H2O [S1994]", 0.5);
}

void siloxane_rules(Builder& b, const FragmentSource& src, const Formula& mh) {
    b.add(mh - f("CH4"), 0.2, 1.0, "-CH4 [H2010]");
    b.add(mh - src.repeat, 0.05, 0.5, "-C2H6OSi [H2010]", 0.7);
}

void unknown_rules(Builder& b, const Formula& ion) {
    // A compound of unknown structure: 3-10 fragments at random masses below the precursor, given
    // as radical-free pseudo-formulas only through their m/z (kept as the precursor minus CH2 steps).
    const int n = b.rng.integer(3, 10);
    const int max_steps = std::max(1, static_cast<int>(ion.count("C")) - 1);
    for (int i = 0; i < n; ++i) {
        const int steps = b.rng.integer(1, max_steps);
        Formula frag = ion - f("CH2") * steps;
        // Random H shuffles so the fragments do not form a CH2 ladder.
        const int dh = b.rng.integer(-2, 2);
        if (frag.count("H") + dh > 0) frag.set_count("H", frag.count("H") + dh);
        b.add(frag, 0.05, 1.0, "unassigned");
    }
}

}  // namespace

std::vector<FragmentPeak> fragment_peaks(const FragmentSource& source, const Formula& ion, const std::string& ion_label,
                                         double energy, SpikeRandom& rng) {
    Builder b{{}, rng, std::clamp(energy, 0.0, 1.0)};
    const int z = std::max(1, std::abs(ion.charge()));
    // The singly protonated (or permanently charged) form the rules start from.
    Formula single = ion;
    if (z > 1) {
        single = ion - f("H") * (z - 1);
        single.set_charge(1);
    }
    const bool metal = ion_label == "[M+Na]+" || ion_label == "[M+K]+";
    if (metal) {
        // Alkali adducts resist fragmentation: mostly the precursor, the metal ion, few losses [H2010].
        b.add(ion, 0.6, 1.0, "precursor");
        b.add(cation(f(ion_label == "[M+Na]+" ? "Na" : "K")), 0.0, 0.2, "metal ion [H2010]", 0.5);
        if (source.model == FragmentModel::peg) peg_rules(b, source, ion, true);
        return std::move(b.peaks);
    }
    Formula mh = single;
    double scale = 1.0;
    if (ion_label == "[M+NH4]+") {
        // Ammonium adducts lose NH3 first [H2010]; the [M+H]+ rules then apply, weaker.
        mh = ion - f("NH3");
        b.add(mh, 0.3, 1.0, "-NH3 (ammonium adduct) [H2010]");
        scale = b.rng.uniform(0.1, 0.6);
    } else if (ion_label == "[2M+H]+") {
        Formula m2 = ion - f("H");
        m2.set_charge(0);
        Formula m;  // M = (2M)/2
        for (const auto& [sym, n] : m2.elements()) m.set_count(sym, n / 2);
        mh = m + f("H");
        mh.set_charge(1);
        b.add(mh, 0.5, 1.0, "[M+H]+ from the dimer [H2010]");
        scale = b.rng.uniform(0.05, 0.3);
    }
    const std::size_t before = b.peaks.size();
    const bool in_source = ion_label.find("-O]") != std::string::npos || ion_label.find("-OH]") != std::string::npos ||
                           ion_label.find("-H2O]") != std::string::npos;
    FragmentModel model = source.model;
    if (in_source) model = ion_label == "[M+H-O]+" ? FragmentModel::amine : FragmentModel::unknown;
    switch (model) {
        case FragmentModel::amine: amine_rules(b, source, mh); break;
        case FragmentModel::n_oxide: n_oxide_rules(b, source, mh); break;
        case FragmentModel::c_hydroxyl: c_hydroxyl_rules(b, source, mh); break;
        case FragmentModel::quaternary: quaternary_rules(b, source, ion); break;
        case FragmentModel::ring_opened: ring_opened_rules(b, source, mh); break;
        case FragmentModel::oligomer: oligomer_rules(b, source, z > 1 ? ion : mh); break;
        case FragmentModel::peg: peg_rules(b, source, mh, false); break;
        case FragmentModel::siloxane: siloxane_rules(b, source, mh); break;
        case FragmentModel::unknown: unknown_rules(b, ion); break;
    }
    for (std::size_t i = before; i < b.peaks.size(); ++i) b.peaks[i].relative *= scale;
    // Surviving precursor: less at higher collision energy.
    b.add(ion, 0.02, std::max(0.05, 1.0 - 0.8 * b.energy), "precursor");
    return std::move(b.peaks);
}

namespace {

double percentile_of(std::vector<double> v, double q) {
    if (v.empty()) return 0.0;
    std::sort(v.begin(), v.end());
    const auto k = static_cast<std::size_t>(std::clamp(q, 0.0, 1.0) * static_cast<double>(v.size() - 1));
    return v[k];
}

// What the run's own MS2 scans say about the instrument method.
struct RunMs2 {
    std::size_t scans = 0;
    Activation activation = Activation::unknown;
    EnergyUnit unit = EnergyUnit::unknown;
    SpectrumMode mode = SpectrumMode::centroid;
    double low_ratio = 0.0, high_ratio = 0.0;  // scan window / precursor m/z (median)
    double min_precursor = 0.0;                // 5th percentile of the precursor intensities
    double floor = 0.0;                        // 1st percentile of the fragment intensities
    double isolation_width = 0.0;              // median isolation width (0 when the files give none)
    std::size_t next_scan_number = 0;
};

RunMs2 learn_ms2(const MsRun& run) {
    RunMs2 out;
    std::map<Activation, int> acts;
    std::map<EnergyUnit, int> units;
    std::vector<double> lows, highs, precursors, intensities, widths;
    for (const auto& s : run.spectra) {
        if (const auto pos = s.id.rfind("scan="); pos != std::string::npos) {
            const std::size_t n = std::strtoull(s.id.c_str() + pos + 5, nullptr, 10);
            out.next_scan_number = std::max(out.next_scan_number, n + 1);
        }
        if (s.ms_level != 2) continue;
        ++out.scans;
        ++acts[s.activation];
        ++units[s.collision_energy_unit];
        if (s.precursor_mz > 0.0) {
            if (s.scan_low_mz > 0.0) lows.push_back(s.scan_low_mz / s.precursor_mz);
            if (s.scan_high_mz > 0.0) highs.push_back(s.scan_high_mz / s.precursor_mz);
        }
        if (s.precursor_intensity > 0.0) precursors.push_back(s.precursor_intensity);
        if (s.isolation_lower_offset + s.isolation_upper_offset > 0.0) widths.push_back(s.isolation_lower_offset + s.isolation_upper_offset);
        if (out.scans % 4 == 0) {
            for (const double v : s.intensity) {
                if (v > 0.0) intensities.push_back(v);
            }
        }
    }
    auto most = [](const auto& counts, auto fallback) {
        int best = 0;
        auto key = fallback;
        for (const auto& [k, n] : counts) {
            if (n > best && k != fallback) best = n, key = k;
        }
        return key;
    };
    out.activation = most(acts, Activation::unknown);
    out.unit = most(units, EnergyUnit::unknown);
    out.low_ratio = percentile_of(lows, 0.5);
    out.high_ratio = percentile_of(highs, 0.5);
    out.min_precursor = percentile_of(precursors, 0.05);
    out.floor = percentile_of(intensities, 0.01);
    out.isolation_width = percentile_of(widths, 0.5);
    return out;
}

// Typical collision energies of data-dependent small-molecule methods: HCD normalised 20-50 %
// (Olsen et al., Nat. Methods 2007, 4, 709), resonance CID normalised 25-40 % (ion traps,
// March, J. Mass Spectrom. 1997, 32, 351), beam-type CID in eV 10-40 (Q-TOF).
void draw_energy(DdaSettings& s, SpikeRandom& rng) {
    double lo = 20.0, hi = 50.0;
    if (s.activation == Activation::cid && s.energy_unit != EnergyUnit::electronvolt) lo = 25.0, hi = 40.0;
    if (s.energy_unit == EnergyUnit::electronvolt) lo = 10.0, hi = 40.0;
    s.energy01 = rng.uniform();
    s.collision_energy = std::round((lo + (hi - lo) * s.energy01) * 10.0) / 10.0;
}

struct SurveyPeak {
    double mz;
    double intensity;
    int candidate;  // index into the candidates, -1 for the run's own ions
};

// The precursors the run's own data-dependent method chose after each MS1 scan (its survey
// cycle): the ions the instrument was willing to fragment, at their survey intensity. Ions it never
// chose (its exclusion list, charge screening, ...) do not compete for MS2 slots here either.
std::vector<std::vector<SurveyPeak>> real_cycles(const MsRun& run, const RunTraits& traits) {
    std::vector<std::vector<SurveyPeak>> cycles(traits.ms1.size());
    std::size_t k = 0;
    bool started = false;
    for (std::size_t i = 0; i < run.spectra.size(); ++i) {
        const MsSpectrum& s = run.spectra[i];
        if (s.ms_level == 1) {
            while (k + 1 < traits.ms1.size() && traits.ms1[k + 1].index <= i) ++k;
            started = traits.ms1[k].index <= i;
            continue;
        }
        if (!started || s.ms_level != 2 || s.precursor_mz <= 0.0) continue;
        cycles[k].push_back({s.precursor_mz, s.precursor_intensity, -1});
    }
    return cycles;
}

std::string scan_id(const std::string& survey_id, std::size_t number) {
    const auto pos = survey_id.rfind("scan=");
    std::string id = pos == std::string::npos ? std::string("scan=") : survey_id.substr(0, pos + 5);
    id.append(std::to_string(number));
    return id;
}

}  // namespace

DdaOutcome simulate_dda(const MsRun& original, MsRun& spiked, const RunTraits& traits,
                        const std::vector<PrecursorCandidate>& candidates, SpikeRandom& rng) {
    DdaOutcome out;
    const RunMs2 method = learn_ms2(original);
    // Data-dependent runs only: MS1-only instruments get no MS2, and data-independent runs (isolation
    // windows wider than 4 Th, e.g. SWATH) fragment everything in fixed windows instead.
    out.dda_run = method.scans > 0 && !traits.ms1.empty() && method.isolation_width <= 4.0;
    for (const auto& c : candidates) {
        SpikedIonMs2 rec;
        rec.species = c.species;
        rec.ion = c.ion_label;
        rec.formula = c.ion.to_string();
        rec.charge = std::abs(c.ion.charge());
        rec.mz = c.ion.mz();
        rec.apex_rt_s = c.shape.apex_s();
        rec.byproduct = c.byproduct;
        out.ions.push_back(std::move(rec));
    }
    if (!out.dda_run) return out;

    // Method settings (Kalli et al., J. Proteome Res. 2013, 12, 3071: top-N, dynamic exclusion,
    // isolation width and intensity threshold of data-dependent Orbitrap methods).
    DdaSettings& st = out.settings;
    st.top_n = rng.integer(3, 10);
    st.threshold = method.min_precursor > 0.0 ? method.min_precursor * rng.uniform(0.5, 2.0) : 0.0;
    st.apex_fraction = rng.uniform(0.0, 0.6);
    st.exclusion_s = rng.uniform(5.0, 30.0);
    st.repeat_count = rng.chance(0.7) ? 1 : 2;
    st.isolation_width = rng.uniform(1.0, 2.0);
    st.activation = method.activation == Activation::unknown ? Activation::hcd : method.activation;
    st.energy_unit = method.unit == EnergyUnit::unknown ? EnergyUnit::percent : method.unit;
    draw_energy(st, rng);
    const double transmission_lo = 0.2, transmission_hi = 1.5;
    const double systematic_ppm = rng.sign() * rng.uniform(0.0, 4.0), jitter_ppm = rng.uniform(1.0, 2.0);
    const bool hr = traits.high_resolution;

    struct NewScan {
        std::size_t after_ms1 = 0;  // position in traits.ms1
        MsSpectrum spectrum;
        std::size_t candidate = 0;
    };
    std::vector<NewScan> added;
    struct Exclusion {
        double mz, rt;
    };
    std::vector<Exclusion> selections;
    const auto cycles = real_cycles(original, traits);
    // Top-N: the most MS2 scans the run's own method took after one survey scan (95th percentile),
    // when it shows one; the drawn value otherwise.
    {
        std::vector<double> counts;
        for (const auto& c : cycles) {
            if (!c.empty()) counts.push_back(static_cast<double>(c.size()));
        }
        if (!counts.empty()) st.top_n = std::max(1, static_cast<int>(percentile_of(counts, 0.95)));
    }
    std::size_t scan_number = method.next_scan_number;

    for (std::size_t k = 0; k < traits.ms1.size(); ++k) {
        const auto& ms1 = traits.ms1[k];
        const MsSpectrum& survey = original.spectra[ms1.index];
        std::vector<SurveyPeak> peaks = cycles[k];
        // Spiked ions in this survey scan, with the survey's intensity noise.
        for (std::size_t c = 0; c < candidates.size(); ++c) {
            const auto& cand = candidates[c];
            const double shape = cand.shape.value(ms1.rt_s);
            if (shape < 1e-3) continue;
            const double noisy = cand.height * shape * std::max(0.0, 1.0 + 0.15 * rng.normal());
            if (shape < st.apex_fraction) continue;  // apex trigger: not yet close enough to the apex
            const double mz = out.ions[c].mz;
            if (mz < ms1.low_mz || mz > ms1.high_mz) continue;
            peaks.push_back({mz, noisy, static_cast<int>(c)});
        }
        std::sort(peaks.begin(), peaks.end(), [](const SurveyPeak& a, const SurveyPeak& b) { return a.intensity > b.intensity; });
        std::erase_if(selections, [&](const Exclusion& e) { return e.rt < ms1.rt_s - st.exclusion_s; });
        int taken = 0;
        std::vector<double> taken_mz;
        for (const auto& p : peaks) {
            if (taken >= st.top_n) break;
            if (p.candidate >= 0 && p.intensity < st.threshold) continue;
            const double tol = p.mz * st.exclusion_ppm * 1e-6;
            int seen = 0;
            for (const auto& e : selections) seen += std::abs(e.mz - p.mz) <= tol ? 1 : 0;
            if (seen >= st.repeat_count) continue;
            bool dup = false;
            for (const double m : taken_mz) dup = dup || std::abs(m - p.mz) <= tol;
            if (dup) continue;
            taken_mz.push_back(p.mz);
            selections.push_back({p.mz, ms1.rt_s});
            ++taken;
            if (p.candidate < 0) continue;  // the run's own ion: its real MS2 stand in the run
            const auto c = static_cast<std::size_t>(p.candidate);
            const auto& cand = candidates[c];
            const int z = std::abs(cand.ion.charge());
            MsSpectrum s;
            s.ms_level = 2;
            s.polarity = survey.polarity;
            s.mode = SpectrumMode::centroid;
            s.id = scan_id(survey.id, scan_number++);
            const double err = systematic_ppm + jitter_ppm * rng.normal();
            s.precursor_mz = hr ? p.mz * (1.0 + err * 1e-6) : p.mz + rng.uniform(-0.15, 0.15);
            s.precursor_charge = hr ? z : 0;
            s.precursor_intensity = p.intensity;
            s.precursor_scan = survey.id;
            s.isolation_target_mz = s.precursor_mz;
            s.isolation_lower_offset = s.isolation_upper_offset = 0.5 * st.isolation_width;
            s.collision_energy = st.collision_energy;
            s.collision_energy_unit = st.energy_unit;
            s.activation = st.activation;
            const double low_ratio = method.low_ratio > 0.0 ? method.low_ratio
                                     : st.activation == Activation::cid ? 0.27  // ion-trap low-mass cut-off (March 1997)
                                                                        : 0.0;
            s.scan_low_mz = std::max(low_ratio * s.precursor_mz, 50.0);
            s.scan_high_mz = s.precursor_mz * (method.high_ratio > 1.0 ? method.high_ratio : 1.1) + 5.0;
            // Fragments (from their own formulas), per-peak intensity noise and the run's m/z error.
            const auto frags = fragment_peaks(cand.source, cand.ion, cand.ion_label, st.energy01, rng);
            double top = 0.0;
            for (const auto& fp : frags) top = std::max(top, fp.relative);
            const double base = p.intensity * rng.uniform(transmission_lo, transmission_hi);
            std::vector<std::pair<double, double>> pts;
            for (const auto& fp : frags) {
                if (top <= 0.0) break;
                const double mz = fp.ion.mz();
                if (mz < s.scan_low_mz || mz > s.scan_high_mz) continue;
                double v = base * fp.relative / top * std::max(0.0, 1.0 + rng.uniform(0.1, 0.3) * rng.normal());
                v += std::sqrt(std::max(0.0, v) * traits.intensity_quantum) * rng.normal();
                if (v <= method.floor || v <= 0.0) continue;
                const double e = systematic_ppm + jitter_ppm * rng.normal();
                pts.emplace_back(hr ? mz * (1.0 + e * 1e-6) : std::round((mz + rng.uniform(-0.15, 0.15)) * 10.0) / 10.0, v);
            }
            // Noise peaks: chemical and electronic noise of the MS2 scan.
            const int noise = rng.integer(2, 15);
            for (int i = 0; i < noise; ++i) {
                const double mz = rng.uniform(s.scan_low_mz, std::min(s.scan_high_mz, s.precursor_mz + 2.0));
                const double v = base * rng.log_uniform(0.005, 0.05);
                if (v > method.floor) pts.emplace_back(mz, v);
            }
            std::sort(pts.begin(), pts.end());
            for (const auto& [m, v] : pts) {
                if (!s.mz.empty() && m - s.mz.back() <= (hr ? m * 2e-6 : 0.05)) {
                    const double total = s.intensity.back() + v;
                    s.mz.back() = (s.mz.back() * s.intensity.back() + m * v) / total;
                    s.intensity.back() = total;
                } else {
                    s.mz.push_back(m);
                    s.intensity.push_back(v);
                }
            }
            added.push_back({k, std::move(s), c});
        }
    }
    if (added.empty()) return out;

    // Insert: new scans of survey k follow the last spectrum before the next MS1 scan, at RTs
    // spread between that spectrum and the next MS1 scan.
    std::vector<std::vector<std::size_t>> per_cycle(traits.ms1.size());
    for (std::size_t i = 0; i < added.size(); ++i) per_cycle[added[i].after_ms1].push_back(i);
    std::vector<int> ms1_pos(spiked.spectra.size(), -1);
    for (std::size_t k = 0; k < traits.ms1.size(); ++k) ms1_pos[traits.ms1[k].index] = static_cast<int>(k);
    std::vector<MsSpectrum> merged;
    merged.reserve(spiked.spectra.size() + added.size());
    int cycle = -1;
    auto flush = [&](double next_rt) {
        if (cycle < 0) return;
        const auto& list = per_cycle[static_cast<std::size_t>(cycle)];
        if (list.empty()) return;
        const double from = merged.back().rt_s;
        double to = next_rt;
        if (!(to > from)) to = from + traits.median_scan_interval_s;
        for (std::size_t j = 0; j < list.size(); ++j) {
            NewScan& ns = added[list[j]];
            ns.spectrum.rt_s = from + (to - from) * static_cast<double>(j + 1) / static_cast<double>(list.size() + 1);
            out.ions[ns.candidate].spectra.push_back(merged.size());
            merged.push_back(std::move(ns.spectrum));
        }
    };
    for (std::size_t i = 0; i < spiked.spectra.size(); ++i) {
        if (ms1_pos[i] >= 0) {
            flush(spiked.spectra[i].rt_s);
            cycle = ms1_pos[i];
        }
        merged.push_back(std::move(spiked.spectra[i]));
    }
    flush(merged.back().rt_s + traits.median_scan_interval_s);
    for (std::size_t i = 0; i < merged.size(); ++i) merged[i].index = i;
    spiked.spectra = std::move(merged);
    return out;
}

}  // namespace sidepeak::spikein
