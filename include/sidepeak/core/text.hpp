#pragma once
/// Text helpers shared by writers of XML and HTML.
#include <string>
#include <string_view>

namespace sidepeak {

/// Escapes text for XML/HTML element content and attribute values (& < > " '). Control characters
/// that XML 1.0 forbids (all below 0x20 except tab, line feed, carriage return) become U+FFFD.
std::string xml_escape(std::string_view text);

}  // namespace sidepeak
