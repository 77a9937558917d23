#include "sidepeak/signal/peak_store.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <string>
#include <utility>

#include <unistd.h>

#include "heap_release.hpp"
#include "sidepeak/core/error.hpp"

namespace sidepeak::signal {
namespace {

// Storage bins: linear in the frexp mantissa within each octave of m/z 0.5 to 131 072, 1024 per
// octave (0.05-0.1 % of m/z, 0.25-0.5 at m/z 500): a slab reads back little beyond its range, and
// the bins stay few enough (18 432) to cost nothing when empty.
constexpr int kMinExponent = 0;
constexpr int kMaxExponent = 18;
constexpr std::size_t kBinsPerOctave = 1024;
constexpr std::size_t kBins = kBinsPerOctave * static_cast<std::size_t>(kMaxExponent - kMinExponent);

[[noreturn]] void fail(const std::string& what) { throw Error("spill file: " + what + ": " + std::strerror(errno)); }

}  // namespace

namespace detail {

SpillFile::SpillFile(SpillFile&& other) noexcept : fd_(std::exchange(other.fd_, -1)), size_(std::exchange(other.size_, 0)) {}

SpillFile& SpillFile::operator=(SpillFile&& other) noexcept {
    if (this != &other) {
        if (fd_ >= 0) ::close(fd_);
        fd_ = std::exchange(other.fd_, -1);
        size_ = std::exchange(other.size_, 0);
    }
    return *this;
}

SpillFile::~SpillFile() {
    if (fd_ >= 0) ::close(fd_);
}

void SpillFile::create() {
    const char* dir = std::getenv("TMPDIR");
    std::string path = std::string(dir != nullptr && *dir != '\0' ? dir : "/tmp") + "/sidepeak-spill-XXXXXX";
    fd_ = ::mkstemp(path.data());
    if (fd_ < 0) fail("cannot create " + path);
    // Unlinked at once: the data lives only as long as the descriptor, whatever ends the process.
    ::unlink(path.c_str());
}

std::uint64_t SpillFile::append(const void* data, std::size_t bytes) {
    if (fd_ < 0) create();
    const std::uint64_t at = size_;
    const auto* p = static_cast<const char*>(data);
    while (bytes > 0) {
        const ssize_t n = ::pwrite(fd_, p, bytes, static_cast<off_t>(size_));
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) fail("write failed (disk full?)");
        p += n;
        bytes -= static_cast<std::size_t>(n);
        size_ += static_cast<std::uint64_t>(n);
    }
    return at;
}

void SpillFile::read(std::uint64_t offset, void* data, std::size_t bytes) const {
    auto* p = static_cast<char*>(data);
    while (bytes > 0) {
        const ssize_t n = ::pread(fd_, p, bytes, static_cast<off_t>(offset));
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) fail("read failed");
        p += n;
        bytes -= static_cast<std::size_t>(n);
        offset += static_cast<std::uint64_t>(n);
    }
}

}  // namespace detail

PeakStore::PeakStore(std::size_t memory_cap_bytes) : memory_cap_bytes_(memory_cap_bytes), bins_(kBins) {}

std::size_t PeakStore::bin_of(double mz) noexcept {
    if (!(mz > 0.0)) return 0;
    if (!std::isfinite(mz)) return kBins - 1;
    int e = 0;
    const double m = std::frexp(mz, &e);
    if (e < kMinExponent) return 0;
    if (e >= kMaxExponent) return kBins - 1;
    const auto j = std::min(kBinsPerOctave - 1, static_cast<std::size_t>((m - 0.5) * 2.0 * static_cast<double>(kBinsPerOctave)));
    return static_cast<std::size_t>(e - kMinExponent) * kBinsPerOctave + j;
}

void PeakStore::add_scan(double rt_s, std::size_t spectrum, std::span<const double> mz, std::span<const double> intensity) {
    const auto scan = static_cast<std::uint32_t>(rt_s_.size());
    rt_s_.push_back(rt_s);
    spectrum_.push_back(spectrum);
    const std::size_t n = std::min(mz.size(), intensity.size());
    for (std::size_t i = 0; i < n; ++i) {
        Bin& bin = bins_[bin_of(mz[i])];
        const std::size_t before = bin.capacity_bytes();
        bin.scan.push_back(scan);
        bin.mz.push_back(mz[i]);
        bin.intensity.push_back(intensity[i]);
        bytes_in_memory_ += bin.capacity_bytes() - before;
    }
    peaks_ += n;
    // Spilled between scans only, so the centroids of one scan stay in one chunk of each bin.
    if (bytes_in_memory_ > memory_cap_bytes_) spill();
}

void PeakStore::finish() {
    if (spill_.size() > 0) spill();
}

void PeakStore::spill() {
    for (Bin& bin : bins_) {
        if (bin.mz.empty()) continue;
        const std::size_t k = bin.mz.size();
        const std::uint64_t at = spill_.append(bin.scan.data(), k * sizeof(std::uint32_t));
        spill_.append(bin.mz.data(), k * sizeof(double));
        spill_.append(bin.intensity.data(), k * sizeof(double));
        bin.chunks.push_back({at, k});
        // Released, not just cleared (assigning {} would keep the capacity).
        std::vector<std::uint32_t>().swap(bin.scan);
        std::vector<double>().swap(bin.mz);
        std::vector<double>().swap(bin.intensity);
    }
    bytes_in_memory_ = 0;
    detail::release_free_heap();  // the bins' pages, not only their capacity
}

void PeakStore::collect(const Range& range, Records& out) const {
    auto keep = [&](std::span<const std::uint32_t> scan, std::span<const double> mz, std::span<const double> intensity) {
        for (std::size_t i = 0; i < mz.size(); ++i) {
            if (!(mz[i] >= range.lo && mz[i] < range.hi)) continue;
            out.scan.push_back(scan[i]);
            out.mz.push_back(mz[i]);
            out.intensity.push_back(intensity[i]);
        }
    };
    Records chunk;
    const std::size_t last = bin_of(range.hi);
    for (std::size_t b = bin_of(range.lo); b <= last; ++b) {
        const Bin& bin = bins_[b];
        for (const Chunk& c : bin.chunks) {
            chunk.scan.resize(c.count);
            chunk.mz.resize(c.count);
            chunk.intensity.resize(c.count);
            std::uint64_t at = c.offset;
            spill_.read(at, chunk.scan.data(), c.count * sizeof(std::uint32_t));
            at += c.count * sizeof(std::uint32_t);
            spill_.read(at, chunk.mz.data(), c.count * sizeof(double));
            at += c.count * sizeof(double);
            spill_.read(at, chunk.intensity.data(), c.count * sizeof(double));
            keep(chunk.scan, chunk.mz, chunk.intensity);
        }
        keep(bin.scan, bin.mz, bin.intensity);
    }
}

PeakMap PeakStore::load(double lo, double hi) const {
    const Range range{lo, hi};
    return load(std::span<const Range>(&range, 1));
}

PeakMap PeakStore::load(std::span<const Range> ranges) const {
    Records records;
    for (const Range& r : ranges) collect(r, records);
    // Counting sort by scan, stable: within a scan the centroids keep their m/z order (ranges and
    // bins ascending, each bin's centroids of one scan in the order added).
    PeakMap map;
    map.rt_s = rt_s_;
    map.spectrum = spectrum_;
    map.begin.assign(scans() + 1, 0);
    for (const std::uint32_t s : records.scan) ++map.begin[s + 1];
    for (std::size_t s = 0; s < scans(); ++s) map.begin[s + 1] += map.begin[s];
    std::vector<std::size_t> next(map.begin.begin(), map.begin.end() - 1);
    map.mz.resize(records.mz.size());
    map.intensity.resize(records.mz.size());
    for (std::size_t i = 0; i < records.mz.size(); ++i) {
        const std::size_t at = next[records.scan[i]]++;
        map.mz[at] = records.mz[i];
        map.intensity[at] = records.intensity[i];
    }
    return map;
}

}  // namespace sidepeak::signal
