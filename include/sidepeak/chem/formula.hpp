#pragma once
/// Molecular formulas as value types: parsing, Hill-order printing, exact and average masses,
/// and formula arithmetic (adding an increment, removing a leaving group, multiplying a repeat unit).
#include <map>
#include <string>
#include <string_view>

namespace sidepeak::chem {

/// A molecular formula with an optional charge.
///
/// Accepted text (whitespace between tokens is ignored):
///  - element symbols from the element table (`kElements`, case-sensitive) each followed by an
///    optional count: "C12H18N2", "C2H6OSi", "CDCl3" (D is deuterium);
///  - groups in parentheses or brackets with a multiplier: "(CH2)3", "C6H5[CH2]2NH2";
///  - a charge at the end: "+", "-", "++", "+2", "-2", "^2+", or "2+" after whitespace or after a
///    closing bracket that encloses the whole formula ("[C5H14N2]2+", "C5H14N2 2+").
///    A digit directly before a lone sign belongs to the element: "C26H31N2+" is N2 with charge +1.
/// An empty or malformed text throws sidepeak::UsageError naming the text and the position.
///
/// Counts may become negative through subtraction (difference formulas such as a loss);
/// such formulas print with negative counts and `has_negative()` tells them apart.
class Formula {
public:
    Formula() = default;
    /// Parses `text` (see the class comment). Throws UsageError on a malformed formula.
    explicit Formula(std::string_view text);
    static Formula parse(std::string_view text) { return Formula(text); }

    /// Number of atoms of `symbol` (0 when absent).
    [[nodiscard]] int count(std::string_view symbol) const;
    /// Sets the count of an element (0 removes it). Throws UsageError for an unknown symbol.
    void set_count(std::string_view symbol, int n);
    [[nodiscard]] int charge() const noexcept { return charge_; }
    void set_charge(int z) noexcept { charge_ = z; }
    [[nodiscard]] bool empty() const noexcept { return counts_.empty(); }
    [[nodiscard]] bool has_negative() const noexcept;
    [[nodiscard]] const std::map<std::string, int, std::less<>>& elements() const noexcept { return counts_; }

    /// Monoisotopic mass in Da: most abundant isotope of each element, minus one electron mass
    /// per positive charge (plus one per negative charge). For a cation this is the mass of the ion.
    [[nodiscard]] double monoisotopic_mass() const;
    /// Average mass in Da from the natural isotopic compositions (same electron correction).
    [[nodiscard]] double average_mass() const;
    /// Nominal mass: sum of the mass numbers of the monoisotopic isotopes.
    [[nodiscard]] int nominal_mass() const;
    /// m/z of this formula as an ion: monoisotopic_mass / |charge|. Throws UsageError when neutral.
    [[nodiscard]] double mz() const;
    /// Ring-plus-double-bond equivalents of the neutral skeleton: C + Si - (H + D + halogens)/2 +
    /// (N + P)/2 + 1 (monovalent metals count as hydrogen).
    [[nodiscard]] double double_bond_equivalents() const;

    /// Hill order (C, H, then alphabetical; alphabetical when there is no carbon) with the charge
    /// appended as "+", "-", "+2", "-2": "C26H31N2+".
    [[nodiscard]] std::string to_string() const;

    Formula& operator+=(const Formula& other);
    Formula& operator-=(const Formula& other);
    Formula& operator*=(int k);
    friend Formula operator+(Formula a, const Formula& b) { return a += b; }
    friend Formula operator-(Formula a, const Formula& b) { return a -= b; }
    friend Formula operator*(Formula a, int k) { return a *= k; }
    friend Formula operator*(int k, Formula a) { return a *= k; }
    friend bool operator==(const Formula&, const Formula&) = default;

private:
    std::map<std::string, int, std::less<>> counts_;
    int charge_ = 0;
};

}  // namespace sidepeak::chem
