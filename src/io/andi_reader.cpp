// ANDI/AIA mass spectrometry netCDF reader (ASTM E2077-00, "Standard Specification for Analytical
// Data Interchange Protocol for Mass Spectrometric Data"). Per-scan variables scan_index,
// point_count and scan_acquisition_time (seconds) index the flat arrays mass_values and
// intensity_values (any numeric type; netCDF converts to double, scale_factor applied). Every
// index and count is checked against the array sizes before any read.
#include "andi_reader.hpp"

#include <cmath>
#include <system_error>
#include <utility>

#include <fmt/format.h>
#include <netcdf.h>

#include "sidepeak/core/native_lock.hpp"

#include "mzml_parse.hpp"
#include "netcdf_header.hpp"
#include "sidepeak/core/error.hpp"

namespace sidepeak::io::detail {
namespace fs = std::filesystem;

namespace {

// One open netCDF file. Every call into libnetcdf, closing included, runs while the caller holds
// native_library_lock (AndiSource takes it per operation, never for the source's life).
class NcFile {
public:
    explicit NcFile(const fs::path& path) : path_(path) {
        // The library allocates from header counts while opening: check them against the file first.
        check_netcdf_classic_header(path);
        std::error_code ec;
        file_size_ = fs::file_size(path, ec);
        const int rc = nc_open(path.c_str(), NC_NOWRITE, &id_);
        if (rc != NC_NOERR) throw InputError(path, std::string("not a readable netCDF file: ") + nc_strerror(rc));
    }
    NcFile(const NcFile&) = delete;
    NcFile& operator=(const NcFile&) = delete;
    ~NcFile() { close(); }
    void close() noexcept {
        if (id_ >= 0) nc_close(id_);
        id_ = -1;
    }
    [[nodiscard]] int id() const noexcept { return id_; }

    [[nodiscard]] int var(const char* name) const {
        int v = -1;
        return nc_inq_varid(id_, name, &v) == NC_NOERR ? v : -1;
    }
    // Length of a one-dimensional variable; throws when it has another rank.
    [[nodiscard]] std::size_t length(int var, const char* name) const {
        int ndims = 0;
        check(nc_inq_varndims(id_, var, &ndims), name);
        if (ndims != 1) throw InputError(path_, fmt::format("ANDI: variable {} has {} dimensions, expected 1", name, ndims));
        int dim = 0;
        check(nc_inq_vardimid(id_, var, &dim), name);
        std::size_t len = 0;
        check(nc_inq_dimlen(id_, dim, &len), name);
        // Callers allocate from this length: every value is stored in the file, so it is bounded
        // by the file size (a record dimension's length is the header's unchecked numrecs).
        std::size_t width = 1;
        if (nc_inq_type(id_, type(var, name), nullptr, &width) != NC_NOERR || width == 0) width = 1;
        if (len > file_size_ / width) {
            throw InputError(path_, fmt::format("ANDI: variable {} declares {} values, more than the {}-byte file holds",
                                                name, len, file_size_));
        }
        return len;
    }
    [[nodiscard]] nc_type type(int var, const char* name) const {
        nc_type t = NC_NAT;
        check(nc_inq_vartype(id_, var, &t), name);
        return t;
    }
    [[nodiscard]] double scale_factor(int var) const {
        double s = 1.0;
        if (nc_get_att_double(id_, var, "scale_factor", &s) != NC_NOERR || !std::isfinite(s) || s == 0) return 1.0;
        return s;
    }
    [[nodiscard]] std::string text_attribute(const char* name) const {
        std::size_t len = 0;
        nc_type t = NC_NAT;
        if (nc_inq_att(id_, NC_GLOBAL, name, &t, &len) != NC_NOERR || t != NC_CHAR || len > 4096) return {};
        std::string s(len, '\0');
        if (nc_get_att_text(id_, NC_GLOBAL, name, s.data()) != NC_NOERR) return {};
        while (!s.empty() && (s.back() == '\0' || s.back() == ' ')) s.pop_back();
        return s;
    }
    // First row of a two-dimensional char variable (instrument_name and friends).
    [[nodiscard]] std::string first_string(const char* name) const {
        const int v = var(name);
        if (v < 0) return {};
        int ndims = 0;
        if (nc_inq_varndims(id_, v, &ndims) != NC_NOERR || ndims != 2 || type(v, name) != NC_CHAR) return {};
        int dims[2] = {0, 0};
        nc_inq_vardimid(id_, v, dims);
        std::size_t rows = 0;
        std::size_t cols = 0;
        nc_inq_dimlen(id_, dims[0], &rows);
        nc_inq_dimlen(id_, dims[1], &cols);
        if (rows == 0 || cols == 0 || cols > 4096) return {};
        std::string s(cols, '\0');
        const std::size_t start[2] = {0, 0};
        const std::size_t count[2] = {1, cols};
        if (nc_get_vara_text(id_, v, start, count, s.data()) != NC_NOERR) return {};
        s.resize(s.find('\0') == std::string::npos ? s.size() : s.find('\0'));
        while (!s.empty() && s.back() == ' ') s.pop_back();
        return s;
    }
    void check(int rc, const char* what) const {
        if (rc != NC_NOERR) throw InputError(path_, fmt::format("ANDI: {}: {}", what, nc_strerror(rc)));
    }

private:
    fs::path path_;
    std::uintmax_t file_size_ = 0;
    int id_ = -1;
};

// Holds native_library_lock while it opens and indexes the file, for each spectrum it reads and
// while it closes: a source may be read and destroyed on any thread, and other netCDF / HDF5
// users run between its reads.
class AndiSource final : public MsSource {
public:
    explicit AndiSource(const fs::path& path) : open_lock_(native_library_lock()), path_(path), nc_(path) {
        mass_var_ = required("mass_values");
        intensity_var_ = required("intensity_values");
        const int index_var = required("scan_index");
        const int count_var = required("point_count");
        const std::size_t scans = nc_.length(index_var, "scan_index");
        if (nc_.length(count_var, "point_count") != scans) {
            throw InputError(path, "ANDI: scan_index and point_count differ in length");
        }
        points_ = nc_.length(mass_var_, "mass_values");
        if (nc_.length(intensity_var_, "intensity_values") != points_) {
            throw InputError(path, "ANDI: mass_values and intensity_values differ in length");
        }
        index_.resize(scans);
        count_.resize(scans);
        if (scans > 0) {
            nc_.check(nc_get_var_longlong(nc_.id(), index_var, index_.data()), "scan_index");
            nc_.check(nc_get_var_longlong(nc_.id(), count_var, count_.data()), "point_count");
        }
        check_counts(scans);
        if (const int t = nc_.var("scan_acquisition_time"); t >= 0) {
            if (nc_.length(t, "scan_acquisition_time") != scans) {
                throw InputError(path, "ANDI: scan_acquisition_time and scan_index differ in length");
            }
            time_.resize(scans);
            if (scans > 0) nc_.check(nc_get_var_double(nc_.id(), t, time_.data()), "scan_acquisition_time");
        }
        if (const int t = nc_.var("total_intensity"); t >= 0 && nc_.length(t, "total_intensity") == scans) {
            tic_.resize(scans);
            if (scans > 0 && nc_get_var_double(nc_.id(), t, tic_.data()) != NC_NOERR) tic_.clear();
        }
        mass_scale_ = nc_.scale_factor(mass_var_);
        intensity_scale_ = nc_.scale_factor(intensity_var_);

        info_.format = DataFormat::andi_netcdf;
        info_.compression = "none";
        info_.declared_spectra = scans;
        const std::string mfr = nc_.first_string("instrument_mfr");
        const std::string model = nc_.first_string("instrument_model");
        const std::string name = nc_.first_string("instrument_name");
        info_.instrument = !model.empty() ? (mfr.empty() ? model : mfr + " " + model) : (!name.empty() ? name : mfr);
        const std::string polarity = nc_.text_attribute("test_ionization_polarity");
        if (polarity.find("ositive") != std::string::npos) polarity_ = Polarity::positive;
        else if (polarity.find("egative") != std::string::npos) polarity_ = Polarity::negative;
        const std::string type = nc_.text_attribute("experiment_type");
        if (type.find("entroid") != std::string::npos) mode_ = SpectrumMode::centroid;
        else if (type.find("ontinuum") != std::string::npos) mode_ = SpectrumMode::profile;
        open_lock_.unlock();  // on a throw above, nc_ closes before open_lock_ is released
    }
    AndiSource(const AndiSource&) = delete;
    AndiSource& operator=(const AndiSource&) = delete;
    ~AndiSource() override {
        const auto lock = native_library_lock();
        nc_.close();
    }

    [[nodiscard]] const MsRunInfo& info() const override { return info_; }

    std::optional<MsSpectrum> next() override {
        if (next_ >= index_.size()) return std::nullopt;
        const std::size_t i = next_++;
        MsSpectrum s;
        s.index = i;
        s.id = fmt::format("scan={}", i + 1);
        s.ms_level = 1;
        s.rt_s = time_.empty() ? 0.0 : time_[i];
        s.polarity = polarity_;
        const std::size_t start = static_cast<std::size_t>(index_[i]);
        const std::size_t count = static_cast<std::size_t>(count_[i]);
        s.mz.resize(count);
        s.intensity.resize(count);
        if (count > 0) {
            const auto lock = native_library_lock();
            nc_.check(nc_get_vara_double(nc_.id(), mass_var_, &start, &count, s.mz.data()), "mass_values");
            nc_.check(nc_get_vara_double(nc_.id(), intensity_var_, &start, &count, s.intensity.data()), "intensity_values");
        }
        if (mass_scale_ != 1.0) {
            for (auto& v : s.mz) v *= mass_scale_;
        }
        if (intensity_scale_ != 1.0) {
            for (auto& v : s.intensity) v *= intensity_scale_;
        }
        s.mode = mode_ != SpectrumMode::unknown ? mode_ : guess_spectrum_mode(s.mz);
        return s;
    }

    std::vector<Chromatogram> chromatograms() override {
        if (tic_.empty() || time_.empty()) return {};
        Chromatogram c;
        c.id = "TIC";
        c.kind = ChromatogramKind::tic;
        c.time_s = time_;
        c.intensity = tic_;
        return {std::move(c)};
    }

private:
    // Scans must lie inside the point arrays without overlapping. Some files (cut-down copies)
    // keep the original point_count but rewrite scan_index: when point_count overlaps and
    // scan_index is ascending, the counts are taken from the scan_index differences, as the
    // netCDF readers of xcms/mzR do, with a warning.
    void check_counts(std::size_t scans) {
        bool fits = true;
        bool ascending = true;
        for (std::size_t i = 0; i < scans; ++i) {
            const long long end = index_[i] + count_[i];
            if (index_[i] < 0 || count_[i] < 0 || static_cast<unsigned long long>(end) > points_) fits = false;
            if (i + 1 < scans && end > index_[i + 1]) fits = false;
            if (index_[i] < 0 || static_cast<unsigned long long>(index_[i]) > points_ || (i + 1 < scans && index_[i + 1] < index_[i])) {
                ascending = false;
            }
        }
        if (fits) return;
        if (!ascending) {
            for (std::size_t i = 0; i < scans; ++i) {
                if (index_[i] < 0 || count_[i] < 0 || static_cast<unsigned long long>(index_[i] + count_[i]) > points_) {
                    throw InputError(path_, fmt::format("ANDI: scan {} has scan_index {} and point_count {}, outside the {} stored points",
                                                        i, index_[i], count_[i], points_));
                }
            }
            throw InputError(path_, "ANDI: scans overlap and scan_index is not ascending");
        }
        for (std::size_t i = 0; i < scans; ++i) {
            count_[i] = (i + 1 < scans ? index_[i + 1] : static_cast<long long>(points_)) - index_[i];
        }
        info_.warnings.push_back("point_count disagrees with scan_index; point counts taken from the scan_index differences");
    }

    int required(const char* name) const {
        const int v = nc_.var(name);
        if (v < 0) throw InputError(path_, fmt::format("netCDF file without the ANDI MS variable {}", name));
        const nc_type t = nc_.type(v, name);
        if (t == NC_CHAR || t == NC_STRING) throw InputError(path_, fmt::format("ANDI: variable {} is not numeric", name));
        return v;
    }

    std::unique_lock<std::mutex> open_lock_;  // held by the constructor only; declared first, released last
    fs::path path_;
    NcFile nc_;
    MsRunInfo info_;
    int mass_var_ = -1;
    int intensity_var_ = -1;
    std::size_t points_ = 0;
    std::vector<long long> index_;
    std::vector<long long> count_;
    std::vector<double> time_;
    std::vector<double> tic_;
    double mass_scale_ = 1.0;
    double intensity_scale_ = 1.0;
    Polarity polarity_ = Polarity::unknown;
    SpectrumMode mode_ = SpectrumMode::unknown;
    std::size_t next_ = 0;
};

}  // namespace

std::unique_ptr<MsSource> open_andi(const fs::path& path) { return std::make_unique<AndiSource>(path); }

}  // namespace sidepeak::io::detail
