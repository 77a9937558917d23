// mzXML 2.x / 3.x reader (Pedrioli et al., Nat. Biotechnol. 22:1459, 2004; schema revisions 2.0-3.2):
// scans streamed one at a time, peaks as base64 of interleaved (m/z, intensity) pairs in network
// byte order, 32 or 64 bit, optionally zlib; retentionTime as xs:duration. Nested MSn scans are
// read in document order. scanCount and the index are checked, never trusted.
#include "mzxml_reader.hpp"

#include <cstring>
#include <optional>
#include <utility>

#include <fmt/format.h>
#include <pugixml.hpp>

#include "element_source.hpp"
#include "mzml_parse.hpp"
#include "mzml_reader.hpp"
#include "precursor_values.hpp"
#include "sidepeak/core/codec.hpp"
#include "sidepeak/core/error.hpp"
#include "sidepeak/core/limits.hpp"
#include "xml_scan.hpp"

namespace sidepeak::io::detail {
namespace fs = std::filesystem;

namespace {

bool ends_name(char c) noexcept { return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '>' || c == '/'; }

// Parses one <scan> element cut out of the file (its start tag through </peaks>, closed with
// </scan>); one per thread.
class MzxmlScanParser final : public ElementParser {
public:
    MzxmlScanParser(fs::path path, std::optional<bool> run_centroided)
        : path_(std::move(path)), run_centroided_(run_centroided) {}

    MsSpectrum parse(RawElement& raw) override {
        const std::uint64_t start = raw.file_offset;
        const auto res = doc_.load_buffer_inplace(raw.text.data(), raw.text.size(), pugi::parse_minimal | pugi::parse_escapes);
        if (!res) {
            throw InputError(path_, fmt::format("malformed XML in the scan element at byte {}: {} (at byte {})", start,
                                                res.description(), start + static_cast<std::uint64_t>(res.offset)));
        }
        const pugi::xml_node scan = doc_.first_child();
        MsSpectrum s;
        s.index = raw.index;
        const std::string num = scan.attribute("num").value();
        s.id = "scan=" + num;
        const std::string where = fmt::format("scan {} (byte {})", num, start);
        s.ms_level = scan.attribute("msLevel").as_int(1);
        const std::string_view polarity = scan.attribute("polarity").value();
        if (polarity == "+") s.polarity = Polarity::positive;
        else if (polarity == "-") s.polarity = Polarity::negative;
        if (const auto rt = scan.attribute("retentionTime"); !rt.empty()) {
            const auto v = parse_xs_duration_s(rt.value());
            if (!v) throw InputError(path_, where + ": retentionTime \"" + std::string(rt.value()) + "\" is not an xs:duration");
            s.rt_s = *v;
        }
        s.scan_low_mz = parse_double(scan.attribute("startMz").value()).value_or(0.0);
        s.scan_high_mz = parse_double(scan.attribute("endMz").value()).value_or(0.0);
        if (const auto c = scan.attribute("centroided"); !c.empty()) {
            s.mode = (std::strcmp(c.value(), "1") == 0 || std::strcmp(c.value(), "true") == 0) ? SpectrumMode::centroid
                                                                                                : SpectrumMode::profile;
        } else if (run_centroided_) {
            s.mode = *run_centroided_ ? SpectrumMode::centroid : SpectrumMode::profile;
        }
        if (const auto pre = scan.child("precursorMz")) read_precursor(scan, pre, s, where);
        const auto peaks_count = parse_int(scan.attribute("peaksCount").value());
        if (!peaks_count || *peaks_count < 0) throw InputError(path_, where + ": peaksCount missing or invalid");
        last_zlib_ = std::nullopt;
        decode_peaks(scan.child("peaks"), static_cast<std::size_t>(*peaks_count), s, where);
        if (s.mode == SpectrumMode::unknown) s.mode = guess_spectrum_mode(s.mz);
        return s;
    }

    /// Whether the last parsed scan's peaks were zlib-compressed (nullopt: it had no peaks).
    [[nodiscard]] std::optional<bool> last_zlib() const noexcept { return last_zlib_; }

private:
    // <precursorMz precursorScanNum= precursorIntensity= precursorCharge= activationMethod=
    // windowWideness=>m/z</precursorMz> (mzXML 3.x) and the scan's collisionEnergy (eV in the
    // schema); the Thermo filterLine gives the activation and normalized energy when those are absent.
    void read_precursor(pugi::xml_node scan, pugi::xml_node pre, MsSpectrum& s, const std::string& where) const {
        const fs::path& path = path_;
        s.precursor_mz = checked_number(pre.child_value(), "precursorMz", true, path, where).value_or(0.0);
        s.precursor_charge = checked_charge(pre.attribute("precursorCharge").value(), path, where).value_or(0);
        s.precursor_intensity = checked_number(pre.attribute("precursorIntensity").value(), "precursorIntensity", true, path, where)
                                    .value_or(0.0);
        if (const auto num = pre.attribute("precursorScanNum"); !num.empty()) s.precursor_scan = std::string("scan=") + num.value();
        if (const auto width = checked_number(pre.attribute("windowWideness").value(), "windowWideness", true, path, where)) {
            s.isolation_target_mz = s.precursor_mz;
            s.isolation_lower_offset = *width / 2;
            s.isolation_upper_offset = *width / 2;
        }
        s.activation = activation_from_name(pre.attribute("activationMethod").value());
        if (const auto ce = checked_number(scan.attribute("collisionEnergy").value(), "collisionEnergy", true, path, where)) {
            s.collision_energy = *ce;
            s.collision_energy_unit = EnergyUnit::electronvolt;
        }
        if (const auto filter = scan.attribute("filterLine"); !filter.empty()) apply_thermo_filter(filter.value(), s);
        if (s.activation == Activation::unknown) {
            // RawConverter writes the activation as scanType ("HCD", "CID", ...), outside the schema's list.
            const Activation a = activation_from_name(scan.attribute("scanType").value());
            if (a != Activation::other) s.activation = a;
        }
    }

    void decode_peaks(pugi::xml_node peaks, std::size_t count, MsSpectrum& s, const std::string& where) {
        const fs::path& path = path_;
        if (!peaks) {
            if (count == 0) return;
            throw InputError(path, where + ": no <peaks> element");
        }
        const int precision = peaks.attribute("precision").as_int(32);
        if (precision != 32 && precision != 64) throw InputError(path, fmt::format("{}: precision {} is not 32 or 64", where, precision));
        const std::string_view order = peaks.attribute("byteOrder").value();
        const bool big = order.empty() || order == "network" || order == "big";
        const std::string_view pair_order = peaks.attribute("pairOrder").value();
        const std::string_view content = peaks.attribute("contentType").value();
        if ((!pair_order.empty() && pair_order != "m/z-int") || (!content.empty() && content != "m/z-int")) {
            throw InputError(path, fmt::format("{}: peaks pairOrder/contentType \"{}{}\" is not supported (m/z-int expected)",
                                               where, pair_order, content));
        }
        const std::size_t cap = max_array_bytes();
        if (count > cap / 16) {
            throw InputError(path, fmt::format("{}: peaksCount {} is above the limit of {} peaks per scan "
                                               "({} MiB decoded; SIDEPEAK_MAX_ARRAY_MB)",
                                               where, count, cap / 16, cap >> 20));
        }
        const std::string_view compression = peaks.attribute("compressionType").value();
        const std::string_view text = peaks.child_value();
        try {
            base64_decode_into(text, bytes_);
        } catch (const Error& e) {
            throw InputError(path, where + ": " + e.what());
        }
        const std::size_t width = static_cast<std::size_t>(precision / 8);
        const std::uint8_t* data = bytes_.data();
        std::size_t size = bytes_.size();
        std::vector<std::uint8_t> inflated;
        if (compression == "zlib") {
            try {
                if (count * 2 * width > bytes_.size() * kMaxZlibRatio + 1024) {
                    throw Error(fmt::format("peaksCount {} cannot come from {} compressed bytes", count, bytes_.size()));
                }
                inflated = zlib_inflate(bytes_.data(), bytes_.size(), std::min(count * 2 * 8 + 1024, cap), count * 2 * width);
            } catch (const Error& e) {
                throw InputError(path, where + ": " + e.what());
            }
            data = inflated.data();
            size = inflated.size();
            last_zlib_ = true;
        } else if (compression.empty() || compression == "none") {
            last_zlib_ = false;
        } else {
            throw InputError(path, fmt::format("{}: compressionType \"{}\" is not supported", where, compression));
        }
        if (size != count * 2 * width) {
            throw InputError(path, fmt::format("{}: peaks hold {} bytes but peaksCount {} needs {}", where, size, count,
                                               count * 2 * width));
        }
        s.mz.resize(count);
        s.intensity.resize(count);
        for (std::size_t i = 0; i < count; ++i) {
            const std::uint8_t* p = data + 2 * width * i;
            if (width == 4) {
                s.mz[i] = load_value<float>(p, big);
                s.intensity[i] = load_value<float>(p + 4, big);
            } else {
                s.mz[i] = load_value<double>(p, big);
                s.intensity[i] = load_value<double>(p + 8, big);
            }
        }
    }

    fs::path path_;
    std::optional<bool> run_centroided_;
    pugi::xml_document doc_;
    std::vector<std::uint8_t> bytes_;
    std::optional<bool> last_zlib_;
};

class MzxmlSource final : public MsSource, public ElementSource {
public:
    explicit MzxmlSource(const fs::path& path) : reader_(path) {
        const std::size_t head_n = reader_.ensure(0, 65536);
        check_xml_prolog(std::string_view(reader_.at(0), head_n), path, {"mzXML", "msRun"});
        info_.format = DataFormat::mzxml;
        info_.compression = "none";
        // The run header ends where the first scan starts.
        std::uint64_t q = 0;
        while (true) {
            q = reader_.find("<", q);
            if (q == BlockReader::npos) throw InputError(path, "truncated: no </msRun>");
            const std::size_t n = reader_.ensure(q, 64);
            const std::string_view name = tag_name_at(std::string_view(reader_.at(q), n));
            if (name == "scan" || name == "/msRun") break;
            if (name == "msRun") {
                const auto gt = reader_.find(">", q);
                if (gt == BlockReader::npos) throw InputError(path, "truncated inside <msRun>");
                const std::string_view tag(reader_.at(q), static_cast<std::size_t>(gt - q));
                if (const auto count = find_attribute(tag, "scanCount")) {
                    declared_ = std::max<std::int64_t>(0, parse_int(*count).value_or(0));
                    info_.declared_spectra = static_cast<std::size_t>(declared_);
                }
            } else if (name == "msModel" || name == "msManufacturer") {
                const auto gt = reader_.find(">", q);
                if (gt == BlockReader::npos) throw InputError(path, "truncated inside <msInstrument>");
                const std::string_view tag(reader_.at(q), static_cast<std::size_t>(gt - q));
                if (const auto value = find_attribute(tag, "value")) {
                    if (name == "msModel") model_ = xml_unescape(*value);
                    else manufacturer_ = xml_unescape(*value);
                }
            } else if (name == "dataProcessing") {
                const auto gt = reader_.find(">", q);
                if (gt == BlockReader::npos) throw InputError(path, "truncated inside <dataProcessing>");
                const std::string_view tag(reader_.at(q), static_cast<std::size_t>(gt - q));
                if (const auto c = find_attribute(tag, "centroided")) run_centroided_ = (*c == "1" || *c == "true");
            }
            ++q;
        }
        info_.instrument = manufacturer_.empty() ? model_ : (model_.empty() ? manufacturer_ : manufacturer_ + " " + model_);
        pos_ = q;
        check_index();
        parser_.emplace(path, run_centroided_);
    }

    [[nodiscard]] const MsRunInfo& info() const override { return info_; }

    std::optional<MsSpectrum> next() override {
        auto raw = next_raw();
        if (!raw) return std::nullopt;
        MsSpectrum s = parser_->parse(*raw);
        if (const auto zlib = parser_->last_zlib()) {
            (*zlib ? seen_zlib_ : seen_none_) = true;
            info_.compression = seen_zlib_ && seen_none_ ? "mixed (none, zlib)" : (seen_zlib_ ? "zlib" : "none");
        }
        return s;
    }

    [[nodiscard]] bool can_parse_in_parallel() const noexcept override { return true; }

    std::optional<RawElement> next_raw() override {
        if (done_) return std::nullopt;
        const fs::path& path = reader_.path();
        while (true) {
            const std::uint64_t q = reader_.find("<", pos_);
            if (q == BlockReader::npos) throw InputError(path, fmt::format("truncated: the file ends after {} scans without </msRun>", count_));
            const std::size_t n = reader_.ensure(q, 64);
            const std::string_view name = tag_name_at(std::string_view(reader_.at(q), n));
            if (name == "/msRun") {
                done_ = true;
                if (declared_ >= 0 && static_cast<std::size_t>(declared_) != count_) {
                    info_.warnings.push_back(fmt::format("scanCount says {} scans but the file holds {}", declared_, count_));
                }
                return std::nullopt;
            }
            if (name == "scan") return cut_scan(q);
            pos_ = q + 1;
            reader_.consume(pos_);
        }
    }

    [[nodiscard]] std::unique_ptr<ElementParser> make_element_parser() const override {
        return std::make_unique<MzxmlScanParser>(reader_.path(), run_centroided_);
    }

private:
    // The scan's own part: its start tag through the end of its <peaks> element, closed with
    // </scan>. Nested scans come after the peaks and are cut as the next elements.
    RawElement cut_scan(std::uint64_t start) {
        const fs::path& path = reader_.path();
        const auto gt = reader_.find(">", start);
        if (gt == BlockReader::npos) throw InputError(path, fmt::format("truncated: scan at byte {} is cut off", start));
        std::uint64_t end = gt + 1;
        const bool self_closing = *reader_.at(gt - 1) == '/';
        if (!self_closing) {
            const auto peaks = reader_.find("<peaks", gt);
            if (peaks == BlockReader::npos) throw InputError(path, fmt::format("truncated: scan at byte {} has no <peaks>", start));
            const std::string_view between(reader_.at(gt), static_cast<std::size_t>(peaks - gt));
            if (between.find("<scan") != std::string_view::npos || between.find("</scan>") != std::string_view::npos) {
                throw InputError(path, fmt::format("malformed mzXML: scan at byte {} has no <peaks> element", start));
            }
            const auto peaks_gt = reader_.find(">", peaks);
            if (peaks_gt == BlockReader::npos) throw InputError(path, "truncated inside <peaks>");
            if (*reader_.at(peaks_gt - 1) == '/') {
                end = peaks_gt + 1;
            } else {
                const auto close = reader_.find("</peaks>", peaks_gt);
                if (close == BlockReader::npos) throw InputError(path, fmt::format("truncated: scan at byte {} has no </peaks>", start));
                end = close + 8;
            }
        }
        RawElement raw;
        reader_.ensure(start, static_cast<std::size_t>(end - start));
        raw.text.assign(reader_.at(start), static_cast<std::size_t>(end - start));
        if (!self_closing) raw.text += "</scan>";
        raw.file_offset = start;
        raw.index = count_++;
        pos_ = end;
        reader_.consume(end);
        return raw;
    }

    // Checks <indexOffset> and every <offset> against the scans they name; a stale index is
    // reported in the warnings (the reader streams and never needs it).
    void check_index() {
        const fs::path& path = reader_.path();
        const std::uint64_t size = reader_.file_size();
        const std::uint64_t tail_at = size > 4096 ? size - 4096 : 0;
        const std::string tail = read_at(path, tail_at, 4096);
        const auto a = tail.rfind("<indexOffset>");
        if (a == std::string::npos) return;
        const auto b = tail.find("</indexOffset>", a);
        const auto offset = b == std::string::npos ? std::nullopt : parse_int(std::string_view(tail).substr(a + 13, b - a - 13));
        if (!offset || *offset <= 0 || static_cast<std::uint64_t>(*offset) >= size) {
            info_.warnings.push_back("stale mzXML index: indexOffset points outside the file (index ignored)");
            return;
        }
        const auto at = static_cast<std::uint64_t>(*offset);
        const std::string head = read_at(path, at, 16);
        if (head.rfind("<index", 0) != 0) {
            info_.warnings.push_back(fmt::format("stale mzXML index: indexOffset {} does not point at <index> (index ignored)", at));
            return;
        }
        const std::size_t index_len = static_cast<std::size_t>(std::min<std::uint64_t>(size - at, std::uint64_t{1} << 30));
        std::string index = read_at(path, at, index_len);
        pugi::xml_document doc;
        const auto close = index.find("</index>");
        if (close == std::string::npos) {
            info_.warnings.push_back("stale mzXML index: <index> is not closed (index ignored)");
            return;
        }
        index.resize(close + 8);
        if (!doc.load_buffer_inplace(index.data(), index.size(), pugi::parse_minimal)) {
            info_.warnings.push_back("stale mzXML index: malformed <index> (index ignored)");
            return;
        }
        std::size_t bad = 0;
        std::size_t total = 0;
        for (auto o : doc.first_child().children("offset")) {
            ++total;
            const auto v = parse_int(o.child_value());
            if (!v || *v < 0 || static_cast<std::uint64_t>(*v) >= size) {
                ++bad;
                continue;
            }
            const std::string tag = read_at(path, static_cast<std::uint64_t>(*v), 256);
            const auto num = find_attribute(tag, "num");
            if (tag.rfind("<scan", 0) != 0 || !ends_name(tag.size() > 5 ? tag[5] : '>') || !num ||
                *num != o.attribute("id").value()) {
                ++bad;
            }
        }
        if (bad > 0) {
            info_.warnings.push_back(
                fmt::format("stale mzXML index: {} of {} offsets do not point at their scan (index ignored)", bad, total));
        }
    }

    BlockReader reader_;
    MsRunInfo info_;
    std::optional<MzxmlScanParser> parser_;  // for next(); set once the run header is read
    std::string model_;
    std::string manufacturer_;
    std::optional<bool> run_centroided_;
    std::int64_t declared_ = -1;
    std::uint64_t pos_ = 0;
    std::size_t count_ = 0;
    bool done_ = false;
    bool seen_zlib_ = false;
    bool seen_none_ = false;
};

}  // namespace

std::unique_ptr<MsSource> open_mzxml(const fs::path& path) { return std::make_unique<MzxmlSource>(path); }

}  // namespace sidepeak::io::detail
