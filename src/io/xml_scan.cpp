#include "xml_scan.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cstring>
#include <system_error>
#include <utility>

#include <fmt/format.h>

#include "sidepeak/core/error.hpp"

namespace sidepeak::io::detail {
namespace fs = std::filesystem;

namespace {

bool is_ws(char c) noexcept { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

std::unique_ptr<std::FILE, void (*)(std::FILE*)> open_file(const fs::path& path) {
    return {std::fopen(path.c_str(), "rb"), [](std::FILE* f) {
                if (f) std::fclose(f);
            }};
}

}  // namespace

BlockReader::BlockReader(const fs::path& path, std::size_t block_size) : path_(path), block_size_(block_size) {
    std::error_code ec;
    if (!fs::exists(path, ec)) throw InputError(path, "file not found");
    if (fs::is_directory(path, ec)) throw InputError(path, "is a folder, expected a file");
    file_size_ = fs::file_size(path, ec);
    if (ec) throw InputError(path, "cannot read file size: " + ec.message());
    block_size_ = static_cast<std::size_t>(std::min<std::uint64_t>(block_size_, file_size_ + 1));
    file_.reset(std::fopen(path.c_str(), "rb"));
    if (!file_) throw InputError(path, "cannot open file for reading");
}

BlockReader::BlockReader(const fs::path& name, std::string content)
    : path_(name), file_size_(content.size()), block_size_(0), buf_(std::move(content)) {}

BlockReader BlockReader::reopen() const {
    if (!file_) return BlockReader(path_, buf_);
    return BlockReader(path_, block_size_);
}

bool BlockReader::fill() {
    if (!file_) return false;
    // Drop the consumed prefix once it dominates the buffer, so memory stays bounded.
    if (consumed_ > base_) {
        const auto drop = static_cast<std::size_t>(std::min<std::uint64_t>(consumed_ - base_, buf_.size()));
        if (drop > buf_.size() / 2 || drop >= block_size_) {
            buf_.erase(0, drop);
            base_ += drop;
        }
    }
    const std::size_t old = buf_.size();
    buf_.resize(old + block_size_);
    const std::size_t got = std::fread(buf_.data() + old, 1, block_size_, file_.get());
    buf_.resize(old + got);
    if (got == 0 && std::ferror(file_.get())) throw InputError(path_, "read error");
    return got > 0;
}

std::uint64_t BlockReader::find(std::string_view pattern, std::uint64_t from) {
    if (from < base_) from = base_;
    std::uint64_t search_from = from;
    while (true) {
        const std::uint64_t end = base_ + buf_.size();
        if (search_from < end) {
            const std::string_view hay(buf_.data() + (search_from - base_), end - search_from);
            const auto hit = hay.find(pattern);
            if (hit != std::string_view::npos) return search_from + hit;
            // The pattern may straddle the end of the buffer: resume just before it.
            search_from = end >= pattern.size() ? std::max(search_from, end - pattern.size() + 1) : search_from;
        }
        if (!fill()) return npos;
    }
}

std::size_t BlockReader::ensure(std::uint64_t from, std::size_t n) {
    if (from < base_) throw Error("BlockReader: position already discarded");
    while (base_ + buf_.size() < from + n) {
        if (!fill()) break;
    }
    const std::uint64_t end = base_ + buf_.size();
    return from >= end ? 0 : static_cast<std::size_t>(std::min<std::uint64_t>(n, end - from));
}

char* BlockReader::at(std::uint64_t pos) { return buf_.data() + (pos - base_); }

void BlockReader::seek(std::uint64_t pos) {
    if (pos > file_size_) pos = file_size_;
    if (!file_) {
        consumed_ = pos;
        return;
    }
    if (std::fseek(file_.get(), static_cast<long>(pos), SEEK_SET) != 0) throw InputError(path_, "seek failed");
    buf_.clear();
    base_ = pos;
    consumed_ = pos;
}

std::string read_at(const fs::path& path, std::uint64_t offset, std::size_t n) {
    auto f = open_file(path);
    if (!f) throw InputError(path, "cannot open file for reading");
    if (std::fseek(f.get(), static_cast<long>(offset), SEEK_SET) != 0) return {};
    std::string out(n, '\0');
    out.resize(std::fread(out.data(), 1, n, f.get()));
    return out;
}

std::optional<std::string_view> find_attribute(std::string_view tag, std::string_view name) {
    std::size_t pos = 0;
    while ((pos = tag.find(name, pos)) != std::string_view::npos) {
        const bool starts = pos > 0 && is_ws(tag[pos - 1]);
        std::size_t p = pos + name.size();
        pos = p;
        if (!starts) continue;
        while (p < tag.size() && is_ws(tag[p])) ++p;
        if (p >= tag.size() || tag[p] != '=') continue;
        ++p;
        while (p < tag.size() && is_ws(tag[p])) ++p;
        if (p >= tag.size() || (tag[p] != '"' && tag[p] != '\'')) continue;
        const char quote = tag[p];
        const auto close = tag.find(quote, p + 1);
        if (close == std::string_view::npos) return std::nullopt;
        return tag.substr(p + 1, close - p - 1);
    }
    return std::nullopt;
}

std::string xml_unescape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '&') {
            out += text[i];
            continue;
        }
        const auto semi = text.find(';', i);
        if (semi == std::string_view::npos || semi - i > 10) {
            out += text[i];
            continue;
        }
        const std::string_view ent = text.substr(i + 1, semi - i - 1);
        std::string rep;
        if (ent == "lt") rep = "<";
        else if (ent == "gt") rep = ">";
        else if (ent == "amp") rep = "&";
        else if (ent == "quot") rep = "\"";
        else if (ent == "apos") rep = "'";
        else if (ent.size() > 1 && ent[0] == '#') {
            unsigned code = 0;
            const bool hex = ent[1] == 'x' || ent[1] == 'X';
            const auto digits = ent.substr(hex ? 2 : 1);
            const auto res = std::from_chars(digits.data(), digits.data() + digits.size(), code, hex ? 16 : 10);
            if (res.ec == std::errc{} && res.ptr == digits.data() + digits.size() && code < 0x80 && code > 0) {
                rep = std::string(1, static_cast<char>(code));
            }
        }
        if (rep.empty()) {
            out += text[i];
            continue;
        }
        out += rep;
        i = semi;
    }
    return out;
}

namespace {
std::string_view trim(std::string_view s) noexcept {
    while (!s.empty() && is_ws(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_ws(s.back())) s.remove_suffix(1);
    return s;
}
}  // namespace

std::optional<double> parse_double(std::string_view text) {
    text = trim(text);
    if (!text.empty() && text.front() == '+') text.remove_prefix(1);
    double v = 0;
    const auto res = std::from_chars(text.data(), text.data() + text.size(), v);
    if (res.ec != std::errc{} || res.ptr != text.data() + text.size() || text.empty()) return std::nullopt;
    return v;
}

std::optional<std::int64_t> parse_int(std::string_view text) {
    text = trim(text);
    if (!text.empty() && text.front() == '+') text.remove_prefix(1);
    std::int64_t v = 0;
    const auto res = std::from_chars(text.data(), text.data() + text.size(), v);
    if (res.ec != std::errc{} || res.ptr != text.data() + text.size() || text.empty()) return std::nullopt;
    return v;
}

namespace {
constexpr std::array<std::int8_t, 256> make_table() {
    std::array<std::int8_t, 256> t{};
    for (auto& v : t) v = -1;
    constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (int i = 0; i < 64; ++i) t[static_cast<unsigned char>(alphabet[i])] = static_cast<std::int8_t>(i);
    return t;
}
constexpr auto kTable = make_table();
}  // namespace

void base64_decode_into(std::string_view text, std::vector<std::uint8_t>& out) {
    text = trim(text);
    out.resize(text.size() / 4 * 3 + 3);
    std::uint8_t* dst = out.data();
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t n = text.size();
    std::size_t i = 0;
    // Fast path: whole groups of four valid symbols.
    while (i + 4 <= n) {
        const int a = kTable[s[i]], b = kTable[s[i + 1]], c = kTable[s[i + 2]], d = kTable[s[i + 3]];
        if ((a | b | c | d) < 0) break;
        const std::uint32_t v = (std::uint32_t(a) << 18) | (std::uint32_t(b) << 12) | (std::uint32_t(c) << 6) |
                                std::uint32_t(d);
        dst[0] = static_cast<std::uint8_t>(v >> 16);
        dst[1] = static_cast<std::uint8_t>(v >> 8);
        dst[2] = static_cast<std::uint8_t>(v);
        dst += 3;
        i += 4;
    }
    // Slow path: whitespace inside, padding or an invalid character.
    std::uint32_t acc = 0;
    int bits = 0;
    std::size_t symbols = 0;
    std::size_t padding = 0;
    for (; i < n; ++i) {
        const char ch = text[i];
        if (is_ws(ch)) continue;
        if (ch == '=') {
            ++padding;
            continue;
        }
        if (padding > 0) throw Error("base64: data after padding");
        const int v = kTable[static_cast<unsigned char>(ch)];
        if (v < 0) throw Error(fmt::format("base64: invalid character 0x{:02x}", static_cast<unsigned char>(ch)));
        acc = (acc << 6) | static_cast<std::uint32_t>(v);
        bits += 6;
        ++symbols;
        if (bits >= 8) {
            bits -= 8;
            const auto at = static_cast<std::size_t>(dst - out.data());
            if (at >= out.size()) {
                out.resize(out.size() * 2 + 3);
                dst = out.data() + at;
            }
            *dst++ = static_cast<std::uint8_t>((acc >> bits) & 0xFFu);
        }
    }
    if (symbols % 4 == 1) throw Error("base64: truncated input");
    if (padding > 2 || (padding > 0 && (symbols + padding) % 4 != 0)) throw Error("base64: bad padding");
    out.resize(static_cast<std::size_t>(dst - out.data()));
}

std::size_t count_non_space(std::string_view text) noexcept {
    std::size_t n = 0;
    for (const char c : text) n += is_ws(c) ? 0 : 1;
    return n;
}

bool prolog_declares_entities(std::string_view head) {
    const auto doctype = head.find("<!DOCTYPE");
    if (doctype == std::string_view::npos) return false;
    return head.find("<!ENTITY", doctype) != std::string_view::npos || head.find("SYSTEM", doctype) != std::string_view::npos;
}

std::optional<double> parse_xs_duration_s(std::string_view text) {
    text = trim(text);
    if (text.empty()) return std::nullopt;
    if (text.front() != 'P' && text.front() != '-') return parse_double(text);
    bool negative = false;
    if (text.front() == '-') {
        negative = true;
        text.remove_prefix(1);
    }
    if (text.empty() || text.front() != 'P') return std::nullopt;
    text.remove_prefix(1);
    double total = 0;
    bool in_time = false;
    bool any = false;
    while (!text.empty()) {
        if (text.front() == 'T') {
            in_time = true;
            text.remove_prefix(1);
            continue;
        }
        std::size_t k = 0;
        while (k < text.size() && (std::isdigit(static_cast<unsigned char>(text[k])) || text[k] == '.')) ++k;
        if (k == 0 || k >= text.size()) return std::nullopt;
        const auto value = parse_double(text.substr(0, k));
        if (!value) return std::nullopt;
        const char unit = text[k];
        double scale = 0;
        if (!in_time && unit == 'Y') scale = 365.25 * 86400;
        else if (!in_time && unit == 'M') scale = 30.0 * 86400;
        else if (!in_time && unit == 'D') scale = 86400;
        else if (in_time && unit == 'H') scale = 3600;
        else if (in_time && unit == 'M') scale = 60;
        else if (in_time && unit == 'S') scale = 1;
        else return std::nullopt;
        total += *value * scale;
        any = true;
        text.remove_prefix(k + 1);
    }
    if (!any) return std::nullopt;
    return negative ? -total : total;
}

}  // namespace sidepeak::io::detail
