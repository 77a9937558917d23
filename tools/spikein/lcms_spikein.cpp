#include "lcms_spikein.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <initializer_list>
#include <iterator>
#include <map>
#include <optional>
#include <string_view>
#include <utility>

#include "dda_sim.hpp"
#include "isotope_sim.hpp"
#include "ms_injector.hpp"
#include "sidepeak/chem/formula.hpp"
#include "sidepeak/io/ms_readers.hpp"
#include "sidepeak/signal/lcms_pipeline.hpp"
#include "sidepeak/signal/ms_noise.hpp"

namespace sidepeak::spikein {
namespace {

using chem::Formula;

// Increments from docs/domain.md ("Alkyl increments"); the alkene is what a Hofmann loss of that
// N-substituent releases (a beta-H is needed: none for methyl, benzyl, CF3CH2, thienylmethyl).
struct ReagentDef {
    std::string_view name;
    std::string_view increment;
    std::string_view alkene;
    bool alkylating;  // Boc protects: no quaternary salt, no tertiary amine to oxidise
};
constexpr std::array<ReagentDef, 7> kReagents{{
    {"methyl", "CH2", "", true},
    {"ethyl", "C2H4", "C2H4", true},
    {"benzyl", "C7H6", "", true},
    {"2,2,2-trifluoroethyl", "C2HF3", "", true},
    {"2-thienylmethyl", "C5H4S", "", true},
    {"2-(4-fluorophenoxy)ethyl", "C8H7FO", "C8H7FO", true},
    {"Boc", "C5H8O2", "", false},
}};
constexpr std::string_view kDiazepane = "C5H12N2";  // also the oligomer repeat unit (domain.md)

// One ion of a species: formula of the ion (with its charge) and apex height relative to the
// species' [M+H]+ (or M+).
struct IonRecipe {
    std::string label;
    Formula formula;
    double relative;
};

// A simulated compound: its ions, abundance relative to the product [M+H]+, and elution.
struct Species {
    std::string name;
    std::vector<IonRecipe> ions;
    double level = 1.0;
    ElutionShape shape;
    double drawn_rt = 0.0;  // apex asked for (before clamping to the run)
    FragmentSource fragments;  // what its MS2 spectra follow (dda_sim.hpp)
};

// Adducts forced on the ions of reaction species (LcmsSpikeOptions::force).
struct AdductForce {
    bool na = false, k = false, nh4 = false, h2 = false, h3 = false, dimer = false;
};

Formula ion_of(const Formula& neutral, std::string_view add, int charge, int multimer = 1) {
    Formula f = neutral * multimer;
    if (!add.empty()) f += Formula(add);
    f.set_charge(charge);
    return f;
}

Formula minus(const Formula& a, std::string_view b) { return a - Formula(b); }

// ESI ions of a neutral amine (domain.md "What real samples add"): [M+H]+ always, adducts and the
// doubly protonated diamine at random levels; dimers only for the abundant product.
// A forced adduct is placed whatever its draw says (the draw is still made).
std::vector<IonRecipe> amine_ions(const Formula& m, SpikeRandom& rng, bool allow_dimer, const AdductForce& force = {}) {
    std::vector<IonRecipe> ions{{"[M+H]+", ion_of(m, "H", 1), 1.0}};
    if (rng.chance(0.6) || force.na) ions.push_back({"[M+Na]+", ion_of(m, "Na", 1), rng.uniform(0.05, 0.40)});
    if (rng.chance(0.3) || force.k) ions.push_back({"[M+K]+", ion_of(m, "K", 1), rng.uniform(0.0, 0.10)});
    if (rng.chance(0.4) || force.nh4) ions.push_back({"[M+NH4]+", ion_of(m, "NH4", 1), rng.uniform(0.0, 0.20)});
    if (m.count("N") >= 2 && (rng.chance(0.6) || force.h2))
        ions.push_back({"[M+2H]2+", ion_of(m, "H2", 2), rng.uniform(0.0, 0.60)});
    if (allow_dimer && (rng.chance(0.3) || force.dimer)) ions.push_back({"[2M+H]+", ion_of(m, "H", 1, 2), rng.uniform(0.0, 0.10)});
    return ions;
}

// A permanent cation appears as M+ only.
std::vector<IonRecipe> cation_ions(const Formula& cation) { return {{"M+", cation, 1.0}}; }

std::uint64_t fnv1a(std::string_view text) {
    std::uint64_t h = 1469598103934665603ULL;
    for (const char c : text) {
        h ^= static_cast<unsigned char>(c);
        h *= 1099511628211ULL;
    }
    return h;
}

// Peak intensities of the run's MS1 scans (local maxima of profile scans), sorted, from up to
// ~100 scans spread over the run.
std::vector<double> ms1_peak_intensities(const MsRun& run, const RunTraits& traits) {
    std::vector<double> out;
    const std::size_t stride = std::max<std::size_t>(1, traits.ms1.size() / 100);
    for (std::size_t k = 0; k < traits.ms1.size(); k += stride) {
        const MsSpectrum& s = run.spectra[traits.ms1[k].index];
        for (std::size_t j = 0; j < s.intensity.size(); ++j) {
            const double v = s.intensity[j];
            if (v <= 0.0) continue;
            if (traits.ms1[k].profile) {
                const bool left = j == 0 || s.intensity[j - 1] < v;
                const bool right = j + 1 == s.intensity.size() || s.intensity[j + 1] <= v;
                if (!left || !right) continue;
            }
            out.push_back(v);
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

double percentile_sorted(const std::vector<double>& v, double pct) {
    if (v.empty()) return 1e6;
    const double x = std::clamp(pct / 100.0, 0.0, 1.0) * static_cast<double>(v.size() - 1);
    return v[static_cast<std::size_t>(std::llround(x))];
}

// Chromatographic conditions of one sample; each species varies around them.
struct Column {
    double sigma_s;
    double tau_s;
    double rt_lo;  // where apexes may go
    double rt_hi;
    bool force_split = false;  // every peak split (after the split draw)
};

ElutionShape draw_shape(double apex, const Column& col, SpikeRandom& rng) {
    const double sigma = std::clamp(col.sigma_s * rng.uniform(0.8, 1.25), 1.5, 10.0);
    const double tau = std::clamp(col.tau_s * rng.uniform(0.7, 1.3), 0.0, 8.0);
    const double rt = std::clamp(apex, col.rt_lo, col.rt_hi);
    if (rng.chance(0.1) || col.force_split) return ElutionShape(rt, sigma, tau, rng.uniform(2.0, 6.0), rng.uniform(0.3, 1.0));
    return ElutionShape(rt, sigma, tau);
}

class Scenario {
public:
    Scenario(const RunTraits& traits, const std::vector<double>& peak_intensities, const LcmsSpikeOptions& options,
             SpikeRandom& rng)
        : options_(options), rng_(rng) {
        adducts_.na = forced("adduct:Na");
        adducts_.k = forced("adduct:K");
        adducts_.nh4 = forced("adduct:NH4");
        adducts_.h2 = forced("adduct:2H");
        adducts_.h3 = forced("adduct:3H");
        adducts_.dimer = forced("adduct:2M+H");
        force_oxide_ = forced("noxide:before") || forced("noxide:after") || forced("noxide_no_insource_loss");
        const std::vector<ReagentDef> pool = reagent_pool();
        const std::size_t pick = rng_.index(pool.size());
        reagent_ = pool[pick];
        for (std::size_t k = 1; force_oxide_ && !reagent_.alkylating && k < pool.size(); ++k)
            reagent_ = pool[(pick + k) % pool.size()];  // a forced N-oxide needs a tertiary amine
        delta_ = Formula(reagent_.increment);
        start_ = Formula(kDiazepane);
        product_ = start_ + delta_;
        product_height_ =
            percentile_sorted(peak_intensities, rng_.uniform(options.min_product_percentile, options.max_product_percentile));
        const double sigma_lo = std::clamp(traits.median_scan_interval_s, 1.5, 5.0);
        // Forced tailing: sigma at most 5 s and tau 1.2 sigma-8 s (same number of draws).
        const bool tail = forced("tailing");
        col_.sigma_s = rng_.uniform(sigma_lo, tail ? std::max(sigma_lo, 5.0) : 10.0);
        col_.tau_s = tail ? rng_.uniform(1.2 * col_.sigma_s, 8.0) : rng_.uniform(0.0, 8.0);
        col_.force_split = forced("split_peak");
        const double width = 2.3548 * col_.sigma_s + col_.tau_s;
        col_.rt_lo = traits.rt_min_s + 3.0 * width;
        col_.rt_hi = traits.rt_max_s - 3.0 * width;
        if (col_.rt_lo >= col_.rt_hi) col_.rt_lo = col_.rt_hi = 0.5 * (traits.rt_min_s + traits.rt_max_s);
        product_rt_ = rng_.uniform(col_.rt_lo, col_.rt_hi);
    }

    LabelledSample build() {
        LabelledSample sample;
        sample.product = product_.to_string();
        sample.reagent = std::string(reagent_.name);
        // Product: adducts of the product are a trap in themselves when present.
        AdductForce product_force = adducts_;
        product_force.na = product_force.na || forced("product_adducts");
        auto product_ions = amine_ions(product_, rng_, true, product_force);
        if (product_ions.size() > 1) sample.traps.emplace_back("product_adducts");
        species_.push_back({"product", std::move(product_ions), 1.0, draw_shape(product_rt_, col_, rng_), product_rt_,
                            amine_source(1, true)});

        if (rng_.chance(options_.positive_fraction) || force_oxide_) draw_byproducts(sample);
        reaction_species_ = species_.size();
        col_.force_split = false;  // a forced split is for the reaction's own peaks
        bool any_trap_forced = false;
        for (const char* t : {"c_hydroxylation", "c_hydroxylation:before", "c_hydroxylation:after", "starting_amine", "peg_ladder",
                              "siloxane_ladder", "halogen_sulfur_isotopes", "unrelated_quaternary"})
            any_trap_forced = any_trap_forced || forced(t);
        if (options_.traps || any_trap_forced) draw_traps(sample, options_.traps);
        sample.variations = variation_tags();
        return sample;
    }

    [[nodiscard]] const std::vector<Species>& species() const noexcept { return species_; }
    [[nodiscard]] double product_height() const noexcept { return product_height_; }
    /// species()[1, reaction_species()) are the by-products of the ground truth.
    [[nodiscard]] std::size_t reaction_species() const noexcept { return reaction_species_; }

private:
    std::vector<ReagentDef> reagent_pool() const {
        std::vector<ReagentDef> pool;
        for (const auto& r : kReagents) {
            if (options_.reagents.empty() ||
                std::find(options_.reagents.begin(), options_.reagents.end(), r.name) != options_.reagents.end()) {
                pool.push_back(r);
            }
        }
        if (pool.empty()) pool.assign(kReagents.begin(), kReagents.end());
        return pool;
    }

    bool forced(std::string_view tag) const {
        return std::find(options_.force.begin(), options_.force.end(), tag) != options_.force.end();
    }
    double level() { return rng_.log_uniform(options_.min_level, options_.max_level); }
    double relative_rt(double lo, double hi) { return rng_.uniform(lo, hi); }
    void add(std::string name, std::vector<IonRecipe> ions, double lvl, double rt, FragmentSource fragments = {}) {
        species_.push_back({std::move(name), std::move(ions), lvl, draw_shape(rt, col_, rng_), rt, std::move(fragments)});
    }

    // The reagent's N-substituent as a radical (increment + H) and what it can eliminate.
    Substituent substituent() const {
        Substituent s;
        s.group = delta_ + Formula("H");
        s.alkene = std::string(reagent_.alkene);
        s.benzylic = reagent_.name == "benzyl" || reagent_.name == "2-thienylmethyl";
        s.boc = reagent_.name == "Boc";
        return s;
    }
    // A diazepane amine with `n` reagent substituents; `free_nh` when an N-H is left.
    FragmentSource amine_source(int n, bool free_nh, FragmentModel model = FragmentModel::amine) const {
        FragmentSource src;
        src.model = model;
        src.substituents.assign(static_cast<std::size_t>(n), substituent());
        src.free_nh = free_nh;
        src.ring = true;
        return src;
    }
    static FragmentSource ladder_source(FragmentModel model, const Formula& repeat, int units) {
        FragmentSource src;
        src.model = model;
        src.repeat = repeat;
        src.units = units;
        return src;
    }

    // Tags of what was drawn (docs/validation.md, "Variation tags"); the run's own tags
    // (resolution, profile/centroid, matrix) are added by make_lcms_spikeins.
    std::vector<std::string> variation_tags() const {
        std::vector<std::string> v;
        bool na = false, k = false, nh4 = false, h2 = false, h3 = false, dimer = false, split = false;
        for (std::size_t i = 0; i < reaction_species_ && i < species_.size(); ++i) {
            split = split || species_[i].shape.split();
            for (const auto& ion : species_[i].ions) {
                if (ion.relative <= 0.0) continue;
                na = na || ion.label == "[M+Na]+";
                k = k || ion.label == "[M+K]+";
                nh4 = nh4 || ion.label == "[M+NH4]+";
                h2 = h2 || ion.label == "[M+2H]2+";
                h3 = h3 || ion.label == "[M+3H]3+";
                dimer = dimer || ion.label == "[2M+H]+";
            }
        }
        if (na) v.emplace_back("adduct:Na");
        if (k) v.emplace_back("adduct:K");
        if (nh4) v.emplace_back("adduct:NH4");
        if (h2) v.emplace_back("adduct:2H");
        if (h3) v.emplace_back("adduct:3H");
        if (dimer) v.emplace_back("adduct:2M+H");
        if (split) v.emplace_back("split_peak");
        if (col_.tau_s > col_.sigma_s) v.emplace_back("tailing");
        v.insert(v.end(), drawn_tags_.begin(), drawn_tags_.end());
        return v;
    }

    void draw_byproducts(LabelledSample& sample) {
        Truth& t = sample.truth;
        const bool alkylating = reagent_.alkylating;
        while (!(t.over_alkylation || t.n_oxide || t.hofmann || t.oligomer)) {
            t.over_alkylation = rng_.chance(0.5);
            t.n_oxide = alkylating && (rng_.chance(0.45) || force_oxide_);
            t.hofmann = alkylating && rng_.chance(0.3);
            t.oligomer = rng_.chance(0.35);
        }
        double strongest = 0.0;
        const Formula quat = ion_of(start_ + delta_ * 3, "H", 1);  // both N alkylated, one twice
        double quat_rt = 0.0;
        bool quat_placed = false;
        std::optional<std::pair<Formula, double>> dialkyl;  // formula, RT

        if (t.over_alkylation) {
            const Formula di = start_ + delta_ * 2;
            const double lvl = level();
            strongest = std::max(strongest, lvl);
            // Usually later (more lipophilic), sometimes earlier.
            const double rt = product_rt_ + (rng_.chance(0.8) ? relative_rt(0.0, 180.0) : relative_rt(-60.0, 0.0));
            add("S+2Δ", amine_ions(di, rng_, false, adducts_), lvl, rt, amine_source(2, false));
            dialkyl = std::make_pair(di, rt);
            if (alkylating && rng_.chance(0.35)) {
                quat_rt = product_rt_ + relative_rt(-60.0, 180.0);
                add("S+3Δ quaternary", cation_ions(quat), lvl * rng_.uniform(0.1, 1.0), quat_rt, quaternary_source());
                quat_placed = true;
            }
        }
        if (t.n_oxide) {
            const bool of_dialkyl = dialkyl && rng_.chance(0.5);
            const Formula parent = of_dialkyl ? dialkyl->first : product_;
            const double parent_rt = of_dialkyl ? dialkyl->second : product_rt_;
            const Formula oxide = parent + Formula("O");
            const double lvl = level();
            strongest = std::max(strongest, lvl);
            auto ions = amine_ions(oxide, rng_, false, adducts_);
            // In-source deoxygenation inside the N-oxide's own peak (Ramanathan et al. 2000).
            const bool no_loss = rng_.chance(0.2) || forced("noxide_no_insource_loss");
            if (!no_loss) {
                ions.push_back({"[M+H-O]+", ion_of(parent, "H", 1), rng_.uniform(0.0, 0.15)});
                ions.push_back({"[M+H-OH]+", ion_of(parent, "", 1), rng_.uniform(0.0, 0.10)});
            } else {
                drawn_tags_.emplace_back("noxide_no_insource_loss");
            }
            const double shift = relative_rt(5.0, 120.0);
            bool before = rng_.chance(0.8);
            if (forced("noxide:before")) before = true;
            if (forced("noxide:after")) before = false;
            drawn_tags_.emplace_back(before ? "noxide:before" : "noxide:after");
            add(of_dialkyl ? "N-oxide of S+2Δ" : "N-oxide of product", std::move(ions), lvl,
                before ? parent_rt - shift : parent_rt + shift,
                amine_source(of_dialkyl ? 2 : 1, !of_dialkyl, FragmentModel::n_oxide));
        }
        if (t.hofmann) {
            t.over_alkylation = true;  // the quaternary precursor is itself over-alkylation
            const double lvl = level();
            strongest = std::max(strongest, lvl);
            if (!quat_placed) {
                quat_rt = product_rt_ + relative_rt(-60.0, 180.0);
                add("S+3Δ quaternary", cation_ions(quat), lvl * rng_.uniform(0.3, 1.0), quat_rt, quaternary_source());
            }
            // Ring-opened neutral: Q+ - H+, its [M+H]+ isobaric with Q+, at another RT.
            Formula opened = quat;
            opened.set_charge(0);
            opened -= Formula("H");
            std::vector<IonRecipe> ions{{"[M+H]+", ion_of(opened, "H", 1), 1.0}};
            if (rng_.chance(0.4) || adducts_.na) ions.push_back({"[M+Na]+", ion_of(opened, "Na", 1), rng_.uniform(0.05, 0.4)});
            if (rng_.chance(0.5) || adducts_.h2) ions.push_back({"[M+2H]2+", ion_of(opened, "H2", 2), rng_.uniform(0.0, 0.6)});
            FragmentSource opened_src = amine_source(3, false, FragmentModel::ring_opened);
            opened_src.ring = false;
            add("Hofmann ring-opened", std::move(ions), lvl, quat_rt + rng_.sign() * relative_rt(10.0, 200.0), std::move(opened_src));
            if (!reagent_.alkene.empty() && rng_.chance(0.5)) {
                Formula amine = quat - Formula(reagent_.alkene);
                amine.set_charge(0);
                amine -= Formula("H");
                add("Hofmann alkene loss", amine_ions(amine, rng_, false, adducts_), lvl * rng_.uniform(0.2, 1.0),
                    product_rt_ + relative_rt(-60.0, 180.0), amine_source(2, false));
            }
        }
        if (t.oligomer) {
            // Linear oligomers (C5H12N2)n with hydroxypropyl/amino ends (+H2O) or
            // ethylenediamine caps (+C2H8N2).
            const Formula end(rng_.chance(0.5) ? "H2O" : "C2H8N2");
            const int n_max = rng_.chance(0.5) ? 5 : 6;
            double lvl = level();
            strongest = std::max(strongest, lvl);
            const bool increasing = rng_.chance(0.6);
            double rt = product_rt_ + relative_rt(-100.0, 60.0);
            const bool doubly = rng_.chance(0.7) || adducts_.h2;
            for (int n = 2; n <= n_max; ++n) {
                const Formula m = Formula(kDiazepane) * n + end;
                std::vector<IonRecipe> ions{{"[M+H]+", ion_of(m, "H", 1), 1.0}};
                if (doubly) ions.push_back({"[M+2H]2+", ion_of(m, "H2", 2), rng_.uniform(0.2, 1.0)});
                if (n >= 4 && (rng_.chance(0.3) || adducts_.h3))
                    ions.push_back({"[M+3H]3+", ion_of(m, "H3", 3), rng_.uniform(0.1, 0.5)});
                if (rng_.chance(0.3) || adducts_.na) ions.push_back({"[M+Na]+", ion_of(m, "Na", 1), rng_.uniform(0.05, 0.3)});
                const double member_rt = increasing ? rt : product_rt_ + relative_rt(-120.0, 180.0);
                add("oligomer n=" + std::to_string(n), std::move(ions), lvl, member_rt,
                    ladder_source(FragmentModel::oligomer, Formula(kDiazepane), n));
                rt += relative_rt(5.0, 40.0);
                lvl *= 1.0 - rng_.uniform(0.3, 0.7);
            }
        }
        sample.level = strongest;
    }

    // `enabled`: traps drawn as usual; otherwise only forced ones are placed (their draws still made).
    void draw_traps(LabelledSample& sample, bool enabled) {
        const double rt_span = col_.rt_hi - col_.rt_lo;
        auto anywhere = [&] { return col_.rt_lo + rng_.uniform() * rt_span; };
        auto on = [&](double p, std::initializer_list<std::string_view> tags) {
            bool placed = rng_.chance(p) && enabled;
            for (const auto t : tags) placed = placed || forced(t);
            return placed;
        };
        if (on(0.3, {"c_hydroxylation", "c_hydroxylation:before", "c_hydroxylation:after"})) {
            // C-hydroxylated isomer: +O like an N-oxide, but loses H2O in source, never O or OH.
            const Formula oh = product_ + Formula("O");
            auto ions = amine_ions(oh, rng_, false);
            ions.push_back({"[M+H-H2O]+", minus(ion_of(oh, "H", 1), "H2O"), rng_.uniform(0.0, 0.20)});
            const bool force_before = forced("c_hydroxylation:before"), force_after = forced("c_hydroxylation:after");
            if (force_before || force_after) {
                const double lvl = level();
                rng_.sign();
                const double shift = relative_rt(5.0, 120.0);
                add("C-hydroxylated product", std::move(ions), lvl, product_rt_ + (force_before ? -shift : shift),
                    amine_source(1, true, FragmentModel::c_hydroxyl));
            } else {
                add("C-hydroxylated product", std::move(ions), level(), product_rt_ + rng_.sign() * relative_rt(5.0, 120.0),
                    amine_source(1, true, FragmentModel::c_hydroxyl));
            }
            sample.traps.emplace_back("c_hydroxylation");
            drawn_tags_.emplace_back(species_.back().drawn_rt < product_rt_ ? "c_hydroxylation:before" : "c_hydroxylation:after");
        }
        if (on(0.25, {"starting_amine"})) {
            auto ions = amine_ions(start_, rng_, false);
            add("unreacted 1,4-diazepane", std::move(ions), rng_.log_uniform(0.01, 0.3),
                product_rt_ - relative_rt(10.0, 120.0), amine_source(0, true));
            sample.traps.emplace_back("starting_amine");
        }
        if (on(0.25, {"peg_ladder"})) {
            // PEG HO-(C2H4O)n-H, n 5-15, a Gaussian envelope over n, Na and NH4 adducts strong.
            const int first = rng_.integer(5, 9);
            const int last = std::min(15, first + rng_.integer(4, 8));
            const double centre = rng_.uniform(first, last), spread = rng_.uniform(2.0, 4.0);
            const double top = rng_.log_uniform(0.02, 0.5);
            double rt = anywhere();
            const double na = rng_.uniform(0.3, 2.0), nh4 = rng_.uniform(0.2, 1.5);
            for (int n = first; n <= last; ++n) {
                const Formula m = Formula("C2H4O") * n + Formula("H2O");
                const double d = (n - centre) / spread;
                add("PEG n=" + std::to_string(n),
                    {{"[M+H]+", ion_of(m, "H", 1), 1.0}, {"[M+Na]+", ion_of(m, "Na", 1), na}, {"[M+NH4]+", ion_of(m, "NH4", 1), nh4}},
                    top * std::exp(-0.5 * d * d), rt, ladder_source(FragmentModel::peg, Formula("C2H4O"), n));
                rt += rng_.uniform(1.0, 8.0);
            }
            sample.traps.emplace_back("peg_ladder");
        }
        if (on(0.2, {"siloxane_ladder"})) {
            // Cyclic polydimethylsiloxanes (C2H6OSi)n, D4-D10, mostly as [M+NH4]+.
            const int first = rng_.integer(4, 6);
            const int last = std::min(10, first + rng_.integer(3, 5));
            const double top = rng_.log_uniform(0.02, 0.5);
            double rt = anywhere();
            for (int n = first; n <= last; ++n) {
                const Formula m = Formula("C2H6OSi") * n;
                add("siloxane D" + std::to_string(n),
                    {{"[M+NH4]+", ion_of(m, "NH4", 1), 1.0}, {"[M+H]+", ion_of(m, "H", 1), rng_.uniform(0.05, 0.5)}},
                    top * rng_.uniform(0.3, 1.0), rt, ladder_source(FragmentModel::siloxane, Formula("C2H6OSi"), n));
                rt += rng_.uniform(5.0, 30.0);
            }
            sample.traps.emplace_back("siloxane_ladder");
        }
        if (on(0.3, {"halogen_sulfur_isotopes"})) {
            // An unrelated Cl, Br or S compound: its M+2 isotope is no by-product.
            constexpr std::array<std::string_view, 4> kHalo{"C10H13ClN2", "C8H10BrN", "C6H8N2O2S", "C11H14BrNO"};
            const Formula m(kHalo[rng_.index(kHalo.size())]);
            add("halogen/sulfur compound " + m.to_string(), amine_ions(m, rng_, false), rng_.log_uniform(0.02, 1.0), anywhere());
            sample.traps.emplace_back("halogen_sulfur_isotopes");
        }
        if (on(0.2, {"unrelated_quaternary"})) {
            // Tetrabutylammonium (ion pairing), cetyltrimethylammonium, benzyldimethyldodecylammonium.
            constexpr std::array<std::string_view, 3> kQuats{"C16H36N+", "C19H42N+", "C21H38N+"};
            const std::size_t q = rng_.index(kQuats.size());
            add("unrelated quaternary", cation_ions(Formula(kQuats[q])), rng_.log_uniform(0.02, 1.0), anywhere(),
                unrelated_quaternary_source(q));
            sample.traps.emplace_back("unrelated_quaternary");
        }
    }

    // The S+3Δ cation: the charged ring N carries two reagent substituents.
    FragmentSource quaternary_source() const {
        FragmentSource src = amine_source(2, false, FragmentModel::quaternary);
        src.ring_quaternary = true;
        return src;
    }
    // Tetrabutylammonium, cetyltrimethylammonium, benzyldimethyldodecylammonium (kQuats order).
    static FragmentSource unrelated_quaternary_source(std::size_t which) {
        FragmentSource src;
        src.model = FragmentModel::quaternary;
        auto sub = [](std::string_view group, std::string_view alkene, bool benzylic) {
            Substituent s;
            s.group = Formula(group);
            s.alkene = std::string(alkene);
            s.benzylic = benzylic;
            return s;
        };
        if (which == 0) src.substituents = {sub("C4H9", "C4H8", false)};
        if (which == 1) src.substituents = {sub("C16H33", "C16H32", false), sub("CH3", "", false)};
        if (which == 2) src.substituents = {sub("C7H7", "", true), sub("C12H25", "C12H24", false), sub("CH3", "", false)};
        return src;
    }

    const LcmsSpikeOptions& options_;
    SpikeRandom& rng_;
    ReagentDef reagent_{};
    Formula delta_, start_, product_;
    double product_height_ = 0.0;
    double product_rt_ = 0.0;
    Column col_{};
    std::vector<Species> species_;
    std::size_t reaction_species_ = 0;   // species_[0, reaction_species_): product and by-products
    AdductForce adducts_;
    bool force_oxide_ = false;
    std::vector<std::string> drawn_tags_;  // elution order and in-source tags found while drawing
};

// Turns a species' ions into injections: isotope aggregates relative to the monoisotopic line.
void inject_species(const Species& sp, double product_height, MsInjector& injector, SpikeRandom& rng) {
    for (const auto& ion : sp.ions) {
        if (ion.relative <= 0.0) continue;
        const auto lines = isotope_pattern(ion.formula);
        if (lines.empty()) continue;
        const int z = std::abs(ion.formula.charge());
        IonInjection inj;
        inj.label = sp.name + " " + ion.label;
        inj.charge = z;
        const double mono = lines.front().abundance;
        for (const auto& l : lines) {
            inj.mz.push_back(l.mass / z);
            inj.relative.push_back(l.abundance / mono);
        }
        inj.height = product_height * sp.level * ion.relative;
        inj.shape = sp.shape;
        injector.add(inj, rng);
    }
}

// Labels only what the run can show: a by-product class stays present when at least one of its
// species has an ion inside the m/z range the run's MS1 scans record (two oligomer members for a
// series); otherwise the class is absent from these data and the sample is tagged
// "unobservable:<class>" (e.g. a methyl ladder at m/z 115-143 in a run recorded from m/z 300).
void label_observable(LabelledSample& sample, const Scenario& scenario, const RunTraits& traits) {
    double lo = 0.0, hi = 0.0;
    for (const auto& scan : traits.ms1) {
        if (scan.high_mz <= scan.low_mz) continue;
        lo = lo > 0.0 ? std::min(lo, scan.low_mz) : scan.low_mz;
        hi = std::max(hi, scan.high_mz);
    }
    if (!(hi > lo)) return;
    auto in_range = [&](const Species& sp) {
        for (const auto& ion : sp.ions) {
            if (ion.relative <= 0.0) continue;
            const auto lines = isotope_pattern(ion.formula);
            if (lines.empty()) continue;
            const double mz = lines.front().mass / std::max(1, std::abs(ion.formula.charge()));
            if (mz >= lo && mz <= hi) return true;
        }
        return false;
    };
    int over = 0, oxide = 0, opened = 0, oligomers = 0;
    const auto& species = scenario.species();
    for (std::size_t i = 1; i < scenario.reaction_species() && i < species.size(); ++i) {
        const auto& sp = species[i];
        if (!in_range(sp)) continue;
        const std::string_view name = sp.name;
        if (name.starts_with("S+")) ++over;
        if (name.starts_with("N-oxide")) ++oxide;
        if (name.starts_with("Hofmann")) ++opened;
        if (name.starts_with("oligomer")) ++oligomers;
    }
    Truth& t = sample.truth;
    auto check = [&](bool& present, bool observable, const char* cls) {
        if (present && !observable) {
            present = false;
            sample.variations.push_back(std::string("unobservable:") + cls);
        }
    };
    check(t.over_alkylation, over > 0 || opened > 0, "over_alkylation");
    check(t.n_oxide, oxide > 0, "n_oxide");
    check(t.hofmann, opened > 0, "hofmann");
    check(t.oligomer, oligomers >= 2, "oligomer");
    if (!(t.oligomer || t.over_alkylation || t.n_oxide || t.hofmann)) sample.level = 0.0;
}

// The by-product class a reaction species belongs to, by its name ("" for the product).
std::string_view species_class(std::string_view name) {
    if (name.starts_with("S+") || name.starts_with("Hofmann")) return "over_alkylation";
    if (name.starts_with("N-oxide")) return "n_oxide";
    if (name.starts_with("oligomer")) return "oligomer";
    return "";
}

// Bins of the apex S/N against the run noise: below the limit of detection (3), between it and
// the limit of quantitation (10, ICH Q2(R2); also the feature finder's default min_snr), and above.
std::string snr_bin(double snr) {
    if (snr < 3.0) return "<3";
    if (snr < 10.0) return "3-10";
    if (snr < 30.0) return "10-30";
    return ">=30";
}

// Tags "snr:<class>:<bin>" with the apex S/N of the strongest spiked ion of each present class
// (apex height over signal::run_noise, the noise the feature finder's S/N uses): whether the
// by-product was above the detection limit of an untargeted search at all. Hofmann products count
// for both Hofmann and over-alkylation, as the truth does. No tag when the run records no noise.
void tag_byproduct_snr(LabelledSample& sample, const Scenario& scenario, double noise) {
    if (!(noise > 0.0)) return;
    std::map<std::string, double> strongest;
    const auto& species = scenario.species();
    for (std::size_t i = 1; i < scenario.reaction_species() && i < species.size(); ++i) {
        const Species& sp = species[i];
        const std::string_view cls = species_class(sp.name);
        if (cls.empty()) continue;
        double height = 0.0;
        for (const auto& ion : sp.ions) height = std::max(height, scenario.product_height() * sp.level * ion.relative);
        auto raise = [&](const std::string& c) { strongest[c] = std::max(strongest[c], height / noise); };
        raise(std::string(cls));
        if (sp.name.rfind("Hofmann", 0) == 0) raise("hofmann");
    }
    const Truth& t = sample.truth;
    const std::map<std::string, bool> present{{"oligomer", t.oligomer},
                                              {"over_alkylation", t.over_alkylation},
                                              {"n_oxide", t.n_oxide},
                                              {"hofmann", t.hofmann}};
    for (const auto& [cls, snr] : strongest) {
        const auto it = present.find(cls);
        if (it != present.end() && it->second) sample.variations.push_back("snr:" + cls + ":" + snr_bin(snr));
    }
}

// Offset of the MS2 random stream from the sample's seed ("MS2" in ASCII).
constexpr std::uint64_t kMs2StreamOffset = 0x4d5332;

// Every ESI ion of every simulated compound is a possible DDA precursor (its monoisotopic line).
std::vector<PrecursorCandidate> precursor_candidates(const Scenario& scenario) {
    std::vector<PrecursorCandidate> out;
    const auto& species = scenario.species();
    for (std::size_t i = 0; i < species.size(); ++i) {
        const Species& sp = species[i];
        for (const auto& ion : sp.ions) {
            if (ion.relative <= 0.0) continue;
            PrecursorCandidate c;
            c.species = sp.name;
            c.ion_label = ion.label;
            c.ion = ion.formula;
            c.source = sp.fragments;
            c.height = scenario.product_height() * sp.level * ion.relative;
            c.shape = sp.shape;
            c.byproduct = i >= 1 && i < scenario.reaction_species();
            out.push_back(std::move(c));
        }
    }
    return out;
}

// Tags that split results by what the simulated DDA did (docs/validation.md, "Variation tags"):
// "no_dda" (an MS1-only or data-independent run: nothing simulated), else "ms2_present" (every by-product
// compound has at least one MS2 scan of one of its ions), "ms2_partial" (some), "ms2_absent"
// (none); "ms2_noxide" / "ms2_noxide_absent" for the N-oxide [M+H]+; "ms2_product" on a
// product-only sample whose product [M+H]+ was fragmented.
std::vector<std::string> ms2_tags(const DdaOutcome& dda, const Truth& truth) {
    if (!dda.dda_run) return {"no_dda"};
    std::map<std::string, bool> compounds;  // by-product compound -> has MS2
    bool oxide = false, oxide_any = false;
    for (const auto& ion : dda.ions) {
        if (!ion.byproduct) continue;
        compounds[ion.species] = compounds[ion.species] || !ion.spectra.empty();
        if (ion.species.rfind("N-oxide", 0) == 0) {
            oxide_any = true;
            oxide = oxide || (!ion.spectra.empty() && ion.ion == "[M+H]+");
        }
    }
    std::size_t with = 0;
    for (const auto& [name, has] : compounds) with += has ? 1 : 0;
    std::vector<std::string> tags;
    if (compounds.empty()) {
        const bool product = std::any_of(dda.ions.begin(), dda.ions.end(), [](const SpikedIonMs2& ion) {
            return ion.species == "product" && ion.ion == "[M+H]+" && !ion.spectra.empty();
        });
        if (product) tags.emplace_back("ms2_product");
    } else if (with == 0) tags.emplace_back("ms2_absent");
    else if (with == compounds.size()) tags.emplace_back("ms2_present");
    else tags.emplace_back("ms2_partial");
    if (truth.n_oxide && oxide_any) tags.emplace_back(oxide ? "ms2_noxide" : "ms2_noxide_absent");
    return tags;
}

std::string zero_padded(std::size_t i) {
    std::array<char, 16> buf{};
    std::snprintf(buf.data(), buf.size(), "%04zu", i);
    return buf.data();
}

}  // namespace

std::size_t matrix_feature_count(const MsRun& run) { return signal::process_lcms(run).features.size(); }

std::string matrix_features_tag(std::size_t features) {
    if (features < 100) return "matrix_features:<100";
    if (features < 1000) return "matrix_features:100-1000";
    if (features < 10000) return "matrix_features:1000-10000";
    return "matrix_features:>10000";
}

const std::vector<std::string>& lcms_spike_reagents() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> v;
        for (const auto& r : kReagents) v.emplace_back(r.name);
        return v;
    }();
    return names;
}

std::vector<LabelledSample> make_lcms_spikeins(const MsRun& run, const std::string& run_name,
                                               const std::string& background, const LcmsSpikeOptions& options) {
    std::vector<LabelledSample> samples;
    const RunTraits traits = characterise_run(run);
    if (traits.ms1.empty()) return samples;
    const std::vector<double> peaks = ms1_peak_intensities(run, traits);
    const double noise = signal::run_noise(run);
    std::size_t profile_scans = 0;
    for (const auto& scan : traits.ms1) profile_scans += scan.profile ? 1 : 0;
    const std::vector<std::string> run_tags{
        traits.high_resolution ? "resolution:high" : "resolution:unit", 2 * profile_scans > traits.ms1.size() ? "profile" : "centroid",
        matrix_features_tag(options.matrix_features >= 0 ? static_cast<std::size_t>(options.matrix_features)
                                                         : matrix_feature_count(run))};
    SpikeRandom master(options.seed ^ fnv1a(run_name));
    for (int i = 0; i < options.samples_per_run; ++i) {
        const std::uint64_t sample_seed = master.split();
        SpikeRandom rng(sample_seed);
        Scenario scenario(traits, peaks, options, rng);
        LabelledSample sample = scenario.build();
        sample.variations.insert(sample.variations.begin(), run_tags.begin(), run_tags.end());
        label_observable(sample, scenario, traits);
        tag_byproduct_snr(sample, scenario, noise);
        MsInjector injector(traits);
        for (const auto& sp : scenario.species()) inject_species(sp, scenario.product_height(), injector, rng);
        sample.id = "lcms-" + run_name + "-" + zero_padded(static_cast<std::size_t>(i));
        sample.family = sample.reagent + "/" + run_name;
        sample.background = background;
        MsRun copy = run;
        injector.apply(copy);
        if (options.ms2) {
            // MS2 draws come from their own stream, so the MS1 content of a seed does not depend on them.
            SpikeRandom ms2_rng(sample_seed + kMs2StreamOffset);
            DdaOutcome dda = simulate_dda(run, copy, traits, precursor_candidates(scenario), ms2_rng);
            const auto tags = ms2_tags(dda, sample.truth);
            sample.variations.insert(sample.variations.end(), tags.begin(), tags.end());
            sample.ms2 = std::move(dda.ions);
        }
        sample.lcms = std::move(copy);
        samples.push_back(std::move(sample));
    }
    return samples;
}

std::vector<LabelledSample> make_lcms_spikeins(const std::vector<std::filesystem::path>& runs,
                                               const LcmsSpikeOptions& options) {
    std::vector<LabelledSample> samples;
    for (const auto& path : runs) {
        if (!std::filesystem::exists(path)) continue;
        const MsRun run = io::read_ms(path);
        auto more = make_lcms_spikeins(run, path.stem().string(), path.string(), options);
        std::move(more.begin(), more.end(), std::back_inserter(samples));
    }
    return samples;
}

}  // namespace sidepeak::spikein
