// The `sidepeak` command line: thin wiring over the library (docs/user-guide.md).
// Exit status: 0 analysed; 1 bad usage (checked before any analysis); 2 some inputs could not be
// read; 3 no report could be written.
#include <csignal>
#include <iostream>

#include <CLI/CLI.hpp>

#include "commands.hpp"
#include "sidepeak/core/error.hpp"
#include "sidepeak/core/text.hpp"
#include "sidepeak/pipeline/parameters.hpp"
#include "sidepeak/version.hpp"

int main(int argc, char** argv) {
    using namespace sidepeak::app;
    CLI::App app{"sidepeak: find by-products in amine synthesis from NMR and LC-MS data"};
    app.require_subcommand(1);
    app.set_version_flag("--version", sidepeak::version());
    app.footer(
        "Exit status: 0 analysed (whether or not by-products were found); 1 bad usage (including an unusable\n"
        "--out, a missing --config or sample sheet: checked before any analysis); 2 some inputs could not be\n"
        "read (the report lists them); 3 no report could be written (disk full, I/O error).");

    AnalyzeArgs analyze;
    auto* a = app.add_subcommand("analyze", "analyse samples and write the report");
    a->add_option("paths", analyze.paths, "sample paths: an instrument file, a Bruker folder or a folder per sample");
    a->add_option("--batch", analyze.batch, "every entry of this folder is a sample");
    a->add_option("--samples", analyze.sheet, "sample sheet CSV: sample,path,product,reagent");
    a->add_option("--product", analyze.product, "intended product formula, e.g. C12H18N2");
    a->add_option("--reagent", analyze.reagent, "alkylating reagent name (benzyl, methyl, ...) or increment formula");
    a->add_option("--out", analyze.out, "output folder")->default_val("sidepeak-report");
    a->add_option("--jobs", analyze.jobs, "worker threads (0 = one per core this process may use; more than the cores only when asked, never more than the samples)")->default_val(0);
    a->add_option("--config", analyze.config, "processing options (JSON)");
    a->add_option("--format", analyze.formats, "report formats: html,json,csv,h5")->default_val("html,json,csv");
    a->add_flag("--quiet", analyze.quiet, "no progress lines");
    a->add_flag("--resume", analyze.resume,
                "reuse the results in --out of samples whose input files (by content), tool version, parameters and "
                "context are unchanged; analyse the rest");

    MergeArgs merge;
    auto* m = app.add_subcommand("merge", "one batch report from per-sample results made elsewhere (analyze --out folders)");
    m->add_option("out", merge.out, "output folder")->required();
    m->add_option("dirs", merge.dirs, "analyze --out folders (or folders of samples/*.json results)")->required();
    m->add_option("--format", merge.formats, "report formats: html,json,csv,h5")->default_val("html,json,csv");
    m->add_flag("--quiet", merge.quiet, "no summary line");

    InfoArgs info;
    auto* i = app.add_subcommand("info", "format, instrument metadata and dimensions of one input");
    i->add_option("path", info.path, "instrument file or folder")->required();
    i->add_flag("--json", info.json, "machine-readable output");

    ProcessArgs process;
    auto* p = app.add_subcommand("process", "processed spectrum and peaks (NMR) or features (LC-MS) of one input");
    p->add_option("path", process.path, "instrument file or folder")->required();
    p->add_option("--out", process.out, "output file: .json, .csv or .h5 (default: JSON on stdout)");
    p->add_flag("--spectrum", process.spectrum, "include the processed spectrum (ppm, intensity)");
    p->add_option("--config", process.config, "processing options (JSON)");
    p->add_option("--jobs", process.jobs, "threads decoding an LC-MS run (0 = one per core this process may use; the output is the same whatever the count)")->default_val(0);
    p->add_flag("--vendor-processed", process.vendor_processed, "Bruker: use the vendor's pdata 1r instead of the fid");

    bool config_defaults = false, config_markdown = false;
    auto* c = app.add_subcommand("config", "the analysis parameters: every key with its default, unit and range");
    auto* defaults_flag = c->add_flag("--defaults", config_defaults, "a complete --config file with every default, one comment per parameter");
    c->add_flag("--markdown", config_markdown, "the parameter table of the user guide")->excludes(defaults_flag);

    app.add_subcommand("version", "print the version")->callback([] { std::cout << "sidepeak " << sidepeak::version() << "\n"; });

    // A file-size limit (ulimit -f) makes writes fail with EFBIG instead of killing the process, so a
    // "full disk" of that kind ends with the message and exit status 3 like any other write failure.
    std::signal(SIGXFSZ, SIG_IGN);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e) == 0 ? 0 : 1;
    }
    try {
        if (a->parsed()) return run_analyze(analyze);
        if (i->parsed()) return run_info(info);
        if (p->parsed()) return run_process(process);
        if (m->parsed()) return run_merge(merge);
        if (c->parsed()) {
            std::cout << (config_markdown ? sidepeak::pipeline::parameters_markdown() : sidepeak::pipeline::default_config_text());
            return 0;
        }
    } catch (const sidepeak::UsageError& e) {
        std::cerr << "sidepeak: " << sidepeak::terminal_text(e.what()) << "\n";
        return 1;
    } catch (const sidepeak::OutputError& e) {
        std::cerr << "sidepeak: " << sidepeak::terminal_text(e.what()) << "\n";
        return 3;
    } catch (const sidepeak::InputError& e) {
        std::cerr << "sidepeak: " << sidepeak::terminal_text(e.what()) << "\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "sidepeak: " << sidepeak::terminal_text(e.what()) << "\n";
        return 2;
    }
    return 0;
}
