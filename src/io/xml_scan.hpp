#pragma once
// Fast text-level helpers for the streaming XML readers (mzML, mzXML): a block reader that hands
// out whole elements by plain text search, an attribute scanner for start tags, a base64 decoder
// that writes into a reused buffer, and number parsing. Nothing here expands entities.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sidepeak::io::detail {

/// Reads a file front to back in large blocks. Positions are absolute file offsets; the bytes of
/// [consumed, end) stay in memory, so memory is bounded by the block size plus the largest element
/// the caller keeps unconsumed.
class BlockReader {
public:
    static constexpr std::uint64_t npos = ~std::uint64_t{0};

    explicit BlockReader(const std::filesystem::path& path, std::size_t block_size = std::size_t{4} << 20);
    /// Reads from text already in memory (the XML of an mzMLb file); `name` is used in errors.
    BlockReader(const std::filesystem::path& name, std::string content);
    BlockReader(const BlockReader&) = delete;
    BlockReader& operator=(const BlockReader&) = delete;
    BlockReader(BlockReader&&) noexcept = default;
    BlockReader& operator=(BlockReader&&) noexcept = default;
    ~BlockReader() = default;

    /// Absolute offset of the first occurrence of `pattern` at or after `from`, reading more of
    /// the file as needed; npos when the file ends first.
    std::uint64_t find(std::string_view pattern, std::uint64_t from);
    /// Makes sure [from, from + n) is in memory (fewer bytes at the end of the file); returns how many are.
    std::size_t ensure(std::uint64_t from, std::size_t n);
    /// Pointer to the byte at absolute offset `pos` (must be in memory). Valid until the next call
    /// of find/ensure/seek.
    [[nodiscard]] char* at(std::uint64_t pos);
    /// Bytes before `pos` are no longer needed.
    void consume(std::uint64_t pos) noexcept {
        if (pos > consumed_) consumed_ = pos;
    }
    /// A fresh reader over the same bytes, positioned at the start.
    [[nodiscard]] BlockReader reopen() const;
    /// Drops the buffer and continues reading at `pos`.
    void seek(std::uint64_t pos);
    [[nodiscard]] std::uint64_t file_size() const noexcept { return file_size_; }
    [[nodiscard]] const std::filesystem::path& path() const noexcept { return path_; }

private:
    bool fill();  // appends one block; false at end of file

    struct FileCloser {
        void operator()(std::FILE* f) const noexcept { std::fclose(f); }
    };
    std::filesystem::path path_;
    std::unique_ptr<std::FILE, FileCloser> file_;
    std::uint64_t file_size_ = 0;
    std::size_t block_size_;
    std::string buf_;            // holds file bytes [base_, base_ + buf_.size())
    std::uint64_t base_ = 0;
    std::uint64_t consumed_ = 0;
};

/// Reads `n` bytes at `offset` (fewer at the end of the file); for random access by index.
std::string read_at(const std::filesystem::path& path, std::uint64_t offset, std::size_t n);

/// Value of attribute `name` in a start tag's text (escaped as in the file), or nullopt.
std::optional<std::string_view> find_attribute(std::string_view start_tag, std::string_view name);
/// Replaces the five predefined XML entities and numeric character references; anything else
/// (including custom entities, which are never expanded) stays as written.
std::string xml_unescape(std::string_view text);

/// Parses a whole string as a double / integer (surrounding whitespace allowed); nullopt on junk.
std::optional<double> parse_double(std::string_view text);
std::optional<std::int64_t> parse_int(std::string_view text);

/// Decodes base64 into `out` (resized), ignoring whitespace. Throws sidepeak::Error on an
/// invalid character or truncated input. Fast path for unbroken runs of 4-character groups.
void base64_decode_into(std::string_view text, std::vector<std::uint8_t>& out);
/// Number of non-whitespace characters (to compare with an encodedLength attribute).
std::size_t count_non_space(std::string_view text) noexcept;

/// True when an XML prolog (the bytes before the root element) declares entities in a DOCTYPE.
/// Such files are refused: entity expansion is how XXE and "billion laughs" attacks work.
bool prolog_declares_entities(std::string_view head);

/// Parses an xs:duration such as "PT0.178S", "PT1M2.5S", "P0DT1H", or a bare number of seconds.
std::optional<double> parse_xs_duration_s(std::string_view text);

}  // namespace sidepeak::io::detail
