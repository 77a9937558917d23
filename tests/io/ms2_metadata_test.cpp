// MSn precursor metadata (selected ion, isolation window, charge, activation, collision energy,
// survey scan) read from real mzML, mzXML and mzMLb files, written back by the mzML writer, and
// refused with an error naming the file when a value is not a number.
#include <algorithm>
#include <string>

#include <gtest/gtest.h>

#include "sidepeak/core/error.hpp"
#include "sidepeak/core/file_io.hpp"
#include "sidepeak/io/ms_readers.hpp"
#include "sidepeak/io/mzml_writer.hpp"
#include "test_support.hpp"

namespace {
namespace fs = std::filesystem;
using namespace sidepeak;

fs::path real(const std::string& sub, const std::string& name) {
    const auto local = test::real_samples() / "ms" / sub / name;
    return fs::exists(local) ? local : test::shared_spectra() / "ms" / sub / name;
}

std::string slurp(const fs::path& p) { return read_file_text(p); }

void expect_ms1_defaults(const MsSpectrum& s) {
    EXPECT_EQ(s.precursor_mz, 0.0);
    EXPECT_EQ(s.precursor_charge, 0);
    EXPECT_EQ(s.precursor_intensity, 0.0);
    EXPECT_TRUE(s.precursor_scan.empty());
    EXPECT_EQ(s.isolation_target_mz, 0.0);
    EXPECT_EQ(s.isolation_lower_offset, 0.0);
    EXPECT_EQ(s.isolation_upper_offset, 0.0);
    EXPECT_EQ(s.collision_energy, 0.0);
    EXPECT_EQ(s.collision_energy_unit, EnergyUnit::unknown);
    EXPECT_EQ(s.activation, Activation::unknown);
}

TEST(Ms2Metadata, TinyPwizMzmlCidPrecursor) {
    const auto path = real("mzml", "tiny.pwiz.1.1.mzML");
    SIDEPEAK_REQUIRE_PATH(path);
    const MsRun run = io::read_ms(path);
    ASSERT_GE(run.spectra.size(), 2u);
    expect_ms1_defaults(run.spectra[0]);
    const MsSpectrum& s = run.spectra[1];
    EXPECT_EQ(s.ms_level, 2);
    EXPECT_DOUBLE_EQ(s.precursor_mz, 445.34);
    EXPECT_EQ(s.precursor_charge, 2);
    EXPECT_DOUBLE_EQ(s.precursor_intensity, 120053);
    EXPECT_EQ(s.precursor_scan, "scan=19");
    EXPECT_DOUBLE_EQ(s.isolation_target_mz, 445.3);
    EXPECT_DOUBLE_EQ(s.isolation_lower_offset, 0.5);
    EXPECT_DOUBLE_EQ(s.isolation_upper_offset, 0.5);
    EXPECT_EQ(s.activation, Activation::cid);
    EXPECT_DOUBLE_EQ(s.collision_energy, 35);
    EXPECT_EQ(s.collision_energy_unit, EnergyUnit::electronvolt);
}

TEST(Ms2Metadata, OpenMsMzmlEnergyAsUserParam) {
    // OpenMS writes "activation energy" 0 and the energy as <userParam name="collision energy">.
    const auto path = real("mzml", "Ecoli_MS2_small.mzML");
    SIDEPEAK_REQUIRE_PATH(path);
    const MsRun run = io::read_ms(path);
    ASSERT_EQ(run.spectra.size(), 139u);
    const MsSpectrum& s = run.spectra[0];
    EXPECT_EQ(s.ms_level, 2);
    EXPECT_DOUBLE_EQ(s.precursor_mz, 617.318542480469);
    EXPECT_EQ(s.precursor_charge, 2);
    EXPECT_DOUBLE_EQ(s.isolation_lower_offset, 1.0);
    EXPECT_DOUBLE_EQ(s.isolation_upper_offset, 1.0);
    EXPECT_EQ(s.activation, Activation::cid);
    EXPECT_DOUBLE_EQ(s.collision_energy, 35);
    EXPECT_EQ(s.collision_energy_unit, EnergyUnit::unknown);
    for (const auto& x : run.spectra) {
        EXPECT_GT(x.precursor_mz, 0.0) << x.id;
        EXPECT_EQ(x.activation, Activation::cid) << x.id;
    }
}

TEST(Ms2Metadata, SwathWindowsWithoutSelectedIon) {
    // DIA: only the isolation window; the precursor m/z is the window's target.
    const auto path = real("mzml", "OpenSwathWorkflow_17_input.mzML");
    SIDEPEAK_REQUIRE_PATH(path);
    const MsRun run = io::read_ms(path);
    std::size_t ms2 = 0;
    for (const auto& s : run.spectra) {
        if (s.ms_level == 1) {
            expect_ms1_defaults(s);
            continue;
        }
        ++ms2;
        EXPECT_GT(s.isolation_target_mz, 0.0);
        EXPECT_DOUBLE_EQ(s.precursor_mz, s.isolation_target_mz);
        EXPECT_GT(s.isolation_lower_offset, 0.0);
        EXPECT_EQ(s.activation, Activation::unknown);  // only the generic "dissociation method"
    }
    EXPECT_EQ(ms2, 50u);
    const auto it = std::find_if(run.spectra.begin(), run.spectra.end(), [](const MsSpectrum& s) { return s.ms_level == 2; });
    ASSERT_NE(it, run.spectra.end());
    EXPECT_DOUBLE_EQ(it->isolation_target_mz, 412.5);
    EXPECT_DOUBLE_EQ(it->isolation_lower_offset, 12.5);
    EXPECT_DOUBLE_EQ(it->isolation_upper_offset, 12.5);
}

TEST(Ms2Metadata, Ms2WithoutPrecursorElement) {
    // FileFilter_1_input.mzML has MS2 spectra but no <precursorList>: the fields stay at their defaults.
    const auto path = real("mzml", "FileFilter_1_input.mzML");
    SIDEPEAK_REQUIRE_PATH(path);
    const MsRun run = io::read_ms(path);
    std::size_t ms2 = 0;
    for (const auto& s : run.spectra) {
        ms2 += s.ms_level == 2 ? 1 : 0;
        expect_ms1_defaults(s);
    }
    EXPECT_EQ(ms2, 6u);
}

TEST(Ms2Metadata, OrbitrapMzxmlHcdFromFilterLine) {
    const auto path = real("mzxml", "lcMsMs.mzXML");
    SIDEPEAK_REQUIRE_PATH(path);
    const MsRun run = io::read_ms(path);
    std::size_t ms2 = 0, hcd = 0, with_charge = 0;
    for (const auto& s : run.spectra) {
        if (s.ms_level == 1) {
            expect_ms1_defaults(s);
            continue;
        }
        ++ms2;
        hcd += s.activation == Activation::hcd ? 1 : 0;
        with_charge += s.precursor_charge > 0 ? 1 : 0;
        EXPECT_GT(s.precursor_mz, 0.0);
        EXPECT_EQ(s.collision_energy_unit, EnergyUnit::percent);
    }
    EXPECT_EQ(ms2, 3163u);
    EXPECT_EQ(hcd, 3163u);
    EXPECT_GT(with_charge, 3000u);
    const MsSpectrum& s = run.spectra[5];  // scan 6: "ms2 189.0698@hcd76.67"
    EXPECT_EQ(s.id, "scan=6");
    EXPECT_NEAR(s.precursor_mz, 189.069839477539, 1e-6);
    EXPECT_EQ(s.precursor_charge, 1);
    EXPECT_NEAR(s.precursor_intensity, 26437.197265625, 1e-6);
    EXPECT_EQ(s.precursor_scan, "scan=1");
    EXPECT_DOUBLE_EQ(s.collision_energy, 76.67);
}

TEST(Ms2Metadata, LcqMzxmlCollisionEnergyAttribute) {
    const auto path = real("mzxml", "pyteomics_lcqdeca.mzXML");
    SIDEPEAK_REQUIRE_PATH(path);
    const MsRun run = io::read_ms(path);
    ASSERT_EQ(run.spectra.size(), 2u);
    expect_ms1_defaults(run.spectra[0]);
    const MsSpectrum& s = run.spectra[1];
    EXPECT_EQ(s.ms_level, 2);
    EXPECT_DOUBLE_EQ(s.precursor_mz, 445.35);
    EXPECT_DOUBLE_EQ(s.precursor_intensity, 120053);
    EXPECT_DOUBLE_EQ(s.collision_energy, 35);
    EXPECT_EQ(s.collision_energy_unit, EnergyUnit::electronvolt);
    EXPECT_EQ(s.activation, Activation::unknown);  // the file does not say
}

TEST(Ms2Metadata, MzmlbMs1SpectraKeepDefaults) {
    const auto path = test::shared_spectra() / "ms" / "mzmlb" / "test.mzMLb";
    SIDEPEAK_REQUIRE_PATH(path);
    for (const auto& s : io::read_ms(path).spectra) expect_ms1_defaults(s);
}

TEST(Ms2Metadata, WriterRoundTripsEveryField) {
    MsRun run;
    run.info.instrument = "test";
    MsSpectrum ms1;
    ms1.id = "scan=1";
    ms1.mz = {100.0, 200.0};
    ms1.intensity = {1.0, 2.0};
    run.spectra.push_back(ms1);
    const Activation kinds[] = {Activation::cid, Activation::hcd, Activation::etd, Activation::ethcd, Activation::ecd,
                                Activation::irmpd, Activation::pqd, Activation::photodissociation, Activation::sid,
                                Activation::in_source_cid, Activation::unknown};
    const EnergyUnit units[] = {EnergyUnit::electronvolt, EnergyUnit::percent, EnergyUnit::unknown};
    int k = 0;
    for (const Activation a : kinds) {
        MsSpectrum s;
        s.id = "scan=" + std::to_string(k + 2);
        s.ms_level = 2;
        s.rt_s = 10.0 + k;
        s.precursor_mz = 311.2118 + k;
        s.precursor_charge = 1 + k % 2;
        s.precursor_intensity = 1e5 + k;
        s.precursor_scan = "scan=1";
        s.isolation_target_mz = 311.2 + k;
        s.isolation_lower_offset = 0.7;
        s.isolation_upper_offset = 0.8;
        s.activation = a;
        s.collision_energy = 30.0 + k;
        s.collision_energy_unit = units[k % 3];
        s.mz = {58.0651, 116.1069};
        s.intensity = {10.0, 100.0};
        run.spectra.push_back(s);
        ++k;
    }
    const auto path = test::scratch_dir() / "ms2.mzML";
    io::write_mzml(path, run);
    const MsRun back = io::read_ms(path);
    ASSERT_EQ(back.spectra.size(), run.spectra.size());
    expect_ms1_defaults(back.spectra[0]);
    for (std::size_t i = 1; i < run.spectra.size(); ++i) {
        const auto& a = run.spectra[i];
        const auto& b = back.spectra[i];
        EXPECT_DOUBLE_EQ(a.precursor_mz, b.precursor_mz);
        EXPECT_EQ(a.precursor_charge, b.precursor_charge);
        EXPECT_DOUBLE_EQ(a.precursor_intensity, b.precursor_intensity);
        EXPECT_EQ(a.precursor_scan, b.precursor_scan);
        EXPECT_DOUBLE_EQ(a.isolation_target_mz, b.isolation_target_mz);
        EXPECT_DOUBLE_EQ(a.isolation_lower_offset, b.isolation_lower_offset);
        EXPECT_DOUBLE_EQ(a.isolation_upper_offset, b.isolation_upper_offset);
        EXPECT_EQ(a.activation, b.activation) << activation_name(a.activation);
        EXPECT_DOUBLE_EQ(a.collision_energy, b.collision_energy);
        EXPECT_EQ(a.collision_energy_unit, b.collision_energy_unit);
    }
}

// Replaces the first `from` in `text` by `to`.
std::string replace_first(std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    if (at != std::string::npos) text.replace(at, from.size(), to);
    return text;
}

void expect_error_naming_file(const fs::path& path, const std::string& what) {
    try {
        (void)io::read_ms(path);
        ADD_FAILURE() << "no error for " << what;
    } catch (const InputError& e) {
        const std::string message = e.what();
        EXPECT_NE(message.find(path.filename().string()), std::string::npos) << message;
        EXPECT_NE(message.find(what), std::string::npos) << message;
    }
}

TEST(Ms2Metadata, BadNumbersAreErrorsNamingTheFile) {
    const auto tiny = real("mzml", "tiny.pwiz.1.1.mzML");
    const auto lcq = real("mzxml", "pyteomics_lcqdeca.mzXML");
    SIDEPEAK_REQUIRE_PATH(tiny);
    SIDEPEAK_REQUIRE_PATH(lcq);
    const auto dir = test::scratch_dir();
    const std::string mzml = slurp(tiny);
    struct Case {
        std::string from, to, what;
    };
    const Case mzml_cases[] = {
        {R"(name="selected ion m/z" value="445.33999999999997")", R"(name="selected ion m/z" value="445.3.4")", "selected ion m/z"},
        {R"(name="charge state" value="2")", R"(name="charge state" value="two")", "charge state"},
        {R"(name="isolation window lower offset" value="0.5")", R"(name="isolation window lower offset" value="-0.5")",
         "isolation window lower offset"},
        {R"(name="collision energy" value="35")", R"(name="collision energy" value="nan")", "collision energy"},
    };
    int i = 0;
    for (const auto& c : mzml_cases) {
        const auto path = dir / ("bad" + std::to_string(i++) + ".mzML");
        write_file_atomic(path, replace_first(mzml, c.from, c.to));
        expect_error_naming_file(path, c.what);
    }
    const std::string mzxml = slurp(lcq);
    const Case mzxml_cases[] = {
        {R"(collisionEnergy="35")", R"(collisionEnergy="x35")", "collisionEnergy"},
        {R"(precursorIntensity="120053">445.35<)", R"(precursorIntensity="120053">445,35<)", "precursorMz"},
        {R"(precursorIntensity="120053")", R"(precursorIntensity="1e999")", "precursorIntensity"},
    };
    for (const auto& c : mzxml_cases) {
        const auto path = dir / ("bad" + std::to_string(i++) + ".mzXML");
        write_file_atomic(path, replace_first(mzxml, c.from, c.to));
        expect_error_naming_file(path, c.what);
    }
}

}  // namespace
