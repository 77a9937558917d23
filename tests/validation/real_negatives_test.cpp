// Real instrument files hold no diazepane by-products: no class may be called on them, with the
// reaction context of a benzylation or without any. These are the real matrices (drug-like
// molecules, natural products, metabolites, olefins, peptide and small-molecule LC-MS runs) the
// detectors meet beside real mixtures.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "sidepeak/classify/classifier.hpp"
#include "sidepeak/io/ms_readers.hpp"
#include "sidepeak/io/nmr_readers.hpp"
#include "sidepeak/pipeline/analyze.hpp"
#include "sidepeak/signal/lcms_pipeline.hpp"
#include "sidepeak/signal/nmr_pipeline.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
namespace sc = sidepeak::classify;

namespace {

const fs::path kSource = SIDEPEAK_SOURCE_DIR;
const fs::path kShared = SIDEPEAK_SHARED_SPECTRA;

std::string called(const std::vector<sc::Finding>& findings) {
    std::string out;
    for (const auto& f : findings) {
        if (f.detected) out += std::string(sc::class_name(f.cls)) + ": " + f.summary + "\n";
    }
    return out;
}

void expect_nothing(const sc::ClassifierInput& base, const std::string& what) {
    for (const bool context : {true, false}) {
        sc::ClassifierInput in = base;
        if (context) in.context = sidepeak::pipeline::resolve_context("C12H18N2", "benzyl");
        const auto found = called(sc::classify_sample(in));
        EXPECT_TRUE(found.empty()) << what << (context ? " (benzyl context)" : " (no context)") << "\n" << found;
    }
}

std::vector<fs::path> proton_spectra() {
    std::vector<fs::path> out = {kSource / "spectra_samples/real/nmr/bruker/MP-TFM-aniline/10",
                                 kSource / "spectra_samples/real/nmr/bruker/strychnine/10",
                                 kSource / "spectra_samples/real/nmr/bruker/aspirin-1h/1",
                                 kSource / "spectra_samples/real/nmr/bruker/VZBBI_13R03_GABA/1H",
                                 kSource / "spectra_samples/real/nmr/varian/HMDB00001.fid",
                                 kSource / "spectra_samples/real/nmr/varian/HMDB00005.fid",
                                 kSource / "spectra_samples/real/nmr/varian/FAM013_AHTM.PROTON_04.fid",
                                 kSource / "spectra_samples/real/nmr/jeol/Rutin_3080ug200uL_DMSOd6_qHNMR_400MHz_Jeol.jdf",
                                 kSource / "spectra_samples/real/nmr/jcamp/2-chloroethanol_jcamp-fix.dx",
                                 kSource / "spectra_samples/real/nmr/jcamp/varian_gemini2000_1h.jdx",
                                 kSource / "spectra_samples/real/nmr/jcamp/jeol_winnmr_1h.dx",
                                 kShared / "nmr/bruker/bmse000325/1H",
                                 kShared / "nmr/bruker/penguins-testdata/7"};
    const fs::path assigned = kShared / "nmr/jcamp_assigned";
    if (fs::is_directory(assigned)) {
        for (const auto& e : fs::directory_iterator(assigned)) {
            if (fs::exists(e.path() / "1h.jdx")) out.push_back(e.path() / "1h.jdx");
        }
    }
    return out;
}

}  // namespace

TEST(RealNegatives, ProtonSpectraOfOtherCompoundsCallNothing) {
    int read = 0;
    for (const auto& path : proton_spectra()) {
        if (!fs::exists(path)) {  // files read from ../shared may be absent, unless required
            EXPECT_FALSE(sidepeak::test::real_data_required()) << "absent: " << path;
            continue;
        }
        const auto data = sidepeak::io::read_nmr(path);
        const auto nmr = sidepeak::signal::process_nmr(data);
        sc::ClassifierInput in;
        in.nmr = {&nmr};
        expect_nothing(in, path.string());
        ++read;
    }
    EXPECT_GE(read, 11);
}

TEST(RealNegatives, LcmsRunsCallNothing) {
    const std::vector<fs::path> runs = {kSource / "spectra_samples/real/ms/mzxml/lcMsMs.mzXML",
                                        kSource / "spectra_samples/real/ms/mzml/OpenSwathWorkflow_17_input.mzML",
                                        kSource / "spectra_samples/real/ms/mzml/Ecoli_MS2_small.mzML",
                                        kSource / "spectra_samples/real/ms/mzml/BSA1_F1.mzML",
                                        kShared / "ms/netcdf/faahKO_ko15.CDF"};
    int read = 0;
    for (const auto& path : runs) {
        if (!fs::exists(path)) {
            EXPECT_FALSE(sidepeak::test::real_data_required()) << "absent: " << path;
            continue;
        }
        const auto result = sidepeak::signal::process_lcms(sidepeak::io::read_ms(path));
        sc::ClassifierInput in;
        in.lcms = {&result};
        expect_nothing(in, path.string());
        ++read;
    }
    EXPECT_GE(read, 4);
}
