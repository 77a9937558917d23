// MS-Numpress linear, pic and slof (Teleman et al., Mol. Cell. Proteomics 2014), written from the
// published description of the byte layout; see include/sidepeak/io/numpress.hpp.
#include "sidepeak/io/numpress.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <limits>

#include <fmt/format.h>

#include "sidepeak/core/error.hpp"

namespace sidepeak::io::numpress {
namespace {

// The fixed point travels as an 8-byte IEEE double in big-endian byte order.
void put_fixed_point(double fp, std::vector<std::uint8_t>& out) {
    const auto bits = std::bit_cast<std::uint64_t>(fp);
    for (int i = 7; i >= 0; --i) out.push_back(static_cast<std::uint8_t>(bits >> (8 * i)));
}

double get_fixed_point(std::span<const std::uint8_t> bytes) {
    if (bytes.size() < 8) throw Error("numpress: data shorter than the 8-byte fixed point");
    std::uint64_t bits = 0;
    for (int i = 0; i < 8; ++i) bits = (bits << 8) | bytes[static_cast<std::size_t>(i)];
    const double fp = std::bit_cast<double>(bits);
    if (!std::isfinite(fp) || fp <= 0) throw Error(fmt::format("numpress: invalid fixed point {}", fp));
    return fp;
}

// Half-byte ("nibble") writer: the first nibble of a byte is its high half.
class NibbleWriter {
public:
    explicit NibbleWriter(std::vector<std::uint8_t>& out) : out_(out) {}
    void put(unsigned nibble) {
        nibble &= 0xFu;
        if (high_) {
            out_.push_back(static_cast<std::uint8_t>(nibble << 4));
        } else {
            out_.back() = static_cast<std::uint8_t>(out_.back() | nibble);
        }
        high_ = !high_;
    }
    // A 32-bit integer as a head nibble plus its significant nibbles, least significant first.
    // Head 0..8: that many leading zero nibbles were dropped; head 9..15: head-8 leading 0xF
    // nibbles were dropped (negative numbers).
    void put_int(std::int32_t value) {
        const auto x = static_cast<std::uint32_t>(value);
        unsigned dropped = 0;
        unsigned head = 0;
        if ((x >> 28) == 0) {
            while (dropped < 8 && ((x >> (28 - 4 * dropped)) & 0xFu) == 0) ++dropped;
            head = dropped;
        } else if ((x >> 28) == 0xF) {
            while (dropped < 7 && ((x >> (28 - 4 * dropped)) & 0xFu) == 0xF) ++dropped;
            head = dropped + 8;
        }
        put(head);
        for (unsigned i = 0; i < 8 - dropped; ++i) put((x >> (4 * i)) & 0xFu);
    }

private:
    std::vector<std::uint8_t>& out_;
    bool high_ = true;
};

class NibbleReader {
public:
    NibbleReader(std::span<const std::uint8_t> bytes, std::size_t start_byte)
        : bytes_(bytes), pos_(start_byte * 2) {}
    [[nodiscard]] bool done() const noexcept { return pos_ >= bytes_.size() * 2; }
    // The encoder pads an odd nibble count with one zero nibble; a lone last nibble is a value
    // only when it is the head 8 (the value zero, which needs no further nibbles).
    [[nodiscard]] bool only_padding_left() const noexcept {
        return pos_ + 1 == bytes_.size() * 2 && (bytes_.back() & 0xFu) != 0x8u;
    }
    unsigned get() {
        if (done()) throw Error("numpress: truncated half-byte integer");
        const std::uint8_t b = bytes_[pos_ / 2];
        const unsigned nibble = (pos_ % 2 == 0) ? (b >> 4) : (b & 0xFu);
        ++pos_;
        return nibble;
    }
    std::int32_t get_int() {
        const unsigned head = get();
        std::uint32_t x = 0;
        unsigned dropped = head;
        if (head > 8) {
            dropped = head - 8;
            for (unsigned i = 0; i < dropped; ++i) x |= 0xF0000000u >> (4 * i);
        }
        for (unsigned i = 0; i < 8 - dropped; ++i) x |= std::uint32_t{get()} << (4 * i);
        return static_cast<std::int32_t>(x);
    }

private:
    std::span<const std::uint8_t> bytes_;
    std::size_t pos_;
};

void put_u32_le(std::uint32_t v, std::vector<std::uint8_t>& out) {
    for (int i = 0; i < 4; ++i) out.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
}

std::uint32_t get_u32_le(const std::uint8_t* p) {
    return std::uint32_t{p[0]} | (std::uint32_t{p[1]} << 8) | (std::uint32_t{p[2]} << 16) | (std::uint32_t{p[3]} << 24);
}

void check_room(const std::vector<double>& out, std::size_t max_values) {
    if (out.size() >= max_values) {
        throw Error(fmt::format("numpress: more values than the {} expected", max_values));
    }
}

}  // namespace

double optimal_linear_fixed_point(std::span<const double> data) {
    if (data.empty()) return 0;
    if (data.size() == 1) return std::floor(2147483647.0 / data[0]);
    double max_value = std::max(data[0], data[1]);
    for (std::size_t i = 2; i < data.size(); ++i) {
        const double predicted = data[i - 1] + (data[i - 1] - data[i - 2]);
        max_value = std::max(max_value, std::ceil(std::abs(data[i] - predicted) + 1));
    }
    return std::floor(2147483647.0 / max_value);
}

double linear_fixed_point_for_accuracy(std::span<const double> data, double mass_accuracy) {
    const double optimal = optimal_linear_fixed_point(data);
    if (!(mass_accuracy > 0)) return optimal;
    const double wanted = 0.5 / mass_accuracy;
    return optimal > 0 ? std::min(wanted, optimal) : wanted;
}

std::vector<std::uint8_t> encode_linear(std::span<const double> data, double fixed_point) {
    if (!(fixed_point > 0) || !std::isfinite(fixed_point)) throw Error("numpress linear: fixed point must be positive");
    std::vector<std::uint8_t> out;
    out.reserve(8 + data.size() * 3);
    put_fixed_point(fixed_point, out);
    // The first two scaled values are stored as unsigned 32-bit integers; later ones only as
    // 32-bit residuals of the prediction, so only those need to fit.
    auto scaled = [&](double v, double limit) {
        const double s = v * fixed_point + 0.5;
        if (!(s >= 0) || s > limit) throw Error("numpress linear: value out of range for the fixed point");
        return static_cast<std::int64_t>(s);
    };
    constexpr double kU32 = 4294967295.0;
    constexpr double kI62 = 4.6e18;
    if (data.empty()) return out;
    std::int64_t prev2 = 0;
    std::int64_t prev1 = scaled(data[0], kU32);
    put_u32_le(static_cast<std::uint32_t>(prev1), out);
    if (data.size() == 1) return out;
    std::int64_t cur = scaled(data[1], kU32);
    put_u32_le(static_cast<std::uint32_t>(cur), out);
    NibbleWriter nibbles(out);
    for (std::size_t i = 2; i < data.size(); ++i) {
        prev2 = prev1;
        prev1 = cur;
        cur = scaled(data[i], kI62);
        const std::int64_t residual = cur - (2 * prev1 - prev2);
        if (residual > std::numeric_limits<std::int32_t>::max() || residual < std::numeric_limits<std::int32_t>::min()) {
            throw Error("numpress linear: prediction residual does not fit 32 bits (fixed point too large)");
        }
        nibbles.put_int(static_cast<std::int32_t>(residual));
    }
    return out;
}

void decode_linear(std::span<const std::uint8_t> bytes, std::vector<double>& out, std::size_t max_values) {
    out.clear();
    const double fp = get_fixed_point(bytes);
    if (bytes.size() == 8) return;
    if (bytes.size() < 12) throw Error("numpress linear: truncated first value");
    std::int64_t prev1 = get_u32_le(bytes.data() + 8);
    check_room(out, max_values);
    out.push_back(static_cast<double>(prev1) / fp);
    if (bytes.size() == 12) return;
    if (bytes.size() < 16) throw Error("numpress linear: truncated second value");
    std::int64_t cur = get_u32_le(bytes.data() + 12);
    check_room(out, max_values);
    out.push_back(static_cast<double>(cur) / fp);
    NibbleReader reader(bytes, 16);
    while (!reader.done() && !reader.only_padding_left()) {
        const std::int64_t prev2 = prev1;
        prev1 = cur;
        cur = 2 * prev1 - prev2 + reader.get_int();
        check_room(out, max_values);
        out.push_back(static_cast<double>(cur) / fp);
    }
}

std::vector<double> decode_linear(std::span<const std::uint8_t> bytes) {
    std::vector<double> out;
    decode_linear(bytes, out, bytes.size() * 2 + 2);
    return out;
}

std::vector<std::uint8_t> encode_pic(std::span<const double> data) {
    std::vector<std::uint8_t> out;
    out.reserve(data.size() * 3);
    NibbleWriter nibbles(out);
    for (const double v : data) {
        const double r = v + 0.5;
        if (!(r >= 0) || r > 2147483647.0) throw Error("numpress pic: value is negative or too large");
        nibbles.put_int(static_cast<std::int32_t>(r));
    }
    return out;
}

void decode_pic(std::span<const std::uint8_t> bytes, std::vector<double>& out, std::size_t max_values) {
    out.clear();
    NibbleReader reader(bytes, 0);
    while (!reader.done() && !reader.only_padding_left()) {
        check_room(out, max_values);
        out.push_back(static_cast<double>(reader.get_int()));
    }
}

std::vector<double> decode_pic(std::span<const std::uint8_t> bytes) {
    std::vector<double> out;
    decode_pic(bytes, out, bytes.size() * 2 + 1);
    return out;
}

double optimal_slof_fixed_point(std::span<const double> data) {
    if (data.empty()) return 0;
    double max_log = 1;
    for (const double v : data) max_log = std::max(max_log, std::log(v + 1));
    return std::floor(65535.0 / max_log);
}

std::vector<std::uint8_t> encode_slof(std::span<const double> data, double fixed_point) {
    if (!(fixed_point > 0) || !std::isfinite(fixed_point)) throw Error("numpress slof: fixed point must be positive");
    std::vector<std::uint8_t> out;
    out.reserve(8 + data.size() * 2);
    put_fixed_point(fixed_point, out);
    for (const double v : data) {
        const double s = std::log(v + 1) * fixed_point + 0.5;
        if (!(s >= 0) || s > 65535.0) throw Error("numpress slof: value out of range for the fixed point");
        const auto x = static_cast<std::uint16_t>(s);
        out.push_back(static_cast<std::uint8_t>(x & 0xFFu));
        out.push_back(static_cast<std::uint8_t>(x >> 8));
    }
    return out;
}

void decode_slof(std::span<const std::uint8_t> bytes, std::vector<double>& out, std::size_t max_values) {
    out.clear();
    const double fp = get_fixed_point(bytes);
    if ((bytes.size() - 8) % 2 != 0) throw Error("numpress slof: odd number of data bytes");
    const std::size_t n = (bytes.size() - 8) / 2;
    if (n > max_values) throw Error(fmt::format("numpress: more values than the {} expected", max_values));
    out.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        const unsigned x = bytes[8 + 2 * i] | (unsigned{bytes[9 + 2 * i]} << 8);
        out[i] = std::exp(x / fp) - 1;
    }
}

std::vector<double> decode_slof(std::span<const std::uint8_t> bytes) {
    std::vector<double> out;
    decode_slof(bytes, out, bytes.size());
    return out;
}

}  // namespace sidepeak::io::numpress
