// Fuzz target: discovery (pipeline::discover, pipeline::samples_in_folder) over folder trees built
// from the fuzz bytes in a private scratch folder: nested folders, files of a few kinds (empty,
// JCAMP-DX and mzML heads, Bruker fid/acqus pairs, bytes from the input), links to ".", "..",
// siblings, the tree's root, absolute paths, missing targets and themselves (loops), FIFOs, and odd
// names (control bytes, invalid UTF-8, leading dots and blanks, 200-byte names).
// Extra checks: discovery ends; every input and skipped entry lies inside the tree; no file or
// folder (device and inode) is an input twice; nothing is both an input and skipped.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "fuzz_support.hpp"
#include "sidepeak/pipeline/analyze.hpp"
#include "sidepeak/pipeline/batch.hpp"

namespace {
namespace fs = std::filesystem;

class Bytes {
public:
    Bytes(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}
    [[nodiscard]] bool done() const { return pos_ >= size_; }
    std::uint8_t next() { return pos_ < size_ ? data_[pos_++] : 0; }

private:
    const std::uint8_t* data_;
    std::size_t size_;
    std::size_t pos_ = 0;
};

// A file name from the bytes: never empty, ".", ".." or holding '/' or NUL.
std::string make_name(Bytes& in) {
    const std::uint8_t kind = in.next();
    if (kind % 8 == 0) return std::string(200, static_cast<char>('a' + kind % 26));
    const std::size_t len = 1 + in.next() % 12;
    std::string name;
    for (std::size_t i = 0; i < len; ++i) {
        char c = static_cast<char>(in.next());
        if (c == '/' || c == '\0') c = '_';
        if (kind % 4 != 1 && (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7f)) {
            c = static_cast<char>('a' + static_cast<unsigned char>(c) % 26);  // mostly plain names
        }
        name += c;
    }
    if (name == "." || name == "..") name += "x";
    return name;
}

[[noreturn]] void fail(const std::string& what) {
    std::fprintf(stderr, "sidepeak fuzz: discovery: %s\n", what.c_str());
    std::abort();
}

// Creates a new file (never through a link, never over an existing name: a folder, link or FIFO of
// that name stays as it is).
void write(const fs::path& p, const std::string& text) {
    const int fd = ::open(p.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd < 0) return;
    const ssize_t n = ::write(fd, text.data(), text.size());
    ::close(fd);
    if (n != static_cast<ssize_t>(text.size())) fail("cannot write " + p.string());
}

bool inside(const fs::path& p, const fs::path& root) {
    const auto rel = p.lexically_relative(root);
    return !rel.empty() && *rel.begin() != "..";
}

void build_tree(Bytes& in, const fs::path& root) {
    std::vector<fs::path> stack{root};
    std::error_code ec;
    int ops = 0;
    while (!in.done() && ++ops <= 64) {
        const fs::path& here = stack.back();
        const std::uint8_t op = in.next();
        switch (op % 9) {
            case 0: {  // a folder, entered
                const fs::path d = here / make_name(in);
                if (stack.size() < 12 && fs::create_directory(d, ec)) stack.push_back(d);
                break;
            }
            case 1:  // leave the folder
                if (stack.size() > 1) stack.pop_back();
                break;
            case 2: {  // a file of one of a few kinds
                const fs::path f = here / make_name(in);
                switch (in.next() % 5) {
                    case 0: write(f, ""); break;
                    case 1: write(f, "##TITLE= t\n##JCAMP-DX= 5.01\n##DATA TYPE= NMR SPECTRUM\n##END=\n"); break;
                    case 2: write(f, "<?xml version=\"1.0\"?>\n<mzML xmlns=\"http://psi.hupo.org/ms/mzml\">\n"); break;
                    case 3: write(f, "\x89HDF\r\n\x1a\n"); break;
                    default: {
                        std::string text;
                        for (std::size_t n = in.next() % 32; n > 0; --n) text += static_cast<char>(in.next());
                        write(f, text);
                    }
                }
                break;
            }
            case 3:  // a Bruker experiment's files
                write(here / "acqus", "##TITLE= a\n##$TD= 8\n##$SW_h= 1000\n##$SFO1= 400\n##END=\n");
                write(here / "fid", std::string(32, '\0'));
                break;
            case 4: {  // a link to the folder itself or one above it, never above the tree's root (a loop)
                static const char* const kTargets[] = {".", "./.", "..", "../..", "../../.."};
                const std::size_t up = std::min<std::size_t>(in.next() % 5, stack.size());  // at most depth levels up
                fs::create_symlink(kTargets[up], here / make_name(in), ec);
                break;
            }
            case 5:  // an absolute link to the root
                fs::create_symlink(root, here / make_name(in), ec);
                break;
            case 6: {  // a link to a sibling (maybe missing), or to itself
                const std::string name = make_name(in);
                const std::string target = in.next() % 3 == 0 ? name : make_name(in);
                fs::create_symlink(target, here / name, ec);
                break;
            }
            case 7: {  // a hidden entry
                std::string name = ".";
                name += make_name(in);
                if (in.next() % 2 == 0) {
                    write(here / name, "##TITLE= hidden\n");
                } else {
                    fs::create_directory(here / name, ec);
                }
                break;
            }
            default:  // a FIFO (nothing must block on it) or a report folder marker
                if (in.next() % 2 == 0) {
                    (void)::mkfifo((here / make_name(in)).c_str(), 0600);
                } else {
                    fs::create_directories(here / make_name(in) / ".sidepeak", ec);
                }
        }
    }
}

void check(const sidepeak::pipeline::Discovery& found, const fs::path& root) {
    std::set<std::pair<dev_t, ino_t>> ids;
    std::set<fs::path> taken;
    for (const auto& input : found.inputs) {
        if (input.path != root && !inside(input.path, root)) fail("input outside the tree: " + input.path.string());
        struct stat st {};
        if (input.error.empty() && ::stat(input.path.c_str(), &st) == 0 && !ids.insert({st.st_dev, st.st_ino}).second) {
            fail("taken twice: " + input.path.string());
        }
        taken.insert(input.path);
    }
    for (const auto& s : found.skipped) {
        if (!inside(s.path, root)) fail("skipped entry outside the tree: " + s.path.string());
        if (s.reason.empty()) fail("skipped without a reason: " + s.path.string());
        if (taken.count(s.path)) fail("both input and skipped: " + s.path.string());
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace sidepeak;
    const fs::path root = fuzz::scratch() / "tree";
    std::error_code ec;
    fs::remove_all(root, ec);
    fs::create_directory(root, ec);
    Bytes in(data, size);
    build_tree(in, root);
    const int result = fuzz::run_guarded([&] {
        check(pipeline::discover(root), root);
        std::vector<report::SkippedEntry> skipped;
        const auto specs = pipeline::samples_in_folder(root, &skipped, root / "out");
        for (const auto& spec : specs) {
            if (!inside(spec.path, root)) fail("sample outside the tree");
            check(pipeline::discover(spec.path), root);
        }
    });
    fs::remove_all(root, ec);
    return result;
}
