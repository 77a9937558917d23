#include "sample_dump.hpp"

#include <fstream>
#include <stdexcept>

#include "sidepeak/signal/nmr_pipeline.hpp"

namespace sidepeak::spikein {

namespace {

void write_labels(std::ostream& out, const LabelledSample& s) {
    out << "id " << s.id << "\nfamily " << s.family << "\nbackground " << s.background << "\nproduct " << s.product
        << "\nreagent " << s.reagent << "\nlevel " << s.level << "\ntruth oligomer " << s.truth.oligomer
        << " over_alkylation " << s.truth.over_alkylation << " n_oxide " << s.truth.n_oxide << " hofmann "
        << s.truth.hofmann << "\ntraps";
    for (const auto& t : s.traps) out << ' ' << t;
    out << "\nvariations";
    for (const auto& v : s.variations) out << ' ' << v;
    out << '\n';
}

void write_processing(std::ostream& out, const signal::NmrResult& r) {
    out << "spectrometer_mhz " << r.spectrum.spectrometer_mhz << "\nnoise " << r.noise << "\nphase p0 "
        << r.phase.p0_deg << " p1 " << r.phase.p1_deg << "\nreference " << r.reference.signal << " shift "
        << r.reference.shift_ppm << " (" << r.reference.reason << ")\npeaks (ppm height fwhm_hz snr area)\n";
    for (const auto& p : r.peaks) {
        out << "  " << p.ppm << ' ' << p.height << ' ' << p.fwhm_hz << ' ' << p.snr << ' ' << p.area << '\n';
    }
    out << "multiplets (ppm from to name J_hz relative_area)\n";
    for (const auto& m : r.multiplets) {
        out << "  " << m.ppm << ' ' << m.ppm_from << ' ' << m.ppm_to << ' ' << signal::name(m.multiplicity);
        for (double j : m.j_hz) out << ' ' << j;
        out << " area " << m.relative_area << '\n';
    }
}

}  // namespace

bool dump_nmr_sample(const LabelledSample& sample, const std::filesystem::path& dir) {
    if (!sample.nmr) return false;
    const auto r = signal::process_nmr(*sample.nmr, {});
    std::filesystem::create_directories(dir);
    std::ofstream csv(dir / (sample.id + ".csv"));
    csv << "ppm,intensity,baseline\n";
    for (std::size_t i = 0; i < r.spectrum.size(); ++i) {
        csv << r.spectrum.ppm_at(static_cast<double>(i)) << ',' << r.spectrum.real[i] << ','
            << (i < r.baseline.size() ? r.baseline[i] : 0.0) << '\n';
    }
    std::ofstream txt(dir / (sample.id + ".txt"));
    write_labels(txt, sample);
    write_processing(txt, r);
    if (!csv || !txt) throw std::runtime_error("writing " + (dir / sample.id).string() + ".csv/.txt failed");
    return true;
}

}  // namespace sidepeak::spikein
