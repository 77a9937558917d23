// The solvent, water and contaminant lines the NMR detectors keep out of their windows, per
// solvent, read from the signal module's solvent table (Fulmer 2010).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "nmr_tools.hpp"
#include "sidepeak/signal/solvents.hpp"

namespace sidepeak {
namespace {

std::vector<double> lines_for(const std::string& solvent) {
    signal::NmrResult nmr;
    nmr.meta.solvent = solvent;
    return classify::detail::solvent_lines(nmr);
}

TEST(SolventLines, EachSolventHasItsResidualWaterAndContaminantLines) {
    // TMS, residual, water, contaminants, then the sample solvent's residual again.
    EXPECT_EQ(lines_for("CDCl3"), (std::vector<double>{0.0, 7.26, 1.56, 5.30, 2.17, 1.26, 2.05, 0.07, 7.26}));
    EXPECT_EQ(lines_for("DMSO"), (std::vector<double>{0.0, 2.50, 3.33, 5.76, 2.50}));
    EXPECT_EQ(lines_for("MeOD"), (std::vector<double>{0.0, 3.31, 4.87, 5.49, 3.31}));
    EXPECT_EQ(lines_for("Acetone-d6"), (std::vector<double>{0.0, 2.05, 2.84, 5.63, 2.05}));
    EXPECT_EQ(lines_for("C6D6"), (std::vector<double>{0.0, 7.16, 0.40, 4.27, 7.16}));
    EXPECT_EQ(lines_for("CD3CN"), (std::vector<double>{0.0, 1.94, 2.13, 5.44, 1.94}));
    // D2O: the water line is the residual HDO line.
    EXPECT_EQ(lines_for("H2O+D2O"), (std::vector<double>{0.0, 4.79, 4.79}));
}

TEST(SolventLines, UntabulatedAndUnknownSolventsUseTheChloroformLines) {
    const std::vector<double> cdcl3 = {0.0, 7.26, 1.56, 5.30, 2.17, 1.26, 2.05, 0.07};
    auto with = [&](double residual) {
        auto v = cdcl3;
        v.push_back(residual);
        return v;
    };
    EXPECT_EQ(lines_for("CD2Cl2"), with(5.32));
    EXPECT_EQ(lines_for("THF-d8"), with(3.58));
    EXPECT_EQ(lines_for(""), cdcl3);
    EXPECT_EQ(lines_for("not a solvent"), cdcl3);
}

TEST(SolventTable, WaterAndContaminantsAreTabulatedForTheDetectorSolvents) {
    for (const auto& s : signal::solvent_table()) {
        if (s.name == "CDCl3" || s.name == "DMSO-d6" || s.name == "CD3OD" || s.name == "D2O" ||
            s.name == "acetone-d6" || s.name == "C6D6" || s.name == "CD3CN") {
            EXPECT_TRUE(s.water_1h.has_value()) << s.name;
            EXPECT_EQ(s.contaminants.empty(), s.name == "D2O") << s.name;
        } else {
            EXPECT_FALSE(s.water_1h.has_value()) << s.name;
            EXPECT_TRUE(s.contaminants.empty()) << s.name;
        }
    }
}

}  // namespace
}  // namespace sidepeak
