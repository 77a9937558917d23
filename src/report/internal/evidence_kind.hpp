#pragma once
// classify::EvidenceKind as the reports write and read it: the contract strings of design.md
// ("ms_ion", "nmr_signal", "nmr_region", "ms2_spectrum"). The only place the enum meets text. In
// src/report/internal so the pipeline (sidepeak_report_json) reads per-sample results back the
// same way.
#include <optional>
#include <string_view>

#include "sidepeak/classify/finding.hpp"

namespace sidepeak::report::detail {

using classify::EvidenceKind;

/// The contract string of a kind.
constexpr std::string_view evidence_kind_name(EvidenceKind kind) noexcept {
    switch (kind) {
        case EvidenceKind::ms_ion: return "ms_ion";
        case EvidenceKind::nmr_signal: return "nmr_signal";
        case EvidenceKind::nmr_region: return "nmr_region";
        case EvidenceKind::ms2_spectrum: return "ms2_spectrum";
    }
    return "ms_ion";
}

/// The kind a contract string names; nullopt for a string no version of the report wrote.
constexpr std::optional<EvidenceKind> evidence_kind_from_name(std::string_view name) noexcept {
    for (const EvidenceKind kind :
         {EvidenceKind::ms_ion, EvidenceKind::nmr_signal, EvidenceKind::nmr_region, EvidenceKind::ms2_spectrum}) {
        if (evidence_kind_name(kind) == name) return kind;
    }
    return std::nullopt;
}

/// An NMR observation (shown on the NMR plot), as opposed to an LC-MS one.
constexpr bool is_nmr(EvidenceKind kind) noexcept {
    return kind == EvidenceKind::nmr_signal || kind == EvidenceKind::nmr_region;
}

}  // namespace sidepeak::report::detail
