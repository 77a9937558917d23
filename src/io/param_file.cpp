#include "param_file.hpp"

#include <charconv>
#include <cmath>

#include <fmt/format.h>

#include "sidepeak/core/error.hpp"
#include "sidepeak/core/file_io.hpp"

namespace sidepeak::io::detail {
namespace {

constexpr std::uintmax_t kMaxParamBytes = std::uintmax_t{64} << 20;
// No Bruker parameter array comes close; a larger count means a corrupt header.
constexpr long long kMaxArrayElements = 10'000'000;

std::string_view trim(std::string_view s) {
    const auto first = s.find_first_not_of(" \t\r\f\v");
    if (first == std::string_view::npos) return {};
    const auto last = s.find_last_not_of(" \t\r\f\v");
    return s.substr(first, last - first + 1);
}

bool is_binary(std::string_view text) {
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != '\v') return true;
    }
    return false;
}

std::vector<std::string_view> split_lines(std::string_view text) {
    std::vector<std::string_view> lines;
    std::size_t start = 0;
    while (start <= text.size()) {
        const auto end = text.find('\n', start);
        const auto stop = end == std::string_view::npos ? text.size() : end;
        std::string_view line = text.substr(start, stop - start);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        lines.push_back(line);
        if (end == std::string_view::npos) break;
        start = end + 1;
    }
    return lines;
}

bool starts_record(std::string_view line) { return line.starts_with("##") || line.starts_with("$$"); }

// Splits array text into elements, keeping "<a b>" strings whole.
std::vector<std::string_view> array_tokens(std::string_view s) {
    std::vector<std::string_view> out;
    std::size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) ++i;
        if (i >= s.size()) break;
        std::size_t j = i;
        if (s[i] == '<') {
            j = s.find('>', i);
            j = j == std::string_view::npos ? s.size() : j + 1;
        } else {
            while (j < s.size() && s[j] != ' ' && s[j] != '\t' && s[j] != '\n' && s[j] != '\r') ++j;
        }
        out.push_back(s.substr(i, j - i));
        i = j;
    }
    return out;
}

std::optional<long long> parse_int(std::string_view s) {
    long long v = 0;
    const auto* end = s.data() + s.size();
    const auto res = std::from_chars(s.data(), end, v);
    if (res.ec != std::errc{} || res.ptr != end) return std::nullopt;
    return v;
}

}  // namespace

std::optional<double> parse_number(std::string_view token) {
    token = trim(token);
    if (!token.empty() && token.front() == '+') token.remove_prefix(1);
    if (token.empty()) return std::nullopt;
    double v = 0.0;
    const auto* end = token.data() + token.size();
    const auto res = std::from_chars(token.data(), end, v);
    if (res.ec != std::errc{} || res.ptr != end || !std::isfinite(v)) return std::nullopt;
    return v;
}

ParamFile ParamFile::parse(std::string_view text, const std::filesystem::path& source) {
    ParamFile pf;
    pf.source_ = source;
    if (is_binary(text)) throw InputError(source, "binary content, not a Bruker parameter file");
    const auto lines = split_lines(text);
    std::size_t i = 0;
    while (i < lines.size() && trim(lines[i]).empty()) ++i;
    if (i == lines.size()) throw InputError(source, "empty parameter file");
    if (!lines[i].starts_with("##")) {
        throw InputError(source, "not a Bruker parameter file (does not start with a ## record)");
    }
    while (i < lines.size()) {
        const std::string_view line = lines[i];
        const std::size_t line_no = i + 1;
        ++i;
        if (!line.starts_with("##")) continue;  // "$$" comments and stray text outside records
        const auto eq = line.find('=');
        if (eq == std::string_view::npos) {
            throw InputError(source, fmt::format("line {}: record without '='", line_no));
        }
        std::string_view key = trim(line.substr(2, eq - 2));
        if (!key.empty() && key.front() == '$') key.remove_prefix(1);
        if (key.empty()) throw InputError(source, fmt::format("line {}: record without a name", line_no));
        if (key == "END") break;
        std::string_view value = trim(line.substr(eq + 1));

        std::string stored;
        if (value.starts_with('<')) {
            // A string: runs to the last '>' and may continue on the following lines.
            std::string acc(value);
            while (acc.find('>') == std::string::npos) {
                if (i >= lines.size() || starts_record(lines[i])) {
                    throw InputError(source, fmt::format("line {}: string of {} is not closed by '>'", line_no, key));
                }
                acc += '\n';
                acc += lines[i++];
            }
            const auto close = acc.rfind('>');
            stored = acc.substr(1, close - 1);
        } else if (value.starts_with('(') && value.find("..") != std::string_view::npos) {
            const auto close = value.find(')');
            const auto dots = value.find("..");
            if (close == std::string_view::npos || dots > close) {
                throw InputError(source, fmt::format("line {}: malformed array header for {}", line_no, key));
            }
            const auto lo = parse_int(trim(value.substr(1, dots - 1)));
            const auto hi = parse_int(trim(value.substr(dots + 2, close - dots - 2)));
            if (!lo || !hi || *hi < *lo || *hi - *lo + 1 > kMaxArrayElements) {
                throw InputError(source, fmt::format("line {}: malformed array header for {}", line_no, key));
            }
            std::string body(value.substr(close + 1));
            while (i < lines.size() && !starts_record(lines[i])) {
                body += ' ';
                body += lines[i++];
            }
            for (const auto token : array_tokens(body)) {
                if (!stored.empty()) stored += ' ';
                stored += token;
            }
        } else {
            stored = std::string(value);
            while (i < lines.size() && !starts_record(lines[i])) {
                const auto more = trim(lines[i++]);
                if (more.empty()) continue;
                stored += ' ';
                stored += more;
            }
        }
        pf.values_[std::string(key)] = std::move(stored);
    }
    return pf;
}

ParamFile ParamFile::load(const std::filesystem::path& path) {
    const std::string text = read_file_text(path, kMaxParamBytes);
    return parse(text, path);
}

bool ParamFile::has(std::string_view key) const { return values_.find(key) != values_.end(); }

std::optional<std::string> ParamFile::text(std::string_view key) const {
    const auto it = values_.find(key);
    if (it == values_.end()) return std::nullopt;
    return it->second;
}

std::optional<double> ParamFile::number(std::string_view key) const {
    const auto it = values_.find(key);
    if (it == values_.end()) return std::nullopt;
    const auto v = parse_number(it->second);
    if (!v) throw InputError(source_, fmt::format("{} is not a finite number: '{}'", key, it->second));
    return v;
}

std::optional<long long> ParamFile::integer(std::string_view key) const {
    const auto v = number(key);
    if (!v) return std::nullopt;
    if (std::abs(*v) > 9007199254740992.0 || std::floor(*v) != *v) {
        throw InputError(source_, fmt::format("{} is not an integer: '{}'", key, *text(key)));
    }
    return static_cast<long long>(*v);
}

std::vector<double> ParamFile::numbers(std::string_view key) const {
    std::vector<double> out;
    const auto it = values_.find(key);
    if (it == values_.end()) return out;
    for (const auto token : array_tokens(it->second)) {
        const auto v = parse_number(token);
        if (!v) throw InputError(source_, fmt::format("{} holds a non-numeric element '{}'", key, token));
        out.push_back(*v);
    }
    return out;
}

}  // namespace sidepeak::io::detail
