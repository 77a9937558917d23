#include "mzml_writer.hpp"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <stdexcept>

#include <fmt/format.h>

#include "sidepeak/core/codec.hpp"
#include "sidepeak/core/digest.hpp"
#include "sidepeak/io/mzml_writer.hpp"

namespace sidepeak::gen {

namespace {

template <typename T>
std::string encode(const std::vector<double>& values) {
    std::vector<std::uint8_t> raw(values.size() * sizeof(T));
    for (std::size_t i = 0; i < values.size(); ++i) {
        const T v = static_cast<T>(values[i]);
        std::uint8_t bytes[sizeof(T)];
        std::memcpy(bytes, &v, sizeof(T));
        if constexpr (std::endian::native == std::endian::big) std::reverse(bytes, bytes + sizeof(T));
        std::memcpy(raw.data() + i * sizeof(T), bytes, sizeof(T));
    }
    const auto z = zlib_deflate(raw.data(), raw.size(), 6);
    return base64_encode(z.data(), z.size());
}

std::string cv(const char* acc, const char* name, const std::string& value = "") {
    return fmt::format(R"(<cvParam cvRef="MS" accession="{}" name="{}" value="{}"/>)", acc, name, value);
}

std::string array_xml(const std::string& b64, bool mz, bool time_minutes, bool is_time) {
    std::string s = fmt::format(R"(<binaryDataArray encodedLength="{}">)", b64.size());
    s += mz || is_time ? cv("MS:1000523", "64-bit float") : cv("MS:1000521", "32-bit float");
    s += cv("MS:1000574", "zlib compression");
    if (mz) {
        s += R"(<cvParam cvRef="MS" accession="MS:1000514" name="m/z array" value="" unitCvRef="MS" unitAccession="MS:1000040" unitName="m/z"/>)";
    } else if (is_time) {
        s += time_minutes
                 ? R"(<cvParam cvRef="MS" accession="MS:1000595" name="time array" value="" unitCvRef="UO" unitAccession="UO:0000031" unitName="minute"/>)"
                 : R"(<cvParam cvRef="MS" accession="MS:1000595" name="time array" value="" unitCvRef="UO" unitAccession="UO:0000010" unitName="second"/>)";
    } else {
        s += R"(<cvParam cvRef="MS" accession="MS:1000515" name="intensity array" value="" unitCvRef="MS" unitAccession="MS:1000131" unitName="number of detector counts"/>)";
    }
    s += "<binary>" + b64 + "</binary></binaryDataArray>";
    return s;
}

}  // namespace

void write_mzml(const std::filesystem::path& file, const std::vector<Scan>& scans, const LcmsSettings& s,
                const std::string& run_id) {
    std::string out;
    out.reserve(1 << 20);
    out += "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";
    out += "<indexedmzML xmlns=\"http://psi.hupo.org/ms/mzml\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
           "xsi:schemaLocation=\"http://psi.hupo.org/ms/mzml http://psidev.info/files/ms/mzML/xsd/mzML1.1.2_idx.xsd\">\n";
    out += fmt::format("  <mzML xmlns=\"http://psi.hupo.org/ms/mzml\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
                       "xsi:schemaLocation=\"http://psi.hupo.org/ms/mzml http://psidev.info/files/ms/mzML/xsd/mzML1.1.0.xsd\" "
                       "id=\"{}\" version=\"1.1.0\">\n", run_id);
    out += "    <cvList count=\"2\">\n"
           "      <cv id=\"MS\" fullName=\"Proteomics Standards Initiative Mass Spectrometry Ontology\" version=\"4.1.30\" "
           "URI=\"https://raw.githubusercontent.com/HUPO-PSI/psi-ms-CV/master/psi-ms.obo\"/>\n"
           "      <cv id=\"UO\" fullName=\"Unit Ontology\" version=\"09:04:2014\" "
           "URI=\"https://raw.githubusercontent.com/bio-ontology-research-group/unit-ontology/master/unit.obo\"/>\n"
           "    </cvList>\n";
    const char* mode_acc = s.profile ? "MS:1000128" : "MS:1000127";
    const char* mode_name = s.profile ? "profile spectrum" : "centroid spectrum";
    out += "    <fileDescription><fileContent>" + cv("MS:1000579", "MS1 spectrum") + cv(mode_acc, mode_name) +
           "</fileContent></fileDescription>\n";
    out += "    <softwareList count=\"1\"><software id=\"sidepeak_generate\" version=\"0.1.0\">" +
           cv("MS:1000799", "custom unreleased software tool", "sidepeak-generate") + "</software></softwareList>\n";
    out += "    <instrumentConfigurationList count=\"1\"><instrumentConfiguration id=\"IC1\">" +
           cv("MS:1000031", "instrument model") +
           "<componentList count=\"3\"><source order=\"1\">" + cv("MS:1000073", "electrospray ionization") +
           "</source><analyzer order=\"2\">" + cv("MS:1000484", "orbitrap") + "</analyzer><detector order=\"3\">" +
           cv("MS:1000624", "inductive detector") + "</detector></componentList></instrumentConfiguration>"
           "</instrumentConfigurationList>\n";
    out += "    <dataProcessingList count=\"1\"><dataProcessing id=\"DP1\"><processingMethod order=\"0\" "
           "softwareRef=\"sidepeak_generate\">" + cv("MS:1000544", "Conversion to mzML") +
           "</processingMethod></dataProcessing></dataProcessingList>\n";
    out += fmt::format("    <run id=\"{}\" defaultInstrumentConfigurationRef=\"IC1\" "
                       "startTimeStamp=\"2024-05-14T10:12:31Z\">\n", run_id);
    out += fmt::format("      <spectrumList count=\"{}\" defaultDataProcessingRef=\"DP1\">\n", scans.size());

    const char* time_unit = s.minutes ? R"(unitCvRef="UO" unitAccession="UO:0000031" unitName="minute")"
                                      : R"(unitCvRef="UO" unitAccession="UO:0000010" unitName="second")";
    std::vector<std::pair<std::string, std::size_t>> offsets;
    std::vector<double> tic_t, tic_i;
    for (std::size_t i = 0; i < scans.size(); ++i) {
        const auto& sc = scans[i];
        double tic = 0.0;
        for (const double v : sc.intensity) tic += v;
        const double t = s.minutes ? sc.rt_s / 60.0 : sc.rt_s;
        tic_t.push_back(t);
        tic_i.push_back(tic);
        const std::string id = fmt::format("controllerType=0 controllerNumber=1 scan={}", i + 1);
        offsets.emplace_back(id, out.size() + 8);  // 8 spaces of indentation precede "<spectrum"
        out += fmt::format("        <spectrum index=\"{}\" id=\"{}\" defaultArrayLength=\"{}\">", i, id, sc.mz.size());
        out += cv("MS:1000511", "ms level", "1") + cv("MS:1000579", "MS1 spectrum") + cv("MS:1000130", "positive scan") +
               cv(mode_acc, mode_name);
        out += "<scanList count=\"1\">" + cv("MS:1000795", "no combination") + "<scan instrumentConfigurationRef=\"IC1\">";
        out += fmt::format(R"(<cvParam cvRef="MS" accession="MS:1000016" name="scan start time" value="{:.6f}" {}/>)", t, time_unit);
        out += "</scan></scanList><binaryDataArrayList count=\"2\">";
        out += array_xml(encode<double>(sc.mz), true, s.minutes, false);
        out += array_xml(encode<float>(sc.intensity), false, s.minutes, false);
        out += "</binaryDataArrayList></spectrum>\n";
    }
    out += "      </spectrumList>\n      <chromatogramList count=\"1\" defaultDataProcessingRef=\"DP1\">\n";
    const std::size_t chrom_offset = out.size() + 8;
    out += fmt::format("        <chromatogram index=\"0\" id=\"TIC\" defaultArrayLength=\"{}\">", tic_t.size());
    out += cv("MS:1000235", "total ion current chromatogram");
    out += "<binaryDataArrayList count=\"2\">";
    out += array_xml(encode<double>(tic_t), false, s.minutes, true);
    out += array_xml(encode<float>(tic_i), false, s.minutes, false);
    out += "</binaryDataArrayList></chromatogram>\n      </chromatogramList>\n    </run>\n  </mzML>\n";
    const std::size_t index_offset = out.size() + 2;
    out += "  <indexList count=\"2\">\n    <index name=\"spectrum\">\n";
    for (const auto& [id, off] : offsets) out += fmt::format("      <offset idRef=\"{}\">{}</offset>\n", id, off);
    out += "    </index>\n    <index name=\"chromatogram\">\n";
    out += fmt::format("      <offset idRef=\"TIC\">{}</offset>\n", chrom_offset);
    out += "    </index>\n  </indexList>\n";
    out += fmt::format("  <indexListOffset>{}</indexListOffset>\n  <fileChecksum>", index_offset);
    Digest sha1(DigestAlgorithm::sha1);
    sha1.update(out.data(), out.size());
    out += sha1.hex();
    out += "</fileChecksum>\n</indexedmzML>\n";

    std::ofstream f(file, std::ios::binary);
    f.write(out.data(), static_cast<std::streamsize>(out.size()));
    if (!f) throw std::runtime_error("cannot write " + file.string());
}

}  // namespace sidepeak::gen
