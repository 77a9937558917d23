// Replay driver: feeds files to a fuzz target's LLVMFuzzerTestOneInput without libFuzzer, so the
// seed corpus and the committed crash reproducers run as ordinary tests with any compiler.
//
//   <target>_replay [--name=FILE]... PATH... [--name=] PATH...
// Every regular file under each PATH (recursively, in sorted order) is one input. After
// --name=FILE only files of that name (case-insensitive) are used from the PATHs that follow,
// e.g. --name=fid for Bruker folders; a bare --name= clears the filter.
// Missing paths are skipped with a note (the shared real spectra may be absent). Exits non-zero
// when no input was found; a failing input aborts inside the entry point.
#include <algorithm>
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

namespace fs = std::filesystem;

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

bool wanted(const fs::path& file, const std::vector<std::string>& names) {
    if (names.empty()) return true;
    const auto name = lower(file.filename().string());
    return std::find(names.begin(), names.end(), name) != names.end();
}

std::vector<fs::path> collect(const fs::path& root, const std::vector<std::string>& names) {
    std::vector<fs::path> files;
    std::error_code ec;
    if (fs::is_regular_file(root, ec)) {
        files.push_back(root);
        return files;
    }
    for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
        if (it->is_regular_file(ec) && wanted(it->path(), names)) files.push_back(it->path());
    }
    std::sort(files.begin(), files.end());
    return files;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> names;
    std::vector<std::pair<fs::path, std::vector<std::string>>> roots;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--name=") {
            names.clear();
        } else if (arg.rfind("--name=", 0) == 0) {
            names.push_back(lower(arg.substr(7)));
        } else {
            roots.emplace_back(arg, names);
        }
    }
    std::size_t count = 0;
    for (const auto& [root, filter] : roots) {
        std::error_code ec;
        if (!fs::exists(root, ec)) {
            std::printf("skipped (absent): %s\n", root.c_str());
            continue;
        }
        for (const auto& file : collect(root, filter)) {
            std::ifstream in(file, std::ios::binary);
            const std::vector<char> bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
            std::printf("input: %s (%zu bytes)\n", file.c_str(), bytes.size());
            std::fflush(stdout);
            LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
            ++count;
        }
    }
    std::printf("replayed %zu inputs\n", count);
    return count > 0 ? 0 : 1;
}
