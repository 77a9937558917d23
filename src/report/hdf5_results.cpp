#include "sidepeak/report/hdf5_results.hpp"

#include "evidence_kind.hpp"
#include "hdf5_support.hpp"

#include <cmath>
#include <limits>
#include <random>

#include <fmt/format.h>
#include <hdf5.h>

#include "sidepeak/core/native_lock.hpp"

#include "sidepeak/core/error.hpp"
#include "sidepeak/version.hpp"

namespace sidepeak::report {
namespace fs = std::filesystem;

namespace {

using Handle = detail::Hdf5Handle;

Handle group(hid_t parent, const std::string& name) {
    return {H5Gcreate2(parent, name.c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Gclose, "group " + name};
}

template <typename T>
void dataset(hid_t parent, const std::string& name, const std::vector<T>& values) {
    const hsize_t dims[1] = {values.size()};
    const Handle space(H5Screate_simple(1, dims, nullptr), H5Sclose, "dataspace");
    const hid_t type = std::is_same_v<T, double> ? H5T_NATIVE_DOUBLE : H5T_NATIVE_INT32;
    const Handle set(H5Dcreate2(parent, name.c_str(), type, space.get(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                     H5Dclose, "dataset " + name);
    if (!values.empty() && H5Dwrite(set.get(), type, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()) < 0) {
        throw Error("HDF5: cannot write dataset " + name);
    }
}

// Writes one member of every row as a 1-D dataset: a table stored column by column.
template <typename Row, typename Member>
void column(hid_t parent, const std::string& name, const std::vector<Row>& rows, Member member) {
    std::vector<std::decay_t<decltype(member(rows.front()))>> values;
    values.reserve(rows.size());
    for (const auto& row : rows) values.push_back(member(row));
    dataset(parent, name, values);
}

void attribute(hid_t parent, const std::string& name, double value) {
    detail::write_number_attribute(parent, name, value);
}

void attribute(hid_t parent, const std::string& name, const std::string& value) {
    detail::write_text_attribute(parent, name, value);
}

double opt(const std::optional<double>& v) { return v ? *v : std::numeric_limits<double>::quiet_NaN(); }

void write_nmr(hid_t parent, const NmrInput& in) {
    const auto& r = in.result;
    attribute(parent, "path", in.path.string());
    attribute(parent, "nucleus", r.meta.nucleus);
    attribute(parent, "spectrometer_mhz", r.spectrum.spectrometer_mhz);
    attribute(parent, "solvent", r.meta.solvent);
    attribute(parent, "reference", r.reference.signal);
    attribute(parent, "p0_deg", r.phase.p0_deg);
    attribute(parent, "p1_deg", r.phase.p1_deg);
    attribute(parent, "noise", r.noise);
    std::vector<double> ppm(r.spectrum.size());
    for (std::size_t i = 0; i < ppm.size(); ++i) ppm[i] = r.spectrum.ppm_at(static_cast<double>(i));
    dataset(parent, "ppm", ppm);
    dataset(parent, "intensity", r.spectrum.real);
    dataset(parent, "baseline", r.baseline);
    const Handle peaks = group(parent, "peaks");
    const hid_t pg = peaks.get();
    column(pg, "ppm", r.peaks, [](const signal::Peak& p) { return p.ppm; });
    column(pg, "height", r.peaks, [](const signal::Peak& p) { return p.height; });
    column(pg, "area", r.peaks, [](const signal::Peak& p) { return p.area; });
    column(pg, "fwhm_hz", r.peaks, [](const signal::Peak& p) { return p.fwhm_hz; });
    column(pg, "snr", r.peaks, [](const signal::Peak& p) { return p.snr; });
}

void write_chromatogram(hid_t parent, const std::string& name, const Chromatogram& c) {
    const Handle g = group(parent, name);
    dataset(g.get(), "time_s", c.time_s);
    dataset(g.get(), "intensity", c.intensity);
}

void write_lcms(hid_t parent, const LcmsInput& in) {
    const auto& r = in.result;
    attribute(parent, "path", in.path.string());
    attribute(parent, "spectra", static_cast<double>(r.spectra));
    write_chromatogram(parent, "tic", r.tic);
    write_chromatogram(parent, "bpc", r.bpc);
    const Handle g = group(parent, "features");
    const hid_t fg = g.get();
    using F = signal::Feature;
    column(fg, "mz", r.features, [](const F& f) { return f.mz; });
    column(fg, "rt_s", r.features, [](const F& f) { return f.rt_s; });
    column(fg, "rt_from_s", r.features, [](const F& f) { return f.rt_from_s; });
    column(fg, "rt_to_s", r.features, [](const F& f) { return f.rt_to_s; });
    column(fg, "intensity", r.features, [](const F& f) { return f.intensity; });
    column(fg, "area", r.features, [](const F& f) { return f.area; });
    column(fg, "snr", r.features, [](const F& f) { return f.snr; });
    column(fg, "fwhm_s", r.features, [](const F& f) { return f.fwhm_s; });
    column(fg, "neutral_mass", r.features, [](const F& f) { return f.neutral_mass; });
    column(fg, "charge", r.features, [](const F& f) { return static_cast<std::int32_t>(f.charge); });
    column(fg, "group", r.features, [](const F& f) { return static_cast<std::int32_t>(f.group); });
}

void write_finding(hid_t parent, const classify::Finding& f) {
    const Handle g = group(parent, std::string(classify::class_name(f.cls)));
    attribute(g.get(), "detected", f.detected ? 1.0 : 0.0);
    attribute(g.get(), "checked", f.checked ? 1.0 : 0.0);
    attribute(g.get(), "confidence", f.confidence);
    attribute(g.get(), "summary", f.summary);
    const Handle ev = group(g.get(), "evidence");
    const hid_t eg = ev.get();
    using E = classify::Evidence;
    column(eg, "mz", f.evidence, [](const E& e) { return opt(e.mz); });
    column(eg, "rt_s", f.evidence, [](const E& e) { return opt(e.rt_s); });
    column(eg, "ppm", f.evidence, [](const E& e) { return opt(e.ppm); });
    column(eg, "ppm_from", f.evidence, [](const E& e) { return opt(e.ppm_from); });
    column(eg, "ppm_to", f.evidence, [](const E& e) { return opt(e.ppm_to); });
    column(eg, "area_fraction", f.evidence, [](const E& e) { return opt(e.area_fraction); });
    column(eg, "ppm_error", f.evidence, [](const E& e) { return opt(e.ppm_error); });
    column(eg, "intensity", f.evidence, [](const E& e) { return opt(e.intensity); });
    std::string kinds, labels;
    for (const auto& e : f.evidence) {
        kinds += std::string(detail::evidence_kind_name(e.kind)) + "\n";
        labels += e.label + "\n";
    }
    attribute(ev.get(), "kinds", kinds);
    attribute(ev.get(), "labels", labels);
}

void write_contents(hid_t file_id, const BatchResult& batch);

void write_file(const fs::path& path, const BatchResult& batch) {
    Handle file(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT), H5Fclose, path.string());
    write_contents(file.get(), batch);  // every object opened there is closed before the file
    if (file.close_now() < 0 || H5Fis_hdf5(path.c_str()) <= 0) {
        throw Error(fmt::format("{}: HDF5 could not complete the file (disk full or I/O error)", path.string()));
    }
}

void write_contents(hid_t file_id, const BatchResult& batch) {
    attribute(file_id, "schema", std::string("sidepeak.results/1"));
    attribute(file_id, "tool_version", std::string(sidepeak::version()));
    const Handle samples = group(file_id, "samples");
    for (std::size_t i = 0; i < batch.samples.size(); ++i) {
        const auto& s = batch.samples[i];
        const Handle sg = group(samples.get(), std::to_string(i));
        attribute(sg.get(), "id", s.id);
        attribute(sg.get(), "product", s.context.product);
        attribute(sg.get(), "reagent", s.context.increment.empty() ? s.context.reagent : s.context.increment);
        const Handle nmr = group(sg.get(), "nmr");
        for (std::size_t k = 0; k < s.nmr.size(); ++k) {
            const Handle g = group(nmr.get(), std::to_string(k));
            write_nmr(g.get(), s.nmr[k]);
        }
        const Handle lcms = group(sg.get(), "lcms");
        for (std::size_t k = 0; k < s.lcms.size(); ++k) {
            const Handle g = group(lcms.get(), std::to_string(k));
            write_lcms(g.get(), s.lcms[k]);
        }
        const Handle findings = group(sg.get(), "findings");
        for (const auto& f : s.findings) write_finding(findings.get(), f);
    }
}

}  // namespace

void write_hdf5_results(const fs::path& path, const BatchResult& batch) {
    const auto lock = native_library_lock();  // libhdf5 is not thread-safe
    detail::write_hdf5_atomically(path, [&](const fs::path& tmp) { write_file(tmp, batch); });
}

}  // namespace sidepeak::report
