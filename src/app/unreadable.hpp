#pragma once
// The inputs of a stored batch that could not be read: each said on stderr, and counted for the
// exit status (2 when any).
#include <cstddef>

#include "sidepeak/pipeline/batch_report.hpp"

namespace sidepeak::app {

/// Prints "sidepeak: ID: PATH: PROBLEM" for every unreadable input and returns how many there are.
std::size_t report_unreadable(const pipeline::StoredBatch& batch);

}  // namespace sidepeak::app
