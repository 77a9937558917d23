#include "sidepeak/chem/reaction_model.hpp"

#include <algorithm>
#include <cctype>

#include "sidepeak/core/error.hpp"

namespace sidepeak::chem {
namespace {

std::string lower_trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())) != 0) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())) != 0) s.remove_suffix(1);
    std::string out(s);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::string ladder_name(int n, const std::string& reagent) {
    if (n == 0) return "starting amine";
    return "S+" + std::to_string(n) + " " + (reagent.empty() ? std::string("Δ") : reagent);
}

// Tries to write product = start + k * delta with 0 < k <= 4; returns k or 0.
int alkylations_between(const Formula& start, const Formula& product, const Formula& delta) {
    if (delta.empty()) return 0;
    Formula f = product;
    for (int k = 1; k <= 4; ++k) {
        f -= delta;
        if (f.has_negative()) return 0;
        if (f == start) return k;
    }
    return 0;
}

}  // namespace

const std::vector<Reagent>& reagent_table() {
    // Diagnostic signals (CDCl3) clear of the ring N-CH2 (2.4-2.95 ppm): where the N-CH2 of the
    // substituent overlaps the ring (ethyl, fluorophenoxyethyl) a remote group is used instead.
    static const std::vector<Reagent> table = {
        {"methyl", {"me", "mei", "methyl iodide", "iodomethane", "formaldehyde", "hcho", "ch3i", "me2so4"},
         "CH2", "", true, 2.25, 2.45, 3, "N-CH3 s", 1},
        {"ethyl", {"et", "eti", "etbr", "ethyl iodide", "ethyl bromide", "acetaldehyde"}, "C2H4", "C2H4", true,
         0.95, 1.15, 3, "N-CH2CH3 t", 3},
        {"benzyl", {"bn", "bnbr", "bncl", "benzyl bromide", "benzyl chloride", "benzaldehyde", "phch2br"}, "C7H6", "",
         true, 3.45, 3.75, 2, "N-CH2Ph s", 1},
        {"2-(4-fluorophenoxy)ethyl",
         {"fluorophenoxyethyl", "4-fluorophenoxyethyl", "2-(4-fluorophenoxy)ethyl bromide",
          "1-(2-bromoethoxy)-4-fluorobenzene"},
         "C8H7FO", "C8H7FO", true, 3.95, 4.15, 2, "OCH2 t", 3},
        {"2,2,2-trifluoroethyl",
         {"trifluoroethyl", "tfe", "2,2,2-trifluoroethyl triflate", "cf3ch2otf", "2,2,2-trifluoroethyl iodide"},
         "C2HF3", "", true, 2.95, 3.2, 2, "N-CH2CF3 q", 4},
        {"2-thienylmethyl",
         {"thienylmethyl", "thiophen-2-ylmethyl", "2-(chloromethyl)thiophene", "thiophene-2-carbaldehyde",
          "thiophene-2-carboxaldehyde"},
         "C5H4S", "", true, 3.7, 3.95, 2, "N-CH2-thienyl s", 1},
        // C(CH3)3 1.46 CDCl3 / 1.39 DMSO-d6 (1-Boc-piperazine, SDBS); the carbamate's slow N-C(O)
        // rotation doubles the singlet 0.02-0.05 ppm apart (Pretsch, amides / carbamates), so the
        // window opens 0.05 ppm below the DMSO-d6 line.
        {"Boc", {"boc2o", "di-tert-butyl dicarbonate", "tert-butoxycarbonyl", "boc anhydride"}, "C5H8O2", "", false,
         1.34, 1.52, 9, "C(CH3)3 s", 1},
    };
    return table;
}

const Reagent* find_reagent(std::string_view name_or_formula) {
    const std::string key = lower_trim(name_or_formula);
    if (key.empty()) return nullptr;
    for (const auto& r : reagent_table()) {
        if (lower_trim(r.name) == key) return &r;
        for (const auto& a : r.aliases) {
            if (a == key) return &r;
        }
    }
    // An increment formula names the reagent too.
    try {
        const Formula f(name_or_formula);
        for (const auto& r : reagent_table()) {
            if (Formula(r.increment) == f) return &r;
        }
    } catch (const UsageError&) {
        // not a formula
    }
    return nullptr;
}

std::vector<Formula> common_increments() {
    std::vector<Formula> out;
    for (const auto& r : reagent_table()) out.emplace_back(r.increment);
    return out;
}

std::vector<Formula> background_repeat_units() { return {Formula("C2H4O"), Formula("C2H6OSi")}; }

Formula diazepane() { return Formula("C5H12N2"); }

std::string_view role_name(SpeciesRole role) noexcept {
    switch (role) {
        case SpeciesRole::starting_amine: return "starting_amine";
        case SpeciesRole::intermediate: return "intermediate";
        case SpeciesRole::product: return "product";
        case SpeciesRole::over_alkylated: return "over_alkylated";
        case SpeciesRole::quaternary: return "quaternary";
        case SpeciesRole::n_oxide: return "n_oxide";
        case SpeciesRole::hofmann_ring_opened: return "hofmann_ring_opened";
        case SpeciesRole::hofmann_alkene_loss: return "hofmann_alkene_loss";
        case SpeciesRole::oligomer: return "oligomer";
    }
    return "unknown";
}

std::vector<const Species*> ReactionModel::of_role(SpeciesRole role) const {
    std::vector<const Species*> out;
    for (const auto& s : species) {
        if (s.role == role) out.push_back(&s);
    }
    return out;
}

std::string_view part_origin_name(PartOrigin origin) noexcept {
    switch (origin) {
        case PartOrigin::absent: return "absent";
        case PartOrigin::given: return "given";
        case PartOrigin::assumed: return "assumed";
        case PartOrigin::derived: return "derived";
    }
    return "absent";
}

namespace {

// The amines of the model in species order (the first entries of ReactionModel::species), whose
// N-oxides are added next.
struct AmineList {
    std::vector<std::string> names;
    std::vector<Formula> formulas;
};

// The reagent: a table entry, else an increment formula.
void resolve_reagent(const ReactionContext& context, ReactionModel& m) {
    if (!lower_trim(context.reagent).empty()) {
        m.reagent = find_reagent(context.reagent);
        if (m.reagent != nullptr) {
            m.increment = Formula(m.reagent->increment);
            m.reagent_name = m.reagent->name;
            m.increment_origin = PartOrigin::given;
        } else {
            Formula inc;
            try {
                inc = Formula(context.reagent);
            } catch (const UsageError& e) {
                throw UsageError("reagent '" + context.reagent +
                                 "' is neither a known reagent nor an increment formula (" + e.what() + ")");
            }
            if (inc.charge() != 0 || inc.has_negative()) throw UsageError("reagent increment must be neutral: " + context.reagent);
            m.increment = inc;
            m.reagent_name = inc.to_string();
            m.increment_origin = PartOrigin::given;
        }
    }
}

void resolve_product(const ReactionContext& context, ReactionModel& m) {
    if (!lower_trim(context.product).empty()) {
        Formula p(context.product);
        if (p.charge() != 0) throw UsageError("product formula must be neutral: " + context.product);
        m.product = p;
        m.product_origin = PartOrigin::given;
    }
}

// Relates product, increment and starting amine: the number of alkylations the product carries,
// the increment derived from a product alone, or the product derived from the increment.
void relate_parts(ReactionModel& m) {
    if (m.product && m.increment) {
        const int k = alkylations_between(diazepane(), *m.product, *m.increment);
        if (k > 0) {
            m.product_alkylations = k;
        } else if (*m.product == diazepane()) {
            m.product_alkylations = 0;
        } else {
            // Another amine: assume the product is its mono-alkylation.
            Formula start = *m.product - *m.increment;
            if (!start.has_negative() && !start.empty() && start.count("N") > 0) {
                m.starting_amine = start;
                m.product_alkylations = 1;
            } else {
                m.starting_amine = *m.product;
                m.product_alkylations = 0;
            }
            m.start_origin = PartOrigin::derived;
        }
    } else if (m.product) {
        for (const auto& r : reagent_table()) {
            const int k = alkylations_between(diazepane(), *m.product, Formula(r.increment));
            if (k > 0) {
                m.reagent = &r;
                m.increment = Formula(r.increment);
                m.reagent_name = r.name;
                m.product_alkylations = k;
                m.increment_origin = PartOrigin::derived;
                break;
            }
        }
        if (!m.increment) m.product_alkylations = *m.product == diazepane() ? 0 : -1;
    } else if (m.increment) {
        m.product = m.starting_amine + *m.increment;
        m.product_alkylations = 1;
        m.product_origin = PartOrigin::derived;
    }
}

// The alkylation ladder from the starting amine (with the quaternary cations of an alkylating
// reagent), or the starting amine and the product when no increment is known.
AmineList add_amine_ladder(ReactionModel& m) {
    m.reactive_sites = std::clamp(m.starting_amine.count("N"), 1, 4);
    const int s = m.reactive_sites;
    const bool alkylating = m.reagent == nullptr || m.reagent->alkylating;
    const std::string rname = m.reagent_name;

    AmineList amines;
    if (m.increment) {
        for (int n = 0; n <= s; ++n) {
            Species sp;
            sp.alkylations = n;
            sp.formula = m.starting_amine + *m.increment * n;
            sp.name = ladder_name(n, rname);
            if (n == 0) sp.role = SpeciesRole::starting_amine;
            else if (n < m.product_alkylations) sp.role = SpeciesRole::intermediate;
            else if (n == m.product_alkylations) sp.role = SpeciesRole::product;
            else sp.role = SpeciesRole::over_alkylated;
            if (n == 0 && m.product_alkylations == 0) sp.role = SpeciesRole::product;
            amines.names.push_back(sp.name);
            amines.formulas.push_back(sp.formula);
            m.species.push_back(std::move(sp));
        }
        if (alkylating) {
            const Formula proton("H+");
            for (int extra = 1; extra <= 2; ++extra) {
                Species q;
                q.alkylations = s + extra;
                q.formula = m.starting_amine + *m.increment * (s + extra) + proton * extra;
                q.role = SpeciesRole::quaternary;
                q.name = ladder_name(s + extra, rname) + (extra == 1 ? " quaternary cation" : " bis-quaternary dication");
                q.parent = amines.names.back();
                m.species.push_back(std::move(q));
            }
        }
    } else {
        Species start;
        start.formula = m.starting_amine;
        start.name = "starting amine";
        start.role = SpeciesRole::starting_amine;
        amines.names.push_back(start.name);
        amines.formulas.push_back(start.formula);
        m.species.push_back(std::move(start));
        if (m.product && !(*m.product == m.starting_amine)) {
            Species p;
            p.formula = *m.product;
            p.name = "product";
            p.role = SpeciesRole::product;
            p.alkylations = m.product_alkylations;
            amines.names.push_back(p.name);
            amines.formulas.push_back(p.formula);
            m.species.push_back(std::move(p));
        }
    }

    return amines;
}

void add_n_oxides(ReactionModel& m, const AmineList& amines) {
    for (std::size_t i = 0; i < amines.formulas.size(); ++i) {
        Species ox;
        ox.formula = amines.formulas[i] + Formula("O");
        ox.role = SpeciesRole::n_oxide;
        ox.name = "N-oxide of " + amines.names[i];
        ox.parent = amines.names[i];
        ox.alkylations = m.species[i].alkylations;
        m.species.push_back(std::move(ox));
    }
}

// Hofmann products of the mono-quaternary cation.
void add_hofmann_products(ReactionModel& m) {
    const std::vector<const Species*> quats = m.of_role(SpeciesRole::quaternary);
    std::vector<Species> hofmann;
    for (const Species* q : quats) {
        if (q->formula.charge() != 1) continue;
        Species ring;
        ring.formula = q->formula - Formula("H+");
        ring.role = SpeciesRole::hofmann_ring_opened;
        ring.name = "ring-opened alkene from " + q->name;
        ring.parent = q->name;
        ring.alkylations = q->alkylations;
        hofmann.push_back(ring);
        if (m.reagent != nullptr && !m.reagent->alkene.empty()) {
            Species loss;
            loss.formula = q->formula - Formula(m.reagent->alkene) - Formula("H+");
            if (!loss.formula.has_negative()) {
                loss.role = SpeciesRole::hofmann_alkene_loss;
                loss.name = "tertiary amine after loss of " + Formula(m.reagent->alkene).to_string() + " from " + q->name;
                loss.parent = q->name;
                loss.alkylations = q->alkylations - 1;
                hofmann.push_back(loss);
            }
        }
    }
    for (auto& h : hofmann) m.species.push_back(std::move(h));
}

// Oligomers of the ethylenediamine + 1,3-dibromopropane route when the start is 1,4-diazepane.
void add_oligomers(ReactionModel& m) {
    if (m.starting_amine == diazepane()) {
        const Formula unit = diazepane();
        m.repeat_units.push_back(unit);
        for (int n = 2; n <= 3; ++n) {
            Species cyc;
            cyc.formula = unit * n;
            cyc.role = SpeciesRole::oligomer;
            cyc.name = "cyclic " + std::string(n == 2 ? "dimer" : "trimer") + " (C5H12N2)" + std::to_string(n);
            m.species.push_back(std::move(cyc));
        }
        for (int n = 1; n <= 3; ++n) {
            Species lin;
            lin.formula = unit * n + Formula("C2H8N2");
            lin.role = SpeciesRole::oligomer;
            lin.name = "linear ethylenediamine-terminated (C5H12N2)" + std::to_string(n) + "-C2H8N2";
            m.species.push_back(std::move(lin));
        }
    }
}

}  // namespace

ReactionModel build_reaction_model(const ReactionContext& context) {
    ReactionModel m;
    m.starting_amine = diazepane();
    resolve_reagent(context, m);
    resolve_product(context, m);
    relate_parts(m);
    const AmineList amines = add_amine_ladder(m);
    add_n_oxides(m, amines);
    add_hofmann_products(m);
    add_oligomers(m);
    if (m.increment) m.ladder_increments.push_back(*m.increment);
    else m.ladder_increments = common_increments();
    return m;
}

}  // namespace sidepeak::chem
