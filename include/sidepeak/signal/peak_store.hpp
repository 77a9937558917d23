#pragma once
/// The MS1 centroids of a streamed run, kept by m/z and spilled to disk above a memory cap.
///
/// Scans are added in run order. Each centroid goes to the storage bin of its m/z (bins of about
/// 0.1 % in m/z); when the bins hold more than `memory_cap_bytes`, every bin is written to a private
/// temporary file (created under $TMPDIR, else /tmp, and unlinked at once, so it disappears with the
/// store or the process) and emptied. load(lo, hi) reads back the bins that overlap an m/z range
/// (their spilled chunks, then what is still in memory) and gives the peak map of that range: every
/// scan, the centroids in range in the order they were added. The whole range gives the run's peak
/// map. Loads are const and may run on several threads at once (positional reads).
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "sidepeak/signal/chromatogram.hpp"

namespace sidepeak::signal {

namespace detail {
/// An unlinked temporary file that is closed with its owner.
class SpillFile {
public:
    SpillFile() = default;
    SpillFile(const SpillFile&) = delete;
    SpillFile& operator=(const SpillFile&) = delete;
    SpillFile(SpillFile&& other) noexcept;
    SpillFile& operator=(SpillFile&& other) noexcept;
    ~SpillFile();
    [[nodiscard]] bool open() const noexcept { return fd_ >= 0; }
    /// Appends `bytes` bytes; returns the offset they were written at.
    std::uint64_t append(const void* data, std::size_t bytes);
    void read(std::uint64_t offset, void* data, std::size_t bytes) const;
    [[nodiscard]] std::uint64_t size() const noexcept { return size_; }

private:
    void create();
    int fd_ = -1;
    std::uint64_t size_ = 0;
};
}  // namespace detail

class PeakStore {
public:
    explicit PeakStore(std::size_t memory_cap_bytes);
    /// Adds the next MS1 scan (m/z ascending).
    void add_scan(double rt_s, std::size_t spectrum, std::span<const double> mz, std::span<const double> intensity);

    /// The end of the run: a store that has spilled (a run larger than the cap) writes what it
    /// still holds too and frees it, so that feature detection has the memory; a run that fits
    /// stays in memory. load() gives the same maps either way.
    void finish();

    [[nodiscard]] std::size_t scans() const noexcept { return rt_s_.size(); }
    [[nodiscard]] std::size_t peaks() const noexcept { return peaks_; }
    /// Bytes of centroids in memory now (capacity of the bins; the chunk list of the spill, 16
    /// bytes per bin and spill, is not counted) and written to the spill file.
    [[nodiscard]] std::size_t bytes_in_memory() const noexcept { return bytes_in_memory_; }
    [[nodiscard]] std::uint64_t bytes_spilled() const noexcept { return spill_.size(); }

    /// The peak map of lo <= m/z < hi (lo may be -inf, hi +inf).
    [[nodiscard]] PeakMap load(double lo, double hi) const;
    /// The peak map of several ranges (ascending, disjoint [lo, hi) pairs).
    struct Range {
        double lo = 0.0;
        double hi = 0.0;
    };
    [[nodiscard]] PeakMap load(std::span<const Range> ranges) const;

private:
    struct Chunk {
        std::uint64_t offset = 0;
        std::size_t count = 0;
    };
    struct Bin {
        std::vector<std::uint32_t> scan;
        std::vector<double> mz;
        std::vector<double> intensity;
        std::vector<Chunk> chunks;  // spilled, in the order written
        [[nodiscard]] std::size_t capacity_bytes() const noexcept {
            return scan.capacity() * sizeof(std::uint32_t) + (mz.capacity() + intensity.capacity()) * sizeof(double);
        }
    };
    /// Centroids of the bins of one range, in bin order, chunk order, then memory.
    struct Records {
        std::vector<std::uint32_t> scan;
        std::vector<double> mz;
        std::vector<double> intensity;
    };
    [[nodiscard]] static std::size_t bin_of(double mz) noexcept;
    void collect(const Range& range, Records& out) const;
    void spill();

    std::size_t memory_cap_bytes_;
    std::vector<double> rt_s_;
    std::vector<std::size_t> spectrum_;
    std::vector<Bin> bins_;
    std::size_t peaks_ = 0;
    std::size_t bytes_in_memory_ = 0;
    detail::SpillFile spill_;
};

}  // namespace sidepeak::signal
