// sidepeak-generate: writes the labelled sample set (Bruker FID folders, JCAMP-DX spectra,
// indexed mzML runs, truth.json per sample and samples.csv). See docs/generated-samples.md.
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "catalogue.hpp"
#include "lcms_model.hpp"
#include "mzml_writer.hpp"
#include "nmr_model.hpp"
#include "nmr_writers.hpp"
#include "rng.hpp"

namespace fs = std::filesystem;
using namespace sidepeak::gen;

namespace {

const char* solvent_name(Solvent s) {
    switch (s) {
        case Solvent::cdcl3: return "CDCl3";
        case Solvent::dmso: return "DMSO";
        case Solvent::d2o: return "D2O";
    }
    return "CDCl3";
}

NmrAcquisition draw_acquisition(const SampleSpec& s, Rng& rng) {
    NmrAcquisition a;
    const double u = rng.uniform();
    a.bf1_mhz = u < 0.5 ? 400.13 : (u < 0.9 ? 500.13 : 600.13);
    a.sw_ppm = rng.chance(0.5) ? 20.0 : 16.0;
    a.carrier_ppm = rng.uniform(4.7, 6.2);
    if (rng.chance(0.7)) {
        a.dspfvs = 20;
        a.group_delay = rng.chance(0.5) ? 67.9862518310547 : 67.984;
    } else {
        a.dspfvs = 21;
        a.group_delay = 76.0;
    }
    a.p0_deg = rng.uniform(-180.0, 180.0);
    a.p1_deg = rng.uniform(-40.0, 40.0);
    a.snr = rng.lognormal(2500.0, 0.35);
    a.baseline = s.nmr_baseline;
    a.reference_error_ppm = rng.normal(0.0, 0.01);
    a.scans = 8 << rng.integer(0, 3);
    a.solvent = solvent_name(s.mixture.solvent);
    a.title = s.id + " (simulated, sidepeak-generate)";
    return a;
}

nlohmann::json truth_json(const SampleSpec& s, std::uint64_t seed, const std::string& nmr_input,
                          const std::string& lcms_input) {
    const auto& info = reagent_info(s.mixture.reagent);
    const Truth t = truth_of(s.mixture);
    nlohmann::json j;
    j["id"] = s.id;
    j["context"] = {{"product", species_formula(Species::product, s.mixture.reagent).to_string()},
                    {"reagent", info.increment}};
    j["truth"] = {{"oligomer", t.oligomer},
                  {"over_alkylation", t.over_alkylation},
                  {"n_oxide", t.n_oxide},
                  {"hofmann", t.hofmann}};
    j["traps"] = s.traps;
    std::string notes = fmt::format("scenario {}; reagent {} (increment {}); solvent {}", s.scenario, info.name,
                                    info.increment, solvent_name(s.mixture.solvent));
    if (!s.notes.empty()) notes += "; " + s.notes;
    j["notes"] = notes;
    nlohmann::json comps = nlohmann::json::array();
    for (const auto& c : s.mixture.components) {
        comps.push_back({{"species", species_name(c.kind, s.mixture.reagent, c.n)},
                         {"formula", species_formula(c.kind, s.mixture.reagent, c.n).to_string()},
                         {"amount_rel_product", std::round(c.amount * 1e4) / 1e4}});
    }
    j["components"] = comps;
    j["inputs"] = nlohmann::json::array();
    if (!nmr_input.empty()) j["inputs"].push_back(nmr_input);
    if (!lcms_input.empty()) j["inputs"].push_back(lcms_input);
    j["generator"] = {{"program", "sidepeak-generate"}, {"seed", seed}};
    return j;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"sidepeak-generate: labelled NMR and LC-MS samples for the by-product classifier"};
    std::string out_dir = "spectra_samples/generated";
    std::uint64_t seed = 1;
    std::string only;
    app.add_option("--out", out_dir, "output folder (created; existing sample folders are replaced)");
    app.add_option("--seed", seed, "random seed; another seed gives a different, equally labelled set");
    app.add_option("--only", only, "write only the samples whose id contains this text");
    CLI11_PARSE(app, argc, argv);

    try {
        const fs::path root(out_dir);
        fs::create_directories(root);
        std::ofstream sheet(root / "samples.csv", std::ios::binary);
        sheet << "sample,path,product,reagent\n";
        for (const auto& s : build_catalogue(seed)) {
            const std::string product = species_formula(Species::product, s.mixture.reagent).to_string();
            sheet << s.id << ',' << s.id << ',' << product << ',' << reagent_info(s.mixture.reagent).increment << '\n';
            if (!only.empty() && s.id.find(only) == std::string::npos) continue;
            const fs::path dir = root / s.id;
            fs::remove_all(dir);
            fs::create_directories(dir);
            std::string nmr_input, lcms_input;
            if (s.nmr != NmrOutput::none) {
                Rng rng = Rng::derive(seed, s.id + ":nmr");
                NmrAcquisition acq = draw_acquisition(s, rng);
                const auto lines = mixture_lines(s.mixture, acq.bf1_mhz, rng);
                if (s.nmr == NmrOutput::bruker) {
                    write_bruker_experiment(dir / "nmr", lines, acq, rng);
                    nmr_input = "nmr";
                } else {
                    acq.reference_error_ppm = 0.0;  // a processed spectrum is already referenced
                    write_jcamp_spectrum(dir / "nmr.jdx", lines, acq, 16384,
                                         s.nmr == NmrOutput::jcamp_affn ? JcampEncoding::affn : JcampEncoding::difdup,
                                         rng);
                    nmr_input = "nmr.jdx";
                }
            }
            if (s.lcms != LcmsOutput::none) {
                Rng rng = Rng::derive(seed, s.id + ":lcms");
                LcmsSettings ls;
                ls.profile = s.lcms == LcmsOutput::profile;
                ls.minutes = rng.chance(0.3);
                ls.mass_offset_ppm = rng.normal(0.0, 1.2);
                ls.resolution = rng.uniform(25000.0, 60000.0);
                const auto analytes = build_analytes(s.mixture, rng);
                const auto scans = simulate_run(analytes, ls, rng);
                write_mzml(dir / "lcms.mzML", scans, ls, s.id);
                lcms_input = "lcms.mzML";
            }
            std::ofstream(dir / "truth.json", std::ios::binary) << truth_json(s, seed, nmr_input, lcms_input).dump(2)
                                                                << '\n';
            std::cout << s.id << '\n';
        }
        if (!sheet) throw std::runtime_error("cannot write samples.csv");
    } catch (const std::exception& e) {
        std::cerr << "sidepeak-generate: " << e.what() << '\n';
        return 1;
    }
    return 0;
}
