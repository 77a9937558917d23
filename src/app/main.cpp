// The `sidepeak` command line: thin wiring over the library (see docs/user-guide.md).
#include <iostream>

#include <CLI/CLI.hpp>

#include "sidepeak/version.hpp"

int main(int argc, char** argv) {
    CLI::App app{"sidepeak: find by-products in amine synthesis from NMR and LC-MS data"};
    app.require_subcommand(1);
    auto* version = app.add_subcommand("version", "print the version");
    version->callback([] { std::cout << "sidepeak " << sidepeak::version() << "\n"; });
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e) == 0 ? 0 : 1;
    }
    return 0;
}
