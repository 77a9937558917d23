#include "sidepeak/io/mzml_indexed.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>

#include <fmt/format.h>
#include <pugixml.hpp>

#include "mzml_parse.hpp"
#include "mzml_reader.hpp"
#include "sidepeak/core/error.hpp"
#include "xml_scan.hpp"

namespace sidepeak::io {
namespace fs = std::filesystem;
using detail::BlockReader;

namespace {

bool is_ws(char c) noexcept { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }
bool ends_name(char c) noexcept { return is_ws(c) || c == '>' || c == '/'; }

struct Entry {
    std::string id;
    std::uint64_t offset = 0;
    double rt_s = std::numeric_limits<double>::quiet_NaN();
    int ms_level = 0;
};

// Value of the cvParam with `accession` inside `text` (a spectrum's start), with its unit.
std::optional<std::pair<double, double>> cv_value(std::string_view text, std::string_view accession) {
    const auto at = text.find(fmt::format("\"{}\"", accession));
    if (at == std::string_view::npos) return std::nullopt;
    const auto lt = text.rfind('<', at);
    const auto gt = text.find('>', at);
    if (lt == std::string_view::npos || gt == std::string_view::npos) return std::nullopt;
    const std::string_view tag = text.substr(lt, gt - lt);
    const auto value = detail::find_attribute(tag, "value");
    if (!value) return std::nullopt;
    const auto v = detail::parse_double(*value);
    if (!v) return std::nullopt;
    const auto unit = detail::find_attribute(tag, "unitAccession").value_or("");
    const auto unit_name = detail::find_attribute(tag, "unitName").value_or("");
    const double scale = (unit == "UO:0000031" || unit_name == "minute") ? 60.0 : (unit == "UO:0000032" ? 3600.0 : 1.0);
    return std::make_pair(*v, scale);
}

}  // namespace

struct MzmlIndexedReader::Impl {
    fs::path path;
    std::uint64_t file_size = 0;
    std::unique_ptr<detail::MzmlSource> source;  // header, parameter groups, run info
    std::unique_ptr<detail::MzmlElementParser> parser;
    std::vector<Entry> entries;
    MsRunInfo info;
    bool trusted = false;
    bool headers_read = false;

    explicit Impl(const fs::path& p) : path(p) {
        source = std::make_unique<detail::MzmlSource>(BlockReader(p), DataFormat::mzml, nullptr);
        parser = std::make_unique<detail::MzmlElementParser>(p, &source->header().groups, nullptr);
        std::error_code ec;
        file_size = fs::file_size(p, ec);
        info = source->info();
        const std::string problem = load_index();
        if (problem.empty()) {
            trusted = true;
            return;
        }
        if (problem != "no index") {
            info.warnings.push_back("stale mzML index (" + problem + "): offsets rebuilt by a linear scan");
        }
        rebuild();
    }

    // Start of the element at `offset` after at most 8 bytes of whitespace, or npos.
    std::uint64_t element_start(std::uint64_t offset, std::string_view name, std::string_view expected_id) const {
        if (offset >= file_size) return BlockReader::npos;
        const std::string chunk = detail::read_at(path, offset, 4096);
        std::size_t i = 0;
        while (i < chunk.size() && i < 8 && is_ws(chunk[i])) ++i;
        if (i >= chunk.size() || chunk[i] != '<' || chunk.compare(i + 1, name.size(), name) != 0) return BlockReader::npos;
        if (i + name.size() + 1 >= chunk.size() || !ends_name(chunk[i + name.size() + 1])) return BlockReader::npos;
        const auto gt = chunk.find('>', i);
        const auto id = detail::find_attribute(std::string_view(chunk).substr(i, gt == std::string::npos ? std::string::npos : gt - i), "id");
        if (!id || detail::xml_unescape(*id) != expected_id) return BlockReader::npos;
        return offset + i;
    }

    // Reads the file's own index; returns "" when every offset checks out, else the problem.
    std::string load_index() {
        const std::uint64_t tail_at = file_size > 4096 ? file_size - 4096 : 0;
        const std::string tail = detail::read_at(path, tail_at, 4096);
        const auto a = tail.rfind("<indexListOffset>");
        if (a == std::string::npos) return "no index";
        const auto b = tail.find("</indexListOffset>", a);
        if (b == std::string::npos) return "indexListOffset not closed";
        const auto offset = detail::parse_int(std::string_view(tail).substr(a + 17, b - a - 17));
        if (!offset || *offset < 0 || static_cast<std::uint64_t>(*offset) >= file_size) {
            return "indexListOffset points outside the file";
        }
        std::uint64_t at = static_cast<std::uint64_t>(*offset);
        const std::string head = detail::read_at(path, at, 64);
        std::size_t skip = 0;
        while (skip < head.size() && skip < 8 && is_ws(head[skip])) ++skip;
        if (head.compare(skip, 10, "<indexList") != 0) return "indexListOffset does not point at <indexList>";
        at += skip;
        if (file_size - at > (std::uint64_t{1} << 31)) return "index too large";
        std::string text = detail::read_at(path, at, static_cast<std::size_t>(file_size - at));
        const auto close = text.find("</indexList>");
        if (close == std::string::npos) return "indexList not closed";
        text.resize(close + 12);
        pugi::xml_document doc;
        if (!doc.load_buffer_inplace(text.data(), text.size(), pugi::parse_minimal | pugi::parse_escapes)) {
            return "malformed indexList";
        }
        std::vector<Entry> found;
        std::size_t bad = 0;
        for (auto index : doc.first_child().children("index")) {
            if (std::string_view(index.attribute("name").value()) != "spectrum") continue;
            for (auto o : index.children("offset")) {
                Entry e;
                e.id = o.attribute("idRef").value();
                const auto v = detail::parse_int(o.child_value());
                const std::uint64_t start = (!v || *v < 0) ? BlockReader::npos : element_start(static_cast<std::uint64_t>(*v), "spectrum", e.id);
                if (start == BlockReader::npos) {
                    ++bad;
                    continue;
                }
                e.offset = start;
                found.push_back(std::move(e));
            }
        }
        if (bad > 0) return fmt::format("{} of {} offsets do not point at their spectrum", bad, bad + found.size());
        if (found.size() != source->info().declared_spectra) {
            return fmt::format("{} index entries for {} declared spectra", found.size(), source->info().declared_spectra);
        }
        entries = std::move(found);
        return {};
    }

    void rebuild() {
        entries.clear();
        BlockReader reader(path);
        std::uint64_t p = 0;
        while ((p = reader.find("<spectrum", p)) != BlockReader::npos) {
            if (reader.ensure(p, 10) < 10 || !ends_name(*reader.at(p + 9))) {
                ++p;
                continue;
            }
            const auto gt = reader.find(">", p);
            if (gt == BlockReader::npos) throw InputError(path, fmt::format("truncated: spectrum at byte {} is cut off", p));
            const std::string_view tag(reader.at(p), static_cast<std::size_t>(gt - p));
            Entry e;
            e.id = detail::xml_unescape(detail::find_attribute(tag, "id").value_or(""));
            e.offset = p;
            entries.push_back(std::move(e));
            reader.consume(gt);
            p = gt;
        }
    }

    std::string element(std::uint64_t offset) const {
        std::size_t n = 65536;
        while (true) {
            std::string text = detail::read_at(path, offset, n);
            const auto close = text.find("</spectrum>");
            if (close != std::string::npos) {
                text.resize(close + 11);
                return text;
            }
            if (offset + text.size() >= file_size) {
                throw InputError(path, fmt::format("truncated: spectrum at byte {} has no </spectrum>", offset));
            }
            n *= 4;
        }
    }

    void read_headers() {
        if (headers_read) return;
        for (auto& e : entries) {
            std::size_t n = 4096;
            std::string head;
            while (true) {
                head = detail::read_at(path, e.offset, n);
                if (head.find("<binaryDataArrayList") != std::string::npos || head.find("</spectrum>") != std::string::npos ||
                    e.offset + head.size() >= file_size || n >= (std::size_t{1} << 20)) {
                    break;
                }
                n *= 4;
            }
            if (const auto rt = cv_value(head, "MS:1000016")) e.rt_s = rt->first * rt->second;
            if (const auto level = cv_value(head, "MS:1000511")) e.ms_level = static_cast<int>(level->first);
        }
        headers_read = true;
    }
};

MzmlIndexedReader::MzmlIndexedReader(const fs::path& path) : impl_(std::make_unique<Impl>(path)) {}
MzmlIndexedReader::MzmlIndexedReader(MzmlIndexedReader&&) noexcept = default;
MzmlIndexedReader& MzmlIndexedReader::operator=(MzmlIndexedReader&&) noexcept = default;
MzmlIndexedReader::~MzmlIndexedReader() = default;

const MsRunInfo& MzmlIndexedReader::info() const noexcept { return impl_->info; }
std::size_t MzmlIndexedReader::size() const noexcept { return impl_->entries.size(); }
bool MzmlIndexedReader::index_trusted() const noexcept { return impl_->trusted; }
const std::string& MzmlIndexedReader::id(std::size_t i) const { return impl_->entries.at(i).id; }
std::uint64_t MzmlIndexedReader::offset(std::size_t i) const { return impl_->entries.at(i).offset; }

MsSpectrum MzmlIndexedReader::spectrum(std::size_t i) {
    if (i >= impl_->entries.size()) throw std::out_of_range("MzmlIndexedReader: spectrum index out of range");
    const std::uint64_t offset = impl_->entries[i].offset;
    std::string text = impl_->element(offset);
    MsSpectrum s = impl_->parser->spectrum(text.data(), text.size(), offset);
    s.index = i;
    return s;
}

std::optional<MsSpectrum> MzmlIndexedReader::spectrum_by_id(std::string_view native_id) {
    for (std::size_t i = 0; i < impl_->entries.size(); ++i) {
        if (impl_->entries[i].id == native_id) return spectrum(i);
    }
    return std::nullopt;
}

std::optional<MsSpectrum> MzmlIndexedReader::nearest_rt(double rt_s, int ms_level) {
    impl_->read_headers();
    std::optional<std::size_t> best;
    double best_gap = std::numeric_limits<double>::infinity();
    for (std::size_t i = 0; i < impl_->entries.size(); ++i) {
        const auto& e = impl_->entries[i];
        if (std::isnan(e.rt_s) || (ms_level != 0 && e.ms_level != ms_level)) continue;
        const double gap = std::abs(e.rt_s - rt_s);
        if (gap < best_gap) {
            best_gap = gap;
            best = i;
        }
    }
    if (!best) return std::nullopt;
    return spectrum(*best);
}

}  // namespace sidepeak::io
