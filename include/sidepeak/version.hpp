#pragma once
/// The library version, "MAJOR.MINOR.PATCH".
namespace sidepeak {
const char* version() noexcept;
}
