#include "sidepeak/report/write_reports.hpp"

#include <sstream>

#include "sidepeak/core/error.hpp"
#include "sidepeak/core/file_io.hpp"
#include "sidepeak/report/csv_report.hpp"
#include "sidepeak/report/hdf5_results.hpp"
#include "sidepeak/report/html_report.hpp"
#include "sidepeak/report/json_report.hpp"

namespace sidepeak::report {

std::set<std::string> parse_formats(const std::string& list) {
    std::set<std::string> out;
    std::stringstream in(list);
    std::string item;
    while (std::getline(in, item, ',')) {
        if (item.empty()) continue;
        if (item == "hdf5") item = "h5";
        if (item != "html" && item != "json" && item != "csv" && item != "h5") {
            throw UsageError("unknown report format '" + item + "' (expected html, json, csv, h5)");
        }
        out.insert(item);
    }
    if (out.empty()) throw UsageError("no report format given");
    return out;
}

void write_reports(const std::filesystem::path& dir, const BatchResult& batch, const std::set<std::string>& formats) {
    std::filesystem::create_directories(dir);
    for (const auto& f : formats) {
        if (f == "json") {
            write_file_atomic(dir / "report.json", json_text(report_json(batch), 1) + "\n");
        } else if (f == "csv") {
            write_file_atomic(dir / "summary.csv", summary_csv(batch));
        } else if (f == "html") {
            write_html_report(dir, batch);
        } else if (f == "h5") {
            write_hdf5_results(dir / "results.h5", batch);
        } else {
            throw UsageError("unknown report format '" + f + "'");
        }
    }
}

}  // namespace sidepeak::report
