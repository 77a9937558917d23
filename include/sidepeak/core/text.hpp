#pragma once
/// Text helpers shared by writers of XML and HTML.
#include <string>
#include <string_view>

namespace sidepeak {

/// Escapes text for XML/HTML element content and attribute values (& < > " '). Control characters
/// that XML 1.0 forbids (all below 0x20 except tab, line feed, carriage return) become U+FFFD.
std::string xml_escape(std::string_view text);

/// Makes text (a file name, an error from a file) safe to print on a terminal: control bytes
/// (below 0x20, 0x7F), the C1 controls U+0080..U+009F and bytes that are not well-formed UTF-8
/// become "\xNN" and a backslash becomes "\\", so the original bytes can be read back. Printable
/// UTF-8 passes unchanged.
std::string terminal_text(std::string_view text);

}  // namespace sidepeak
