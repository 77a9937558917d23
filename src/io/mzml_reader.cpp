#include "mzml_reader.hpp"

#include <fmt/format.h>

#include "sidepeak/core/error.hpp"

namespace sidepeak::io::detail {
namespace fs = std::filesystem;

namespace {

bool is_ws(char c) noexcept { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }
bool ends_name(char c) noexcept { return is_ws(c) || c == '>' || c == '/'; }

}  // namespace

std::string_view tag_name_at(std::string_view text) {
    if (text.size() < 2 || text[0] != '<') return {};
    std::size_t end = 1;
    if (text[end] == '/') ++end;
    while (end < text.size() && !ends_name(text[end])) ++end;
    std::string_view name = text.substr(1, end - 1);
    const bool closing = !name.empty() && name[0] == '/';
    if (const auto colon = name.find(':'); colon != std::string_view::npos && !closing) name = name.substr(colon + 1);
    return name;
}

std::string check_xml_prolog(std::string_view head, const fs::path& path, std::initializer_list<std::string_view> roots) {
    if (head.empty()) throw InputError(path, "empty file (0 bytes)");
    if (head.substr(0, 3) == "\xEF\xBB\xBF") head.remove_prefix(3);
    std::size_t pos = 0;
    std::string root;
    while ((pos = head.find('<', pos)) != std::string_view::npos) {
        if (pos + 1 >= head.size()) break;
        if (head[pos + 1] == '?' || head[pos + 1] == '!') {
            ++pos;
            continue;
        }
        root = std::string(tag_name_at(head.substr(pos, 256)));
        break;
    }
    if (prolog_declares_entities(head.substr(0, pos == std::string_view::npos ? head.size() : pos))) {
        throw InputError(path, "refused: the DOCTYPE declares entities or an external DTD (entity expansion is not allowed)");
    }
    if (root.empty()) throw InputError(path, "no XML root element found (not an XML file, or truncated)");
    for (const auto r : roots) {
        if (root == r) return root;
    }
    std::string expected;
    for (const auto r : roots) expected += (expected.empty() ? "<" : " or <") + std::string(r) + ">";
    throw InputError(path, fmt::format("root element is <{}>, expected {}", root, expected));
}

MzmlSource::MzmlSource(BlockReader reader, DataFormat format, ExternalArrays* external)
    : reader_(std::move(reader)),
      header_(std::make_unique<MzmlHeader>()),
      external_(external),
      parser_(reader_.path(), &header_->groups, external) {
    const fs::path& path = reader_.path();
    info_.format = format;
    const std::size_t head_n = reader_.ensure(0, 65536);
    check_xml_prolog(std::string_view(reader_.at(0), head_n), path, {"mzML", "indexedmzML"});

    std::uint64_t p = 0;
    while (true) {
        p = reader_.find("<run", p);
        if (p == BlockReader::npos) throw InputError(path, "no <run> element (truncated, or not an mzML run)");
        if (reader_.ensure(p, 5) == 5 && ends_name(*reader_.at(p + 4))) break;
        ++p;
    }
    run_start_ = p;
    reader_.ensure(0, static_cast<std::size_t>(p));
    *header_ = parse_mzml_header(std::string_view(reader_.at(0), static_cast<std::size_t>(p)), path);
    info_.instrument = header_->instrument;

    // Walk the run's children up to the spectrumList (or learn there is none).
    std::uint64_t q = p + 1;
    while (true) {
        q = reader_.find("<", q);
        if (q == BlockReader::npos) throw InputError(path, "truncated: the file ends inside <run>");
        const std::size_t n = reader_.ensure(q, 64);
        const std::string_view name = tag_name_at(std::string_view(reader_.at(q), n));
        if (name == "spectrumList") {
            const auto gt = reader_.find(">", q);
            if (gt == BlockReader::npos) throw InputError(path, "truncated: the file ends inside <spectrumList>");
            const std::string_view tag(reader_.at(q), static_cast<std::size_t>(gt - q));
            if (const auto count = find_attribute(tag, "count")) {
                info_.declared_spectra = static_cast<std::size_t>(std::max<std::int64_t>(0, parse_int(*count).value_or(0)));
            }
            in_spectra_ = tag.empty() || tag.back() != '/';
            pos_ = gt + 1;
            break;
        }
        if (name == "chromatogramList" || name == "/run") {
            pos_ = q;
            break;
        }
        q += 1;
    }
    reader_.consume(pos_);
    pending_ = read_next();
    info_.compression = describe_compressions(parser_.compressions());
}

std::uint64_t MzmlSource::skip_space(std::uint64_t pos) {
    while (true) {
        const std::size_t n = reader_.ensure(pos, 4096);
        if (n == 0) return pos;
        const char* p = reader_.at(pos);
        std::size_t i = 0;
        while (i < n && is_ws(p[i])) ++i;
        pos += i;
        if (i < n) {
            if (reader_.ensure(pos, 4) == 4 && std::string_view(reader_.at(pos), 4) == "<!--") {
                const auto end = reader_.find("-->", pos + 4);
                if (end == BlockReader::npos) throw InputError(reader_.path(), "truncated: unterminated comment");
                pos = end + 3;
                continue;
            }
            return pos;
        }
    }
}

bool MzmlSource::next_element(std::uint64_t& begin, std::uint64_t& end) {
    if (!in_spectra_) return false;
    const fs::path& path = reader_.path();
    const std::uint64_t pos = skip_space(pos_);
    const std::size_t n = reader_.ensure(pos, 64);
    if (n == 0) {
        throw InputError(path, fmt::format("truncated: the file ends inside <spectrumList> after {} spectra", count_));
    }
    const std::string_view name = tag_name_at(std::string_view(reader_.at(pos), n));
    if (name == "/spectrumList") {
        in_spectra_ = false;
        if (info_.declared_spectra != count_) {
            info_.warnings.push_back(fmt::format("spectrumList count says {} spectra but the file holds {}",
                                                 info_.declared_spectra, count_));
        }
        return false;
    }
    if (name != "spectrum") {
        throw InputError(path, fmt::format("malformed mzML: unexpected <{}> inside <spectrumList> at byte {}", name, pos));
    }
    const auto gt = reader_.find(">", pos);
    if (gt == BlockReader::npos) throw InputError(path, fmt::format("truncated: spectrum at byte {} is cut off", pos));
    if (*reader_.at(gt - 1) == '/') {
        end = gt + 1;
    } else {
        const auto close = reader_.find("</spectrum>", gt);
        if (close == BlockReader::npos) {
            throw InputError(path, fmt::format("truncated: spectrum at byte {} has no </spectrum>", pos));
        }
        end = close + 11;
    }
    begin = pos;
    reader_.ensure(pos, static_cast<std::size_t>(end - pos));
    return true;
}

std::optional<MsSpectrum> MzmlSource::read_next() {
    std::uint64_t begin = 0;
    std::uint64_t end = 0;
    if (!next_element(begin, end)) return std::nullopt;
    MsSpectrum s = parser_.spectrum(reader_.at(begin), static_cast<std::size_t>(end - begin), begin);
    s.index = count_++;
    pos_ = end;
    reader_.consume(end);
    return s;
}

std::optional<RawElement> MzmlSource::next_raw() {
    if (pending_) {
        RawElement raw;
        raw.index = pending_->index;
        raw.parsed = std::move(pending_);
        pending_.reset();
        return raw;
    }
    std::uint64_t begin = 0;
    std::uint64_t end = 0;
    if (!next_element(begin, end)) return std::nullopt;
    RawElement raw;
    raw.text.assign(reader_.at(begin), static_cast<std::size_t>(end - begin));
    raw.file_offset = begin;
    raw.index = count_++;
    pos_ = end;
    reader_.consume(end);
    return raw;
}

namespace {

// An mzML element parser of one thread; the run's referenceable parameter groups are shared
// read-only.
class MzmlThreadParser final : public ElementParser {
public:
    explicit MzmlThreadParser(MzmlElementParser parser) : parser_(std::move(parser)) {}
    MsSpectrum parse(RawElement& raw) override {
        if (raw.parsed) return std::move(*raw.parsed);
        MsSpectrum s = parser_.spectrum(raw.text.data(), raw.text.size(), raw.file_offset);
        s.index = raw.index;
        return s;
    }

private:
    MzmlElementParser parser_;
};

}  // namespace

std::unique_ptr<ElementParser> MzmlSource::make_element_parser() const {
    return std::make_unique<MzmlThreadParser>(MzmlElementParser(reader_.path(), &header_->groups, nullptr));
}

std::optional<MsSpectrum> MzmlSource::next() {
    if (pending_) {
        std::optional<MsSpectrum> out = std::move(pending_);
        pending_.reset();
        return out;
    }
    auto s = read_next();
    if (!s || info_.compression != describe_compressions(parser_.compressions())) {
        info_.compression = describe_compressions(parser_.compressions());
    }
    return s;
}

std::vector<Chromatogram> MzmlSource::chromatograms() {
    BlockReader reader = reader_.reopen();
    const fs::path& path = reader.path();
    MzmlElementParser parser(path, &header_->groups, nullptr);
    std::vector<Chromatogram> out;
    std::uint64_t p = run_start_;
    while (true) {
        p = reader.find("<chromatogramList", p);
        if (p == BlockReader::npos) return out;
        if (reader.ensure(p, 18) == 18 && ends_name(*reader.at(p + 17))) break;
        ++p;
    }
    auto gt = reader.find(">", p);
    if (gt == BlockReader::npos) throw InputError(path, "truncated: the file ends inside <chromatogramList>");
    if (*reader.at(gt - 1) == '/') return out;
    std::uint64_t pos = gt + 1;
    while (true) {
        pos = reader.find("<", pos);
        if (pos == BlockReader::npos) throw InputError(path, "truncated: the file ends inside <chromatogramList>");
        const std::size_t n = reader.ensure(pos, 64);
        const std::string_view name = tag_name_at(std::string_view(reader.at(pos), n));
        if (name == "/chromatogramList") return out;
        if (name != "chromatogram") {
            if (name.substr(0, 3) == "!--") {
                pos += 1;
                continue;
            }
            throw InputError(path, fmt::format("malformed mzML: unexpected <{}> inside <chromatogramList> at byte {}", name, pos));
        }
        gt = reader.find(">", pos);
        if (gt == BlockReader::npos) throw InputError(path, "truncated: chromatogram cut off");
        std::uint64_t end = 0;
        if (*reader.at(gt - 1) == '/') {
            end = gt + 1;
        } else {
            const auto close = reader.find("</chromatogram>", gt);
            if (close == BlockReader::npos) {
                throw InputError(path, fmt::format("truncated: chromatogram at byte {} has no </chromatogram>", pos));
            }
            end = close + 15;
        }
        reader.ensure(pos, static_cast<std::size_t>(end - pos));
        out.push_back(parser.chromatogram(reader.at(pos), static_cast<std::size_t>(end - pos), pos));
        pos = end;
        reader.consume(end);
    }
}

std::unique_ptr<MsSource> open_mzml(const fs::path& path) {
    return std::make_unique<MzmlSource>(BlockReader(path), DataFormat::mzml, nullptr);
}

}  // namespace sidepeak::io::detail
