// Per-sample results and the batch report built from them: the same report.json, summary.csv,
// index and sample pages as the report written straight from the analysis.
#include <fstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "sidepeak/core/error.hpp"
#include "sidepeak/core/file_io.hpp"
#include "sidepeak/pipeline/batch.hpp"
#include "sidepeak/pipeline/batch_report.hpp"
#include "sample_record.hpp"  // input_digests, parameters_json: private to the pipeline
#include "sidepeak/pipeline/sample_store.hpp"
#include "sidepeak/report/write_reports.hpp"
#include "test_support.hpp"

namespace sidepeak {
namespace {
namespace fs = std::filesystem;
using nlohmann::json;

pipeline::SampleKey key(const json& j) { return {j.dump()}; }

TEST(SampleStore, ReportBuiltFromStoredResultsEqualsTheDirectReport) {
    const fs::path root = test::scratch_dir();
    std::vector<pipeline::SampleSpec> specs;
    for (const char* name : {"01_clean", "08_oligomer", "21_noxide_lcms", "25_hofmann", "50_trap_everything"}) {
        specs.push_back({name, test::generated_samples() / name, "", ""});
    }
    specs.push_back({"missing", root / "no-such-sample", "", ""});
    specs.push_back({"bad row", root / "sheet.csv", "", "", "sample sheet line 3: the path column is empty"});
    const auto batch = pipeline::analyze_batch(specs, "C12H18N2", "benzyl", {}, 2);
    const std::set<std::string> formats{"html", "json", "csv"};
    report::write_reports(root / "direct", batch, formats);

    const pipeline::SampleStore store(root / "store");
    pipeline::StoredBatch stored;
    stored.parameters = pipeline::parameters_json(batch).dump();
    for (const auto& s : batch.samples) stored.samples.push_back(store.save(s, key(json{{"k", s.id}}), formats));
    pipeline::write_stored_reports(root / "stored", stored, formats);

    for (const char* f : {"report.json", "summary.csv", "report.html"}) {  // byte for byte
        EXPECT_EQ(read_file_text(root / "stored" / f), read_file_text(root / "direct" / f)) << f;
    }
    for (const auto& e : fs::directory_iterator(root / "direct" / "samples")) {
        EXPECT_EQ(read_file_text(root / "stored" / "samples" / e.path().filename()), read_file_text(e.path()));
    }
    // A stored result is found again only for the same key and with the parts asked for.
    EXPECT_TRUE(store.find("08_oligomer", key(json{{"k", "08_oligomer"}}), formats));
    EXPECT_FALSE(store.find("08_oligomer", key(json{{"k", "other"}}), formats));
    EXPECT_FALSE(store.find("08_oligomer", key(json{{"k", "08_oligomer"}}), {"h5"}));
}

// What a killed run can leave: a temporary file (removed when the store is opened again) and,
// from older or foreign writers, a truncated or foreign record (not reused: the sample is redone).
TEST(SampleStore, LeftoversAndDamagedRecordsAreNeverReused) {
    const fs::path root = test::scratch_dir();
    report::SampleResult s;
    s.id = "S1";
    s.findings = pipeline::analyze_batch({{"S1", root / "none", "", ""}}, "", "", {}, 1).samples[0].findings;
    const std::set<std::string> formats{"json"};
    {
        const pipeline::SampleStore store(root / "store");
        store.save(s, key(json{{"k", 1}}), formats);
        ASSERT_TRUE(store.find("S1", key(json{{"k", 1}}), formats));
    }
    std::ofstream(root / "store" / ".S1.json.tmp-0001") << "{\"schema\":";
    const pipeline::SampleStore reopened(root / "store");
    EXPECT_FALSE(fs::exists(root / "store" / ".S1.json.tmp-0001"));
    const std::string whole = read_file_text(root / "store" / "S1.json");
    std::ofstream(root / "store" / "S1.json", std::ios::trunc) << whole.substr(0, whole.size() / 2);
    EXPECT_FALSE(reopened.find("S1", key(json{{"k", 1}}), formats));
    std::ofstream(root / "store" / "S1.json", std::ios::trunc) << R"({"schema": "sidepeak.sample/1", "key": {"k": 1}})";
    EXPECT_FALSE(reopened.find("S1", key(json{{"k", 1}}), formats));
    EXPECT_THROW(pipeline::load_stored_sample(root / "store" / "S1.json"), Error);
}

TEST(SampleStore, NamesAreSafeAndDistinct) {
    EXPECT_EQ(pipeline::SampleStore::name_for("S-01_a.b"), "S-01_a.b");
    const std::string a = pipeline::SampleStore::name_for("a b"), b = pipeline::SampleStore::name_for("a_b");
    EXPECT_NE(a, b);
    EXPECT_EQ(a.find_first_of(" /"), std::string::npos);
    EXPECT_EQ(pipeline::SampleStore::name_for("../x").find('/'), std::string::npos);
    EXPECT_NE(pipeline::SampleStore::name_for("..")[0], '.');
}

TEST(SampleStore, InputDigestsFollowContent) {
    const fs::path root = test::scratch_dir();
    fs::create_directories(root / "s" / "sub");
    std::ofstream(root / "s" / "fid") << "abc";
    std::ofstream(root / "s" / "sub" / "acqus") << "";
    const json d = pipeline::input_digests(root / "s");
    ASSERT_EQ(d.size(), 2u);
    EXPECT_EQ(d[0]["file"], "fid");
    EXPECT_EQ(d[0]["sha256"], "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_EQ(d[1]["file"], "sub/acqus");
    EXPECT_EQ(d[1]["sha256"], "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    const json f = pipeline::input_digests(root / "s" / "fid");
    ASSERT_EQ(f.size(), 1u);
    EXPECT_EQ(f[0]["file"], "");
    EXPECT_TRUE(pipeline::input_digests(root / "none")[0].contains("error"));
}

}  // namespace
}  // namespace sidepeak
