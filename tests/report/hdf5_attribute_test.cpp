// The one HDF5 attribute writer of results.h5 and the merged results (src/report/hdf5_support.hpp):
// text attributes are scalar variable-length UTF-8 strings, numbers scalar doubles, and a failing
// library call is an Error naming the attribute instead of being ignored.
#include <string>

#include <gtest/gtest.h>
#include <hdf5.h>

#include "hdf5_support.hpp"
#include "sidepeak/core/error.hpp"
#include "test_support.hpp"

namespace sidepeak {
namespace {

using report::detail::Hdf5Handle;

std::string read_text_attribute(hid_t parent, const char* name) {
    const Hdf5Handle attr(H5Aopen(parent, name, H5P_DEFAULT), H5Aclose, name, "open");
    const Hdf5Handle type(H5Aget_type(attr.get()), H5Tclose, "type", "open");
    EXPECT_TRUE(H5Tis_variable_str(type.get()) > 0);
    EXPECT_EQ(H5Tget_cset(type.get()), H5T_CSET_UTF8);
    char* text = nullptr;
    EXPECT_GE(H5Aread(attr.get(), type.get(), &text), 0);
    std::string out = text != nullptr ? text : "";
    const Hdf5Handle space(H5Aget_space(attr.get()), H5Sclose, "space", "open");
    H5Dvlen_reclaim(type.get(), space.get(), H5P_DEFAULT, &text);
    return out;
}

TEST(Hdf5Attribute, TextAndNumberAttributesReadBack) {
    const auto file_path = test::scratch_dir() / "a.h5";
    {
        const Hdf5Handle file(H5Fcreate(file_path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT), H5Fclose, "file");
        report::detail::write_text_attribute(file.get(), "solvent", "CDCl\xE2\x82\x83");
        report::detail::write_number_attribute(file.get(), "spectrometer_mhz", 400.13);
    }
    const Hdf5Handle file(H5Fopen(file_path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose, "file", "open");
    EXPECT_EQ(read_text_attribute(file.get(), "solvent"), "CDCl\xE2\x82\x83");
    const Hdf5Handle attr(H5Aopen(file.get(), "spectrometer_mhz", H5P_DEFAULT), H5Aclose, "attr", "open");
    double value = 0.0;
    ASSERT_GE(H5Aread(attr.get(), H5T_NATIVE_DOUBLE, &value), 0);
    EXPECT_DOUBLE_EQ(value, 400.13);
}

TEST(Hdf5Attribute, FailureIsAnErrorNamingTheAttribute) {
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
    const auto file_path = test::scratch_dir() / "b.h5";
    {
        const Hdf5Handle file(H5Fcreate(file_path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT), H5Fclose, "file");
        report::detail::write_text_attribute(file.get(), "schema", "sidepeak.results/1");
        // A second attribute of the same name cannot be created.
        try {
            report::detail::write_text_attribute(file.get(), "schema", "again");
            FAIL() << "no error for a duplicate attribute";
        } catch (const Error& e) {
            EXPECT_NE(std::string(e.what()).find("attribute schema"), std::string::npos) << e.what();
        }
    }
    // A file opened read-only takes no attribute: an error, not a silently missing value.
    const Hdf5Handle file(H5Fopen(file_path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose, "file", "open");
    EXPECT_THROW(report::detail::write_number_attribute(file.get(), "noise", 1.0), Error);
    EXPECT_THROW(report::detail::write_text_attribute(file.get(), "tool_version", "x"), Error);
    EXPECT_EQ(read_text_attribute(file.get(), "schema"), "sidepeak.results/1");
}

}  // namespace
}  // namespace sidepeak
