// Bruker TopSpin experiment folder writer. The stored FID follows the vendor's orientation (a
// forward DFT of the stored (re, im) pairs followed by fftshift puts higher ppm at higher index,
// as checked on real TopSpin data against its 1r) and carries a real digital-filter group delay:
// the ideal FID is delayed by GRPDLY points with a linear phase ramp in the frequency domain
// (a band-limited fractional shift), so its first points hold the filter's pre-ringing.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <fmt/format.h>

#include "nmr_writers.hpp"

namespace sidepeak::gen {

namespace {

constexpr double kPi = 3.14159265358979323846;

std::vector<std::complex<double>> ideal_fid(const std::vector<Line>& lines, const NmrAcquisition& acq) {
    const int n = acq.complex_points;
    const double sw = acq.sw_hz();
    const double o1 = acq.carrier_ppm * acq.bf1_mhz;
    std::vector<std::complex<double>> fid(static_cast<std::size_t>(n));
    for (const auto& l : lines) {
        const double dnu = (l.ppm + acq.reference_error_ppm) * acq.bf1_mhz - o1;
        if (std::abs(dnu) > sw / 2.0) continue;  // folded lines are filtered out by the DSP
        if (l.gaussian) {
            // Gaussian line of FWHM w: decay exp(-(pi w t)^2 / (4 ln 2)).
            const double c = kPi * l.fwhm_hz / (2.0 * std::sqrt(std::log(2.0)));
            for (int k = 0; k < n; ++k) {
                const double t = k / sw;
                const double env = std::exp(-(c * t) * (c * t));
                if (env < 1e-12) break;
                fid[static_cast<std::size_t>(k)] += l.area * env * std::polar(1.0, 2.0 * kPi * dnu * t);
            }
        } else {
            // Lorentzian line: exp((i 2 pi dnu - pi w) t); the step is recomputed every 1024 points
            // from the closed form so rounding cannot drift.
            const std::complex<double> step = std::exp(std::complex<double>(-kPi * l.fwhm_hz, 2.0 * kPi * dnu) / sw);
            std::complex<double> z;
            for (int k = 0; k < n; ++k) {
                if (k % 1024 == 0) {
                    const double t = k / sw;
                    z = l.area * std::exp(-kPi * l.fwhm_hz * t) * std::polar(1.0, 2.0 * kPi * dnu * t);
                }
                fid[static_cast<std::size_t>(k)] += z;
                z *= step;
            }
        }
    }
    return fid;
}

std::string bruker_time_comment() { return "$$ 2024-05-14 10:12:31.000 +0200  sidepeak-generate"; }

void write_text(const std::filesystem::path& file, const std::string& text) {
    std::ofstream out(file, std::ios::binary);
    out << text;
    if (!out) throw std::runtime_error("cannot write " + file.string());
}

}  // namespace

void write_bruker_experiment(const std::filesystem::path& dir, const std::vector<Line>& lines,
                             const NmrAcquisition& acq, Rng& rng) {
    const int n = acq.complex_points;
    auto fid = ideal_fid(lines, acq);

    // Height of the tallest line of the ideal spectrum sets the noise and baseline scales.
    auto spec = fid;
    spec[0] *= 0.5;
    fft_inplace(spec, false);
    double tallest = 0.0;
    for (const auto& v : spec) tallest = std::max(tallest, v.real());

    // First-point corruption (points 0..3 of the ideal FID): a smooth baseline roll over the
    // whole spectrum, one to three periods wide.
    for (int k = 0; k < 4; ++k) {
        const double mag = acq.baseline * tallest * (k == 0 ? 1.0 : 0.6 / k) * rng.uniform(0.5, 1.0);
        fid[static_cast<std::size_t>(k)] += std::polar(mag, rng.uniform(0.0, 2.0 * kPi));
    }

    // Group delay plus the extra first-order phase (a fraction of a point), and the zero-order
    // phase, applied as exp(i p0) exp(-i 2 pi k D / N) on the signed frequency index k.
    fft_inplace(fid, false);
    const double delay = acq.group_delay + acq.p1_deg / 360.0;
    const double p0 = acq.p0_deg * kPi / 180.0;
    for (int k = 0; k < n; ++k) {
        const double signed_k = k < n / 2 ? k : k - n;
        fid[static_cast<std::size_t>(k)] *= std::polar(1.0, p0 - 2.0 * kPi * signed_k * delay / n);
    }
    fft_inplace(fid, true);
    for (auto& v : fid) v /= static_cast<double>(n);

    // Receiver noise: white complex Gaussian; spectrum sigma = sigma_t * sqrt(N).
    const double sigma = tallest / (acq.snr * std::sqrt(static_cast<double>(n)));
    double peak = 0.0;
    for (auto& v : fid) {
        v += std::complex<double>(rng.normal(0.0, sigma), rng.normal(0.0, sigma));
        peak = std::max({peak, std::abs(v.real()), std::abs(v.imag())});
    }

    // int32 little-endian (DTYPA=0, BYTORDA=0), scaled as a receiver gain would.
    const double scale = rng.uniform(0.2, 0.9) * 268435456.0 / peak;
    std::filesystem::create_directories(dir / "pdata" / "1");
    {
        std::vector<std::uint8_t> bytes;
        bytes.reserve(static_cast<std::size_t>(n) * 8);
        auto put = [&bytes](double x) {
            const auto v = static_cast<std::uint32_t>(static_cast<std::int32_t>(std::lround(x)));
            for (int b = 0; b < 4; ++b) bytes.push_back(static_cast<std::uint8_t>((v >> (8 * b)) & 0xFF));
        };
        for (const auto& v : fid) {
            put(v.real() * scale);
            put(v.imag() * scale);
        }
        std::ofstream out(dir / "fid", std::ios::binary);
        out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
        if (!out) throw std::runtime_error("cannot write " + (dir / "fid").string());
    }

    const double sw_hz = acq.sw_hz();
    const double o1 = acq.carrier_ppm * acq.bf1_mhz;
    const double sfo1 = acq.bf1_mhz + o1 * 1e-6;
    const int rg = 1 << rng.integer(3, 7);
    std::ostringstream a;
    a << "##TITLE= Parameter file, TopSpin 3.6.2\n##JCAMPDX= 5.0\n##DATATYPE= Parameter Values\n"
      << "##NPOINTS= 13\t$$ modification sequence number\n##ORIGIN= Bruker BioSpin GmbH\n##OWNER= nmr\n"
      << bruker_time_comment() << "\n";
    a << "##$AQ_mod= 3\n";
    a << fmt::format("##$BF1= {}\n", acq.bf1_mhz);
    a << "##$BYTORDA= 0\n";
    a << "##$D= (0..63)\n0 1";
    for (int i = 2; i < 64; ++i) a << " 0";
    a << "\n";
    a << "##$DE= 6.5\n";
    a << fmt::format("##$DECIM= {:.15g}\n", 2.0e7 / sw_hz);
    a << "##$DIGMOD= 1\n##$DIGTYP= 12\n##$DS= 2\n";
    a << fmt::format("##$DSPFVS= {}\n", acq.dspfvs);
    a << "##$DTYPA= 0\n";
    a << fmt::format("##$GRPDLY= {:.15g}\n", acq.group_delay);
    a << "##$INSTRUM= <spect>\n##$NC= 0\n";
    a << fmt::format("##$NS= {}\n", acq.scans);
    a << "##$NUC1= <1H>\n";
    a << fmt::format("##$O1= {:.6f}\n", o1);
    a << "##$PULPROG= <zg30>\n";
    a << fmt::format("##$RG= {}\n", rg);
    a << fmt::format("##$SFO1= {:.9f}\n", sfo1);
    a << fmt::format("##$SOLVENT= <{}>\n", acq.solvent);
    a << fmt::format("##$SW= {:.10g}\n", sw_hz / sfo1);
    a << fmt::format("##$SW_h= {:.10g}\n", sw_hz);
    a << fmt::format("##$TD= {}\n", 2 * n);
    a << "##$TE= 298.1\n";
    a << "##END=\n";
    write_text(dir / "acqus", a.str());

    std::ostringstream p;
    p << "##TITLE= Parameter file, TopSpin 3.6.2\n##JCAMPDX= 5.0\n##DATATYPE= Parameter Values\n"
      << "##NPOINTS= 3\t$$ modification sequence number\n##ORIGIN= Bruker BioSpin GmbH\n##OWNER= nmr\n"
      << bruker_time_comment() << "\n";
    p << "##$BYTORDP= 0\n##$DTYPP= 0\n";
    p << fmt::format("##$FTSIZE= {}\n", 2 * n);
    p << "##$LB= 0.3\n##$NC_proc= 0\n";
    p << fmt::format("##$OFFSET= {:.10g}\n", acq.carrier_ppm + sw_hz / acq.bf1_mhz / 2.0);
    p << "##$PHC0= 0\n##$PHC1= 0\n";
    p << fmt::format("##$SF= {}\n", acq.bf1_mhz);
    p << fmt::format("##$SI= {}\n", 2 * n);
    p << "##$SR= 0\n##$STSI= 0\n";
    p << fmt::format("##$SW_p= {:.10g}\n", sw_hz);
    p << "##$WDW= 1\n##END=\n";
    write_text(dir / "pdata" / "1" / "procs", p.str());
    write_text(dir / "pdata" / "1" / "title", acq.title + "\n");
}

}  // namespace sidepeak::gen
