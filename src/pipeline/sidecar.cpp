#include "sidecar.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <string_view>

namespace sidepeak::pipeline::detail {

bool is_sidecar(const std::filesystem::path& path) {
    const std::string name = path.filename().string();
    std::string ext = path.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    static constexpr std::array<std::string_view, 14> kSidecars = {
        ".json", ".csv", ".md", ".txt", ".mol", ".sdf", ".pdf", ".png", ".jpg", ".html", ".log", ".zip", ".xml~", ".sha256"};
    if (std::find(kSidecars.begin(), kSidecars.end(), ext) != kSidecars.end()) return true;
    return name == "SHA256SUMS" || name == "LICENSE" || name == "README";
}

}  // namespace sidepeak::pipeline::detail
