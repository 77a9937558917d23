// Compiled into a module that has no sources of its own yet, so every module is a real target.
namespace sidepeak::detail {
int module_anchor() { return 0; }
}  // namespace sidepeak::detail
