#include "sidepeak/core/text.hpp"

#include <string>

#include <gtest/gtest.h>

namespace sidepeak {
namespace {

TEST(TerminalText, ControlBytesAndBrokenUtf8AreEscaped) {
    EXPECT_EQ(terminal_text("plain name.dx"), "plain name.dx");
    EXPECT_EQ(terminal_text("a\x1b[2Jb"), "a\\x1b[2Jb");
    EXPECT_EQ(terminal_text("bell\x07\r\n\t"), "bell\\x07\\x0d\\x0a\\x09");
    EXPECT_EQ(terminal_text("del\x7f"), "del\\x7f");
    EXPECT_EQ(terminal_text("back\\slash"), "back\\\\slash");
    EXPECT_EQ(terminal_text(std::string("nul\0x", 5)), "nul\\x00x");
    EXPECT_EQ(terminal_text("r\xC3\xA9sultat \xE2\x82\xAC \xF0\x9F\x98\x80"), "r\xC3\xA9sultat \xE2\x82\xAC \xF0\x9F\x98\x80");
    EXPECT_EQ(terminal_text("latin1 \xE9!"), "latin1 \\xe9!");
    EXPECT_EQ(terminal_text("c1 \xC2\x9B" "31m"), "c1 \\xc2\\x9b31m");   // CSI as a C1 control
    EXPECT_EQ(terminal_text("overlong \xC0\xAF"), "overlong \\xc0\\xaf");
    EXPECT_EQ(terminal_text("surrogate \xED\xA0\x80"), "surrogate \\xed\\xa0\\x80");
    EXPECT_EQ(terminal_text("cut \xE2\x82"), "cut \\xe2\\x82");
}

}  // namespace
}  // namespace sidepeak
