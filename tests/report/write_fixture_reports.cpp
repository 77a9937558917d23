// Writes report fixtures for the browser tests: OUT/small (three samples, one with a hostile id)
// and OUT/large (200 samples) as HTML and JSON.
#include <iostream>

#include "report_fixture.hpp"
#include "sidepeak/report/write_reports.hpp"

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: write_fixture_reports OUT\n";
        return 1;
    }
    const std::filesystem::path out = argv[1];
    sidepeak::report::BatchResult small;
    small.samples.push_back(sidepeak::test::make_sample("S-001", 65536));
    small.samples.push_back(sidepeak::test::make_sample("<script>alert(1)</script>", 8192));
    small.samples.push_back(sidepeak::test::make_sample("S-003", 131072));
    sidepeak::report::write_reports(out / "small", small, {"html", "json"});
    sidepeak::report::BatchResult large;
    for (int i = 0; i < 200; ++i) {
        large.samples.push_back(sidepeak::test::make_sample("batch-sample-" + std::to_string(i), 16384));
    }
    sidepeak::report::write_reports(out / "large", large, {"html"});
    return 0;
}
