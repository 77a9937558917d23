#pragma once
/// The reaction model: from what the chemist says about a sample (intended product formula and/or
/// alkylating reagent) derive the species each by-product class predicts, with their roles.
///
/// Chemistry (1,4-diazepane functionalisation):
///  - each alkylation adds the increment Δ (the group minus the H it replaces);
///  - starting amine S with s reactive N (secondary N-H sites; s = number of N atoms of S):
///    S + nΔ for n = 0..s are neutral amines; n = s+1 is the quaternary ammonium cation
///    S + (s+1)Δ + H+ (permanent cation, charge +1), n = s+2 the bis-quaternary dication;
///  - every neutral amine has an N-oxide (+O);
///  - every mono-quaternary cation Q+ can undergo Hofmann elimination: ring opening gives the
///    neutral Q - H+ (its [M+H]+ is isobaric with Q+); loss of an N-alkyl with a beta-H as an
///    alkene gives the tertiary amine Q+ - alkene - H+;
///  - cyclisation routes leave oligomers built from the route's repeat unit (ethylenediamine +
///    1,3-dibromopropane: C5H12N2).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sidepeak/chem/formula.hpp"

namespace sidepeak::chem {

/// One reagent of the built-in table.
struct Reagent {
    std::string name;                  ///< "benzyl"
    std::vector<std::string> aliases;  ///< "BnBr", "benzyl bromide", ... (matched case-insensitively)
    std::string increment;             ///< Δ formula, e.g. "C7H6"
    std::string alkene;                ///< alkene lost in Hofmann elimination of this N-substituent ("" when it has no beta-H)
    bool alkylating = true;            ///< false for protecting groups (Boc): no quaternary salt
    /// Diagnostic 1H signal of one N-substituent (CDCl3), chosen clear of the ring N-CH2 at
    /// 2.4-2.95 ppm: ppm window, proton count and a label. Used to count substituents per ring.
    double diag_ppm_from = 0.0;
    double diag_ppm_to = 0.0;
    int diag_protons = 0;
    std::string diag_label;            ///< group and multiplicity as a reviewer reads them, e.g. "N-CH3 s"
    /// Lines of the diagnostic group's first-order multiplet, one coupling to equivalent
    /// neighbours (1 singlet, 3 triplet, 4 quartet; the label's multiplicity word); 0 when none.
    int diag_lines = 0;
};

/// The built-in reagent table: methyl, ethyl, benzyl, 2-(4-fluorophenoxy)ethyl, 2,2,2-trifluoroethyl,
/// 2-thienylmethyl, Boc.
const std::vector<Reagent>& reagent_table();
/// A reagent by name or alias (case-insensitive, surrounding whitespace ignored), or by its
/// increment formula ("C7H6" finds benzyl). nullptr when not in the table.
const Reagent* find_reagent(std::string_view name_or_formula);

/// Increments searched when the context gives no reagent (the table's increments).
std::vector<Formula> common_increments();
/// Background ladders that are contamination, never reaction by-products:
/// polyethylene glycol C2H4O and polysiloxane C2H6OSi.
std::vector<Formula> background_repeat_units();

enum class SpeciesRole {
    starting_amine,
    intermediate,        ///< alkylated fewer times than the product
    product,
    over_alkylated,      ///< neutral amine alkylated more often than the product
    quaternary,          ///< permanent cation
    n_oxide,
    hofmann_ring_opened,
    hofmann_alkene_loss,
    oligomer,
};
std::string_view role_name(SpeciesRole role) noexcept;

struct Species {
    std::string name;         ///< e.g. "S+3Δ quaternary cation", "N-oxide of S+1Δ"
    SpeciesRole role = SpeciesRole::product;
    Formula formula;          ///< neutral formula, or the cation's formula (charge set) for permanent cations
    int alkylations = 0;      ///< n: increments over the starting amine
    std::string parent;       ///< name of the species it derives from ("" for the ladder itself)
    [[nodiscard]] bool permanent_cation() const noexcept { return formula.charge() != 0; }
};

struct ReactionContext {
    std::string product;   ///< product formula ("" when unknown)
    std::string reagent;   ///< reagent name/alias or increment formula ("" when unknown)
};

/// How one part of the reaction model was obtained.
enum class PartOrigin {
    absent,   ///< neither given nor derivable from what was given
    given,    ///< stated in the context
    assumed,  ///< the default (the starting amine 1,4-diazepane)
    derived,  ///< computed by build_reaction_model from the other given part
};

/// "absent", "given", "assumed", "derived".
std::string_view part_origin_name(PartOrigin origin) noexcept;

struct ReactionModel {
    std::optional<Formula> increment;  ///< Δ, when known or derived
    std::string reagent_name;          ///< table name, or the increment formula, or ""
    const Reagent* reagent = nullptr;  ///< table entry when known
    Formula starting_amine;
    std::optional<Formula> product;
    int product_alkylations = 0;       ///< k: product = starting amine + kΔ
    int reactive_sites = 2;            ///< s
    /// How each part was obtained. `derived`: the product as the starting amine plus one increment
    /// (a reagent alone); the increment as the first table reagent that reaches the product from
    /// 1,4-diazepane (a product alone); the starting amine as the product less one increment (a
    /// product that is not 1,4-diazepane plus whole increments).
    PartOrigin product_origin = PartOrigin::absent;
    PartOrigin increment_origin = PartOrigin::absent;
    PartOrigin start_origin = PartOrigin::assumed;
    std::vector<Species> species;
    std::vector<Formula> repeat_units;       ///< oligomer repeat units of the route
    std::vector<Formula> ladder_increments;  ///< Δ to search (the known one, else the common list)

    /// Species of one role, in ladder order.
    [[nodiscard]] std::vector<const Species*> of_role(SpeciesRole role) const;
};

/// The 1,4-diazepane formula, the default starting amine.
Formula diazepane();

/// Builds the model. Throws UsageError when the product or reagent text is not a formula or a
/// known reagent, or when the product is charged.
ReactionModel build_reaction_model(const ReactionContext& context);

}  // namespace sidepeak::chem
