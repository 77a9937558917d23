#pragma once
// Decoder for JCAMP-DX data lines: AFFN (free and fixed columns), PAC, and the ASDF compression
// forms SQZ, DIF and DUP with the DIF Y-value check (McDonald & Wilks, Appl. Spectrosc. 42 (1988)
// 151, section 5; JCAMP-DX 5.01 / 6.00 "ASDF" tables). Private to the io module.
#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace sidepeak::io::jcamp::detail {

/// A malformed data line; the parser adds the file name and line number.
class DecodeError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// What decode_line saw besides the values.
struct LineInfo {
    bool second_is_dif = false;  ///< the value after the first one (the first Y) was DIF-coded
    bool ends_with_dif = false;  ///< the last token was DIF (or a DUP of a DIF)
};

/// Decodes every number of one data line (comment already removed) and appends it to `out`.
/// DIF values are relative to the preceding value; a DIF right after the first value (the
/// abscissa) is relative to `carry` (the last ordinate of the previous line), which must then be
/// given (`has_carry`). `max_total` bounds out.size() (DUP counts cannot blow up memory).
LineInfo decode_line(std::string_view line, std::vector<double>& out, bool has_carry, double carry,
                     std::size_t max_total);

/// Accumulates the ordinates of a (X++(Y..Y)) table line by line, applying the DIF Y-check:
/// when a line ends in DIF form, the next line starts with the last ordinate repeated as a check
/// value; it is verified and dropped.
class XppYyDecoder {
public:
    explicit XppYyDecoder(std::size_t max_points) : max_points_(max_points) {}
    /// Adds one data line. Throws DecodeError.
    void add_line(std::string_view line);
    [[nodiscard]] const std::vector<double>& y() const noexcept { return y_; }
    [[nodiscard]] std::vector<double>& y() noexcept { return y_; }
    [[nodiscard]] bool has_lines() const noexcept { return lines_ > 0; }
    [[nodiscard]] double first_line_x() const noexcept { return first_x_; }
    [[nodiscard]] double last_line_x() const noexcept { return last_x_; }

private:
    std::size_t max_points_;
    std::vector<double> y_;
    std::vector<double> scratch_;
    bool prev_dif_ = false;
    std::size_t lines_ = 0;
    double first_x_ = 0.0;
    double last_x_ = 0.0;
};

/// Removes a "$$" comment from a line.
std::string_view strip_comment(std::string_view line) noexcept;

}  // namespace sidepeak::io::jcamp::detail
