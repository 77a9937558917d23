// The readers given a format (read_nmr(path, format), open_ms(path, format), read_ms(path,
// format)): the format the caller detected is used as given, never detected again, and a file
// whose content is not that format (replaced since it was detected) fails with an InputError
// naming the file, never a crash or a silently empty result.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "sidepeak/core/error.hpp"
#include "sidepeak/io/format.hpp"
#include "sidepeak/io/ms_parallel.hpp"
#include "sidepeak/io/ms_readers.hpp"
#include "sidepeak/io/ms_stats.hpp"
#include "sidepeak/io/nmr_readers.hpp"
#include "data_format_print.hpp"
#include "test_support.hpp"

namespace sidepeak {
namespace {
namespace fs = std::filesystem;
using io::Format;

const fs::path kNmr = test::real_samples() / "nmr";
const fs::path kMs = test::real_samples() / "ms";

struct Sample {
    fs::path path;
    Format format;
};

// One real input of every format the bundled set holds.
std::vector<Sample> samples() {
    return {
        {kNmr / "bruker" / "aspirin-1h" / "1", Format::bruker_fid},
        {kNmr / "bruker" / "strychnine" / "10" / "pdata" / "1", Format::bruker_1r},
        {kNmr / "jcamp" / "aspirin-1h.dx", Format::jcamp_dx},
        {kNmr / "varian" / "HMDB00001.fid", Format::varian},
        {kNmr / "jeol" / "fluorine.jdf", Format::jeol},
        {kNmr / "nmrml" / "HMDB00005.nmrML", Format::nmrml},
        {kMs / "mzml" / "tiny.pwiz.1.1.mzML", Format::mzml},
        {kMs / "mzxml" / "pyteomics_lcqdeca.mzXML", Format::mzxml},
    };
}

// True when `error` names `path` (the file itself or a file inside the instrument folder).
bool names(const InputError& error, const fs::path& path) {
    const auto inside = error.path().lexically_relative(path);
    return error.path() == path || (!inside.empty() && *inside.begin() != "..");
}

const std::vector<Format> kNmrFormats = {Format::bruker_fid, Format::bruker_1r, Format::jcamp_dx,
                                         Format::varian,     Format::jeol,      Format::nmrml};
const std::vector<Format> kMsFormats = {Format::mzml, Format::mzxml, Format::mzmlb, Format::andi_netcdf};

TEST(TypedReaders, NmrReadAsItsDetectedFormatEqualsTheDetectingForm) {
    for (const auto& s : samples()) {
        if (io::format_kind(s.format) != DataKind::nmr) continue;
        SCOPED_TRACE(s.path.string());
        ASSERT_EQ(io::detect_format(s.path), s.format);
        const NmrData typed = io::read_nmr(s.path, s.format);
        const NmrData detected = io::read_nmr(s.path);
        EXPECT_EQ(typed.meta.format, detected.meta.format);
        EXPECT_EQ(typed.fids.size(), detected.fids.size());
        EXPECT_EQ(typed.processed.has_value(), detected.processed.has_value());
    }
}

TEST(TypedReaders, TheGivenFormatIsUsedNotDetectedAgain) {
    // A JCAMP-DX file passed as mzML is refused as LC-MS data by read_nmr: the reader took the
    // caller's word (detecting again would have read it as JCAMP-DX).
    const fs::path jcamp = kNmr / "jcamp" / "aspirin-1h.dx";
    ASSERT_EQ(io::detect_format(jcamp), Format::jcamp_dx);
    try {
        (void)io::read_nmr(jcamp, Format::mzml);
        FAIL() << "read as NMR although the given format is mzML";
    } catch (const InputError& e) {
        EXPECT_EQ(e.path(), jcamp);
        EXPECT_EQ(e.problem(), "is an mzML file (LC-MS data), not NMR") << e.what();
    }
    // An mzML passed as JCAMP-DX is refused by open_ms for the same reason.
    const fs::path mzml = kMs / "mzml" / "tiny.pwiz.1.1.mzML";
    try {
        (void)io::open_ms(mzml, Format::jcamp_dx);
        FAIL() << "opened as LC-MS although the given format is JCAMP-DX";
    } catch (const InputError& e) {
        EXPECT_EQ(e.path(), mzml);
        EXPECT_EQ(e.problem(), "is a JCAMP-DX file (NMR data), not an LC-MS run") << e.what();
    }
}

TEST(TypedReaders, EveryFormatHasItsOwnDescriptionInWords) {
    // The words a reader's wrong-kind error uses: one per format, each with its article, none
    // shared (a user must be able to tell from the message which format the file was taken for).
    const Format all[] = {Format::bruker_fid, Format::bruker_1r, Format::jcamp_dx, Format::varian,
                          Format::jeol,       Format::nmrml,     Format::mzml,     Format::mzxml,
                          Format::mzmlb,      Format::andi_netcdf, Format::sample_sheet, Format::unknown};
    std::vector<std::string> seen;
    for (const auto f : all) {
        const std::string d(io::format_description(f));
        EXPECT_TRUE(d.starts_with("a ") || d.starts_with("an ")) << d;
        for (const auto& other : seen) EXPECT_NE(d, other);
        seen.push_back(d);
    }
}

TEST(TypedReaders, NmrContentThatIsNotTheGivenFormatFailsNamingTheFile) {
    for (const auto& s : samples()) {
        for (const Format f : kNmrFormats) {
            if (f == s.format || (f == Format::bruker_fid && s.format == Format::bruker_1r) ||
                (f == Format::bruker_1r && s.format == Format::bruker_fid)) {
                continue;  // the Bruker reader reads both kinds of Bruker folder
            }
            SCOPED_TRACE(s.path.string() + " read as " + testing::PrintToString(f));
            try {
                (void)io::read_nmr(s.path, f);
                ADD_FAILURE() << "read without error";
            } catch (const InputError& e) {
                EXPECT_TRUE(names(e, s.path)) << e.what();
            } catch (const std::exception& e) {
                ADD_FAILURE() << "not an InputError: " << e.what();
            }
        }
    }
}

TEST(TypedReaders, MsContentThatIsNotTheGivenFormatFailsNamingTheFile) {
    for (const auto& s : samples()) {
        for (const Format f : kMsFormats) {
            if (f == s.format) continue;
            SCOPED_TRACE(s.path.string() + " read as " + testing::PrintToString(f));
            try {
                const MsRun run = io::read_ms(s.path, f);
                ADD_FAILURE() << "read without error: " << run.spectra.size() << " spectra";
            } catch (const InputError& e) {
                EXPECT_TRUE(names(e, s.path)) << e.what();
            } catch (const std::exception& e) {
                ADD_FAILURE() << "not an InputError: " << e.what();
            }
        }
    }
}

TEST(TypedReaders, MsFormsGivenTheFormatReadTheSameRun) {
    for (const auto& s : samples()) {
        if (io::format_kind(s.format) != DataKind::lcms) continue;
        SCOPED_TRACE(s.path.string());
        const MsRun detected = io::read_ms(s.path);
        const MsRun typed = io::read_ms(s.path, s.format);
        ASSERT_EQ(typed.spectra.size(), detected.spectra.size());
        EXPECT_EQ(io::ms_stats(s.path, s.format).spectra, detected.spectra.size());
        std::size_t streamed = 0;
        io::for_each_spectrum(s.path, s.format, 2, {}, [&streamed](MsSpectrum&&) { ++streamed; });
        EXPECT_EQ(streamed, detected.spectra.size());
    }
}

TEST(TypedReaders, FileReplacedAfterDetectionFailsNamingIt) {
    // Detected as mzML, then overwritten with JCAMP-DX before it is read.
    const fs::path path = test::scratch_dir() / "run.mzML";
    fs::copy_file(kMs / "mzml" / "tiny.pwiz.1.1.mzML", path);
    const Format format = io::detect_format(path);
    ASSERT_EQ(format, Format::mzml);
    std::ofstream(path, std::ios::trunc) << "##TITLE=aspirin\n##JCAMP-DX=5.01\n##END=\n";
    EXPECT_THROW(
        {
            try {
                (void)io::read_ms(path, format);
            } catch (const InputError& e) {
                EXPECT_EQ(e.path(), path);
                throw;
            }
        },
        InputError);
    // Emptied after detection: the problem is said as such.
    std::ofstream(path, std::ios::trunc).flush();
    try {
        (void)io::open_ms(path, format);
        FAIL() << "an empty file opened";
    } catch (const InputError& e) {
        EXPECT_EQ(e.path(), path);
        EXPECT_NE(e.problem().find("empty"), std::string::npos) << e.what();
    }
}

}  // namespace
}  // namespace sidepeak
