// Hofmann NMR, the allylic CH2 of each accepted vinyl system (hofmann_allyl.hpp): a resolved d in
// the N-allyl window of the form the =CH2 shows, a C-/O-allyl CH2 elsewhere, or a CH2 hidden under
// other lines (room only in the N-allyl window; or also in C-/O-allyl windows: supportive).
#include "hofmann_allyl.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "ms_ions.hpp"
#include "nmr_tools.hpp"
#include "sidepeak/signal/solvents.hpp"

namespace sidepeak::classify::detail::hofmann {
namespace {

// Allylic N-CH2 of a tertiary N-allyl amine: 2.9-3.1 ppm (+-0.1 for substituent effects). A
// C-allyl (ArCH2 3.3-3.4, alkyl CH2 2.0-2.2) or O-allyl (3.9-4.1) CH2 lies outside.
constexpr double kNAllylFrom = 2.85, kNAllylTo = 3.25;
// As an ammonium salt (HCl/TFA, or in D2O) the allylic N+-CH2 moves to 3.55-3.95 ppm and =CH2 to
// 5.35-5.65 (domain.md "What real samples add"); the gap 3.25-3.55 keeps the C-aryl allyl ArCH2
// (3.3-3.4) out.
constexpr double kNAllylSaltFrom = 3.55, kNAllylSaltTo = 3.95;
// Where the allylic CH2 of other allyl groups resonates (Pretsch, 1H shift tables; SDBS spectra of
// 1-octene 2.04, estragole 3.33, allyl ethyl ether 3.97, allyl alcohol 4.10, allyl acetate 4.57,
// allyl chloride 4.05): alkyl CH2 1.95-2.35 (dtt), ArCH2 3.25-3.45 (d), O-CH2 / halide CH2 3.85-4.7
// (d). A hidden CH2 must fit under the spectrum in one of them; at least half of its 2H must fit
// (its unresolved fine structure and integration error lower its lines).
constexpr double kAlkylFrom = 1.95, kAlkylTo = 2.35;
constexpr double kArFrom = 3.25, kArTo = 3.45;
constexpr double kOFrom = 3.85, kOTo = 4.7;
constexpr double kRoom = 0.5;
constexpr double kAmmoniumCh2 = 5.35, kAlkylCh2Max = 5.10;
// Where the allylic CH2 candidates are looked for: 1.9-4.7 ppm, from an alkyl CH2 (1-octene 2.04)
// to an allyl ester O-CH2 (allyl acetate 4.57) (Pretsch, 1H shift tables).
constexpr double kAllylicFrom = 1.9, kAllylicTo = 4.7;
// The =CH2 mean of each form read with a resolved N-CH2 d: free base up to 5.4 ppm, salt from
// 5.3 ppm (the two overlap by the 0.1 ppm solvent and concentration shift of the =CH2 lines).
constexpr double kFreeCh2Max = 5.4, kSaltCh2Min = 5.3;
// The =CH2 shifts of an O-allyl group (Pascual, Meier & Simon, Helv. Chim. Acta 49 (1966) 164:
// CH2-O cis increment -0.01 against CH2-N -0.10; SDBS allyl ethyl ether 5.27/5.16, allyl alcohol
// 5.27/5.13): the =CH2 proton trans to the =CH- (its J 17 Hz d) at >= 5.25 ppm, beyond a free
// N-allyl amine's 5.13-5.20 (+0.05 solvent shift), while its J 10 Hz partner stays <= 5.17 (free
// N-allyl 5.08-5.12 + 0.05): no protonation, which moves both =CH2 protons together.
constexpr double kOAllylTransCh2Min = 5.25, kOAllylCisCh2Max = 5.17;
// The J 17 Hz =CH2 partner of an alkyl C-allyl group (alkyl cis increment -0.22: 1-octene 4.99,
// 5-hexen-2-one 5.05) lies below a free N-allyl amine's 5.13-5.20 less 0.05 ppm of solvent shift.
constexpr double kAlkylTransCh2Max = 5.05;
// Conversely, a J 17 Hz partner above that range plus 0.05 ppm of solvent shift is no alkyl C-allyl
// group's: a q/dt band (alkyl CH2) beside a resolved N-CH2 d is then another compound's CH2.
constexpr double kSolventShiftPpm = 0.05;
// Two =CH- centres are resolved at least two line widths and 3 Hz apart (resolved_ch).
constexpr double kDistinctMinHz = 3.0, kDistinctLineWidths = 2.0;
// Allylic CH2 of two systems within 1 Hz are one line claimed by both.
constexpr double kSameLineHz = 1.0;
// An aryl-CH2 needs the aryl: an allylarene shows >= 4 ArH (sharp lines 6.5-8.0 ppm); at least 2H
// of them visible against the =CH-.
constexpr double kArHFrom = 6.5, kArHTo = 8.0, kArHMinProtons = 2.0;
// The O-CH2 window starts 0.01 ppm above the N-allyl window's top (no overlap).
constexpr double kWindowGapPpm = 0.01;
// Log-likelihood ratios of the readings: resolved allylic N-CH2 d 2.5; N-allyl by room alone 2.0;
// the vinyl system whose CH2 may also lie in k C-/O-allyl windows 2.0 - ln(k + 1) (read_unplaced);
// a terminal allyl group whose allylic CH2 is not read 1.0 (weak).
constexpr double kLlrResolved = 2.5, kLlrHidden = 2.0, kLlrAllylOnly = 1.0;
// Protonation moves both the =CH2 and the allylic CH2 (fast exchange averages the free amine and
// its ammonium: the shifts move with the protonated fraction): free tertiary N-allyl amine =CH2
// mean ~5.13 (triallylamine 5.15/5.10), N-CH2 2.9-3.1; allylammonium =CH2 ~5.45 (allylamine
// hydrochloride in D2O 5.4-5.5), N+-CH2 3.6-3.9 (domain.md; SDBS). The N-CH2 window is placed at
// the same fraction of its own shift range, +-0.22 ppm (substituent effects on a tertiary amine).
constexpr double kFreeCh2Mean = 5.13, kSaltCh2Mean = 5.45;
constexpr double kFreeNCh2 = 3.05, kSaltNCh2 = 3.75, kNCh2HalfWidth = 0.22;

// A band's splitting is read only where it is resolved at the line width: two equal Lorentzians of
// FWHM w show a dip between them only when they lie more than w / sqrt(3) apart (the Sparrow limit
// of Lorentzian lines). Below it a d, a q/dt and a single broad line give the same lump.
constexpr double kSparrowJOverWidth = 0.5773502691896258;

// Where the allylic N-CH2 of this sample resonates, from the =CH2 shifts.
std::pair<double, double> n_allyl_window(double ch2_mean) {
    const double f = std::clamp((ch2_mean - kFreeCh2Mean) / (kSaltCh2Mean - kFreeCh2Mean), 0.0, 1.0);
    const double centre = kFreeNCh2 + f * (kSaltNCh2 - kFreeNCh2);
    return {centre - kNCh2HalfWidth, centre + kNCh2HalfWidth};
}

// A laboratory-impurity singlet position of the sample's solvent (Fulmer et al., Organometallics
// 29 (2010) 2176, Table 1: residual solvents, water and the impurity singlets of the amine region,
// e.g. toluene CH3 2.36, acetone 2.17, MeCN 2.10 in CDCl3); CDCl3's list for an untabulated solvent.
bool at_impurity_singlet(const signal::NmrResult& nmr, double ppm) {
    if (near_solvent_line(nmr, ppm)) return true;
    const auto own = signal::find_solvent(nmr.meta.solvent);
    const auto table = own && !own->amine_region_singlets.empty() ? own : signal::find_solvent("CDCl3");
    if (!table) return false;
    return std::any_of(table->amine_region_singlets.begin(), table->amine_region_singlets.end(),
                       [&](double l) { return std::abs(ppm - l) <= kSolventLineTolPpm; });
}

// An allylic CH2 candidate outside the N-allyl windows belongs to the vinyl group only when its
// band is read as the vinyl's coupling: at a laboratory-impurity singlet with the allylic J
// unresolved at the fitted width, the band is as well that impurity's singlet.
bool impurity_lookalike(const signal::NmrResult& nmr, const VinylFit& joint, const AllylicCandidate& c) {
    return joint.j.allyl < kSparrowJOverWidth * joint.w_hz && at_impurity_singlet(nmr, c.ppm);
}
std::string set_aside_note(const VinylFit& joint, const AllylicCandidate& c) {
    return "; considered: the band at " + fixed(c.ppm, 2) + " ppm (" + (c.doublet ? "d" : "q/dt") + ", " +
           fixed(c.area / joint.ch_area, 1) + "H per =CH- H) lies at a laboratory-impurity singlet and J " +
           fixed(joint.j.allyl, 1) + " Hz is not resolved at " + fixed(joint.w_hz, 1) +
           " Hz lines: not read as the vinyl group's CH2";
}

// A q/dt band (alkyl CH2) beside a vinyl group whose =CH2 shifts are no alkyl C-allyl group's.
std::string alkyl_aside_note(const VinylFit& joint, const AllylicCandidate& c) {
    return "; considered: the q/dt band at " + fixed(c.ppm, 2) + " ppm (" + fixed(c.area / joint.ch_area, 1) +
           "H per =CH- H): the J 17 Hz =CH2 partner at " + fixed(joint.e_ppm, 2) +
           " ppm is above an alkyl C-allyl group's (<= 5.05 ppm): not read as the vinyl group's CH2";
}

std::string describe(const VinylFit& f) {
    return "=CH- " + fixed(f.ch_ppm, 2) + " ppm (J 17/10 Hz), =CH2 at " + fixed(f.e_ppm, 2) + " ppm" +
           " (joint ddt + 2 d fit, J " + fixed(f.j.trans, 1) + "/" + fixed(f.j.cis, 1) + "/" +
           fixed(f.j.allyl, 1) + " Hz at " + fixed(f.w_hz, 1) + " Hz lines, R2 " +
           fixed(f.r2, 2) + ")";
}

// Two accepted fits are two vinyl systems when their =CH- centres are resolved.
bool distinct(const VinylFit& a, const VinylFit& b, double mhz) {
    return resolved_ch(a.ch_ppm, b.ch_ppm, std::max(a.w_hz, b.w_hz), mhz);
}

// A C-/O-allyl window and the room a hidden allylic CH2 has in it (allylic_room).
struct Hide {
    const char* what;
    double room;
};

// A =CH2 pair whose shifts place the allylic substituent elsewhere than on N (Pascual, Meier &
// Simon 1966 increments): the J 17 Hz partner >= 5.25 ppm with the J 10 Hz one <= 5.17 (O-allyl),
// or the J 17 Hz partner <= 5.05 ppm (alkyl C-allyl). Empty when the shifts allow an N-allyl group.
std::string non_n_shifts(const VinylFit& joint) {
    if (joint.e_ppm >= kOAllylTransCh2Min && joint.z_ppm <= kOAllylCisCh2Max)
        return "an O-allyl group's (J 17 Hz partner >= 5.25 ppm, beyond a free N-allyl amine's 5.13-5.20, and its "
               "J 10 Hz partner not moved by protonation)";
    if (joint.e_ppm <= kAlkylTransCh2Max)
        return "an alkyl C-allyl group's (J 17 Hz partner <= 5.05 ppm, below a free N-allyl amine's 5.13-5.20)";
    return "";
}

// The vinyl system whose allylic CH2 is not resolved and could lie in the N-allyl window or in
// `rooms` (C-/O-allyl windows with room, largest first), with no C-/O-allyl CH2 d read anywhere.
// The joint fit identifies a terminal allyl group R-CH2-CH=CH2; the N-allyl reading keeps 1 of the
// k + 1 windows that can hold its CH2 (equally likely without a line to read): LLR
// kLlrHidden - ln(k + 1), a supportive sign (it corroborates another modality's specific sign);
// =CH2 shifts of an O- or alkyl C-allyl group say so in the note.
SystemReading read_unplaced(const VinylFit& joint, const std::string& n_window, const std::vector<Hide>& rooms) {
    SystemReading out;
    std::string elsewhere;
    for (const auto& h : rooms) elsewhere += (elsewhere.empty() ? "" : ", ") + std::string(h.what) + " " + fixed(h.room, 1) + "x";
    const std::string system = "=CH- " + fixed(joint.ch_ppm, 2) + " ppm ddt, =CH2 " + fixed(joint.e_ppm, 2) + "/" +
                               fixed(joint.z_ppm, 2) + " ppm (joint ddt + 2 d fit, J " + fixed(joint.j.trans, 1) + "/" +
                               fixed(joint.j.cis, 1) + "/" + fixed(joint.j.allyl, 1) + " Hz at " + fixed(joint.w_hz, 1) +
                               " Hz lines, R2 " + fixed(joint.r2, 2) + ")";
    const std::string unplaced = "its allylic CH2 (2H) is not resolved: " + n_window + ", the C-/O-allyl window" +
                                 (rooms.size() > 1 ? "s " : " ") + elsewhere + ", where no CH2 d of J " +
                                 fixed(joint.j.allyl, 1) + " Hz is read";
    const std::string kind = non_n_shifts(joint);
    if (!kind.empty()) {
        out.llr = kLlrAllylOnly;
        out.weak = true;
        out.note = "NMR shows a terminal allyl group (" + system + "); " + unplaced + "; its =CH2 shifts are " + kind;
        return out;
    }
    // Supportive only: called on its own, this reading drew false calls on allyl-ether and aryl
    // C-allyl traps in the held-out families and on seed 515 (their =CH2 shifts overlap N-allyl's and
    // their CH2 hid under other lines) for few hits: docs/accuracy.md.
    const auto windows = static_cast<double>(rooms.size() + 1);
    out.llr = kLlrHidden - std::log(windows);
    out.weak = true;
    out.note = "NMR shows a terminal vinyl spin system that may be N-allyl (" + system + "); " + unplaced +
               ": N-allyl is 1 of " + std::to_string(rooms.size() + 1) + " places for it";
    return out;
}

// The allylic CH2 hidden under other lines (no resolved d or q/dt with J_allyl and 2H): where it
// can hide is read from the spectrum itself (allylic_room: no line carries more intensity than the
// spectrum shows). When only the N-allyl window of the =CH2's form has room for it, and none of the
// C-/O-allyl windows does, the vinyl fingerprint is an N-allyl group.
SystemReading read_hidden(const signal::NmrResult& nmr, const VinylFit& joint) {
    SystemReading out;
    const double ch2_mean = (joint.e_ppm + joint.z_ppm) / 2;
    const bool salt = ch2_mean >= kSaltCh2Min;
    // =CH2 shifts tell the allylic substituent (Pascual, Meier & Simon, Helv. Chim. Acta 49
    // (1966) 164, alkene increments; Pretsch): alkyl-CH2 gives =CH2 at 4.93-5.05 (1-octene
    // 4.99/4.93), CH2-NR2 at 5.08-5.2, CH2-OR 5.15-5.3, CH2-Ar 5.05-5.1; an ammonium N+-CH2
    // moves them to 5.35-5.6 (allylamine hydrochloride in D2O 5.4-5.5), beyond every neutral
    // allyl group (allyl acetate 5.31/5.23, allyl bromide 5.30/5.13). So an alkyl CH2 is only
    // looked for when the =CH2 mean is below 5.10 (alkyl allyl groups up to ~5.03, 5-hexen-2-one
    // 5.05/4.98, plus up to 0.05 ppm of solvent shift), and none is looked for in the salt
    // form (=CH2 mean >= 5.35).
    const bool ammonium = ch2_mean >= kAmmoniumCh2;
    const bool alkyl_possible = ch2_mean < kAlkylCh2Max;
    const auto [wlo, whi] = n_allyl_window(ch2_mean);
    const double n_room = allylic_room(nmr, joint, wlo, whi, false);
    const bool aryl = sharp_area(nmr, kArHFrom, kArHTo) >= kArHMinProtons * joint.ch_area;
    const std::array<Hide, 3> elsewhere{{
        {"alkyl CH2 1.95-2.35 ppm",
         alkyl_possible && !ammonium ? allylic_room(nmr, joint, kAlkylFrom, kAlkylTo, true) : 0.0},
        {"ArCH2 3.25-3.45 ppm", aryl && !ammonium ? allylic_room(nmr, joint, kArFrom, kArTo, false) : 0.0},
        {"O-CH2 3.85-4.7 ppm", !ammonium ? allylic_room(nmr, joint, std::max(kOFrom, whi + kWindowGapPpm), kOTo, false) : 0.0},
    }};
    std::vector<Hide> rooms;  // the C-/O-allyl windows with room, largest first
    for (const auto& h : elsewhere) {
        if (h.room >= kRoom) rooms.push_back(h);
    }
    std::sort(rooms.begin(), rooms.end(), [](const Hide& a, const Hide& b) { return a.room > b.room; });
    const std::string n_window =
        "the N-allyl window " + fixed(wlo, 2) + "-" + fixed(whi, 2) + " ppm holds " + fixed(n_room, 1) + "x its 2H";
    if (n_room >= kRoom && rooms.empty()) {
        out.llr = kLlrHidden;
        out.hidden_n_ch2 = true;
        out.note = "NMR shows an N-allyl group: " + describe(joint) + "; its allylic N-CH2 lies under the " +
                   (salt ? "ring N+-CH2" : "ring N-CH2") + " multiplets, and no C-/O-allyl CH2 window has room for it";
    } else if (n_room >= kRoom) {
        out = read_unplaced(joint, n_window, rooms);
    } else {
        out.llr = kLlrAllylOnly;
        out.weak = true;
        out.note = "NMR shows a terminal allyl group (" + describe(joint) + ") whose allylic CH2 is not resolved (" +
                   (!rooms.empty() ? std::string("a C-/O-allyl CH2 could hide at ") + rooms.front().what +
                                         ", which holds " + fixed(rooms.front().room, 1) + "x its 2H; " + n_window
                                   : "no room for it in the N-allyl window either: " + n_window) +
                   ")";
    }
    return out;
}

// The allylic CH2 of one accepted vinyl system, read at the fitted J_allyl and width
// (find_allylic_ch2): a d (2H : 1H) in the N-allyl window of the form the =CH2 shows (free base:
// =CH2 <= 5.4 ppm, allylic N-CH2 2.85-3.25; ammonium salt: =CH2 >= 5.3, N+-CH2 3.55-3.95) is the
// N-CH2. A d or q/dt with J_allyl and 2H : 1H anywhere else in 1.9-4.7 ppm is the CH2 of a C- or
// O-allyl group (alkyl CH2 2.0-2.2 q/dt with two more ~7 Hz couplings, ArCH2 3.3-3.4 d, O-CH2
// 3.9-4.1 d) unless another, resolved vinyl system of the spectrum (`others`) claims it too (a crude
// may hold both an allyl ether or C-allyl compound and the N-allyl by-product), or the =CH2 shows
// the ammonium form (=CH2 mean >= 5.35 ppm: beyond every neutral allyl group, so its allylic CH2 is
// an N+-CH2 and a CH2 elsewhere belongs to something else).
SystemReading read_system(const signal::NmrResult& nmr, const VinylFit& joint,
                          const std::vector<const VinylFit*>& others, bool product_salt) {
    const double mhz = nmr.spectrum.spectrometer_mhz;
    const auto cands = find_allylic_ch2(nmr, joint, kAllylicFrom, kAllylicTo);
    const double ch2_mean = (joint.e_ppm + joint.z_ppm) / 2;
    const bool ammonium = ch2_mean >= kAmmoniumCh2;
    auto in_n_window = [](double ppm) {
        return (ppm >= kNAllylFrom && ppm <= kNAllylTo) || (ppm >= kNAllylSaltFrom && ppm <= kNAllylSaltTo);
    };
    auto claimed = [&](const AllylicCandidate& c) {
        for (const auto* o : others) {
            if (!distinct(*o, joint, mhz)) continue;
            for (const auto& oc : find_allylic_ch2(nmr, *o, kAllylicFrom, kAllylicTo)) {
                if (std::abs(oc.ppm - c.ppm) * mhz < kSameLineHz) return true;
            }
        }
        return false;
    };
    const AllylicCandidate* n_fit = nullptr;
    const AllylicCandidate* other = nullptr;
    const AllylicCandidate* set_aside = nullptr;
    const AllylicCandidate* alkyl_aside = nullptr;
    for (const auto& c : cands) {
        const bool free_ok = c.ppm >= kNAllylFrom && c.ppm <= kNAllylTo && ch2_mean <= kFreeCh2Max;
        // Without the ammonium's =CH2 shifts, the product's salt opens the N+-CH2 window only below
        // the O-CH2 window (3.85 ppm): a d there is an allyl ether's as likely.
        const bool salt_ok = c.ppm >= kNAllylSaltFrom && c.ppm <= kNAllylSaltTo &&
                             (ch2_mean >= kSaltCh2Min || (product_salt && c.ppm < kOFrom));
        if (c.doublet && (free_ok || salt_ok)) {
            if (n_fit == nullptr || c.r2_d > n_fit->r2_d) n_fit = &c;
        } else if ((!in_n_window(c.ppm) || c.doublet) && !ammonium) {
            if (impurity_lookalike(nmr, joint, c)) {
                set_aside = &c;
                continue;
            }
            if (!c.doublet && joint.e_ppm > kAlkylTransCh2Max + kSolventShiftPpm) {
                if (alkyl_aside == nullptr || c.r2_q > alkyl_aside->r2_q) alkyl_aside = &c;
                continue;
            }
            if (other == nullptr || std::max(c.r2_d, c.r2_q) > std::max(other->r2_d, other->r2_q)) other = &c;
        }
    }
    // A q/dt band beside =CH2 shifts that are no alkyl C-allyl group's gives way only to a resolved
    // N-CH2 d (positive evidence of the N-allyl reading); without one it stays a C-allyl CH2 reading.
    if (alkyl_aside != nullptr && n_fit == nullptr) {
        if (other == nullptr || alkyl_aside->r2_q > std::max(other->r2_d, other->r2_q)) other = alkyl_aside;
        alkyl_aside = nullptr;
    }
    if (other != nullptr && n_fit != nullptr && claimed(*other)) other = nullptr;
    SystemReading out;
    if (n_fit != nullptr && other == nullptr) {
        out.llr = kLlrResolved;
        out.n_fit = *n_fit;
        const bool by_product_salt = n_fit->ppm >= kNAllylSaltFrom && ch2_mean < kSaltCh2Min;
        out.note = "NMR shows an N-allyl group: " + describe(joint) + ", allylic N-CH2 d at " + fixed(n_fit->ppm, 2) + " ppm" +
                   (by_product_salt ? " (N+-CH2 of the ammonium: the product's ring lines show a salt)" : "");
    } else if (other != nullptr) {
        out.note = "NMR shows a terminal vinyl group (" + describe(joint) + ") whose allylic CH2 (" + (other->doublet ? "d" : "q/dt") +
                   ", J " + fixed(joint.j.allyl, 1) + " Hz, 2H) is at " + fixed(other->ppm, 2) +
                   " ppm: a C- or O-allyl group, not N-allyl" +
                   (n_fit != nullptr ? " (its d in the N-allyl window at " + fixed(n_fit->ppm, 2) + " ppm, R2 " + fixed(n_fit->r2_d, 2) +
                                           ", against R2 " + fixed(std::max(other->r2_d, other->r2_q), 2) + " there)"
                                     : std::string());
    } else {
        out = read_hidden(nmr, joint);
    }
    if (set_aside != nullptr && other == nullptr) out.note += set_aside_note(joint, *set_aside);
    if (alkyl_aside != nullptr && other == nullptr) out.note += alkyl_aside_note(joint, *alkyl_aside);
    return out;
}

}  // namespace

Best best_system(const signal::NmrResult& nmr, const std::vector<VinylFit>& fits, const std::vector<Seed>& seeds,
                 bool product_salt) {
    std::vector<const VinylFit*> accepted;
    for (const auto& f : fits) {
        if (f.accepted) accepted.push_back(&f);
    }
    Best best;
    for (std::size_t i = 0; i < fits.size(); ++i) {
        if (!fits[i].accepted) continue;
        auto r = read_system(nmr, fits[i], accepted, product_salt);
        // A specific reading beats a supportive one whatever their weights (the unplaced reading
        // may weigh less than a supportive 1.0), and both beat a reading against N-allyl.
        auto rank = [](const SystemReading& x) { return x.llr <= 0.0 ? 0 : x.weak ? 1 : 2; };
        const bool better = best.fit == nullptr || rank(r) > rank(best.reading) ||
                            (rank(r) == rank(best.reading) &&
                             (r.llr > best.reading.llr || (r.llr == best.reading.llr && fits[i].r2 > best.fit->r2)));
        if (better) best = {std::move(r), &fits[i], &seeds[i]};
    }
    return best;
}

bool resolved_ch(double ch_a, double ch_b, double w_hz, double mhz) {
    return std::abs(ch_a - ch_b) * mhz >= std::max(kDistinctMinHz, kDistinctLineWidths * w_hz);
}

}  // namespace sidepeak::classify::detail::hofmann
