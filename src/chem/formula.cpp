#include "sidepeak/chem/formula.hpp"

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <vector>

#include "sidepeak/chem/constants.hpp"
#include "sidepeak/core/error.hpp"

namespace sidepeak::chem {
namespace {

constexpr int kMaxCount = 1'000'000;  // guards against overflow from absurd multipliers
constexpr int kMaxDepth = 32;

using Counts = std::map<std::string, int, std::less<>>;

bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }
bool is_upper(char c) { return std::isupper(static_cast<unsigned char>(c)) != 0; }
bool is_lower(char c) { return std::islower(static_cast<unsigned char>(c)) != 0; }
bool is_space(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

class Parser {
public:
    explicit Parser(std::string_view text) : text_(text) {}

    Formula run() {
        Formula f;
        Counts counts;
        int charge = 0;
        bool seen_token = false;
        bool had_space = false;
        while (true) {
            had_space = skip_space() || had_space;
            if (pos_ >= text_.size()) break;
            const char c = text_[pos_];
            if (c == '+' || c == '-' || c == '^' || (is_digit(c) && had_space && seen_token)) {
                charge = parse_charge();
                break;
            }
            if (c == '(' || c == '[') {
                const std::size_t open = pos_;
                Counts inner = parse_group(0);
                // "[C5H14N2]2+": digits then a sign at the very end after a bracket enclosing
                // everything are the charge, not a multiplier.
                if (open == first_non_space() && charge_suffix_follows()) {
                    merge(counts, inner, 1);
                    seen_token = true;
                    charge = parse_charge();
                    break;
                }
                merge(counts, inner, read_count());
            } else if (is_upper(c)) {
                const std::string sym = read_symbol();
                add(counts, sym, read_count());
            } else {
                fail("unexpected character '" + std::string(1, c) + "'");
            }
            seen_token = true;
            had_space = false;
        }
        if (!seen_token) fail("no elements");
        for (const auto& [sym, n] : counts) {
            if (n != 0) f.set_count(sym, n);
        }
        f.set_charge(charge);
        return f;
    }

private:
    [[noreturn]] void fail(const std::string& why) const {
        throw UsageError("bad formula '" + std::string(text_) + "': " + why + " at position " +
                         std::to_string(pos_));
    }

    bool skip_space() {
        bool any = false;
        while (pos_ < text_.size() && is_space(text_[pos_])) {
            ++pos_;
            any = true;
        }
        return any;
    }

    std::size_t first_non_space() const {
        std::size_t i = 0;
        while (i < text_.size() && is_space(text_[i])) ++i;
        return i;
    }

    // True when the rest is digits followed by one sign and nothing else (e.g. "2+").
    bool charge_suffix_follows() const {
        std::size_t i = pos_;
        const std::size_t start = i;
        while (i < text_.size() && is_digit(text_[i])) ++i;
        if (i == start || i >= text_.size() || (text_[i] != '+' && text_[i] != '-')) return false;
        ++i;
        while (i < text_.size() && is_space(text_[i])) ++i;
        return i == text_.size();
    }

    int read_number() {
        long long v = 0;
        const std::size_t start = pos_;
        while (pos_ < text_.size() && is_digit(text_[pos_])) {
            v = v * 10 + (text_[pos_] - '0');
            if (v > kMaxCount) fail("count too large");
            ++pos_;
        }
        if (pos_ == start) fail("expected a number");
        return static_cast<int>(v);
    }

    int read_count() {
        if (pos_ < text_.size() && is_digit(text_[pos_])) {
            const int n = read_number();
            if (n == 0) fail("zero count");
            return n;
        }
        return 1;
    }

    std::string read_symbol() {
        // Longest match first: "Cl" before "C"; symbols are case-sensitive so "CO" is C + O.
        if (pos_ + 1 < text_.size() && is_lower(text_[pos_ + 1])) {
            const std::string two(text_.substr(pos_, 2));
            if (find_element(two) != nullptr) {
                pos_ += 2;
                return two;
            }
            fail("unknown element '" + two + "'");
        }
        const std::string one(text_.substr(pos_, 1));
        if (find_element(one) == nullptr) fail("unknown element '" + one + "'");
        ++pos_;
        return one;
    }

    Counts parse_group(int depth) {
        if (depth >= kMaxDepth) fail("groups nested too deeply");
        const char open = text_[pos_];
        const char close = open == '(' ? ')' : ']';
        ++pos_;
        Counts counts;
        bool any = false;
        while (true) {
            skip_space();
            if (pos_ >= text_.size()) fail(std::string("missing '") + close + "'");
            const char c = text_[pos_];
            if (c == close) {
                ++pos_;
                break;
            }
            if (c == '(' || c == '[') {
                Counts inner = parse_group(depth + 1);
                merge(counts, inner, read_count());
            } else if (is_upper(c)) {
                const std::string sym = read_symbol();
                add(counts, sym, read_count());
            } else {
                fail("unexpected character '" + std::string(1, c) + "'");
            }
            any = true;
        }
        if (!any) fail("empty group");
        return counts;
    }

    int parse_charge() {
        skip_space();
        if (pos_ < text_.size() && text_[pos_] == '^') ++pos_;
        int magnitude = 0;
        int sign = 0;
        if (pos_ < text_.size() && is_digit(text_[pos_])) {
            // "2+"
            magnitude = read_number();
            if (pos_ >= text_.size() || (text_[pos_] != '+' && text_[pos_] != '-')) fail("expected a charge sign");
            sign = text_[pos_] == '+' ? 1 : -1;
            ++pos_;
        } else if (pos_ < text_.size() && (text_[pos_] == '+' || text_[pos_] == '-')) {
            const char s = text_[pos_];
            sign = s == '+' ? 1 : -1;
            while (pos_ < text_.size() && text_[pos_] == s) {
                ++magnitude;
                ++pos_;
            }
            if (magnitude == 1 && pos_ < text_.size() && is_digit(text_[pos_])) magnitude = read_number();  // "+2"
        } else {
            fail("expected a charge");
        }
        skip_space();
        if (pos_ != text_.size()) fail("text after the charge");
        if (magnitude == 0 || magnitude > 1000) fail("bad charge");
        return sign * magnitude;
    }

    void add(Counts& c, const std::string& sym, long long n) {
        long long v = c[sym] + n;
        if (std::llabs(v) > kMaxCount) fail("count too large");
        c[sym] = static_cast<int>(v);
    }

    void merge(Counts& into, const Counts& from, int k) {
        for (const auto& [sym, n] : from) add(into, sym, static_cast<long long>(n) * k);
    }

    std::string_view text_;
    std::size_t pos_ = 0;
};

const Element& element_or_throw(std::string_view sym) {
    const Element* e = find_element(sym);
    if (e == nullptr) throw UsageError("unknown element '" + std::string(sym) + "'");
    return *e;
}

}  // namespace

Formula::Formula(std::string_view text) { *this = Parser(text).run(); }

int Formula::count(std::string_view symbol) const {
    const auto it = counts_.find(symbol);
    return it == counts_.end() ? 0 : it->second;
}

void Formula::set_count(std::string_view symbol, int n) {
    element_or_throw(symbol);
    if (n == 0) {
        const auto it = counts_.find(symbol);
        if (it != counts_.end()) counts_.erase(it);
        return;
    }
    counts_[std::string(symbol)] = n;
}

bool Formula::has_negative() const noexcept {
    for (const auto& [sym, n] : counts_) {
        if (n < 0) return true;
    }
    return false;
}

double Formula::monoisotopic_mass() const {
    double m = 0.0;
    for (const auto& [sym, n] : counts_) m += n * monoisotope(element_or_throw(sym)).mass;
    return m - charge_ * kElectronMass;
}

double Formula::average_mass() const {
    double m = 0.0;
    for (const auto& [sym, n] : counts_) m += n * chem::average_mass(element_or_throw(sym));
    return m - charge_ * kElectronMass;
}

int Formula::nominal_mass() const {
    int m = 0;
    for (const auto& [sym, n] : counts_) m += n * monoisotope(element_or_throw(sym)).mass_number;
    return m;
}

double Formula::mz() const {
    if (charge_ == 0) throw UsageError("m/z of the neutral formula " + to_string());
    return monoisotopic_mass() / std::abs(charge_);
}

double Formula::double_bond_equivalents() const {
    const double tetra = count("C") + count("Si");
    const double mono = count("H") + count("D") + count("F") + count("Cl") + count("Br") + count("I") +
                        count("Li") + count("Na") + count("K");
    const double tri = count("N") + count("P") + count("B");
    return tetra - mono / 2.0 + tri / 2.0 + 1.0;
}

std::string Formula::to_string() const {
    std::string out;
    auto emit = [&out](const std::string& sym, int n) {
        out += sym;
        if (n != 1) out += std::to_string(n);
    };
    const bool hill_carbon = count("C") != 0;
    if (hill_carbon) {
        emit("C", count("C"));
        if (count("H") != 0) emit("H", count("H"));
    }
    for (const auto& [sym, n] : counts_) {
        if (hill_carbon && (sym == "C" || sym == "H")) continue;
        emit(sym, n);
    }
    if (charge_ != 0) {
        out += charge_ > 0 ? '+' : '-';
        if (std::abs(charge_) != 1) out += std::to_string(std::abs(charge_));
    }
    return out;
}

Formula& Formula::operator+=(const Formula& other) {
    for (const auto& [sym, n] : other.counts_) set_count(sym, count(sym) + n);
    charge_ += other.charge_;
    return *this;
}

Formula& Formula::operator-=(const Formula& other) {
    for (const auto& [sym, n] : other.counts_) set_count(sym, count(sym) - n);
    charge_ -= other.charge_;
    return *this;
}

Formula& Formula::operator*=(int k) {
    if (k == 0) {
        counts_.clear();
        charge_ = 0;
        return *this;
    }
    for (auto& [sym, n] : counts_) n *= k;
    charge_ *= k;
    return *this;
}

}  // namespace sidepeak::chem
