// read_bruker: locates the files of a Bruker 1D dataset and assembles NmrData.
#include <fstream>
#include <string>
#include <system_error>

#include <fmt/format.h>

#include "bruker_binary.hpp"
#include "bruker_meta.hpp"
#include "bruker_processed.hpp"
#include "param_file.hpp"
#include "sidepeak/core/error.hpp"
#include "sidepeak/core/file_io.hpp"
#include "sidepeak/io/nmr_readers.hpp"

namespace sidepeak::io {
namespace fs = std::filesystem;
using detail::ParamFile;

namespace {

bool is_file(const fs::path& p) {
    std::error_code ec;
    return !p.empty() && fs::is_regular_file(p, ec);
}

bool is_dir(const fs::path& p) {
    std::error_code ec;
    return fs::is_directory(p, ec);
}

// Bruker names are lower case, but data copied through case-insensitive file systems may not be.
fs::path find(const fs::path& dir, std::string_view name) {
    if (dir.empty()) return {};
    const auto p = find_case_insensitive(dir, name);
    return is_file(p) ? p : fs::path{};
}

struct BrukerFiles {
    fs::path root;      // the folder named in errors about the dataset as a whole
    fs::path acqus;     // acqus, else acqu; empty when absent
    fs::path fid;
    fs::path procs;     // procs, else proc
    fs::path r1;
    fs::path i1;
    fs::path title;
};

BrukerFiles locate(const fs::path& path, int procno) {
    std::error_code ec;
    if (!fs::exists(path, ec)) throw InputError(path, "not found");
    // A file inside the dataset (fid, acqus, 1r, ...) stands for its folder.
    const fs::path dir = is_dir(path) ? path : path.parent_path();
    BrukerFiles files;
    files.root = path;

    fs::path exp_dir;
    fs::path proc_dir;
    const bool has_acq = !find(dir, "fid").empty() || !find(dir, "acqus").empty() || !find(dir, "acqu").empty();
    const bool has_proc = !find(dir, "1r").empty() || !find(dir, "procs").empty();
    if (has_acq) {
        exp_dir = dir;
        proc_dir = dir / "pdata" / std::to_string(procno);
    } else if (has_proc) {
        proc_dir = dir;
        // pdata/<procno> inside an experiment folder: the acquisition lives two levels up.
        const auto parent = dir.parent_path();
        if (parent.filename() == "pdata") exp_dir = parent.parent_path();
    } else {
        throw InputError(path, fmt::format("not a Bruker dataset: no fid, acqus, or pdata/{}/1r", procno));
    }
    files.fid = find(exp_dir, "fid");
    files.acqus = find(exp_dir, "acqus");
    if (files.acqus.empty()) files.acqus = find(exp_dir, "acqu");
    if (is_dir(proc_dir)) {
        files.procs = find(proc_dir, "procs");
        if (files.procs.empty()) files.procs = find(proc_dir, "proc");
        files.r1 = find(proc_dir, "1r");
        files.i1 = find(proc_dir, "1i");
        files.title = find(proc_dir, "title");
    }
    return files;
}

// The first non-empty line of pdata/<procno>/title (a free-text note written by the user).
std::string read_title(const fs::path& file) {
    if (file.empty()) return {};
    std::ifstream in(file);
    std::string line;
    for (int n = 0; n < 20 && std::getline(in, line); ++n) {
        while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.pop_back();
        const auto start = line.find_first_not_of(" \t");
        if (start != std::string::npos) return line.substr(start, 200);
    }
    return {};
}

}  // namespace

NmrData read_bruker(const fs::path& path, const BrukerOptions& options) {
    if (options.procno < 1 || options.procno > 99999) {
        throw UsageError(fmt::format("Bruker procno {} is outside 1..99999", options.procno));
    }
    const BrukerFiles files = locate(path, options.procno);
    if (!files.fid.empty() && files.acqus.empty()) {
        throw InputError(files.fid, "fid without acqus or acqu parameters beside it");
    }

    std::optional<ParamFile> procs;
    if (!files.procs.empty()) procs = ParamFile::load(files.procs);
    const bool want_processed = options.load_processed || files.fid.empty();
    if (want_processed && !files.r1.empty() && !procs) {
        throw InputError(files.r1, "1r without procs parameters beside it");
    }

    NmrData data;
    if (!files.acqus.empty()) {
        const auto acqus = ParamFile::load(files.acqus);
        data.meta = detail::bruker_meta_from_acqus(acqus, procs ? &*procs : nullptr);
        if (!files.fid.empty()) {
            const auto layout = detail::bruker_fid_layout(acqus);
            const auto aq_mod = acqus.integer("AQ_mod").value_or(3);
            const bool real_only = aq_mod == 0;
            if (!real_only && layout.values % 2 != 0) {
                throw InputError(files.acqus, fmt::format("TD = {} is odd for complex data (AQ_mod {})",
                                                          layout.values, aq_mod));
            }
            data.fids.push_back(detail::bruker_fid_points(detail::read_bruker_values(files.fid, layout, "TD"),
                                                          real_only));
        }
    } else if (procs) {
        data.meta = detail::bruker_meta_from_procs(*procs);
    }
    if (want_processed && !files.r1.empty()) {
        data.processed = detail::read_bruker_processed(files.r1, files.i1, *procs);
    }
    if (data.fids.empty()) {
        if (!data.processed) {
            throw InputError(path, fmt::format("Bruker dataset without fid and without pdata/{}/1r", options.procno));
        }
        data.meta.format = DataFormat::bruker_1r;
    }
    data.meta.title = read_title(files.title);
    return data;
}

}  // namespace sidepeak::io
