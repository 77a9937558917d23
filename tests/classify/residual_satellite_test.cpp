// 13C satellites of the solvent's residual line: +-1J_CH / 2 from it at 0.55 % of its area. In
// DMSO-d6 (1J_CH 138 Hz) they fall at 2.33 and 2.67 ppm, where N-CH3 and ring N-CH2 lines of
// amines are read.
#include <gtest/gtest.h>

#include "nmr_tools.hpp"
#include "synthetic.hpp"

namespace sd = sidepeak::classify::detail;

namespace {
struct Residual {
    synth::Nmr n;
    double area = 0.0;  // of the residual's lines
};

// The DMSO-d5 quintet (J_HD 1.9 Hz, 1:2:3:2:1) at 2.50 ppm, 400 MHz.
Residual dmso() {
    Residual d{synth::Nmr("DMSO-d6"), 0.0};
    const double j = 1.9 / 400.0;
    const double weights[] = {1, 2, 3, 2, 1};
    for (int k = -2; k <= 2; ++k) d.area += d.n.line(2.50 + k * j, 30.0 * weights[k + 2], 1.0);
    return d;
}
}  // namespace

TEST(ResidualSatellite, LineAtHalfTheCouplingWithASatellitesShareIsTheSatellite) {
    const Residual d = dmso();
    const double half_j_ppm = 69.0 / 400.0;
    EXPECT_TRUE(sd::residual_satellite(d.n.r, 2.50 - half_j_ppm, 1.0, 0.0055 * d.area));
    EXPECT_TRUE(sd::residual_satellite(d.n.r, 2.50 + half_j_ppm, 1.0, 0.0055 * d.area));
    // Read on a tall neighbour's flank its area is larger: up to 3 % of the residual's.
    EXPECT_TRUE(sd::residual_satellite(d.n.r, 2.50 - half_j_ppm, 5.0, 0.0175 * d.area));
}

TEST(ResidualSatellite, ElsewhereOrLargerIsALineOfItsOwn) {
    const Residual d = dmso();
    const double below = 2.50 - 69.0 / 400.0;
    // 10 Hz from the satellite's place (a 1 Hz line): not there.
    EXPECT_FALSE(sd::residual_satellite(d.n.r, below - 10.0 / 400.0, 1.0, 0.0055 * d.area));
    // 10 % of the residual's area: no satellite.
    EXPECT_FALSE(sd::residual_satellite(d.n.r, below, 1.0, 0.10 * d.area));
    // CDCl3 (1J_CH 209 Hz): its satellites lie 0.26 ppm from 7.26, none at 2.33.
    synth::Nmr c("CDCl3");
    const double chcl3 = c.line(7.26, 100.0, 1.0);
    EXPECT_FALSE(sd::residual_satellite(c.r, below, 1.0, 0.0055 * chcl3));
    EXPECT_TRUE(sd::residual_satellite(c.r, 7.26 + 104.5 / 400.0, 1.0, 0.0055 * chcl3));
    // A solvent without a tabulated 1J_CH (D2O: HDO has no carbon).
    synth::Nmr w("D2O");
    const double hdo = w.line(4.79, 100.0, 1.0);
    EXPECT_FALSE(sd::residual_satellite(w.r, 4.79 - 69.0 / 400.0, 1.0, 0.0055 * hdo));
}
