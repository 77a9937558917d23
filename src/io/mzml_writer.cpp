#include "sidepeak/io/mzml_writer.hpp"

#include "sidepeak/core/text.hpp"

#include <cstring>
#include <random>
#include <system_error>

#include <fmt/format.h>

#include "sidepeak/core/codec.hpp"
#include "sidepeak/core/digest.hpp"
#include "sidepeak/core/error.hpp"
#include "sidepeak/version.hpp"

namespace sidepeak::io {
namespace fs = std::filesystem;

namespace {

constexpr std::size_t kCountWidth = 20;  // room for any count, padded with spaces

std::string number(double v) { return fmt::format("{}", v); }  // shortest round-trip form

void append_array(std::string& out, const std::vector<double>& values, std::string_view kind_param, bool zlib) {
    const auto* bytes = reinterpret_cast<const std::uint8_t*>(values.data());
    std::vector<std::uint8_t> le;
    if constexpr (std::endian::native != std::endian::little) {
        le.resize(values.size() * 8);
        for (std::size_t i = 0; i < values.size(); ++i) {
            const auto bits = std::bit_cast<std::uint64_t>(values[i]);
            for (int b = 0; b < 8; ++b) le[i * 8 + static_cast<std::size_t>(b)] = static_cast<std::uint8_t>(bits >> (8 * b));
        }
        bytes = le.data();
    }
    std::string encoded;
    if (zlib) {
        const auto packed = zlib_deflate(bytes, values.size() * 8);
        encoded = base64_encode(packed.data(), packed.size());
    } else {
        encoded = base64_encode(bytes, values.size() * 8);
    }
    out += fmt::format("          <binaryDataArray encodedLength=\"{}\">\n", encoded.size());
    out += "            <cvParam cvRef=\"MS\" accession=\"MS:1000523\" name=\"64-bit float\" value=\"\"/>\n";
    out += zlib ? "            <cvParam cvRef=\"MS\" accession=\"MS:1000574\" name=\"zlib compression\" value=\"\"/>\n"
                : "            <cvParam cvRef=\"MS\" accession=\"MS:1000576\" name=\"no compression\" value=\"\"/>\n";
    out += "            ";
    out += kind_param;
    out += "\n            <binary>";
    out += encoded;
    out += "</binary>\n          </binaryDataArray>\n";
}

constexpr std::string_view kMzParam =
    R"(<cvParam cvRef="MS" accession="MS:1000514" name="m/z array" value="" unitCvRef="MS" unitAccession="MS:1000040" unitName="m/z"/>)";
constexpr std::string_view kIntensityParam =
    R"(<cvParam cvRef="MS" accession="MS:1000515" name="intensity array" value="" unitCvRef="MS" unitAccession="MS:1000131" unitName="number of detector counts"/>)";
constexpr std::string_view kTimeParam =
    R"(<cvParam cvRef="MS" accession="MS:1000595" name="time array" value="" unitCvRef="UO" unitAccession="UO:0000010" unitName="second"/>)";

// The PSI-MS term written for an activation method (none for unknown).
std::string_view activation_param(Activation a) {
    switch (a) {
        case Activation::cid: return R"(accession="MS:1000133" name="collision-induced dissociation")";
        case Activation::hcd: return R"(accession="MS:1000422" name="beam-type collision-induced dissociation")";
        case Activation::in_source_cid: return R"(accession="MS:1001880" name="in-source collision-induced dissociation")";
        case Activation::etd: return R"(accession="MS:1000598" name="electron transfer dissociation")";
        case Activation::ethcd:
            return R"x(accession="MS:1002631" name="Electron-Transfer/Higher-Energy Collision Dissociation (EThcD)")x";
        case Activation::ecd: return R"(accession="MS:1000250" name="electron capture dissociation")";
        case Activation::irmpd: return R"(accession="MS:1000262" name="infrared multiphoton dissociation")";
        case Activation::pqd: return R"(accession="MS:1000599" name="pulsed q dissociation")";
        case Activation::photodissociation: return R"(accession="MS:1000435" name="photodissociation")";
        case Activation::sid: return R"(accession="MS:1000136" name="surface-induced dissociation")";
        case Activation::other: return R"(accession="MS:1000044" name="dissociation method")";
        case Activation::unknown: break;
    }
    return {};
}

// <precursorList> of an MSn spectrum: spectrumRef, isolation window, selected ion (m/z, charge,
// intensity), activation method and collision energy (eV as MS:1000045, percent as MS:1000138,
// an energy of unknown unit as a userParam).
void append_precursor(std::string& out, const MsSpectrum& s) {
    constexpr std::string_view mz_unit = R"(unitCvRef="MS" unitAccession="MS:1000040" unitName="m/z")";
    out += "          <precursorList count=\"1\">\n";
    out += s.precursor_scan.empty() ? std::string("            <precursor>\n")
                                    : fmt::format("            <precursor spectrumRef=\"{}\">\n", xml_escape(s.precursor_scan));
    if (s.isolation_target_mz > 0) {
        out += "              <isolationWindow>\n";
        out += fmt::format("                <cvParam cvRef=\"MS\" accession=\"MS:1000827\" name=\"isolation window target m/z\" "
                           "value=\"{}\" {}/>\n", number(s.isolation_target_mz), mz_unit);
        out += fmt::format("                <cvParam cvRef=\"MS\" accession=\"MS:1000828\" name=\"isolation window lower offset\" "
                           "value=\"{}\" {}/>\n", number(s.isolation_lower_offset), mz_unit);
        out += fmt::format("                <cvParam cvRef=\"MS\" accession=\"MS:1000829\" name=\"isolation window upper offset\" "
                           "value=\"{}\" {}/>\n", number(s.isolation_upper_offset), mz_unit);
        out += "              </isolationWindow>\n";
    }
    out += "              <selectedIonList count=\"1\">\n                <selectedIon>\n";
    out += fmt::format("                  <cvParam cvRef=\"MS\" accession=\"MS:1000744\" name=\"selected ion m/z\" value=\"{}\" {}/>\n",
                       number(s.precursor_mz > 0 ? s.precursor_mz : s.isolation_target_mz), mz_unit);
    if (s.precursor_charge != 0) {
        out += fmt::format("                  <cvParam cvRef=\"MS\" accession=\"MS:1000041\" name=\"charge state\" value=\"{}\"/>\n",
                           s.precursor_charge);
    }
    if (s.precursor_intensity > 0) {
        out += fmt::format("                  <cvParam cvRef=\"MS\" accession=\"MS:1000042\" name=\"peak intensity\" value=\"{}\" "
                           "unitCvRef=\"MS\" unitAccession=\"MS:1000131\" unitName=\"number of detector counts\"/>\n",
                           number(s.precursor_intensity));
    }
    out += "                </selectedIon>\n              </selectedIonList>\n";
    const std::string_view method = activation_param(s.activation);
    if (method.empty() && s.collision_energy <= 0) {
        out += "              <activation/>\n";
    } else {
        out += "              <activation>\n";
        if (!method.empty()) out += fmt::format("                <cvParam cvRef=\"MS\" {} value=\"\"/>\n", method);
        if (s.collision_energy > 0) {
            switch (s.collision_energy_unit) {
                case EnergyUnit::electronvolt:
                    out += fmt::format("                <cvParam cvRef=\"MS\" accession=\"MS:1000045\" name=\"collision energy\" "
                                       "value=\"{}\" unitCvRef=\"UO\" unitAccession=\"UO:0000266\" unitName=\"electronvolt\"/>\n",
                                       number(s.collision_energy));
                    break;
                case EnergyUnit::percent:
                    out += fmt::format("                <cvParam cvRef=\"MS\" accession=\"MS:1000138\" name=\"normalized collision energy\" "
                                       "value=\"{}\" unitCvRef=\"UO\" unitAccession=\"UO:0000187\" unitName=\"percent\"/>\n",
                                       number(s.collision_energy));
                    break;
                case EnergyUnit::unknown:
                    out += fmt::format("                <userParam name=\"collision energy\" value=\"{}\"/>\n", number(s.collision_energy));
                    break;
            }
        }
        out += "              </activation>\n";
    }
    out += "            </precursor>\n          </precursorList>\n";
}

}  // namespace

MzmlWriter::MzmlWriter(const fs::path& path, const MsRunInfo& info, MzmlWriteOptions options)
    : path_(path), options_(options) {
    const fs::path dir = path.has_parent_path() ? path.parent_path() : fs::path(".");
    std::random_device rd;
    tmp_ = dir / fmt::format(".{}.tmp-{:08x}", path.filename().string(), rd());
    file_.reset(std::fopen(tmp_.c_str(), "wb"));
    if (!file_) throw Error(fmt::format("{}: cannot create temporary file", tmp_.string()));
    std::string head;
    head += "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";
    head += "<indexedmzML xmlns=\"http://psi.hupo.org/ms/mzml\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
            "xsi:schemaLocation=\"http://psi.hupo.org/ms/mzml http://psidev.info/files/ms/mzML/xsd/mzML1.1.2_idx.xsd\">\n";
    head += "  <mzML xmlns=\"http://psi.hupo.org/ms/mzml\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
            "xsi:schemaLocation=\"http://psi.hupo.org/ms/mzml http://psidev.info/files/ms/mzML/xsd/mzML1.1.0.xsd\" "
            "version=\"1.1.0\">\n";
    head += "    <cvList count=\"2\">\n"
            "      <cv id=\"MS\" fullName=\"Proteomics Standards Initiative Mass Spectrometry Ontology\" version=\"4.1.0\" "
            "URI=\"https://raw.githubusercontent.com/HUPO-PSI/psi-ms-CV/master/psi-ms.obo\"/>\n"
            "      <cv id=\"UO\" fullName=\"Unit Ontology\" version=\"09:04:2014\" "
            "URI=\"https://raw.githubusercontent.com/bio-ontology-research-group/unit-ontology/master/unit.obo\"/>\n"
            "    </cvList>\n";
    head += "    <fileDescription>\n      <fileContent>\n"
            "        <cvParam cvRef=\"MS\" accession=\"MS:1000579\" name=\"MS1 spectrum\" value=\"\"/>\n"
            "      </fileContent>\n    </fileDescription>\n";
    head += fmt::format("    <softwareList count=\"1\">\n      <software id=\"sidepeak\" version=\"{}\">\n"
                        "        <cvParam cvRef=\"MS\" accession=\"MS:1000799\" name=\"custom unreleased software tool\" "
                        "value=\"sidepeak\"/>\n      </software>\n    </softwareList>\n",
                        xml_escape(sidepeak::version()));
    head += "    <instrumentConfigurationList count=\"1\">\n      <instrumentConfiguration id=\"IC1\">\n";
    head += fmt::format("        <cvParam cvRef=\"MS\" accession=\"MS:1000031\" name=\"instrument model\" value=\"{}\"/>\n",
                        xml_escape(info.instrument));
    head += "      </instrumentConfiguration>\n    </instrumentConfigurationList>\n";
    head += "    <dataProcessingList count=\"1\">\n      <dataProcessing id=\"sidepeak_processing\">\n"
            "        <processingMethod order=\"0\" softwareRef=\"sidepeak\">\n"
            "          <cvParam cvRef=\"MS\" accession=\"MS:1000544\" name=\"Conversion to mzML\" value=\"\"/>\n"
            "        </processingMethod>\n      </dataProcessing>\n    </dataProcessingList>\n";
    head += "    <run id=\"run1\" defaultInstrumentConfigurationRef=\"IC1\">\n      <spectrumList ";
    put(head);
    spectrum_count_at_ = written_;
    put(fmt::format("count=\"0\"{:{}}defaultDataProcessingRef=\"sidepeak_processing\">\n", "", kCountWidth));
}

MzmlWriter::~MzmlWriter() {
    if (!finished_) {
        file_.reset();
        std::error_code ignored;
        fs::remove(tmp_, ignored);
    }
}

void MzmlWriter::put(std::string_view text) {
    if (!text.empty() && std::fwrite(text.data(), 1, text.size(), file_.get()) != text.size()) {
        throw Error(fmt::format("{}: write failed", path_.string()));
    }
    written_ += text.size();
}

void MzmlWriter::write(const MsSpectrum& s) {
    if (finished_) throw UsageError("MzmlWriter: write after finish");
    if (in_chromatograms_) throw UsageError("MzmlWriter: spectra must be written before chromatograms");
    if (s.mz.size() != s.intensity.size()) throw UsageError("MzmlWriter: m/z and intensity arrays differ in length");
    const std::size_t index = spectrum_offsets_.size();
    const std::string id = s.id.empty() ? fmt::format("scan={}", index + 1) : s.id;
    spectrum_offsets_.emplace_back(id, written_ + 8);  // the spectrum starts after the indentation
    std::string& out = scratch_;
    out.clear();
    out += fmt::format("        <spectrum index=\"{}\" id=\"{}\" defaultArrayLength=\"{}\">\n", index, xml_escape(id), s.mz.size());
    out += fmt::format("          <cvParam cvRef=\"MS\" accession=\"MS:1000511\" name=\"ms level\" value=\"{}\"/>\n", s.ms_level);
    out += s.ms_level <= 1 ? "          <cvParam cvRef=\"MS\" accession=\"MS:1000579\" name=\"MS1 spectrum\" value=\"\"/>\n"
                           : "          <cvParam cvRef=\"MS\" accession=\"MS:1000580\" name=\"MSn spectrum\" value=\"\"/>\n";
    if (s.polarity == Polarity::positive) {
        out += "          <cvParam cvRef=\"MS\" accession=\"MS:1000130\" name=\"positive scan\" value=\"\"/>\n";
    } else if (s.polarity == Polarity::negative) {
        out += "          <cvParam cvRef=\"MS\" accession=\"MS:1000129\" name=\"negative scan\" value=\"\"/>\n";
    }
    if (s.mode == SpectrumMode::centroid) {
        out += "          <cvParam cvRef=\"MS\" accession=\"MS:1000127\" name=\"centroid spectrum\" value=\"\"/>\n";
    } else if (s.mode == SpectrumMode::profile) {
        out += "          <cvParam cvRef=\"MS\" accession=\"MS:1000128\" name=\"profile spectrum\" value=\"\"/>\n";
    }
    out += "          <scanList count=\"1\">\n"
           "            <cvParam cvRef=\"MS\" accession=\"MS:1000795\" name=\"no combination\" value=\"\"/>\n"
           "            <scan>\n";
    out += fmt::format("              <cvParam cvRef=\"MS\" accession=\"MS:1000016\" name=\"scan start time\" value=\"{}\" "
                       "unitCvRef=\"UO\" unitAccession=\"UO:0000010\" unitName=\"second\"/>\n",
                       number(s.rt_s));
    if (s.scan_low_mz > 0 || s.scan_high_mz > 0) {
        out += fmt::format(
            "              <scanWindowList count=\"1\">\n                <scanWindow>\n"
            "                  <cvParam cvRef=\"MS\" accession=\"MS:1000501\" name=\"scan window lower limit\" value=\"{}\" "
            "unitCvRef=\"MS\" unitAccession=\"MS:1000040\" unitName=\"m/z\"/>\n"
            "                  <cvParam cvRef=\"MS\" accession=\"MS:1000500\" name=\"scan window upper limit\" value=\"{}\" "
            "unitCvRef=\"MS\" unitAccession=\"MS:1000040\" unitName=\"m/z\"/>\n"
            "                </scanWindow>\n              </scanWindowList>\n",
            number(s.scan_low_mz), number(s.scan_high_mz));
    }
    out += "            </scan>\n          </scanList>\n";
    if (s.precursor_mz > 0 || s.isolation_target_mz > 0) append_precursor(out, s);
    out += "          <binaryDataArrayList count=\"2\">\n";
    append_array(out, s.mz, kMzParam, options_.zlib);
    append_array(out, s.intensity, kIntensityParam, options_.zlib);
    out += "          </binaryDataArrayList>\n        </spectrum>\n";
    put(out);
}

void MzmlWriter::open_chromatogram_list() {
    put("      </spectrumList>\n      <chromatogramList ");
    chromatogram_count_at_ = written_;
    put(fmt::format("count=\"0\"{:{}}defaultDataProcessingRef=\"sidepeak_processing\">\n", "", kCountWidth));
    in_chromatograms_ = true;
}

void MzmlWriter::write(const Chromatogram& c) {
    if (finished_) throw UsageError("MzmlWriter: write after finish");
    if (c.time_s.size() != c.intensity.size()) throw UsageError("MzmlWriter: time and intensity arrays differ in length");
    if (!in_chromatograms_) open_chromatogram_list();
    const std::size_t index = chromatogram_offsets_.size();
    const std::string id = c.id.empty() ? fmt::format("chromatogram={}", index + 1) : c.id;
    chromatogram_offsets_.emplace_back(id, written_ + 8);
    std::string& out = scratch_;
    out.clear();
    out += fmt::format("        <chromatogram index=\"{}\" id=\"{}\" defaultArrayLength=\"{}\">\n", index, xml_escape(id),
                       c.time_s.size());
    if (c.kind == ChromatogramKind::tic) {
        out += "          <cvParam cvRef=\"MS\" accession=\"MS:1000235\" name=\"total ion current chromatogram\" value=\"\"/>\n";
    } else if (c.kind == ChromatogramKind::bpc) {
        out += "          <cvParam cvRef=\"MS\" accession=\"MS:1000628\" name=\"basepeak chromatogram\" value=\"\"/>\n";
    } else if (c.kind == ChromatogramKind::srm) {
        out += "          <cvParam cvRef=\"MS\" accession=\"MS:1001473\" name=\"selected reaction monitoring chromatogram\" value=\"\"/>\n";
    } else if (c.kind == ChromatogramKind::xic) {
        out += "          <cvParam cvRef=\"MS\" accession=\"MS:1000627\" name=\"selected ion current chromatogram\" value=\"\"/>\n";
    } else {
        out += "          <cvParam cvRef=\"MS\" accession=\"MS:1000626\" name=\"chromatogram type\" value=\"\"/>\n";
    }
    auto window = [&](std::string_view element, double mz) {
        out += fmt::format("          <{}>\n            <isolationWindow>\n"
                           "              <cvParam cvRef=\"MS\" accession=\"MS:1000827\" name=\"isolation window target m/z\" "
                           "value=\"{}\" unitCvRef=\"MS\" unitAccession=\"MS:1000040\" unitName=\"m/z\"/>\n"
                           "            </isolationWindow>\n",
                           element, number(mz));
        if (element == "precursor") out += "            <activation/>\n";
        out += fmt::format("          </{}>\n", element);
    };
    if (c.precursor_mz > 0) window("precursor", c.precursor_mz);
    if (c.product_mz > 0) window("product", c.product_mz);
    out += "          <binaryDataArrayList count=\"2\">\n";
    append_array(out, c.time_s, kTimeParam, options_.zlib);
    append_array(out, c.intensity, kIntensityParam, options_.zlib);
    out += "          </binaryDataArrayList>\n        </chromatogram>\n";
    put(out);
}

void MzmlWriter::finish() {
    if (finished_) return;
    put(in_chromatograms_ ? "      </chromatogramList>\n" : "      </spectrumList>\n");
    put("    </run>\n  </mzML>\n");
    const std::uint64_t index_offset = written_;
    std::string out = fmt::format("  <indexList count=\"{}\">\n", chromatogram_offsets_.empty() ? 1 : 2);
    out += "    <index name=\"spectrum\">\n";
    for (const auto& [id, offset] : spectrum_offsets_) {
        out += fmt::format("      <offset idRef=\"{}\">{}</offset>\n", xml_escape(id), offset);
    }
    out += "    </index>\n";
    if (!chromatogram_offsets_.empty()) {
        out += "    <index name=\"chromatogram\">\n";
        for (const auto& [id, offset] : chromatogram_offsets_) {
            out += fmt::format("      <offset idRef=\"{}\">{}</offset>\n", xml_escape(id), offset);
        }
        out += "    </index>\n";
    }
    out += fmt::format("  </indexList>\n  <indexListOffset>{}</indexListOffset>\n", index_offset);
    if (options_.checksum) out += "  <fileChecksum>";
    put(out);
    // Patch the list counts into their reserved fixed-width slots.
    auto patch = [&](std::uint64_t at, std::size_t count) {
        const std::string text = fmt::format("count=\"{}\"", count);
        std::string slot = text + std::string(kCountWidth + 9 - text.size(), ' ');
        if (std::fseek(file_.get(), static_cast<long>(at), SEEK_SET) != 0 ||
            std::fwrite(slot.data(), 1, slot.size(), file_.get()) != slot.size()) {
            throw Error(fmt::format("{}: write failed", path_.string()));
        }
    };
    patch(spectrum_count_at_, spectrum_offsets_.size());
    if (in_chromatograms_) patch(chromatogram_count_at_, chromatogram_offsets_.size());
    std::string tail = "</indexedmzML>\n";
    if (options_.checksum) {
        // The checksum covers the document from its first byte through "<fileChecksum>".
        if (std::fflush(file_.get()) != 0) throw Error(fmt::format("{}: write failed", path_.string()));
        std::unique_ptr<std::FILE, FileCloser> in(std::fopen(tmp_.c_str(), "rb"));
        if (!in) throw Error(fmt::format("{}: cannot re-read for the checksum", tmp_.string()));
        Digest sha(DigestAlgorithm::sha1);
        std::vector<char> block(std::size_t{1} << 20);
        std::uint64_t left = written_;
        while (left > 0) {
            const std::size_t n = std::fread(block.data(), 1, static_cast<std::size_t>(std::min<std::uint64_t>(left, block.size())), in.get());
            if (n == 0) throw Error(fmt::format("{}: short read for the checksum", tmp_.string()));
            sha.update(block.data(), n);
            left -= n;
        }
        tail = sha.hex() + "</fileChecksum>\n" + tail;
    }
    if (std::fseek(file_.get(), 0, SEEK_END) != 0) throw Error(fmt::format("{}: write failed", path_.string()));
    put(tail);
    if (std::fflush(file_.get()) != 0 || std::ferror(file_.get())) throw Error(fmt::format("{}: write failed", path_.string()));
    file_.reset();
    std::error_code ec;
    fs::rename(tmp_, path_, ec);
    if (ec) {
        std::error_code ignored;
        fs::remove(tmp_, ignored);
        throw Error(fmt::format("{}: cannot replace file: {}", path_.string(), ec.message()));
    }
    finished_ = true;
}

void write_mzml(const fs::path& path, const MsRun& run, MzmlWriteOptions options) {
    MzmlWriter writer(path, run.info, options);
    for (const auto& s : run.spectra) writer.write(s);
    for (const auto& c : run.chromatograms) writer.write(c);
    writer.finish();
}

}  // namespace sidepeak::io
