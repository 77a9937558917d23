// Fuzz target: the pipeline's JSON configuration (options_from_json_text). Malformed JSON, unknown
// keys and values of the wrong type or range must all become sidepeak::UsageError.
#include <string>

#include "fuzz_support.hpp"
#include "sidepeak/pipeline/config.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace sidepeak;
    return fuzz::run_guarded([&] { (void)pipeline::options_from_json_text(std::string(fuzz::as_text(data, size))); });
}
