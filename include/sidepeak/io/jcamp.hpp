#pragma once
/// Generic JCAMP-DX parser (versions 4.24, 5.01 and 6.00): blocks, labelled data records (LDRs)
/// and decoded data tables. Used by the NMR reader and usable for any JCAMP-DX flavour (IR, MS).
///
/// References: McDonald & Wilks, Appl. Spectrosc. 42 (1988) 151 (JCAMP-DX core, ASDF);
/// Davies & Lampen, Appl. Spectrosc. 47 (1993) 1093 (NMR, NTUPLES); Lampen et al., Appl.
/// Spectrosc. 53 (1999) 1094 (LINK blocks); IUPAC JCAMP-DX 6.00 (2005).
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sidepeak::io::jcamp {

/// Normalises a data label for comparison: upper case, and spaces, tabs, '-', '/', '_' removed,
/// so "DATA TYPE", "DATATYPE", "Data_Type" and ".OBSERVE FREQUENCY" / ".OBSERVEFREQUENCY" match.
std::string normalize_label(std::string_view label);

/// One labelled data record "##LABEL= value".
struct Record {
    std::string label;   ///< as written, without "##" and "=", trimmed
    std::string key;     ///< normalize_label(label)
    std::string value;   ///< value text with "$$" comments removed; continuation lines joined with '\n'
    std::size_t line = 0;  ///< 1-based line of the "##" in the file
};

/// A decoded data table: ##XYDATA, ##XYPOINTS, ##PEAK TABLE, or an NTUPLES ##DATA TABLE page.
/// Values are scaled by their factors (XFACTOR/YFACTOR, or the NTUPLES ##FACTOR list).
struct DataTable {
    std::string label;                 ///< normalised label: "XYDATA", "XYPOINTS", "PEAKTABLE", "DATATABLE"
    std::string form;                  ///< variable list as written, e.g. "(X++(Y..Y))", "(XY..XY)"
    std::vector<std::string> symbols;  ///< variable symbols in the form, e.g. {"X","R"} or {"X","Y","W"}
    bool evenly_spaced = false;        ///< true for (X++(Y..Y)): x was computed from first/last x
    std::string page;                  ///< value of the enclosing ##PAGE= ("" outside NTUPLES)
    std::vector<Record> page_records;  ///< records inside the page (##PAGE, ##NPOINTS, ...)
    std::vector<double> x;
    std::vector<double> y;
    std::vector<double> w;             ///< third column of (XYW..XYW) / (XYM..XYM); else empty
    std::size_t line = 0;              ///< 1-based line of the table's label
};

/// One JCAMP-DX block (##TITLE= ... ##END=). In a LINK file the wrapper and each inner block are
/// separate Blocks; `depth` tells them apart.
struct Block {
    std::vector<Record> records;   ///< in file order (data-table records are not repeated here)
    std::vector<DataTable> tables;
    std::size_t depth = 0;         ///< 0 = top level, 1 = inside a LINK block, ...
    std::size_t line = 0;          ///< 1-based line of the block's ##TITLE
    bool closed = false;           ///< the block's ##END= was seen

    /// First record whose normalised label equals normalize_label(label); nullptr if none.
    [[nodiscard]] const Record* find(std::string_view label) const;
    /// Value text of find(label), or nullopt.
    [[nodiscard]] std::optional<std::string> text(std::string_view label) const;
    /// Value of find(label) parsed as a number (leading number of the value), or nullopt when
    /// absent or not a number.
    [[nodiscard]] std::optional<double> number(std::string_view label) const;
    /// normalize_label of ##DATA TYPE (e.g. "NMRSPECTRUM", "NMRFID", "LINK", "MASSSPECTRUM").
    [[nodiscard]] std::string data_type() const;
};

/// A parsed file: all blocks in file order (LINK wrappers included).
struct Document {
    std::vector<Block> blocks;
};

/// Parses JCAMP-DX text. `source` only names the file in errors. Throws InputError on malformed
/// input: no labelled data record, NUL bytes, invalid ASDF characters, DIF Y-check failure,
/// point counts that disagree with ##NPOINTS / ##VAR_DIM, non-numeric factors.
Document parse(std::string_view text, const std::filesystem::path& source);
/// Reads and parses a file.
Document read(const std::filesystem::path& path);

/// Splits a comma-separated NTUPLES list value ("X, R, I") into trimmed items; empty items kept.
std::vector<std::string> split_list(std::string_view value);
/// Parses a leading number of a value ("16385.000000000", " 300.13 $$ MHz", "<400.13>").
std::optional<double> parse_number(std::string_view value);

}  // namespace sidepeak::io::jcamp
