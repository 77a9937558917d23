#pragma once
// The subcommands of the `sidepeak` program. Each returns the process exit status.
#include <string>
#include <vector>

namespace sidepeak::app {

struct AnalyzeArgs {
    std::vector<std::string> paths;
    std::string batch, sheet, product, reagent, out, config, formats;
    unsigned jobs = 0;
    bool quiet = false;
    bool resume = false;
};
struct MergeArgs {
    std::string out, formats;
    std::vector<std::string> dirs;
    bool quiet = false;
};
struct InfoArgs {
    std::string path;
    bool json = false;
};
struct ProcessArgs {
    std::string path, out, config;
    unsigned jobs = 0;  ///< threads reading an LC-MS run (0 = the cores)
    bool spectrum = false;
    bool vendor_processed = false;
};

int run_analyze(const AnalyzeArgs& args);
int run_info(const InfoArgs& args);
int run_process(const ProcessArgs& args);
int run_merge(const MergeArgs& args);

}  // namespace sidepeak::app
