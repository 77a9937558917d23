// Real MS/MS spectra (MassBank records, spectra_samples/real/ms/massbank, CC BY / CC BY-SA) of
// tertiary-amine drug N-oxides, their parents and their C-hydroxylated / S-oxidised isomers, each
// assembled into an MS1 + MS2 mzML (identical MS1 for both members of a pair), written with
// io::write_mzml, read back, processed, indexed feature -> MS2 and annotated. The assertions are
// what the real peak lists show (see the folder's MANIFEST.md), not detector decisions.
#include <gtest/gtest.h>

#include "massbank_mzml.hpp"
#include "sidepeak/chem/fragments.hpp"
#include "sidepeak/io/ms_readers.hpp"
#include "sidepeak/io/mzml_writer.hpp"
#include "sidepeak/signal/lcms_pipeline.hpp"
#include "sidepeak/signal/ms2_index.hpp"
#include "test_support.hpp"

namespace {
namespace fs = std::filesystem;
using namespace sidepeak;

struct Annotated {
    test::MassBankRecord record;
    MsRun run;                // as read back from the mzML
    signal::Ms2Consensus ms2;
    std::vector<chem::FragmentAnnotation> fragments;
};

// Record -> mzML -> read -> features -> MS2 index -> consensus -> annotation.
Annotated analyse(const std::string& accession, const std::vector<chem::FragmentIon>& extra_ions = {}) {
    Annotated a;
    const auto path = test::real_samples() / "ms" / "massbank" / (accession + ".txt");
    a.record = test::read_massbank(path);
    const auto out = test::scratch_dir() / (accession + ".mzML");
    io::write_mzml(out, test::massbank_run(a.record, 300.0));
    a.run = io::read_ms(out);
    const auto lcms = signal::process_lcms(a.run);
    const signal::Ms2Index index(a.run);
    const signal::Feature* feature = nullptr;
    for (const auto& f : lcms.features) {
        if (std::abs(f.mz - a.record.precursor_mz) < 0.002 && (!feature || f.intensity > feature->intensity)) feature = &f;
    }
    EXPECT_NE(feature, nullptr) << accession << ": no MS1 feature at the precursor";
    if (!feature) return a;
    a.ms2 = index.consensus_for(*feature);
    const chem::Formula ion = chem::ion_formula(chem::Formula(a.record.formula), chem::find_adduct(a.record.precursor_type));
    chem::FragmentOptions options;
    options.extra_ions = extra_ions;
    a.fragments = chem::annotate_fragments(ion, a.ms2.mz(), a.ms2.intensity(), options);
    return a;
}

double loss_intensity(const Annotated& a, std::string_view loss) {
    double best = 0.0;
    for (const auto* f : chem::find_loss(a.fragments, loss)) best = std::max(best, f->relative_intensity);
    return best;
}

double ion_intensity(const Annotated& a, const char* formula) {
    const auto* f = chem::find_ion(a.fragments, chem::Formula(formula));
    return f ? f->relative_intensity : 0.0;
}

TEST(Ms2MassBank, RecordsRoundTripThroughMzml) {
    const auto a = analyse("MSBNK-Eawag-EQ356102");
    EXPECT_EQ(a.record.license, "CC BY");
    std::size_t ms2 = 0;
    for (const auto& s : a.run.spectra) {
        if (s.ms_level != 2) continue;
        ++ms2;
        EXPECT_DOUBLE_EQ(s.precursor_mz, 311.2118);
        EXPECT_EQ(s.activation, Activation::hcd);
        EXPECT_DOUBLE_EQ(s.collision_energy, 30);
        EXPECT_EQ(s.collision_energy_unit, EnergyUnit::percent);
        EXPECT_EQ(s.mz, a.record.mz);
    }
    EXPECT_EQ(ms2, 1u);
    ASSERT_EQ(a.ms2.scan_ids.size(), 1u);
    EXPECT_EQ(a.ms2.peaks.size(), a.record.mz.size());
    EXPECT_EQ(a.ms2.activations.front(), Activation::hcd);
}

TEST(Ms2MassBank, MianserinNOxideLosesOhRadicalTheParentDoesNot) {
    // Ring N-methylpiperazine N-oxide: [M+H-OH*]+ 264.1619 at 88 % of the base peak.
    const std::vector<chem::FragmentIon> amine_side{{"C4H10NO+", chem::Formula("C4H10NO+"), "oxygenated amine-side ion"}};
    const auto oxide = analyse("MSBNK-Eawag-EQ327802", amine_side);
    const auto parent = analyse("MSBNK-Eawag-EQ327402", amine_side);
    EXPECT_GT(loss_intensity(oxide, "OH*"), 0.5);
    EXPECT_GT(loss_intensity(oxide, "H2O"), 0.5);
    EXPECT_GT(ion_intensity(oxide, "C4H10NO+"), 0.0);
    EXPECT_EQ(loss_intensity(parent, "OH*"), 0.0);
    EXPECT_EQ(loss_intensity(parent, "O"), 0.0);
    EXPECT_EQ(ion_intensity(parent, "C4H10NO+"), 0.0);
    for (const auto& f : oxide.fragments) {
        if (f.kind != chem::FragmentKind::unassigned) {
            EXPECT_LT(std::abs(f.ppm_error), 10.0) << f.label;
        }
    }
}

TEST(Ms2MassBank, TrimipramineNOxideVersusTwoHydroxyIsomer) {
    // Same formula C20H26N2O, same [M+H]+ 311.2118, identical MS1 here: only MS2 differs.
    const std::vector<chem::FragmentIon> amine_side{
        {"C6H14NO+", chem::Formula("C6H14NO+"), "side chain iminium + O (N-oxide side)"},
        {"C15H14NO+", chem::Formula("C15H14NO+"), "ring system + O (carbon side)"}};
    const auto oxide = analyse("MSBNK-Eawag-EQ356102", amine_side);
    const auto hydroxy = analyse("MSBNK-Eawag-EQ01154202", amine_side);
    const auto parent = analyse("MSBNK-Eawag-EA286103", amine_side);
    // N-oxide: Cope-type loss of Me2NOH (250.1590), oxygen on the amine-side ion (base peak).
    EXPECT_GT(loss_intensity(oxide, "Me2NOH"), 0.1);
    EXPECT_GT(ion_intensity(oxide, "C6H14NO+"), 0.9);
    EXPECT_EQ(loss_intensity(oxide, "Me2NH"), 0.0);
    // C-hydroxy isomer: loses Me2NH (266.1541), oxygen stays on the ring system, no Me2NOH loss.
    EXPECT_EQ(loss_intensity(hydroxy, "Me2NOH"), 0.0);
    EXPECT_GT(loss_intensity(hydroxy, "Me2NH"), 0.0);
    EXPECT_EQ(ion_intensity(hydroxy, "C6H14NO+"), 0.0);
    EXPECT_GT(ion_intensity(hydroxy, "C15H14NO+"), 0.0);
    // Parent: Me2NH loss to 250.159 (the same ion as the N-oxide's Me2NOH loss, another neutral).
    EXPECT_GT(loss_intensity(parent, "Me2NH"), 0.0);
    EXPECT_EQ(loss_intensity(parent, "Me2NOH"), 0.0);
}

TEST(Ms2MassBank, RanitidineNOxideVersusSOxide) {
    const auto noxide = analyse("MSBNK-Eawag-EA273803");
    const auto soxide = analyse("MSBNK-Eawag-EA273703");
    const auto parent = analyse("MSBNK-Eawag-EA019603");
    EXPECT_GT(loss_intensity(noxide, "Me2NOH"), 0.0);  // 270.0909
    EXPECT_EQ(loss_intensity(soxide, "Me2NOH"), 0.0);
    EXPECT_GT(loss_intensity(soxide, "Me2NH"), 0.0);   // 286.0853: the dimethylamino group is intact
    EXPECT_GT(loss_intensity(parent, "Me2NH"), 0.0);   // 270.0904
    EXPECT_EQ(loss_intensity(parent, "Me2NOH"), 0.0);
    // Neither oxide loses O or OH* in these HCD spectra (aliphatic N-oxide: Cope elimination wins).
    EXPECT_EQ(loss_intensity(noxide, "OH*"), 0.0);
    EXPECT_EQ(loss_intensity(soxide, "OH*"), 0.0);
}

}  // namespace
