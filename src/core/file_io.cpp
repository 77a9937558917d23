#include "sidepeak/core/file_io.hpp"

#include <cctype>
#include <cerrno>
#include <cstring>
#include <cstdio>
#include <fstream>
#include <random>
#include <system_error>

#include <fmt/format.h>

#include "sidepeak/core/error.hpp"

namespace sidepeak {
namespace fs = std::filesystem;

std::string open_failure(int err) {
    if (err == 0) return "cannot open file for reading";
    return std::string("cannot open file for reading: ") + std::string(std::strerror(err));
}

namespace {

std::uintmax_t checked_size(const fs::path& path, std::uintmax_t max_bytes) {
    std::error_code ec;
    const auto status = fs::status(path, ec);
    if (ec || !fs::exists(status)) throw InputError(path, "file not found");
    if (fs::is_directory(status)) throw InputError(path, "is a folder, expected a file");
    const auto size = fs::file_size(path, ec);
    if (ec) throw InputError(path, "cannot read file size: " + ec.message());
    if (size > max_bytes) {
        throw InputError(path, fmt::format("file is {} bytes, above the limit of {} bytes", size, max_bytes));
    }
    return size;
}

template <typename Container>
Container read_all(const fs::path& path, std::uintmax_t max_bytes) {
    const auto size = checked_size(path, max_bytes);
    errno = 0;
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(path, open_failure(errno));
    Container out(static_cast<std::size_t>(size), typename Container::value_type{});
    if (size > 0) {
        in.read(reinterpret_cast<char*>(out.data()), static_cast<std::streamsize>(size));
        if (static_cast<std::uintmax_t>(in.gcount()) != size) {
            throw InputError(path, errno != 0 ? std::string("cannot read: ") + std::string(std::strerror(errno))
                                              : std::string("short read (the file shrank while being read)"));
        }
    }
    return out;
}

}  // namespace

std::vector<std::uint8_t> read_file_bytes(const fs::path& path, std::uintmax_t max_bytes) {
    return read_all<std::vector<std::uint8_t>>(path, max_bytes);
}

std::string read_file_text(const fs::path& path, std::uintmax_t max_bytes) {
    return read_all<std::string>(path, max_bytes);
}

std::string read_file_head(const fs::path& path, std::size_t n) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return {};
    std::string head(n, '\0');
    in.read(head.data(), static_cast<std::streamsize>(n));
    head.resize(static_cast<std::size_t>(in.gcount()));
    return head;
}

void write_file_atomic(const fs::path& path, std::string_view content) {
    const fs::path dir = path.has_parent_path() ? path.parent_path() : fs::path(".");
    std::random_device rd;
    const fs::path tmp = dir / fmt::format(".{}.tmp-{:08x}", path.filename().string(), rd());
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out) throw OutputError(fmt::format("{}: cannot create temporary file", tmp.string()));
        out.write(content.data(), static_cast<std::streamsize>(content.size()));
        out.flush();
        if (!out) {
            std::error_code ignored;
            fs::remove(tmp, ignored);
            throw OutputError(fmt::format("{}: write failed (disk full or I/O error)", path.string()));
        }
    }
    std::error_code ec;
    fs::rename(tmp, path, ec);
    if (ec) {
        std::error_code ignored;
        fs::remove(tmp, ignored);
        throw OutputError(fmt::format("{}: cannot replace file: {}", path.string(), ec.message()));
    }
}

fs::path find_case_insensitive(const fs::path& dir, std::string_view name) {
    std::error_code ec;
    if (fs::exists(dir / name, ec)) return dir / name;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
        const std::string candidate = entry.path().filename().string();
        if (candidate.size() != name.size()) continue;
        bool same = true;
        for (std::size_t i = 0; i < name.size() && same; ++i) {
            same = std::tolower(static_cast<unsigned char>(candidate[i])) ==
                   std::tolower(static_cast<unsigned char>(name[i]));
        }
        if (same) return entry.path();
    }
    return {};
}

}  // namespace sidepeak
