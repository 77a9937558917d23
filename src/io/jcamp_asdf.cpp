#include "jcamp_asdf.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>

namespace sidepeak::io::jcamp::detail {
namespace {

enum Kind : std::uint8_t { invalid, separator, digit, dot, sign, sqz, dif, dup, missing };

struct CharClass {
    Kind kind = invalid;
    std::int8_t value = 0;  // digit value, signed SQZ/DIF leading digit, DUP leading count
};

// One lookup table for the whole ASDF alphabet (JCAMP-DX 5.01, table "ASDF compression"):
// SQZ @=0 A-I=1..9 a-i=-1..-9; DIF %=0 J-R=1..9 j-r=-1..-9; DUP S-Z=1..8 s=9.
constexpr std::array<CharClass, 256> make_table() {
    std::array<CharClass, 256> t{};
    for (char c : {' ', '\t', ',', ';', '\r', '\n', '\f', '\v'}) t[static_cast<unsigned char>(c)] = {separator, 0};
    for (int d = 0; d <= 9; ++d) t[static_cast<unsigned char>('0' + d)] = {digit, static_cast<std::int8_t>(d)};
    t['.'] = {dot, 0};
    t['+'] = {sign, 1};
    t['-'] = {sign, -1};
    t['?'] = {missing, 0};
    t['@'] = {sqz, 0};
    t['%'] = {dif, 0};
    for (int d = 1; d <= 9; ++d) {
        t[static_cast<unsigned char>('A' + d - 1)] = {sqz, static_cast<std::int8_t>(d)};
        t[static_cast<unsigned char>('a' + d - 1)] = {sqz, static_cast<std::int8_t>(-d)};
        t[static_cast<unsigned char>('J' + d - 1)] = {dif, static_cast<std::int8_t>(d)};
        t[static_cast<unsigned char>('j' + d - 1)] = {dif, static_cast<std::int8_t>(-d)};
    }
    for (int d = 1; d <= 8; ++d) t[static_cast<unsigned char>('S' + d - 1)] = {dup, static_cast<std::int8_t>(d)};
    t['s'] = {dup, 9};
    return t;
}
constexpr std::array<CharClass, 256> kTable = make_table();

inline const CharClass& cls(char c) noexcept { return kTable[static_cast<unsigned char>(c)]; }
inline bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

std::string describe(char c) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x20 && u < 0x7f) return std::string("'") + c + "'";
    static constexpr char hex[] = "0123456789abcdef";
    return std::string("byte 0x") + hex[u >> 4] + hex[u & 15];
}

// Parses text as a double with std::from_chars (handles '.', exponents); '+' prefix skipped.
double parse_double(std::string_view s) {
    if (!s.empty() && s.front() == '+') s.remove_prefix(1);
    double v = 0.0;
    const auto res = std::from_chars(s.data(), s.data() + s.size(), v);
    if (res.ec != std::errc{} || res.ptr != s.data() + s.size()) {
        throw DecodeError("invalid number '" + std::string(s) + "'");
    }
    return v;
}

// Reads the digits (and an optional fraction) following position `i`; returns the end position.
// `mantissa` accumulates the integer digits while they fit; `simple` turns false on '.'/overflow.
std::size_t scan_digits(std::string_view line, std::size_t i, std::int64_t& mantissa, bool& simple) {
    const std::size_t n = line.size();
    int count = 0;
    while (i < n) {
        const char c = line[i];
        if (is_digit(c)) {
            if (++count > 17) simple = false;
            if (simple) mantissa = mantissa * 10 + (c - '0');
            ++i;
        } else if (c == '.') {
            simple = false;
            ++i;
        } else {
            break;
        }
    }
    return i;
}

}  // namespace

std::string_view strip_comment(std::string_view line) noexcept {
    const auto pos = line.find("$$");
    return pos == std::string_view::npos ? line : line.substr(0, pos);
}

LineInfo decode_line(std::string_view line, std::vector<double>& out, bool has_carry, double carry,
                     std::size_t max_total) {
    LineInfo info;
    const std::size_t n = line.size();
    const std::size_t line_start = out.size();
    bool last_was_dif = false;
    double last_dif = 0.0;
    std::size_t i = 0;
    auto push = [&](double v) {
        if (out.size() >= max_total) throw DecodeError("more values than the declared point count");
        out.push_back(v);
    };
    while (i < n) {
        const char c = line[i];
        const CharClass& k = cls(c);
        switch (k.kind) {
            case separator: ++i; continue;
            case digit:
            case dot:
            case sign: {
                // AFFN number, possibly PAC (sign as separator) with an exponent "E+05".
                const std::size_t start = i;
                std::int64_t mant = 0;
                bool simple = true;
                if (k.kind == sign) ++i;
                const std::size_t digits_start = i;
                i = scan_digits(line, i, mant, simple);
                if (i == digits_start) throw DecodeError("sign without digits");
                if (i + 2 < n && (line[i] == 'E' || line[i] == 'e') && (line[i + 1] == '+' || line[i + 1] == '-') &&
                    is_digit(line[i + 2])) {
                    simple = false;
                    i += 2;
                    while (i < n && is_digit(line[i])) ++i;
                }
                double v;
                if (simple) {
                    v = static_cast<double>(mant);
                    if (line[start] == '-') v = -v;
                } else {
                    v = parse_double(line.substr(start, i - start));
                }
                push(v);
                last_was_dif = false;
                break;
            }
            case sqz:
            case dif: {
                std::int64_t mant = k.value < 0 ? -k.value : k.value;
                bool simple = true;
                const std::size_t start = i;
                i = scan_digits(line, i + 1, mant, simple);
                double v;
                if (simple) {
                    v = static_cast<double>(mant);
                } else {
                    std::string text = std::to_string(k.value < 0 ? -k.value : k.value);
                    text.append(line.substr(start + 1, i - start - 1));
                    v = parse_double(text);
                }
                if (k.value < 0) v = -v;
                if (k.kind == sqz) {
                    push(v);
                    last_was_dif = false;
                } else {
                    const std::size_t in_line = out.size() - line_start;
                    double base;
                    if (in_line >= 2) {
                        base = out.back();
                    } else if (in_line == 1 && has_carry) {
                        base = carry;  // first ordinate of the line given as a difference
                        info.second_is_dif = true;
                    } else {
                        throw DecodeError("DIF value " + describe(c) + " without a preceding ordinate");
                    }
                    push(base + v);
                    last_was_dif = true;
                    last_dif = v;
                }
                break;
            }
            case dup: {
                std::int64_t count = k.value;
                bool simple = true;
                i = scan_digits(line, i + 1, count, simple);
                if (!simple) throw DecodeError("invalid DUP count");
                if (out.size() - line_start < 2) throw DecodeError("DUP count without a preceding ordinate");
                if (count < 1) throw DecodeError("DUP count of zero");
                const auto extra = static_cast<std::uint64_t>(count - 1);
                if (extra > max_total - std::min(max_total, out.size())) {
                    throw DecodeError("DUP count exceeds the declared point count");
                }
                for (std::uint64_t r = 0; r < extra; ++r) out.push_back(last_was_dif ? out.back() + last_dif : out.back());
                break;
            }
            case missing:
                ++i;
                push(std::numeric_limits<double>::quiet_NaN());
                last_was_dif = false;
                break;
            case invalid:
            default: throw DecodeError("invalid character " + describe(c) + " in a data line");
        }
    }
    info.ends_with_dif = last_was_dif;
    return info;
}

void XppYyDecoder::add_line(std::string_view line) {
    scratch_.clear();
    const bool carry = !y_.empty();
    // The scratch vector holds the abscissa plus this line's ordinates; bound it by what may
    // still be appended (+2: abscissa and Y-check value).
    const std::size_t room = max_points_ - std::min(max_points_, y_.size()) + 2;
    const LineInfo info = decode_line(line, scratch_, carry, carry ? y_.back() : 0.0, room);
    if (scratch_.empty()) return;
    if (lines_ == 0) first_x_ = scratch_[0];
    last_x_ = scratch_[0];
    ++lines_;
    std::size_t start = 1;
    if (prev_dif_ && scratch_.size() > 1 && !info.second_is_dif) {
        const double check = scratch_[1];
        const double last = y_.back();
        if (!(std::abs(check - last) <= 1e-9 * std::max(std::abs(check), std::abs(last)) + 1e-12)) {
            throw DecodeError("DIF Y-check failed: the line starts with " + std::to_string(check) +
                              " but the previous line ended with " + std::to_string(last));
        }
        start = 2;
    }
    if (y_.size() + (scratch_.size() - start) > max_points_) {
        throw DecodeError("more values than the declared point count");
    }
    y_.insert(y_.end(), scratch_.begin() + static_cast<std::ptrdiff_t>(start), scratch_.end());
    prev_dif_ = info.ends_with_dif;
}

}  // namespace sidepeak::io::jcamp::detail
