#pragma once
/// results.h5 of a batch assembled from one-sample results.h5 files (the per-sample parts a batch
/// keeps beside its per-sample results), in the layout of hdf5_results.hpp.
#include <filesystem>
#include <vector>

namespace sidepeak::report {

/// Writes `path` atomically with /samples/<i> copied from /samples/0 of `parts[i]`. Throws Error
/// when a part cannot be read or the file cannot be written.
void merge_hdf5_results(const std::filesystem::path& path, const std::vector<std::filesystem::path>& parts);

}  // namespace sidepeak::report
