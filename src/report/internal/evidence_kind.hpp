#pragma once
// The kind of one evidence entry as the reports read it. classify::Evidence::kind is still the
// contract string ("ms_ion", "ms2_spectrum", "nmr_signal", "nmr_region", docs/design); it is
// turned into this enum once, here, instead of being compared as text in every writer. In
// src/report/internal so the pipeline (sidepeak_report_json) can read it the same way. When
// classify carries the enum itself, this parse goes away and only the JSON/HDF5/HTML writers turn
// it back into the contract string.
#include <string_view>

#include "sidepeak/classify/finding.hpp"

namespace sidepeak::report::detail {

enum class EvidenceKind { ms_ion, ms2_spectrum, nmr_signal, nmr_region, other };

inline EvidenceKind evidence_kind(const classify::Evidence& e) noexcept {
    const std::string_view k = e.kind;
    if (k == "ms_ion") return EvidenceKind::ms_ion;
    if (k == "ms2_spectrum") return EvidenceKind::ms2_spectrum;
    if (k == "nmr_signal") return EvidenceKind::nmr_signal;
    if (k == "nmr_region") return EvidenceKind::nmr_region;
    return EvidenceKind::other;
}

/// An NMR observation (shown on the NMR plot), as opposed to an LC-MS one.
inline bool is_nmr(EvidenceKind kind) noexcept {
    return kind == EvidenceKind::nmr_signal || kind == EvidenceKind::nmr_region;
}

}  // namespace sidepeak::report::detail
