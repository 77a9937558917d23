#include "sidepeak/report/hdf5_results.hpp"

#include <cmath>
#include <limits>
#include <random>

#include <fmt/format.h>
#include <hdf5.h>

#include "sidepeak/core/error.hpp"
#include "sidepeak/version.hpp"

namespace sidepeak::report {
namespace fs = std::filesystem;

namespace {

// Owns one HDF5 identifier and closes it with the matching function.
class Handle {
public:
    Handle(hid_t id, herr_t (*close)(hid_t), const std::string& what) : id_(id), close_(close) {
        if (id_ < 0) throw Error("HDF5: cannot create " + what);
    }
    ~Handle() {
        if (id_ >= 0) close_(id_);
    }
    Handle(const Handle&) = delete;
    Handle& operator=(const Handle&) = delete;
    [[nodiscard]] hid_t get() const noexcept { return id_; }

private:
    hid_t id_;
    herr_t (*close_)(hid_t);
};

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

void attribute(hid_t parent, const std::string& name, double value) {
    const Handle space(H5Screate(H5S_SCALAR), H5Sclose, "dataspace");
    const Handle attr(H5Acreate2(parent, name.c_str(), H5T_NATIVE_DOUBLE, space.get(), H5P_DEFAULT, H5P_DEFAULT),
                      H5Aclose, "attribute " + name);
    H5Awrite(attr.get(), H5T_NATIVE_DOUBLE, &value);
}

void attribute(hid_t parent, const std::string& name, const std::string& value) {
    // Variable-length UTF-8 strings: h5py reads them as str, HDFView shows them as text.
    const Handle type(H5Tcopy(H5T_C_S1), H5Tclose, "string type");
    H5Tset_size(type.get(), H5T_VARIABLE);
    H5Tset_cset(type.get(), H5T_CSET_UTF8);
    const Handle space(H5Screate(H5S_SCALAR), H5Sclose, "dataspace");
    const Handle attr(H5Acreate2(parent, name.c_str(), type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT), H5Aclose,
                      "attribute " + name);
    const char* text = value.c_str();
    H5Awrite(attr.get(), type.get(), &text);
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
    std::vector<double> p_ppm, height, area, fwhm, snr;
    for (const auto& p : r.peaks) {
        p_ppm.push_back(p.ppm);
        height.push_back(p.height);
        area.push_back(p.area);
        fwhm.push_back(p.fwhm_hz);
        snr.push_back(p.snr);
    }
    dataset(peaks.get(), "ppm", p_ppm);
    dataset(peaks.get(), "height", height);
    dataset(peaks.get(), "area", area);
    dataset(peaks.get(), "fwhm_hz", fwhm);
    dataset(peaks.get(), "snr", snr);
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
    std::vector<double> mz, rt, from, to, intensity, area, snr, fwhm, neutral;
    std::vector<std::int32_t> charge, grp;
    for (const auto& f : r.features) {
        mz.push_back(f.mz);
        rt.push_back(f.rt_s);
        from.push_back(f.rt_from_s);
        to.push_back(f.rt_to_s);
        intensity.push_back(f.intensity);
        area.push_back(f.area);
        snr.push_back(f.snr);
        fwhm.push_back(f.fwhm_s);
        neutral.push_back(f.neutral_mass);
        charge.push_back(f.charge);
        grp.push_back(f.group);
    }
    dataset(g.get(), "mz", mz);
    dataset(g.get(), "rt_s", rt);
    dataset(g.get(), "rt_from_s", from);
    dataset(g.get(), "rt_to_s", to);
    dataset(g.get(), "intensity", intensity);
    dataset(g.get(), "area", area);
    dataset(g.get(), "snr", snr);
    dataset(g.get(), "fwhm_s", fwhm);
    dataset(g.get(), "neutral_mass", neutral);
    dataset(g.get(), "charge", charge);
    dataset(g.get(), "group", grp);
}

void write_finding(hid_t parent, const classify::Finding& f) {
    const Handle g = group(parent, std::string(classify::class_name(f.cls)));
    attribute(g.get(), "detected", f.detected ? 1.0 : 0.0);
    attribute(g.get(), "checked", f.checked ? 1.0 : 0.0);
    attribute(g.get(), "confidence", f.confidence);
    attribute(g.get(), "summary", f.summary);
    const Handle ev = group(g.get(), "evidence");
    std::vector<double> mz, rt, ppm, from, to, frac, err, intensity;
    std::string kinds, labels;
    for (const auto& e : f.evidence) {
        mz.push_back(opt(e.mz));
        rt.push_back(opt(e.rt_s));
        ppm.push_back(opt(e.ppm));
        from.push_back(opt(e.ppm_from));
        to.push_back(opt(e.ppm_to));
        frac.push_back(opt(e.area_fraction));
        err.push_back(opt(e.ppm_error));
        intensity.push_back(opt(e.intensity));
        kinds += e.kind + "\n";
        labels += e.label + "\n";
    }
    dataset(ev.get(), "mz", mz);
    dataset(ev.get(), "rt_s", rt);
    dataset(ev.get(), "ppm", ppm);
    dataset(ev.get(), "ppm_from", from);
    dataset(ev.get(), "ppm_to", to);
    dataset(ev.get(), "area_fraction", frac);
    dataset(ev.get(), "ppm_error", err);
    dataset(ev.get(), "intensity", intensity);
    attribute(ev.get(), "kinds", kinds);
    attribute(ev.get(), "labels", labels);
}

void write_file(const fs::path& path, const BatchResult& batch) {
    const Handle file(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT), H5Fclose, path.string());
    attribute(file.get(), "schema", std::string("sidepeak.results/1"));
    attribute(file.get(), "tool_version", std::string(sidepeak::version()));
    const Handle samples = group(file.get(), "samples");
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
    std::random_device rd;
    const fs::path dir = path.has_parent_path() ? path.parent_path() : fs::path(".");
    const fs::path tmp = dir / fmt::format(".{}.tmp-{:08x}", path.filename().string(), rd());
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);  // errors are reported as exceptions, not printed
    try {
        write_file(tmp, batch);
    } catch (...) {
        std::error_code ignored;
        fs::remove(tmp, ignored);
        throw;
    }
    std::error_code ec;
    fs::rename(tmp, path, ec);
    if (ec) throw Error(fmt::format("{}: cannot replace file: {}", path.string(), ec.message()));
}

}  // namespace sidepeak::report
