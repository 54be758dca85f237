// The Rust (netlib) kernel's prelude: in effect in every cell. configure.py
// writes it into the kernel's init.evcxr after the `:dep` lines (see its main()
// for why it lives there); netlib/tests/kernel_prelude.rs compiles it, so that
// clippy sees it, and ./kernel-setup/test checks it with rustfmt.
use netlib::prelude::*;

// Runs each time a cell's library is loaded (evcxr re-emits prelude items into
// every cell), before any cell code: evcxr asks for panic backtraces
// (RUST_BACKTRACE=1), which show only evcxr's generated frames, so they are off
// and a panic shows its message and location, as a Python traceback's last line.
#[used]
#[unsafe(link_section = ".init_array")]
static NETLESSONS_CELL_SETUP: extern "C" fn() = {
    extern "C" fn cell_setup() {
        // SAFETY: runs while the cell library loads, before any cell code and
        // its threads could read the environment.
        unsafe { std::env::set_var("RUST_BACKTRACE", "0") };
    }
    cell_setup
};

// evcxr shows a cell's last expression by compiling `(expr).evcxr_display()`
// and, when the type has no such method, compiling the cell a second time with
// a `{:?}` fallback. This method prints that same text in evcxr's format, so
// the cell compiles once (kernel-setup/bench/PERFORMANCE.md). A type's own inherent
// `evcxr_display` (rich output) still wins: method lookup prefers it.
trait NetlessonsShowDebug {
    fn evcxr_display(&self);
}
impl<T: std::fmt::Debug + ?Sized> NetlessonsShowDebug for T {
    fn evcxr_display(&self) {
        println!("EVCXR_BEGIN_CONTENT text/plain\n{self:?}\nEVCXR_END_CONTENT");
    }
}
