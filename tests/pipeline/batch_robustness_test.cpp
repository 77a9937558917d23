// Batches under faults and hostile sheets: worker threads that cannot be created, sample sheets
// from spreadsheets (byte-order mark, CRLF, quoted fields with commas, quotes and line breaks), bad
// rows, and report folders left inside a --batch folder.
#include <algorithm>
#include <atomic>
#include <string>
#include <system_error>

#include <gtest/gtest.h>

#include "sidepeak/core/error.hpp"
#include "sidepeak/core/file_io.hpp"
#include "sidepeak/pipeline/batch.hpp"
#include "data_format_print.hpp"
#include "test_support.hpp"

namespace sidepeak {
namespace {
namespace fs = std::filesystem;

fs::path jcamp_file() { return test::real_samples() / "nmr/jcamp/2-chloroethanol_jcamp-difdup.dx"; }

// Samples that are quick to analyse: a few missing paths (an input error each) and one spectrum.
std::vector<pipeline::SampleSpec> quick_specs(std::size_t n) {
    std::vector<pipeline::SampleSpec> specs;
    for (std::size_t i = 0; i < n; ++i) {
        specs.push_back({std::string("s") + std::to_string(i), i == 0 ? jcamp_file() : fs::path(std::string("/nonexistent/x") + std::to_string(i)), "", ""});
    }
    return specs;
}

void expect_complete(const report::BatchResult& batch, std::size_t n) {
    ASSERT_EQ(batch.samples.size(), n);
    for (std::size_t i = 0; i < n; ++i) {
        EXPECT_EQ(batch.samples[i].id, std::string("s") + std::to_string(i));
        ASSERT_FALSE(batch.samples[i].inputs.empty());
        EXPECT_EQ(batch.samples[i].findings.size(), 4u);
    }
    EXPECT_TRUE(batch.samples[0].inputs[0].ok);
}

TEST(BatchThreads, PlannedWorkersFollowCoresAndSamples) {
    const unsigned cores = pipeline::usable_cores();
    EXPECT_GE(cores, 1u);
    EXPECT_EQ(pipeline::planned_workers(0, 10000), cores);   // default: the cores
    EXPECT_EQ(pipeline::planned_workers(0, 1), 1u);          // never more than the samples
    EXPECT_EQ(pipeline::planned_workers(64, 10000), 64u);    // asked for more than the cores: allowed
    EXPECT_EQ(pipeline::planned_workers(520, 3), 3u);        // ...but bounded by the samples
    EXPECT_EQ(pipeline::planned_workers(5, 0), 1u);
}

// Thread creation fails after two workers (as under RLIMIT_NPROC or a memory limit): the batch
// goes on with those and the calling thread, every sample is analysed, in order.
TEST(BatchThreads, ThreadCreationFailureFallsBackToFewerWorkers) {
    const auto specs = quick_specs(12);
    std::atomic<int> made{0};
    pipeline::BatchThreads threads;
    threads.jobs = 8;
    threads.spawn = [&](std::function<void()> work) {
        if (made++ >= 2) throw std::system_error(std::make_error_code(std::errc::resource_unavailable_try_again));
        return std::jthread(std::move(work));
    };
    const auto batch = pipeline::analyze_batch(specs, "", "", {}, threads);
    expect_complete(batch, specs.size());
    EXPECT_EQ(threads.planned, 8u);
    EXPECT_EQ(threads.started, 3u);
    EXPECT_FALSE(threads.fallback.empty());
}

TEST(BatchThreads, NoThreadAtAllRunsEverythingOnTheCallingThread) {
    const auto specs = quick_specs(6);
    pipeline::BatchThreads threads;
    threads.jobs = 4;
    threads.spawn = [](std::function<void()>) -> std::jthread {
        throw std::system_error(std::make_error_code(std::errc::resource_unavailable_try_again), "thread");
    };
    std::size_t calls = 0;
    const auto batch = pipeline::analyze_batch(specs, "", "", {}, threads,
                                               [&](std::size_t, std::size_t, const report::SampleResult&) { ++calls; });
    expect_complete(batch, specs.size());
    EXPECT_EQ(threads.started, 1u);
    EXPECT_EQ(calls, specs.size());
    EXPECT_NE(threads.fallback.find("thread"), std::string::npos);
}

TEST(BatchThreads, MemoryExhaustionWhileSpawningFallsBackToo) {
    const auto specs = quick_specs(4);
    pipeline::BatchThreads threads;
    threads.jobs = 4;
    threads.spawn = [](std::function<void()>) -> std::jthread { throw std::bad_alloc(); };
    const auto batch = pipeline::analyze_batch(specs, "", "", {}, threads);
    expect_complete(batch, specs.size());
    EXPECT_EQ(threads.started, 1u);
}

TEST(BatchThreads, ManyJobsOnFewSamplesStartOnlyWhatIsNeeded) {
    const auto specs = quick_specs(3);
    std::atomic<int> made{0};
    pipeline::BatchThreads threads;
    threads.jobs = 500;
    threads.spawn = [&](std::function<void()> work) {
        ++made;
        return std::jthread(std::move(work));
    };
    const auto batch = pipeline::analyze_batch(specs, "", "", {}, threads);
    expect_complete(batch, specs.size());
    EXPECT_EQ(made.load(), 2);  // three workers: two threads and the calling one
    EXPECT_EQ(threads.started, 3u);
    EXPECT_TRUE(threads.fallback.empty());
}

std::vector<pipeline::SampleSpec> parse(const std::string& text) {
    return pipeline::parse_sample_sheet(text, "/data/sheet.csv");
}

TEST(SampleSheetRobustness, ByteOrderMarkCrlfAndHeaderCaseAreAccepted) {
    const auto specs = parse("\xEF\xBB\xBFSample , PATH,Product,REAGENT\r\nA,a.dx,C12H18N2,benzyl\r\nB,/abs/b.dx,,\r\n");
    ASSERT_EQ(specs.size(), 2u);
    EXPECT_EQ(specs[0].id, "A");
    EXPECT_EQ(specs[0].path, "/data/a.dx");
    EXPECT_EQ(specs[0].product, "C12H18N2");
    EXPECT_EQ(specs[0].reagent, "benzyl");
    EXPECT_EQ(specs[1].path, "/abs/b.dx");
    EXPECT_TRUE(specs[0].error.empty());
    EXPECT_TRUE(specs[1].error.empty());
    // A lone CR (old Mac line ends) separates rows too; 'id' stands for 'sample'.
    const auto mac = parse("id,path\rA,a\rB,b");
    ASSERT_EQ(mac.size(), 2u);
    EXPECT_EQ(mac[1].id, "B");
}

TEST(SampleSheetRobustness, QuotedFieldsFollowRfc4180) {
    const auto specs = parse(
        "sample,path,product,reagent\n"
        "\"vial 2, batch \"\"7\"\"\",\"dir, with comma/a.dx\",C12H18N2,benzyl\n"
        "\"two\nlines\",\"b.dx\",,\n"
        "\"  kept  \",  trimmed.dx  ,,\n"
        "C,c.dx,\"\",\"\"\n");
    ASSERT_EQ(specs.size(), 4u);
    EXPECT_EQ(specs[0].id, "vial 2, batch \"7\"");
    EXPECT_EQ(specs[0].path, "/data/dir, with comma/a.dx");
    EXPECT_EQ(specs[1].id, "two\nlines");
    EXPECT_EQ(specs[2].id, "  kept  ");          // quoted: verbatim
    EXPECT_EQ(specs[2].path, "/data/trimmed.dx");  // unquoted: blanks trimmed
    EXPECT_EQ(specs[3].product, "");
    for (const auto& s : specs) EXPECT_TRUE(s.error.empty()) << s.error;
}

TEST(SampleSheetRobustness, UnterminatedQuoteNamesTheLineItOpensOn) {
    try {
        (void)parse("sample,path\nA,a.dx\nB,b.dx\n\"C,c.dx\nD,d.dx\n");
        FAIL() << "no error";
    } catch (const InputError& e) {
        EXPECT_EQ(e.path(), "/data/sheet.csv");
        EXPECT_NE(e.problem().find("line 4"), std::string::npos) << e.problem();
        EXPECT_NE(e.problem().find("never closed"), std::string::npos) << e.problem();
    }
}

TEST(SampleSheetRobustness, LineNumbersCountLineBreaksInsideQuotes) {
    const auto specs = parse("sample,path\n\"multi\nline\",a.dx\n,b.dx\n");
    ASSERT_EQ(specs.size(), 2u);
    EXPECT_NE(specs[1].error.find("line 4"), std::string::npos) << specs[1].error;
}

TEST(SampleSheetRobustness, BadRowsBecomeThoseSamplesErrors) {
    const auto specs = parse(
        "sample,path,product\n"
        "good,a.dx,\n"
        ",b.dx,\n"
        "nopath,,\n"
        "extra,c.dx,C6H7N,surplus\n"
        "trailing,d.dx,,,\n");  // empty fields beyond the header are harmless
    ASSERT_EQ(specs.size(), 5u);
    EXPECT_TRUE(specs[0].error.empty());
    EXPECT_EQ(specs[1].id, "line-3");
    EXPECT_NE(specs[1].error.find("line 3"), std::string::npos);
    EXPECT_NE(specs[1].error.find("sample column is empty"), std::string::npos);
    EXPECT_EQ(specs[2].id, "nopath");
    EXPECT_NE(specs[2].error.find("path column is empty"), std::string::npos);
    EXPECT_NE(specs[3].error.find("4 fields, the header has 3"), std::string::npos) << specs[3].error;
    EXPECT_TRUE(specs[4].error.empty()) << specs[4].error;
    for (std::size_t i = 1; i < 4; ++i) EXPECT_EQ(specs[i].path, "/data/sheet.csv");

    // In a batch the bad rows are listed as unreadable inputs of their samples; the good one runs.
    auto run = specs;
    run[0].path = jcamp_file();
    const auto batch = pipeline::analyze_batch(run, "", "", {}, 2);
    ASSERT_EQ(batch.samples.size(), 5u);
    EXPECT_TRUE(batch.samples[0].inputs[0].ok);
    for (std::size_t i = 1; i < 4; ++i) {
        ASSERT_EQ(batch.samples[i].inputs.size(), 1u);
        EXPECT_FALSE(batch.samples[i].inputs[0].ok);
        EXPECT_EQ(batch.samples[i].inputs[0].format, DataFormat::sample_sheet);
        EXPECT_EQ(batch.samples[i].inputs[0].error, specs[i].error);
        EXPECT_EQ(batch.samples[i].findings.size(), 4u);
    }
}

TEST(SampleSheetRobustness, WholeSheetProblemsThrow) {
    EXPECT_THROW((void)parse(""), InputError);
    EXPECT_THROW((void)parse("\xEF\xBB\xBF\r\n# only a comment\r\n"), InputError);
    EXPECT_THROW((void)parse("name,file\nx,y\n"), InputError);
    EXPECT_THROW((void)parse("sample,path,PATH\nx,y,z\n"), InputError);  // which path?
}

TEST(SampleSheetRobustness, NulBytesAndOddBytesDoNotStopTheSheet) {
    const std::string text = std::string("sample,path\nA,a\0b.dx\nB,\xff\xfe.dx\n", 29);
    const auto specs = parse(text);
    ASSERT_EQ(specs.size(), 2u);
    EXPECT_NE(specs[0].error.find("NUL"), std::string::npos);
    EXPECT_TRUE(specs[1].error.empty());
}

// A report folder written into the --batch folder by an earlier run (under any name) is not a
// sample on the next run: it is listed as skipped with the reason.
TEST(BatchFolderRobustness, EarlierReportFolderIsNotASample) {
    const auto dir = test::scratch_dir();
    fs::copy_file(jcamp_file(), dir / "h.dx");
    fs::create_directories(dir / "old-report" / ".sidepeak");
    write_file_atomic(dir / "old-report" / "report.json", "{}");
    std::vector<report::SkippedEntry> skipped;
    const auto specs = pipeline::samples_in_folder(dir, &skipped, dir / "new-report");
    ASSERT_EQ(specs.size(), 1u);
    EXPECT_EQ(specs[0].id, "h");
    ASSERT_EQ(skipped.size(), 1u);
    EXPECT_EQ(skipped[0].path.filename(), "old-report");
    EXPECT_NE(skipped[0].reason.find("report folder"), std::string::npos);
    // Inside a sample folder, too.
    fs::create_directories(dir / "sample" / "report" / ".sidepeak");
    fs::copy_file(jcamp_file(), dir / "sample" / "h.dx");
    fs::copy_file(jcamp_file(), dir / "sample" / "report" / "copy.dx");
    const auto found = pipeline::discover(dir / "sample");
    ASSERT_EQ(found.inputs.size(), 1u);
    ASSERT_EQ(found.skipped.size(), 1u);
    EXPECT_NE(found.skipped[0].reason.find("report folder"), std::string::npos);
}

}  // namespace
}  // namespace sidepeak
