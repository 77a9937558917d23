#include "varian_procpar.hpp"

#include <cmath>

#include <fmt/format.h>

#include "param_file.hpp"
#include "sidepeak/core/error.hpp"
#include "sidepeak/core/file_io.hpp"

namespace sidepeak::io::detail {
namespace {

constexpr std::uintmax_t kMaxProcparBytes = std::uintmax_t{64} << 20;

struct Token {
    std::string text;
    bool quoted = false;
};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

std::vector<Token> tokenize(std::string_view text, const std::filesystem::path& source) {
    for (const char c : text) {
        if (static_cast<unsigned char>(c) < 0x20 && !is_space(c)) {
            throw InputError(source, "binary content, not a procpar file");
        }
    }
    std::vector<Token> tokens;
    std::size_t i = 0;
    while (i < text.size()) {
        const char c = text[i];
        if (is_space(c)) {
            ++i;
            continue;
        }
        Token tok;
        if (c == '"') {
            tok.quoted = true;
            ++i;
            bool closed = false;
            while (i < text.size()) {
                const char d = text[i++];
                if (d == '\\' && i < text.size()) {
                    tok.text += text[i++];
                } else if (d == '"') {
                    closed = true;
                    break;
                } else {
                    tok.text += d;
                }
            }
            if (!closed) throw InputError(source, "unterminated string");
        } else {
            const auto start = i;
            while (i < text.size() && !is_space(text[i])) ++i;
            tok.text = std::string(text.substr(start, i - start));
        }
        tokens.push_back(std::move(tok));
    }
    return tokens;
}

}  // namespace

Procpar Procpar::parse(std::string_view text, const std::filesystem::path& source) {
    Procpar pp;
    pp.source_ = source;
    const auto tokens = tokenize(text, source);
    if (tokens.empty()) throw InputError(source, "empty procpar file");
    std::size_t i = 0;
    auto need = [&](std::size_t n, const std::string& what) {
        if (tokens.size() - i < n) throw InputError(source, fmt::format("truncated at {}", what));
    };
    auto count_at = [&](const std::string& name, const char* what) {
        const auto v = parse_number(tokens[i].text);
        // Each counted item needs at least one token, so the rest of the file bounds the count.
        if (tokens[i].quoted || !v || *v < 0 || std::floor(*v) != *v ||
            *v > static_cast<double>(tokens.size() - i - 1)) {
            throw InputError(source, fmt::format("parameter {}: bad {} count '{}'", name, what, tokens[i].text));
        }
        ++i;
        return static_cast<std::size_t>(*v);
    };
    while (i < tokens.size()) {
        need(12, "a parameter header");
        const Token& name_tok = tokens[i];
        if (name_tok.quoted || name_tok.text.empty() || parse_number(name_tok.text)) {
            throw InputError(source, fmt::format("expected a parameter name, found '{}'", name_tok.text));
        }
        const std::string name = name_tok.text;
        const auto basic = parse_number(tokens[i + 2].text);
        for (std::size_t k = 1; k <= 10; ++k) {
            if (tokens[i + k].quoted || !parse_number(tokens[i + k].text)) {
                throw InputError(source, fmt::format("parameter {}: malformed attribute '{}'", name, tokens[i + k].text));
            }
        }
        if (*basic != 0.0 && *basic != 1.0 && *basic != 2.0) {
            throw InputError(source, fmt::format("parameter {}: unknown basic type {}", name, *basic));
        }
        i += 11;
        Param param;
        param.is_string = *basic == 2.0;
        const auto n = count_at(name, "value");
        need(n + 1, "the values of " + name);
        param.values.reserve(n);
        for (std::size_t k = 0; k < n; ++k) {
            const Token& t = tokens[i++];
            if (param.is_string != t.quoted && *basic != 0.0) {
                throw InputError(source, fmt::format("parameter {}: value '{}' does not match its type", name, t.text));
            }
            param.values.push_back(t.text);
        }
        const auto enums = count_at(name, "enumeration");
        need(enums, "the enumeration of " + name);
        i += enums;
        pp.params_[name] = std::move(param);
    }
    return pp;
}

Procpar Procpar::load(const std::filesystem::path& path) {
    return parse(read_file_text(path, kMaxProcparBytes), path);
}

const Procpar::Param* Procpar::find(std::string_view name) const {
    const auto it = params_.find(name);
    return it == params_.end() ? nullptr : &it->second;
}

std::optional<double> Procpar::number(std::string_view name) const {
    const auto* p = find(name);
    if (p == nullptr || p->is_string || p->values.empty()) return std::nullopt;
    const auto v = parse_number(p->values.front());
    if (!v) throw InputError(source_, fmt::format("{} is not a finite number: '{}'", name, p->values.front()));
    return v;
}

std::optional<std::string> Procpar::text(std::string_view name) const {
    const auto* p = find(name);
    if (p == nullptr || !p->is_string || p->values.empty() || p->values.front().empty()) return std::nullopt;
    return p->values.front();
}

}  // namespace sidepeak::io::detail
