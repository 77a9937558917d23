// analyze_buffer: in-memory instrument data, for plugins that never write files themselves.
#include <random>

#include <fmt/format.h>

#include "sidepeak/core/error.hpp"
#include "sidepeak/core/file_io.hpp"
#include "sidepeak/pipeline/analyze.hpp"

namespace sidepeak::pipeline {
namespace fs = std::filesystem;

namespace {

// A private folder removed when the scope ends, whatever happens.
class ScratchFolder {
public:
    ScratchFolder() {
        std::random_device rd;
        path_ = fs::temp_directory_path() / fmt::format("sidepeak-buffer-{:08x}{:08x}", rd(), rd());
        fs::create_directories(path_);
    }
    ~ScratchFolder() {
        std::error_code ignored;
        fs::remove_all(path_, ignored);
    }
    ScratchFolder(const ScratchFolder&) = delete;
    ScratchFolder& operator=(const ScratchFolder&) = delete;
    [[nodiscard]] const fs::path& path() const noexcept { return path_; }

private:
    fs::path path_;
};

// Keeps only a plain file name so a caller's label can never point outside the scratch folder.
std::string safe_name(const std::string& name) {
    std::string out = fs::path(name).filename().string();
    if (out.empty() || out == "." || out == "..") out = "buffer";
    return out;
}

}  // namespace

SampleResult analyze_buffer(const std::string& id, const void* data, std::size_t size, const std::string& name,
                            const classify::SampleContext& context, const AnalysisOptions& options) {
    if (data == nullptr && size > 0) throw UsageError("analyze_buffer: data is NULL");
    const ScratchFolder scratch;
    const fs::path file = scratch.path() / safe_name(name);
    write_file_atomic(file, std::string_view(static_cast<const char*>(data), size));
    SampleResult result = analyze_sample(id, file, context, options);
    for (auto& input : result.inputs) input.path = name.empty() ? fs::path("buffer") : fs::path(name);
    for (auto& nmr : result.nmr) nmr.path = name;
    for (auto& lcms : result.lcms) lcms.path = name;
    return result;
}

}  // namespace sidepeak::pipeline
