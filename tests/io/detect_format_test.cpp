// io::detect_format on every file and folder of spectra_samples/real: each instrument file and
// folder is recognised as its format by content, and the text files next to them (MassBank
// records, manifests) are unknown. A file added to the set must be added to the table here.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <set>
#include <string>

#include "sidepeak/io/format.hpp"
#include "data_format_print.hpp"
#include "test_support.hpp"

namespace {
namespace fs = std::filesystem;
using sidepeak::io::Format;
using sidepeak::io::detect_format;

// The format of every regular file in a folder of the real set, by folder (relative to
// spectra_samples/real). Text files (.md, .txt) are checked separately: always unknown.
const std::map<std::string, Format>& file_formats() {
    static const std::map<std::string, Format> formats = {
        {"nmr/jcamp", Format::jcamp_dx}, {"nmr/jeol", Format::jeol},  {"nmr/nmrml", Format::nmrml},
        {"ms/mzml", Format::mzml},       {"ms/mzxml", Format::mzxml}, {"ms/jcamp", Format::jcamp_dx},
    };
    return formats;
}

// Instrument folders: vendor folders that hold one experiment (read as a whole, never file by file).
Format folder_format(const fs::path& relative) {
    const std::string parent = relative.parent_path().parent_path().generic_string();
    if (parent == "nmr/bruker") return Format::bruker_fid;                       // nmr/bruker/<name>/<expno>
    if (relative.parent_path().generic_string() == "nmr/varian") return Format::varian;  // nmr/varian/<name>.fid
    return Format::unknown;
}

bool is_text(const fs::path& p) { return p.extension() == ".md" || p.extension() == ".txt"; }

TEST(DetectFormat, EveryRealFileAndFolderIsItsFormat) {
    const fs::path root = sidepeak::test::real_samples();
    ASSERT_TRUE(fs::is_directory(root)) << root;
    std::set<Format> seen;
    std::size_t files = 0, folders = 0, texts = 0;
    for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator(); ++it) {
        const fs::path& path = it->path();
        const fs::path relative = fs::relative(path, root);
        const Format got = detect_format(path);
        seen.insert(got);
        if (it->is_directory()) {
            const Format want = folder_format(relative);
            EXPECT_EQ(got, want) << relative;
            if (want != Format::unknown) {
                ++folders;
                it.disable_recursion_pending();  // the folder's parts are not inputs of their own
            }
            continue;
        }
        ++files;
        if (is_text(path)) {
            ++texts;
            EXPECT_EQ(got, Format::unknown) << relative;
            continue;
        }
        const auto want = file_formats().find(relative.parent_path().generic_string());
        ASSERT_NE(want, file_formats().end()) << relative << ": not in this test's table; add its folder";
        EXPECT_EQ(got, want->second) << relative;
    }
    EXPECT_GT(files, 0u);
    EXPECT_GT(folders, 0u);
    EXPECT_GT(texts, 0u);
    for (const Format f : {Format::bruker_fid, Format::jcamp_dx, Format::varian, Format::jeol, Format::nmrml,
                           Format::mzml, Format::mzxml, Format::unknown}) {
        EXPECT_TRUE(seen.count(f)) << testing::PrintToString(f) << " not in the real set";
    }
}

// The processed-data folder of every Bruker experiment that has one (pdata/1 with 1r and procs).
TEST(DetectFormat, BrukerProcessedFoldersAreBruker1r) {
    const fs::path bruker = sidepeak::test::real_samples() / "nmr" / "bruker";
    ASSERT_TRUE(fs::is_directory(bruker)) << bruker;
    std::size_t checked = 0;
    for (const auto& sample : fs::directory_iterator(bruker)) {
        for (const auto& expno : fs::directory_iterator(sample.path())) {
            const fs::path pdata = expno.path() / "pdata" / "1";
            const bool processed = fs::is_regular_file(pdata / "1r") && fs::is_regular_file(pdata / "procs");
            EXPECT_EQ(detect_format(pdata), processed ? Format::bruker_1r : Format::unknown) << pdata;
            checked += processed ? 1 : 0;
        }
    }
    EXPECT_GT(checked, 0u);
}

TEST(DetectFormat, MissingPathIsUnknown) {
    EXPECT_EQ(detect_format("/nonexistent/sidepeak/input"), Format::unknown);
}

}  // namespace
