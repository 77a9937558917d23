// NMR spike-in driver: measures each background once (phase, referencing, own 1H integral), then
// draws mixtures and adds them to copies of the background FID.
#include "nmr_spikein.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <string>
#include <exception>
#include <stdexcept>
#include <string_view>
#include <tuple>

#include "nmr_species.hpp"
#include "sidepeak/io/nmr_readers.hpp"
#include "sidepeak/signal/nmr_pipeline.hpp"
#include "sidepeak/signal/solvents.hpp"

namespace sidepeak::spikein {

namespace {

// Water / HDO shift by solvent (Fulmer 2010, table 1).
double water_ppm(const std::string& solvent) {
    if (solvent == "CDCl3") return 1.56;
    if (solvent == "acetone-d6") return 2.84;
    if (solvent == "DMSO-d6") return 3.33;
    if (solvent == "C6D6") return 0.40;
    if (solvent == "CD3CN") return 2.13;
    if (solvent == "CD3OD") return 4.87;
    if (solvent == "D2O") return 4.79;
    return std::nan("");
}

// The background's own 1H integral: multiplet areas without the solvent residual, water and the
// 0 ppm standard, so the product is scaled to the compound actually in the tube.
double own_integral(const signal::NmrResult& r, const std::string& solvent) {
    std::vector<std::pair<double, double>> excluded{{0.0, 0.1}};  // TMS / DSS / TSP
    if (const auto s = signal::find_solvent(solvent)) excluded.emplace_back(s->ppm_1h, 0.1);
    if (const double w = water_ppm(solvent); !std::isnan(w)) excluded.emplace_back(w, solvent == "D2O" ? 0.25 : 0.12);
    double sum = 0.0;
    for (const auto& m : r.multiplets) {
        bool skip = false;
        for (const auto& [ppm, half] : excluded) skip = skip || std::abs(m.ppm - ppm) < half;
        if (!skip) sum += std::max(m.area, 0.0);
    }
    if (sum > 0.0) return sum;
    // No multiplets: the positive area of the whole spectrum.
    const double step = std::abs(r.spectrum.ppm_step());
    for (const double v : r.spectrum.real) sum += std::max(v, 0.0) * step;
    return sum;
}

std::uint64_t fnv1a(const std::string& s) {
    std::uint64_t h = 1469598103934665603ULL;
    for (const char c : s) {
        h ^= static_cast<unsigned char>(c);
        h *= 1099511628211ULL;
    }
    return h;
}

std::string background_name(const std::filesystem::path& path) {
    const auto p = path.has_filename() ? path : path.parent_path();
    const auto parent = p.parent_path().filename().string();
    return parent.empty() ? p.filename().string() : parent + "-" + p.filename().string();
}

// The by-product classes a simulated species stands for (empty for the product, the unreacted
// amine and traps). A Hofmann product counts for over-alkylation too, as the truth does.
std::vector<std::string> species_classes(std::string_view species) {
    if (species == "bis" || species == "quat") return {"over_alkylation"};
    if (species == "hofmann") return {"hofmann", "over_alkylation"};
    if (species == "n_oxide") return {"n_oxide"};
    if (species == "oligomer") return {"oligomer"};
    return {};
}

// Peak height of a line of integral `area` (intensity x ppm): a pseudo-Voigt of FWHM w has the
// height area / w x ((1 - g) 2/pi + g 2 sqrt(ln 2 / pi)).
double line_height(const Line& l, double sf_mhz) {
    const double w_ppm = l.fwhm_hz / sf_mhz;
    if (!(w_ppm > 0.0)) return 0.0;
    constexpr double kLorentz = 0.6366197723675814;  // 2 / pi
    constexpr double kGauss = 0.9394372786996513;    // 2 sqrt(ln 2 / pi)
    return l.area / w_ppm * ((1.0 - l.gauss_fraction) * kLorentz + l.gauss_fraction * kGauss);
}

// Bins of the S/N: below the limit of detection (3), between it and the limit of quantitation
// (10, ICH Q2(R2)), and above.
std::string snr_bin(double snr) {
    if (snr < 3.0) return "<3";
    if (snr < 10.0) return "3-10";
    if (snr < 30.0) return "10-30";
    return ">=30";
}

// Tags "snr:<class>:<bin>" with the peak S/N of the strongest simulated line of each present
// class (line height over the background's noise sigma; lines of one multiplet counted apart).
void tag_byproduct_snr(LabelledSample& s, const std::vector<std::pair<std::string, Line>>& lines, double noise,
                       double sf_mhz) {
    if (!(noise > 0.0) || !(sf_mhz > 0.0)) return;
    std::map<std::string, double> strongest;
    for (const auto& [species, line] : lines)
        for (const auto& cls : species_classes(species))
            strongest[cls] = std::max(strongest[cls], line_height(line, sf_mhz) / noise);
    const std::map<std::string, bool> present{{"oligomer", s.truth.oligomer},
                                              {"over_alkylation", s.truth.over_alkylation},
                                              {"n_oxide", s.truth.n_oxide},
                                              {"hofmann", s.truth.hofmann}};
    for (const auto& [cls, snr] : strongest)
        if (present.at(cls)) s.variations.push_back("snr:" + cls + ":" + snr_bin(snr));
}

}  // namespace

BackgroundInfo load_background(const std::filesystem::path& path) {
    BackgroundInfo bg;
    bg.name = background_name(path);
    bg.data = io::read_nmr(path);
    if (bg.data.fids.empty() || bg.data.fids.front().empty())
        throw std::invalid_argument("spike-in background without an FID: " + path.string());
    if (bg.data.meta.nucleus != "1H") throw std::invalid_argument("spike-in background is not 1H: " + path.string());
    bg.data.processed.reset();  // the vendor spectrum would not hold the spiked lines
    // The phase sidepeak applies to this file, measured on the unspiked data. Bruker's PHC0/PHC1
    // live in procs, which the reader does not keep beside an FID, and TopSpin's phase refers to
    // its own processing; the measured phase is the one process_nmr will find again.
    const signal::NmrResult r = signal::process_nmr(bg.data);
    bg.frame.p0_deg = r.phase.p0_deg;
    bg.frame.p1_deg = r.phase.p1_deg;
    bg.frame.shift_ppm = r.reference.found && std::isfinite(r.reference.shift_ppm) ? r.reference.shift_ppm : 0.0;
    bg.solvent = signal::normalise_solvent(bg.data.meta.solvent);
    if (bg.solvent.empty()) bg.solvent = "CDCl3";
    bg.integral = own_integral(r, bg.solvent);
    bg.noise = r.noise;
    return bg;
}

std::vector<LabelledSample> make_nmr_spikeins(const BackgroundInfo& bg, const NmrSpikeOptions& options,
                                              std::uint64_t seed) {
    std::vector<LabelledSample> out;
    SpikeRandom master(seed);
    const auto reagents = nmr_reagents();
    const double sf = bg.data.meta.reference_mhz > 0.0 ? bg.data.meta.reference_mhz : bg.data.meta.observe_mhz;
    double fid_max = 0.0;
    for (const auto& v : bg.data.fids.front()) fid_max = std::max(fid_max, std::abs(v));

    auto forced = [&](std::string_view tag) {
        return std::find(options.force.begin(), options.force.end(), tag) != options.force.end();
    };
    // A forced line-width bucket narrows the range to it (the draw itself stays one uniform).
    double min_width = options.min_linewidth_hz, max_width = options.max_linewidth_hz;
    for (const auto& [tag, lo, hi] : {std::tuple{"linewidth:<2Hz", 0.5, 1.99}, std::tuple{"linewidth:2-6Hz", 2.0, 5.99},
                                      std::tuple{"linewidth:6-10Hz", 6.0, 9.99}, std::tuple{"linewidth:>10Hz", 10.0, 15.0}})
        if (forced(tag)) min_width = lo, max_width = hi;
    const bool force_boc = forced("rotamers") || forced("boc_rotamers");
    const bool force_mixture = forced("statistical_mixture");

    for (int i = 0; i < options.samples_per_background; ++i) {
        SpikeRandom rng(master.split());
        const std::size_t pick = rng.index(reagents.size());
        std::size_t r_index = pick;
        if (force_boc) {
            for (std::size_t k = 0; k < reagents.size(); ++k)
                if (reagents[k].id == NmrReagent::boc) r_index = k;
        } else if (forced("aryl_vinyl_ether") && reagents[pick].id == NmrReagent::fluorophenoxyethyl) {
            r_index = (pick + 1) % reagents.size();  // there the vinyl ether would be a Hofmann product
        }
        const ReagentSpec& reagent = reagents[r_index];
        const SolventForm form = draw_solvent_form(bg.solvent, rng, forced("salt"));
        const bool positive = rng.chance(options.positive_fraction) || force_mixture;
        MixtureRanges ranges;
        ranges.min_level = options.min_level;
        ranges.max_level = options.max_level;
        ranges.trap_probability = options.trap_probability;
        ranges.linewidth_hz = rng.log_uniform(min_width, max_width);
        ranges.force = options.force;
        ranges.gauss_fraction = rng.chance(0.5) ? rng.uniform(0.0, 0.5) : 0.0;
        const NmrMixture mix = draw_mixture(reagent, form, positive, ranges, rng);

        const double product_area =
            bg.integral * rng.log_uniform(options.min_product_factor, options.max_product_factor);
        const double unit = mix.product_protons > 0.0 ? product_area / mix.product_protons : 0.0;
        std::vector<Line> lines;
        std::vector<std::pair<std::string, Line>> labelled_lines;
        for (const Component& c : mix.components)
            for (Line l : expand_group(c.group, sf, c.fwhm_hz, c.gauss_fraction, c.satellites)) {
                l.area *= unit;
                lines.push_back(l);
                labelled_lines.emplace_back(c.species, l);
            }

        AddOptions add;
        add.frame = bg.frame;
        if (mix.corrupt_first_points) {
            // 1-3 corrupted points of 1-10 % of the FID's largest value: a roll over the whole width.
            FirstPointCorruption c;
            c.scale = fid_max * rng.uniform(0.01, 0.1);
            const int n = rng.integer(1, 3);
            for (int k = 0; k < n; ++k) {
                c.re.push_back(rng.normal());
                c.im.push_back(rng.normal());
            }
            add.corruption = std::move(c);
        }

        LabelledSample s;
        char number[16];
        std::snprintf(number, sizeof number, "%04d", i);
        s.id = "nmr-" + bg.name + "-" + number;
        s.family = std::string(reagent.name) + "/" + form.label();
        s.background = bg.name;
        s.truth = mix.truth;
        s.product = std::string(reagent.product_formula);
        s.reagent = std::string(reagent.name);
        s.level = mix.level;
        s.traps = mix.traps;
        s.variations = mix.variations;
        tag_byproduct_snr(s, labelled_lines, bg.noise, sf);
        s.nmr = bg.data;
        add_lines(*s.nmr, lines, add);
        out.push_back(std::move(s));
    }
    return out;
}

std::vector<LabelledSample> make_nmr_spikeins(const std::vector<std::filesystem::path>& backgrounds,
                                              const NmrSpikeOptions& options) {
    std::vector<LabelledSample> out;
    for (const auto& path : backgrounds) {
        if (!std::filesystem::exists(path)) continue;
        BackgroundInfo bg;
        try {
            bg = load_background(path);
        } catch (const std::exception&) {
            continue;  // unreadable, no FID or not 1H: not a usable background
        }
        // One seed per background name, so an absent file does not change the others' samples.
        auto samples = make_nmr_spikeins(bg, options, options.seed ^ fnv1a(bg.name));
        for (auto& s : samples) {
            s.background = path.string();
            out.push_back(std::move(s));
        }
    }
    return out;
}

}  // namespace sidepeak::spikein
