// Accuracy of the by-product classifier on the labelled generated set
// (spectra_samples/generated, written by tools/generator): per class precision and recall must be
// at least 0.95, and no trap sample may have a class flagged that its truth says is absent.
//
// Environment:
//   SIDEPEAK_ACCURACY_SET=DIR      evaluate another set (e.g. one generated with another --seed)
//   SIDEPEAK_ACCURACY_REPORT=FILE  also write the confusion tables as markdown (docs/accuracy-generated.md)
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "sidepeak/pipeline/analyze.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
using sidepeak::classify::ByproductClass;
using sidepeak::classify::class_name;
using sidepeak::classify::kAllClasses;

namespace {

constexpr double kMinPrecision = 0.95;
constexpr double kMinRecall = 0.95;

struct Outcome {
    std::string id;
    std::string scenario;
    std::vector<std::string> traps;
    std::map<std::string, bool> truth;
    std::map<std::string, bool> detected;
    std::map<std::string, double> confidence;
    std::vector<std::string> input_errors;
    std::string failure;  ///< analysis threw
};

struct Counts {
    int tp = 0, fp = 0, fn = 0, tn = 0;
    [[nodiscard]] double precision() const { return tp + fp == 0 ? 1.0 : static_cast<double>(tp) / (tp + fp); }
    [[nodiscard]] double recall() const { return tp + fn == 0 ? 1.0 : static_cast<double>(tp) / (tp + fn); }
};

fs::path set_dir() {
    if (const char* env = std::getenv("SIDEPEAK_ACCURACY_SET"); env != nullptr && *env != '\0') return env;
    return sidepeak::test::generated_samples();
}

std::vector<Outcome> evaluate(const fs::path& dir) {
    std::vector<fs::path> folders;
    if (fs::is_directory(dir)) {
        for (const auto& e : fs::directory_iterator(dir)) {
            if (e.is_directory() && fs::exists(e.path() / "truth.json")) folders.push_back(e.path());
        }
    }
    std::sort(folders.begin(), folders.end());
    std::vector<Outcome> out;
    for (const auto& folder : folders) {
        std::ifstream in(folder / "truth.json");
        const auto j = nlohmann::json::parse(in);
        Outcome o;
        o.id = j.at("id").get<std::string>();
        o.traps = j.value("traps", std::vector<std::string>{});
        o.scenario = o.id;
        for (const auto c : kAllClasses) o.truth[std::string(class_name(c))] = j.at("truth").at(std::string(class_name(c))).get<bool>();
        sidepeak::classify::SampleContext ctx;
        ctx.product = j.at("context").value("product", "");
        ctx.reagent = j.at("context").value("reagent", "");
        try {
            const auto r = sidepeak::pipeline::analyze_sample(o.id, folder, ctx);
            for (const auto& in_rec : r.inputs) {
                if (!in_rec.ok) o.input_errors.push_back(in_rec.path.filename().string() + ": " + in_rec.error);
            }
            for (const auto& f : r.findings) {
                o.detected[std::string(class_name(f.cls))] = f.detected;
                o.confidence[std::string(class_name(f.cls))] = f.confidence;
            }
        } catch (const std::exception& e) {
            o.failure = e.what();
        }
        out.push_back(std::move(o));
    }
    return out;
}

const std::vector<Outcome>& outcomes() {
    static const std::vector<Outcome> cached = evaluate(set_dir());
    return cached;
}

std::map<std::string, Counts> confusion(const std::vector<Outcome>& all) {
    std::map<std::string, Counts> m;
    for (const auto& o : all) {
        for (const auto c : kAllClasses) {
            const std::string n(class_name(c));
            const bool t = o.truth.at(n);
            const bool d = o.detected.count(n) != 0 && o.detected.at(n);
            auto& k = m[n];
            if (t && d) ++k.tp;
            else if (!t && d) ++k.fp;
            else if (t && !d) ++k.fn;
            else ++k.tn;
        }
    }
    return m;
}

// Trap samples where a class the truth says is absent was flagged.
std::vector<std::string> flagged_traps(const std::vector<Outcome>& all) {
    std::vector<std::string> v;
    for (const auto& o : all) {
        if (o.traps.empty()) continue;
        for (const auto& [cls, t] : o.truth) {
            if (!t && o.detected.count(cls) != 0 && o.detected.at(cls)) {
                std::string traps;
                for (const auto& tr : o.traps) traps += (traps.empty() ? "" : ", ") + tr;
                v.push_back(fmt::format("{}: {} flagged (traps: {})", o.id, cls, traps));
            }
        }
    }
    return v;
}

std::string markdown(const std::vector<Outcome>& all, const fs::path& dir) {
    std::ostringstream md;
    const auto m = confusion(all);
    md << "# Classifier accuracy on the generated labelled set\n\n";
    md << "Set: `" << dir.lexically_proximate(sidepeak::test::source_dir()).generic_string() << "` (" << all.size()
       << " samples; see docs/generated-samples.md for what they contain). Written by "
          "`tools/accuracy_report.sh`; the same numbers are asserted by the ctest "
          "`Accuracy.*` tests (tests/golden/accuracy_test.cpp): per class precision >= "
       << kMinPrecision << " and recall >= " << kMinRecall << ", and no class flagged on a trap sample that its truth "
       << "says is absent.\n\n";
    md << "## Confusion per class\n\n| class | TP | FP | FN | TN | precision | recall | pass |\n|---|---|---|---|---|---|---|---|\n";
    for (const auto c : kAllClasses) {
        const std::string n(class_name(c));
        const auto& k = m.at(n);
        const bool pass = k.precision() >= kMinPrecision && k.recall() >= kMinRecall;
        md << fmt::format("| {} | {} | {} | {} | {} | {:.3f} | {:.3f} | {} |\n", n, k.tp, k.fp, k.fn, k.tn,
                          k.precision(), k.recall(), pass ? "yes" : "**no**");
    }
    const auto traps = flagged_traps(all);
    md << "\n## Traps\n\n";
    int trap_samples = 0;
    for (const auto& o : all) trap_samples += o.traps.empty() ? 0 : 1;
    md << trap_samples << " samples carry traps; " << traps.size() << " trap flags.\n\n";
    for (const auto& t : traps) md << "- " << t << "\n";
    md << "\n## Per sample\n\nT = truth, D = detected (o oligomer, a over-alkylation, n N-oxide, h Hofmann); "
          "mismatches in bold.\n\n| sample | truth | detected | traps | input errors |\n|---|---|---|---|---|\n";
    for (const auto& o : all) {
        std::string t, d;
        bool mismatch = false;
        const char letters[] = {'o', 'a', 'n', 'h'};
        std::size_t i = 0;
        for (const auto c : kAllClasses) {
            const std::string n(class_name(c));
            const bool tv = o.truth.at(n);
            const bool dv = o.detected.count(n) != 0 && o.detected.at(n);
            t += tv ? letters[i] : '-';
            d += dv ? letters[i] : '-';
            mismatch = mismatch || tv != dv;
            ++i;
        }
        std::string trap_list, errors = o.failure;
        for (const auto& tr : o.traps) trap_list += (trap_list.empty() ? "" : ", ") + tr;
        for (const auto& e : o.input_errors) errors += (errors.empty() ? "" : "; ") + e;
        md << fmt::format("| {} | `{}` | {}`{}`{} | {} | {} |\n", o.id, t, mismatch ? "**" : "", d, mismatch ? "**" : "",
                          trap_list, errors);
    }
    md << "\n## Reproduce\n\n```sh\n"
          "cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release\n"
          "cmake --build build --target sidepeak-generate test_golden_accuracy_test\n"
          "# the committed set is seed 1; regenerate it, or make a held-out set with another seed\n"
          "build/tools/sidepeak-generate --out spectra_samples/generated --seed 1\n"
          "ctest --test-dir build -R Accuracy --output-on-failure\n"
          "tools/accuracy_report.sh build            # rewrites this page\n"
          "tools/accuracy_report.sh build 7 /tmp/heldout   # a held-out set (seed 7), report on stdout\n"
          "```\n";
    return md.str();
}

void print_table(const std::vector<Outcome>& all) {
    const auto m = confusion(all);
    std::string s = fmt::format("{:<16} {:>4} {:>4} {:>4} {:>4} {:>9} {:>7}\n", "class", "TP", "FP", "FN", "TN",
                                "precision", "recall");
    for (const auto c : kAllClasses) {
        const auto& k = m.at(std::string(class_name(c)));
        s += fmt::format("{:<16} {:>4} {:>4} {:>4} {:>4} {:>9.3f} {:>7.3f}\n", class_name(c), k.tp, k.fp, k.fn, k.tn,
                         k.precision(), k.recall());
    }
    std::cout << s;
}

}  // namespace

TEST(Accuracy, SetCoversEveryClassAndTrap) {
    const auto& all = outcomes();
    ASSERT_GE(all.size(), 40u) << "labelled set missing or incomplete at " << set_dir()
                               << " (run tools/generator: sidepeak-generate --out spectra_samples/generated)";
    for (const auto c : kAllClasses) {
        const std::string n(class_name(c));
        int pos = 0, neg = 0;
        for (const auto& o : all) (o.truth.at(n) ? pos : neg) += 1;
        EXPECT_GE(pos, 5) << n;
        EXPECT_GE(neg, 5) << n;
    }
    std::map<std::string, int> traps;
    for (const auto& o : all) {
        for (const auto& t : o.traps) ++traps[t];
    }
    for (const char* t : {"ch2cl2_singlet", "water", "fluorophenoxy_aromatic", "thienyl_aromatic", "rolling_baseline",
                          "adducts_na_k_nh4_2h", "isotopes_81Br", "peg_ladder", "siloxane_ladder", "c_hydroxylation",
                          "hofmann_isobar"}) {
        EXPECT_GT(traps[t], 0) << "trap not covered: " << t;
    }
}

TEST(Accuracy, EverySampleIsRead) {
    for (const auto& o : outcomes()) {
        EXPECT_TRUE(o.failure.empty()) << o.id << ": " << o.failure;
        for (const auto& e : o.input_errors) ADD_FAILURE() << o.id << ": " << e;
        EXPECT_EQ(o.detected.size(), kAllClasses.size()) << o.id << ": one finding per class expected";
    }
}

TEST(Accuracy, PerClassPrecisionAndRecall) {
    const auto& all = outcomes();
    ASSERT_FALSE(all.empty());
    print_table(all);
    if (const char* report = std::getenv("SIDEPEAK_ACCURACY_REPORT"); report != nullptr && *report != '\0') {
        std::ofstream(report) << markdown(all, set_dir());
    }
    const auto m = confusion(all);
    for (const auto c : kAllClasses) {
        const std::string n(class_name(c));
        const auto& k = m.at(n);
        EXPECT_GE(k.precision(), kMinPrecision) << n << ": TP " << k.tp << " FP " << k.fp;
        EXPECT_GE(k.recall(), kMinRecall) << n << ": TP " << k.tp << " FN " << k.fn;
        for (const auto& o : all) {
            const bool d = o.detected.count(n) != 0 && o.detected.at(n);
            if (d != o.truth.at(n)) {
                std::cout << fmt::format("  {} {}: truth {} detected {} (confidence {:.2f})\n", o.id, n, o.truth.at(n), d,
                                         o.confidence.count(n) ? o.confidence.at(n) : 0.0);
            }
        }
    }
}

TEST(Accuracy, NoTrapFlagged) {
    const auto flagged = flagged_traps(outcomes());
    for (const auto& f : flagged) ADD_FAILURE() << f;
}
