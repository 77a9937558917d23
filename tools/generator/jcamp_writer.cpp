// JCAMP-DX 5.01 writer for a processed 1H spectrum (McDonald & Wilks, Appl. Spectrosc. 42, 151,
// 1988; ASDF compression: SQZ, DIF and DUP forms with the Y-value check at each line start).
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <fmt/format.h>

#include "nmr_writers.hpp"

namespace sidepeak::gen {

namespace {

constexpr double kPi = 3.14159265358979323846;

// Leading digit replaced by a pseudo-digit from `pos` (for 0..9) or `neg` (for -1..-9).
std::string pseudo(std::int64_t v, const char* pos, const char* neg) {
    const std::string digits = std::to_string(std::llabs(v));
    const int lead = digits[0] - '0';
    std::string out(1, v < 0 ? neg[lead] : pos[lead]);
    out += digits.substr(1);
    return out;
}
std::string sqz(std::int64_t v) { return pseudo(v, "@ABCDEFGHI", "@abcdefghi"); }
std::string dif(std::int64_t v) { return pseudo(v, "%JKLMNOPQR", "%jklmnopqr"); }
std::string dup(std::int64_t count) { return pseudo(count, "?STUVWXYZs", "?????????"); }

std::vector<double> processed_spectrum(const std::vector<Line>& lines, const NmrAcquisition& acq, int points,
                                       Rng& rng, double& tallest) {
    const double sw = acq.sw_hz();
    const double first_hz = (acq.carrier_ppm * acq.bf1_mhz) + sw / 2.0;  // relative to 0 ppm
    const double step = -sw / points;
    std::vector<double> y(static_cast<std::size_t>(points), 0.0);
    for (const auto& l : lines) {
        const double nu0 = l.ppm * acq.bf1_mhz;
        const double w = l.fwhm_hz;
        for (int i = 0; i < points; ++i) {
            const double d = first_hz + i * step - nu0;
            if (l.gaussian) {
                const double g = std::exp(-4.0 * std::log(2.0) * d * d / (w * w));
                y[static_cast<std::size_t>(i)] += l.area * 2.0 * std::sqrt(std::log(2.0) / kPi) / w * g;
            } else {
                y[static_cast<std::size_t>(i)] += l.area * (w / (2.0 * kPi)) / (d * d + w * w / 4.0);
            }
        }
    }
    tallest = 0.0;
    for (const double v : y) tallest = std::max(tallest, v);
    // Residual baseline after processing: a smooth roll of one to three periods, plus noise.
    const double a1 = rng.uniform(-1.0, 1.0), a2 = rng.uniform(-0.6, 0.6), a3 = rng.uniform(-0.3, 0.3);
    const double ph = rng.uniform(0.0, 2.0 * kPi);
    const double sigma = tallest / acq.snr;
    for (int i = 0; i < points; ++i) {
        const double x = static_cast<double>(i) / points;
        const double roll = a1 * std::cos(2 * kPi * x + ph) + a2 * std::cos(4 * kPi * x + 2 * ph) +
                            a3 * std::cos(6 * kPi * x + ph);
        y[static_cast<std::size_t>(i)] += acq.baseline * tallest * roll + rng.normal(0.0, sigma);
    }
    return y;
}

}  // namespace

void write_jcamp_spectrum(const std::filesystem::path& file, const std::vector<Line>& lines,
                          const NmrAcquisition& acq, int points, JcampEncoding encoding, Rng& rng) {
    double tallest = 0.0;
    const auto y = processed_spectrum(lines, acq, points, rng, tallest);
    const double yfactor = tallest / 2.0e6;  // integers up to about two million
    std::vector<std::int64_t> iy(y.size());
    for (std::size_t i = 0; i < y.size(); ++i) iy[i] = std::llround(y[i] / yfactor);
    std::int64_t miny = iy[0], maxy = iy[0];
    for (const auto v : iy) {
        miny = std::min(miny, v);
        maxy = std::max(maxy, v);
    }
    const double sw = acq.sw_hz();
    const double firstx = acq.carrier_ppm * acq.bf1_mhz + sw / 2.0;
    const double deltax = -sw / points;
    const double lastx = firstx + (points - 1) * deltax;
    const double xfactor = 1e-4;  // X values written in units of 0.1 mHz

    std::ostringstream o;
    o << "##TITLE= " << acq.title << "\n##JCAMP-DX= 5.01\n##DATA TYPE= NMR SPECTRUM\n##DATA CLASS= XYDATA\n";
    o << "##ORIGIN= sidepeak-generate (simulated)\n##OWNER= public domain\n";
    o << fmt::format("##.OBSERVE FREQUENCY= {}\n", acq.bf1_mhz);
    o << "##.OBSERVE NUCLEUS= ^1H\n";
    o << fmt::format("##.SOLVENT NAME= {}\n", acq.solvent);
    o << "##.SHIFT REFERENCE= INTERNAL, TMS, 1, 0.0\n";
    o << fmt::format("##$SF= {}\n", acq.bf1_mhz);
    o << fmt::format("##$OFFSET= {:.10g}\n", firstx / acq.bf1_mhz);
    o << fmt::format("##$SW_p= {:.10g}\n", sw);
    o << fmt::format("##$SI= {}\n", points);
    o << "##XUNITS= HZ\n##YUNITS= ARBITRARY UNITS\n";
    o << fmt::format("##XFACTOR= {:.10g}\n##YFACTOR= {:.10g}\n", xfactor, yfactor);
    o << fmt::format("##FIRSTX= {:.6f}\n##LASTX= {:.6f}\n##DELTAX= {:.8f}\n", firstx, lastx, deltax);
    o << fmt::format("##MAXY= {:.6g}\n##MINY= {:.6g}\n", static_cast<double>(maxy) * yfactor,
                     static_cast<double>(miny) * yfactor);
    o << fmt::format("##NPOINTS= {}\n##FIRSTY= {:.6g}\n", points, static_cast<double>(iy[0]) * yfactor);
    o << "##XYDATA= (X++(Y..Y))\n";
    auto xlabel = [&](int i) { return fmt::format("{:.0f}", (firstx + i * deltax) / xfactor); };

    if (encoding == JcampEncoding::affn) {
        for (int i = 0; i < points; i += 8) {
            o << xlabel(i);
            for (int k = i; k < std::min(points, i + 8); ++k) o << ' ' << iy[static_cast<std::size_t>(k)];
            o << '\n';
        }
    } else {
        // DIFDUP: each line starts with X and the absolute (SQZ) value of its first point, then
        // differences; the first point of a line repeats the last point of the previous line.
        int i = 0;
        while (i < points - 1) {
            std::string line = xlabel(i) + sqz(iy[static_cast<std::size_t>(i)]);
            int k = i + 1;
            while (k < points && line.size() < 72) {
                const std::int64_t d = iy[static_cast<std::size_t>(k)] - iy[static_cast<std::size_t>(k - 1)];
                int run = 1;
                while (k + run < points &&
                       iy[static_cast<std::size_t>(k + run)] - iy[static_cast<std::size_t>(k + run - 1)] == d)
                    ++run;
                line += dif(d);
                if (run > 1) line += dup(run);
                k += run;
            }
            o << line << '\n';
            i = k - 1;
        }
    }
    o << "##END=\n";
    std::ofstream out(file, std::ios::binary);
    out << o.str();
    if (!out) throw std::runtime_error("cannot write " + file.string());
}

}  // namespace sidepeak::gen
