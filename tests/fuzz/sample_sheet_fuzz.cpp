// Fuzz target: the sample-sheet parser (pipeline::parse_sample_sheet): CSV per RFC 4180 with a
// byte-order mark, CRLF/CR/LF line ends, quoted fields holding commas, quotes and line breaks.
// Extra checks: every row is either a sample with a non-empty id and path or carries its error
// (naming the sheet's line, with the sheet as its path); and the good rows, written back as CSV
// with every field quoted, parse to the same samples.
#include <cstdio>
#include <string>
#include <vector>

#include "fuzz_support.hpp"
#include "sidepeak/pipeline/batch.hpp"

namespace {

std::string quoted(const std::string& field) {
    std::string out = "\"";
    for (const char c : field) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

[[noreturn]] void fail(const char* what) {
    std::fprintf(stderr, "sidepeak fuzz: sample_sheet: %s\n", what);
    std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace sidepeak;
    const std::filesystem::path sheet = "/fuzz/sheet.csv";
    return fuzz::run_guarded([&] {
        const auto specs = pipeline::parse_sample_sheet(fuzz::as_text(data, size), sheet);
        std::string again = "sample,path,product,reagent\n";
        std::vector<const pipeline::SampleSpec*> good;
        for (const auto& s : specs) {
            if (!s.error.empty()) {
                if (s.path != sheet) fail("a bad row does not point at the sheet");
                if (s.error.find("line ") == std::string::npos) fail("a bad row's error names no line");
                if (s.id.empty()) fail("a bad row has no id");
                continue;
            }
            if (s.id.empty() || s.path.empty()) fail("a good row with an empty id or path");
            good.push_back(&s);
            again += quoted(s.id) + "," + quoted(s.path.string()) + "," + quoted(s.product) + "," + quoted(s.reagent) + "\n";
        }
        const auto back = pipeline::parse_sample_sheet(again, sheet);
        if (back.size() != good.size()) fail("re-written sheet has another number of rows");
        for (std::size_t i = 0; i < back.size(); ++i) {
            const auto& a = *good[i];
            const auto& b = back[i];
            if (!b.error.empty() || a.id != b.id || a.path != b.path || a.product != b.product || a.reagent != b.reagent) {
                fail("re-written sheet parses to other samples");
            }
        }
    });
}
