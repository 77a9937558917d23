#include "netcdf_header.hpp"

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <system_error>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "sidepeak/core/codec.hpp"
#include "sidepeak/core/error.hpp"

namespace sidepeak::io::detail {

namespace {

constexpr std::uint32_t kAbsent = 0x00;
constexpr std::uint32_t kDimensionTag = 0x0A;
constexpr std::uint32_t kVariableTag = 0x0B;
constexpr std::uint32_t kAttributeTag = 0x0C;

// Bytes per value of the external types NC_BYTE (1) .. NC_UINT64 (11); 0 for unknown codes.
std::size_t type_size(std::uint32_t type) {
    static constexpr std::size_t sizes[] = {0, 1, 1, 2, 4, 4, 8, 1, 2, 4, 8, 8};
    return type < std::size(sizes) ? sizes[type] : 0;
}

class HeaderWalker {
public:
    HeaderWalker(const std::vector<std::uint8_t>& head, const std::filesystem::path& path)
        : b_(head), path_(path) {}

    void walk() {
        if (b_.size() < 4 || b_[0] != 'C' || b_[1] != 'D' || b_[2] != 'F') fail("not a netCDF classic file (no CDF magic)");
        const std::uint8_t version = b_[3];
        if (version != 1 && version != 2 && version != 5) fail(fmt::format("unknown netCDF format version {}", version));
        wide_ = version == 5;
        pos_ = 4;
        (void)count("numrecs", 0);  // may be STREAMING (all ones): not a size to check
        const std::uint64_t ndims = list(kDimensionTag, "dimension", wide_ ? 12 : 8);
        for (std::uint64_t i = 0; i < ndims; ++i) {
            name("dimension");
            (void)count("dimension length", 0);
        }
        attributes("global attribute");
        const std::uint64_t nvars = list(kVariableTag, "variable", wide_ ? 40 : 24);
        for (std::uint64_t i = 0; i < nvars; ++i) {
            name("variable");
            const std::uint64_t rank = count("variable rank", wide_ ? 8 : 4);
            for (std::uint64_t d = 0; d < rank; ++d) {
                if (count("dimension id", 0) >= ndims) fail("variable refers to a dimension that does not exist");
            }
            attributes("variable attribute");
            if (type_size(u32("variable type")) == 0) fail("variable of unknown type");
            (void)count("variable size", 0);
            skip(version == 1 ? 4 : 8, "variable offset");
        }
    }

private:
    [[noreturn]] void fail(const std::string& problem) const { throw InputError(path_, "netCDF header: " + problem); }

    void need(std::uint64_t bytes, const char* what) const {
        if (bytes > b_.size() - pos_) fail(fmt::format("{} runs past the end of the header", what));
    }
    void skip(std::uint64_t bytes, const char* what) {
        need(bytes, what);
        pos_ += static_cast<std::size_t>(bytes);
    }
    std::uint32_t u32(const char* what) {
        need(4, what);
        const auto v = load_value<std::uint32_t>(b_.data() + pos_, true);
        pos_ += 4;
        return v;
    }
    // A NON_NEG count (4 bytes, 8 in CDF-5); when `min_bytes` > 0 the items it counts take at
    // least that many bytes each, so the count cannot exceed what is left of the header.
    std::uint64_t count(const char* what, std::size_t min_bytes) {
        std::uint64_t v = 0;
        if (wide_) {
            need(8, what);
            v = load_value<std::uint64_t>(b_.data() + pos_, true);
            pos_ += 8;
        } else {
            v = u32(what);
        }
        if (min_bytes > 0 && v > (b_.size() - pos_) / min_bytes) {
            fail(fmt::format("{} count {} needs more bytes than the file holds", what, v));
        }
        return v;
    }
    std::uint64_t list(std::uint32_t tag, const char* what, std::size_t min_item_bytes) {
        const std::uint32_t t = u32(what);
        const std::uint64_t n = count(what, min_item_bytes);
        if (t == kAbsent && n == 0) return 0;
        if (t != tag) fail(fmt::format("expected the {} list tag, found 0x{:x}", what, t));
        return n;
    }
    void name(const char* what) {
        const std::uint64_t len = count(what, 1);
        skip((len + 3) / 4 * 4, what);
    }
    void attributes(const char* what) {
        const std::uint64_t n = list(kAttributeTag, what, wide_ ? 24 : 12);
        for (std::uint64_t i = 0; i < n; ++i) {
            name(what);
            const std::size_t size = type_size(u32(what));
            if (size == 0) fail(fmt::format("{} of unknown type", what));
            const std::uint64_t values = count("attribute value", size);
            skip((values * size + 3) / 4 * 4, what);
        }
    }

    const std::vector<std::uint8_t>& b_;
    const std::filesystem::path& path_;
    std::size_t pos_ = 0;
    bool wide_ = false;
};

}  // namespace

void check_netcdf_classic_header(const std::filesystem::path& path) {
    constexpr std::size_t kMaxHeaderBytes = std::size_t{64} << 20;
    std::error_code ec;
    const std::uintmax_t size = std::filesystem::file_size(path, ec);
    if (ec) throw InputError(path, "cannot read file size: " + ec.message());
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(path, "cannot open file for reading");
    std::vector<std::uint8_t> head(static_cast<std::size_t>(std::min<std::uintmax_t>(size, kMaxHeaderBytes)));
    in.read(reinterpret_cast<char*>(head.data()), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<std::size_t>(in.gcount()));
    HeaderWalker(head, path).walk();
}

}  // namespace sidepeak::io::detail
