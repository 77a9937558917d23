#pragma once
// Iteration over the cvParams of one mzML element, including those it takes from
// referenceableParamGroups (mzML 1.1 section 5.2.2), shared by the mzML element parsers.
#include <cstring>
#include <string_view>

#include <pugixml.hpp>

#include "mzml_parse.hpp"

namespace sidepeak::io::detail {

inline std::string_view xml_value(const char* s) noexcept { return s ? std::string_view(s) : std::string_view(); }

// Calls f(accession, value, unit_accession, unit_name) for every cvParam of `node`, including the
// ones of its referenceableParamGroupRefs.
template <typename F>
void each_param(pugi::xml_node node, const ParamGroups* groups, F&& f) {
    for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
        const char* name = c.name();
        if (std::strcmp(name, "cvParam") == 0) {
            f(xml_value(c.attribute("accession").value()), xml_value(c.attribute("value").value()),
              xml_value(c.attribute("unitAccession").value()), xml_value(c.attribute("unitName").value()));
        } else if (groups && std::strcmp(name, "referenceableParamGroupRef") == 0) {
            const auto it = groups->find(c.attribute("ref").value());
            if (it == groups->end()) continue;
            for (const auto& p : it->second) f(p.accession, p.value, p.unit_accession, p.unit_name);
        }
    }
}

}  // namespace sidepeak::io::detail
