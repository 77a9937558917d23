// Block/LDR structure of JCAMP-DX and decoding of its data tables.
#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <optional>
#include <string>
#include <system_error>

#include "jcamp_asdf.hpp"
#include "sidepeak/core/error.hpp"
#include "sidepeak/core/file_io.hpp"
#include "sidepeak/core/limits.hpp"
#include "sidepeak/io/jcamp.hpp"

namespace sidepeak::io::jcamp {
namespace {

// Upper bound on the points of one table when nothing is declared (2^27 doubles = 1 GiB).
constexpr std::size_t kMaxUndeclaredPoints = std::size_t{1} << 27;

std::string_view trim(std::string_view s) noexcept {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
}

bool is_data_key(std::string_view key) noexcept {
    return key == "XYDATA" || key == "XYPOINTS" || key == "PEAKTABLE" || key == "DATATABLE";
}

// Splits a variable list such as "(X++(R..R))" or "(XYW..XYW)" into its symbols.
std::vector<std::string> form_symbols(std::string_view form, bool& x_plus_plus) {
    std::vector<std::string> symbols;
    const auto pp = form.find("++");
    x_plus_plus = pp != std::string_view::npos;
    auto letters = [](std::string_view s) {
        std::string out;
        for (char c : s) {
            if (std::isalpha(static_cast<unsigned char>(c))) out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
        }
        return out;
    };
    if (x_plus_plus) {
        symbols.push_back(letters(form.substr(0, pp)));
        auto rest = form.substr(pp + 2);
        const auto dots = rest.find("..");
        symbols.push_back(letters(rest.substr(0, dots)));
    } else {
        const auto dots = form.find("..");
        for (char c : letters(form.substr(0, dots))) symbols.emplace_back(1, c);
    }
    return symbols;
}

// State of the table being read.
struct TableBuilder {
    DataTable table;
    bool x_plus_plus = false;
    std::size_t declared = 0;  // 0 when not declared
    std::size_t max_points = kMaxUndeclaredPoints;
    double xfactor = 1.0, yfactor = 1.0, wfactor = 1.0;
    std::optional<double> first_x, last_x, deltax;
    std::optional<detail::XppYyDecoder> xpp;
    std::vector<double> flat;  // (XY..XY) values in file order
};

class Parser {
public:
    Parser(std::string_view text, const std::filesystem::path& source) : text_(text), source_(source) {}

    Document run() {
        if (const auto nul = text_.find('\0'); nul != std::string_view::npos) {
            throw InputError(source_, "binary data (NUL byte at offset " + std::to_string(nul) +
                                          "): not a JCAMP-DX text file");
        }
        std::size_t pos = 0;
        while (pos < text_.size()) {
            auto end = text_.find('\n', pos);
            if (end == std::string_view::npos) end = text_.size();
            std::string_view line = text_.substr(pos, end - pos);
            if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
            ++line_no_;
            handle_line(line);
            pos = end + 1;
        }
        finish_table();
        if (doc_.blocks.empty()) throw InputError(source_, "no JCAMP-DX labelled data record (##LABEL=) found");
        return std::move(doc_);
    }

private:
    [[noreturn]] void fail(const std::string& problem, std::size_t line) const {
        throw InputError(source_, "line " + std::to_string(line) + ": " + problem);
    }

    Block& top() { return doc_.blocks[open_.back()]; }

    void open_block() {
        Block b;
        b.depth = open_.size();
        b.line = line_no_;
        doc_.blocks.push_back(std::move(b));
        open_.push_back(doc_.blocks.size() - 1);
        in_page_ = false;
        current_record_ = nullptr;
    }

    void handle_line(std::string_view raw) {
        std::string_view line = raw;
        while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
        if (line.size() >= 2 && line[0] == '#' && line[1] == '#') {
            finish_table();
            handle_ldr(line.substr(2));
            return;
        }
        if (line.size() >= 2 && line[0] == '$' && line[1] == '$') return;  // comment line
        if (table_) {
            try {
                if (table_->xpp) {
                    table_->xpp->add_line(detail::strip_comment(line));
                } else {
                    detail::decode_line(detail::strip_comment(line), table_->flat, false, 0.0,
                                        table_->max_points * table_->table.symbols.size() + 1);
                }
            } catch (const detail::DecodeError& e) {
                fail(std::string(e.what()) + " (in " + table_->table.label + " starting at line " +
                         std::to_string(table_->table.line) + ")",
                     line_no_);
            }
            return;
        }
        if (current_record_ != nullptr) {
            const auto text = trim(detail::strip_comment(line));
            if (!text.empty()) {
                if (!current_record_->value.empty()) current_record_->value.push_back('\n');
                current_record_->value.append(text);
            }
        }
    }

    void handle_ldr(std::string_view body) {
        const auto eq = body.find('=');
        Record rec;
        rec.label = std::string(trim(body.substr(0, eq)));
        rec.key = normalize_label(rec.label);
        rec.line = line_no_;
        if (eq != std::string_view::npos) rec.value = std::string(trim(detail::strip_comment(body.substr(eq + 1))));
        current_record_ = nullptr;

        if (rec.key == "TITLE" || open_.empty()) open_block();
        if (rec.key == "END") {
            top().closed = true;
            open_.pop_back();
            in_page_ = false;
            return;
        }
        Block& block = top();
        if (rec.key == "PAGE") {
            in_page_ = true;
            page_ = rec.value;
            page_records_.clear();
            page_records_.push_back(std::move(rec));
            return;
        }
        if (rec.key == "ENDNTUPLES") in_page_ = false;
        if (is_data_key(rec.key)) {
            start_table(block, rec);
            return;
        }
        if (in_page_) {
            page_records_.push_back(std::move(rec));
            current_record_ = &page_records_.back();
            return;
        }
        block.records.push_back(std::move(rec));
        current_record_ = &block.records.back();
    }

    // Looks a symbol up in the NTUPLES ##SYMBOL list; returns its column.
    static std::optional<std::size_t> column(const std::vector<std::string>& symbols, const std::string& s) {
        for (std::size_t i = 0; i < symbols.size(); ++i) {
            if (normalize_label(symbols[i]) == s) return i;
        }
        return std::nullopt;
    }

    std::optional<double> list_number(const Block& b, std::string_view label, std::optional<std::size_t> col) {
        if (!col) return std::nullopt;
        const auto t = b.text(label);
        if (!t) return std::nullopt;
        const auto items = split_list(*t);
        if (*col >= items.size()) return std::nullopt;
        return parse_number(items[*col]);
    }

    std::size_t declared_count(std::optional<double> v, const char* what) const {
        if (!v) return 0;
        const double d = *v;
        if (!(d >= 0.0) || d > 1e12 || std::floor(d) != d) {
            fail(std::string("invalid ") + what + " value " + std::to_string(d), line_no_);
        }
        return static_cast<std::size_t>(d);
    }

    void start_table(const Block& block, const Record& rec) {
        auto& tb = table_.emplace();
        tb.table.label = rec.key;
        tb.table.line = rec.line;
        std::string_view value = rec.value;
        if (rec.key == "DATATABLE") value = value.substr(0, value.find(')') == std::string_view::npos
                                                                ? value.size()
                                                                : value.rfind(')') + 1);
        tb.table.form = std::string(trim(value));
        tb.table.symbols = form_symbols(tb.table.form, tb.x_plus_plus);
        if (tb.table.symbols.size() < 2 || tb.table.symbols[0].empty() || tb.table.symbols[1].empty()) {
            fail("unsupported data table form '" + tb.table.form + "'", rec.line);
        }
        if (in_page_) {
            tb.table.page = page_;
            tb.table.page_records = page_records_;
        }
        auto number = [&](std::string_view label) -> std::optional<double> {
            for (const auto& r : tb.table.page_records) {
                if (r.key == normalize_label(label)) return parse_number(r.value);
            }
            return block.number(label);
        };
        if (rec.key == "DATATABLE") {
            const auto syms = split_list(block.text("SYMBOL").value_or(""));
            const auto xc = column(syms, tb.table.symbols[0]);
            const auto yc = column(syms, tb.table.symbols[1]);
            tb.xfactor = list_number(block, "FACTOR", xc).value_or(1.0);
            tb.yfactor = list_number(block, "FACTOR", yc).value_or(1.0);
            if (tb.table.symbols.size() > 2) {
                tb.wfactor = list_number(block, "FACTOR", column(syms, tb.table.symbols[2])).value_or(1.0);
            }
            tb.first_x = list_number(block, "FIRST", xc);
            tb.last_x = list_number(block, "LAST", xc);
            std::optional<double> npoints;
            for (const auto& r : tb.table.page_records) {
                if (r.key == "NPOINTS") npoints = parse_number(r.value);
            }
            if (!npoints) npoints = list_number(block, "VARDIM", yc);
            tb.declared = declared_count(npoints, "NPOINTS/VAR_DIM");
        } else {
            tb.xfactor = number("XFACTOR").value_or(1.0);
            tb.yfactor = number("YFACTOR").value_or(1.0);
            tb.first_x = number("FIRSTX");
            tb.last_x = number("LASTX");
            tb.deltax = number("DELTAX");
            tb.declared = declared_count(number("NPOINTS"), "NPOINTS");
        }
        if (!std::isfinite(tb.xfactor) || !std::isfinite(tb.yfactor)) fail("non-finite XFACTOR/YFACTOR", rec.line);
        // Never trust the count for allocation: it only bounds growth (one value of slack for a
        // trailing check value).
        if (tb.declared > 0) tb.max_points = tb.declared + 1;
        if (tb.x_plus_plus) tb.xpp.emplace(tb.max_points);
    }

    // Documented tolerance: a writer that declares one point too many (JCAMP-DX 4.24 Varian
    // export) is accepted when the decoded count agrees with the abscissa span
    // |LASTX - FIRSTX| / |DELTAX| + 1, a second, independent declaration of the count.
    static bool span_agrees(const TableBuilder& tb, std::size_t n) {
        if (!tb.first_x || !tb.last_x || !tb.deltax || *tb.deltax == 0.0) return false;
        const double span_points = std::abs(*tb.last_x - *tb.first_x) / std::abs(*tb.deltax) + 1.0;
        return std::abs(span_points - static_cast<double>(n)) < 0.01;
    }

    void finish_table() {
        if (!table_) return;
        TableBuilder tb = std::move(*table_);
        table_.reset();
        DataTable& t = tb.table;
        const auto where = [&] { return t.label + " starting at line " + std::to_string(t.line); };
        if (tb.x_plus_plus) {
            t.evenly_spaced = true;
            t.y = std::move(tb.xpp->y());
            const std::size_t n = t.y.size();
            if (tb.declared > 0 && n != tb.declared && !(n + 1 == tb.declared && span_agrees(tb, n))) {
                fail("declared " + std::to_string(tb.declared) + " points but decoded " + std::to_string(n) + " in " +
                         where(),
                     t.line);
            }
            if (n == 0) fail("no data points in " + where(), t.line);
            for (auto& v : t.y) v *= tb.yfactor;
            double x0, x1;
            if (tb.first_x && tb.last_x) {
                x0 = *tb.first_x;
                x1 = *tb.last_x;
            } else {
                // Without FIRST/LAST use the line abscissas and the X factor as the step.
                x0 = tb.xpp->first_line_x() * tb.xfactor;
                const double dir = tb.xpp->last_line_x() >= tb.xpp->first_line_x() ? 1.0 : -1.0;
                x1 = x0 + dir * tb.xfactor * static_cast<double>(n - 1);
            }
            t.x.resize(n);
            const double step = n > 1 ? (x1 - x0) / static_cast<double>(n - 1) : 0.0;
            for (std::size_t i = 0; i < n; ++i) t.x[i] = x0 + step * static_cast<double>(i);
            if (n > 1) t.x[n - 1] = x1;
        } else {
            const std::size_t arity = t.symbols.size();
            if (tb.flat.size() % arity != 0) {
                fail("incomplete (" + t.form + ") group: " + std::to_string(tb.flat.size()) +
                         " values are not a multiple of " + std::to_string(arity) + " in " + where(),
                     t.line);
            }
            const std::size_t n = tb.flat.size() / arity;
            if (tb.declared > 0 && n != tb.declared) {
                fail("declared " + std::to_string(tb.declared) + " points but decoded " + std::to_string(n) + " in " +
                         where(),
                     t.line);
            }
            t.x.resize(n);
            t.y.resize(n);
            if (arity > 2) t.w.resize(n);
            for (std::size_t i = 0; i < n; ++i) {
                t.x[i] = tb.flat[i * arity] * tb.xfactor;
                t.y[i] = tb.flat[i * arity + 1] * tb.yfactor;
                if (arity > 2) t.w[i] = tb.flat[i * arity + 2] * tb.wfactor;
            }
        }
        if (open_.empty()) return;  // cannot happen: tables start inside a block
        top().tables.push_back(std::move(t));
    }

    std::string_view text_;
    const std::filesystem::path& source_;
    Document doc_;
    std::vector<std::size_t> open_;  // indices of open blocks, innermost last
    std::size_t line_no_ = 0;
    Record* current_record_ = nullptr;
    bool in_page_ = false;
    std::string page_;
    std::vector<Record> page_records_;
    std::optional<TableBuilder> table_;
};

}  // namespace

std::string normalize_label(std::string_view label) {
    std::string out;
    out.reserve(label.size());
    for (char c : label) {
        if (c == ' ' || c == '\t' || c == '-' || c == '/' || c == '_') continue;
        out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    }
    return out;
}

const Record* Block::find(std::string_view label) const {
    const std::string key = normalize_label(label);
    for (const auto& r : records) {
        if (r.key == key) return &r;
    }
    return nullptr;
}

std::optional<std::string> Block::text(std::string_view label) const {
    if (const Record* r = find(label)) return r->value;
    return std::nullopt;
}

std::optional<double> Block::number(std::string_view label) const {
    if (const Record* r = find(label)) return parse_number(r->value);
    return std::nullopt;
}

std::string Block::data_type() const { return normalize_label(text("DATA TYPE").value_or("")); }

std::vector<std::string> split_list(std::string_view value) {
    std::vector<std::string> items;
    std::size_t pos = 0;
    while (true) {
        const auto comma = value.find(',', pos);
        items.emplace_back(trim(value.substr(pos, comma == std::string_view::npos ? std::string_view::npos : comma - pos)));
        if (comma == std::string_view::npos) break;
        pos = comma + 1;
    }
    return items;
}

std::optional<double> parse_number(std::string_view value) {
    value = trim(value);
    if (!value.empty() && value.front() == '<') value.remove_prefix(1);
    if (!value.empty() && value.front() == '+') value.remove_prefix(1);
    double v = 0.0;
    const auto res = std::from_chars(value.data(), value.data() + value.size(), v);
    if (res.ec != std::errc{} || res.ptr == value.data()) return std::nullopt;
    if (!std::isfinite(v)) return std::nullopt;
    return v;
}

Document parse(std::string_view text, const std::filesystem::path& source) { return Parser(text, source).run(); }

Document read(const std::filesystem::path& path) {
    // A large file is checked on its first bytes before it is read whole: a multi-GB file that is
    // no JCAMP-DX (or a sparse one) costs one small read; the size limit holds before allocating.
    // (Small files are parsed whole, for the parser's more precise messages.)
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    const std::string head = !ec && size > (std::uintmax_t{1} << 20) ? read_file_head(path, 4096) : std::string();
    const auto first = head.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
    if (!head.empty() && (first == std::string::npos || head.compare(first, 2, "##") != 0)) {
        throw InputError(path, "not JCAMP-DX: the first non-blank line does not start with ##");
    }
    const std::string text = read_file_text(path, max_array_bytes());
    if (text.empty()) throw InputError(path, "empty file");
    return parse(text, path);
}

}  // namespace sidepeak::io::jcamp
