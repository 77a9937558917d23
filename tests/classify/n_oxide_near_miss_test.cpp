// The NMR N-oxide detector's negative findings name the near misses they considered with their
// figures (src/classify/n_oxide_nmr.cpp, n_oxide_alpha_copy.cpp): the alpha-group copy candidate
// (shift, offset, amount, integral S/N) and what it lacked, a candidate of another width, the
// ring lines read in the quaternary's stoichiometry; a spectrum without any candidate keeps the
// plain wording.
#include <gtest/gtest.h>

#include "n_oxide_alpha_copy.hpp"
#include "detectors.hpp"
#include "synthetic.hpp"

namespace sc = sidepeak::classify;

namespace {
synth::Nmr benzyl_product() {
    synth::Nmr n;
    synth::benzyl_diazepane(n);
    synth::solvents(n);
    return n;
}
bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }
}  // namespace

TEST(NOxideNearMiss, CopyWithoutRingSignIsNamedWithItsFigures) {
    // A 5 % copy of N-CH2Ph at 4.42 (+0.80 ppm) without any shifted ring line: no call, and the
    // note says which copy was read, its amount and what it lacked.
    auto n = benzyl_product();
    n.multiplet(4.42, 2 * 0.05, {}, "s");
    const auto r = sc::n_oxide_nmr(n.r, synth::benzyl_model());
    EXPECT_FALSE(sc::merge_findings(sc::ByproductClass::n_oxide, {r}).detected) << r.note;
    EXPECT_TRUE(has(r.note, "considered: alpha-group copy at 4.42 ppm (+0.80 ppm, 5.0 % of the product's group")) << r.note;
    EXPECT_TRUE(has(r.note, "no second shifted ring signal")) << r.note;
}

TEST(NOxideNearMiss, CandidateOfAnotherWidthIsListed) {
    // The product's lines 4 Hz wide, a 1 Hz singlet at 4.42: turned away as another compound's,
    // and listed with its width ratio and amount.
    synth::Nmr n;
    n.line_hz = 4.0;
    synth::benzyl_diazepane(n);
    synth::solvents(n);
    n.line_hz = 1.0;
    n.multiplet(4.42, 2 * 0.05, {}, "s");
    const auto c = sc::detail::n_oxide_alpha_copy(n.r, synth::benzyl_model(), sc::detail::ring_frame(n.r, synth::benzyl_model()));
    EXPECT_EQ(c.group, nullptr);
    EXPECT_EQ(c.candidates, 1);
    EXPECT_TRUE(has(c.why, "4.42 ppm s (+0.80 ppm, 0.2x the width")) << c.why;
    const auto r = sc::n_oxide_nmr(n.r, synth::benzyl_model());
    EXPECT_TRUE(has(r.note, "considered: lines of the pattern of the product's 3.62 ppm s")) << r.note;
}

TEST(NOxideNearMiss, QuaternaryReadingNamesItsRingLine) {
    // One ring pair (2H) at half the copy's area per H: the quaternary reading names the line,
    // its pattern, couplings and ratio.
    auto n = benzyl_product();
    n.multiplet(4.42, 4 * 0.05, {}, "s");
    n.multiplet(3.31, 2 * 0.05, {5.8, 5.8}, "t");
    const auto c = sc::detail::n_oxide_alpha_copy(n.r, synth::benzyl_model(), sc::detail::ring_frame(n.r, synth::benzyl_model()));
    EXPECT_TRUE(c.quaternary) << c.why;
    EXPECT_TRUE(has(c.why, "quaternary R2N+: 3.31 ppm t J 5.8/5.8, 0.50x the copy's area per H")) << c.why;
}

TEST(NOxideNearMiss, NoCandidateKeepsThePlainNote) {
    auto n = benzyl_product();
    const auto r = sc::n_oxide_nmr(n.r, synth::benzyl_model());
    EXPECT_EQ(r.note, "no downfield-shifted ring N-CH2 in NMR");
}
