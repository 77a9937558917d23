// for_each_spectrum: a tbb::parallel_pipeline of three stages. A serial stage cuts the next
// spectrum element (mzML <spectrum>, mzXML <scan>) out of the file (the XML scan is sequential by
// nature; element_source.hpp), a parallel stage
// parses and decodes it and runs the caller's prepare step, and a serial in-order stage hands it
// to the caller. The pipeline's token limit bounds the spectra in memory; the in-order stage makes
// the result independent of which thread decoded what.
#include "sidepeak/io/ms_parallel.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <memory>
#include <optional>
#include <utility>

#include <oneapi/tbb/enumerable_thread_specific.h>
#include <oneapi/tbb/info.h>
#include <oneapi/tbb/parallel_pipeline.h>
#include <oneapi/tbb/task_arena.h>

#include "element_source.hpp"
#include "sidepeak/io/ms_readers.hpp"

namespace sidepeak::io {
namespace {

// Spectra in flight per thread: enough to keep every thread busy while the in-order stage waits
// for a slow spectrum, few enough that memory stays a small multiple of the largest spectrum.
constexpr std::size_t tokens_per_thread = 4;

struct Token {
    std::optional<detail::RawElement> raw;
    std::optional<MsSpectrum> spectrum;
    // An error is carried to the in-order stage rather than thrown where it happens, so the
    // error reported is the first in run order, as with one thread.
    std::exception_ptr error;
};
using TokenPtr = std::shared_ptr<Token>;

void serial(const std::filesystem::path& path, Format format, const SpectrumPrepare& prepare,
            const SpectrumConsume& consume) {
    const auto source = open_ms(path, format);
    while (auto s = source->next()) {
        if (prepare) prepare(*s);
        consume(std::move(*s));
    }
}

}  // namespace

void for_each_spectrum(const std::filesystem::path& path, unsigned threads, const SpectrumPrepare& prepare,
                       const SpectrumConsume& consume) {
    for_each_spectrum(path, detect_format(path), threads, prepare, consume);
}

void for_each_spectrum(const std::filesystem::path& path, Format format, unsigned threads,
                       const SpectrumPrepare& prepare, const SpectrumConsume& consume) {
    // More threads than the cores this process may use would only take turns (and oneTBB warns
    // on stderr when asked for them), so the count is capped there.
    const int cores = tbb::info::default_concurrency();
    tbb::task_arena arena(threads == 0 ? cores : std::min(cores, static_cast<int>(threads)));
    arena.initialize();
    const int concurrency = arena.max_concurrency();
    if (concurrency <= 1) {
        serial(path, format, prepare, consume);
        return;
    }

    // mzML and mzXML from a plain file: the element is cut out serially and parsed in parallel.
    // Anything else (mzMLb's HDF5 arrays, ANDI) is read in order; only `prepare` runs in parallel.
    const auto source = open_ms(path, format);
    auto* const element_source = dynamic_cast<detail::ElementSource*>(source.get());
    detail::ElementSource* const elements =
        element_source != nullptr && element_source->can_parse_in_parallel() ? element_source : nullptr;
    tbb::enumerable_thread_specific<std::unique_ptr<detail::ElementParser>> parsers;
    bool input_done = false;
    // The first error in run order. The pipeline is never cancelled by an exception (oneTBB
    // does not destroy the items in flight when it is, so they would leak): the in-order stage
    // keeps the error, the other stages see `failed` and let the remaining tokens drain, and the
    // error is thrown once the pipeline has ended.
    std::exception_ptr first_error;
    std::atomic<bool> failed{false};

    const auto read = [&](tbb::flow_control& fc) -> TokenPtr {
        if (input_done || failed.load(std::memory_order_relaxed)) {
            fc.stop();
            return {};
        }
        auto token = std::make_shared<Token>();
        try {
            if (elements) {
                token->raw = elements->next_raw();
                if (!token->raw) input_done = true;
            } else {
                token->spectrum = source->next();
                if (!token->spectrum) input_done = true;
            }
        } catch (...) {
            token->error = std::current_exception();
            input_done = true;
        }
        if (!token->error && !token->raw && !token->spectrum) {
            fc.stop();
            return {};
        }
        return token;
    };
    const auto decode = [&](TokenPtr token) -> TokenPtr {
        if (token->error || failed.load(std::memory_order_relaxed)) return token;
        try {
            if (token->raw) {
                auto& parser = parsers.local();
                if (!parser) parser = elements->make_element_parser();
                token->spectrum = parser->parse(*token->raw);
                token->raw.reset();
            }
            if (prepare) prepare(*token->spectrum);
        } catch (...) {
            token->error = std::current_exception();
        }
        return token;
    };
    const auto deliver = [&](TokenPtr token) {
        if (first_error) return;
        try {
            if (token->error) std::rethrow_exception(token->error);
            consume(std::move(*token->spectrum));
        } catch (...) {
            first_error = std::current_exception();
            failed.store(true, std::memory_order_relaxed);
        }
    };

    const auto max_tokens = static_cast<std::size_t>(concurrency) * tokens_per_thread;
    arena.execute([&] {
        tbb::parallel_pipeline(max_tokens,
                               tbb::make_filter<void, TokenPtr>(tbb::filter_mode::serial_in_order, read) &
                                   tbb::make_filter<TokenPtr, TokenPtr>(tbb::filter_mode::parallel, decode) &
                                   tbb::make_filter<TokenPtr, void>(tbb::filter_mode::serial_in_order, deliver));
    });
    if (first_error) std::rethrow_exception(first_error);
}

}  // namespace sidepeak::io
