# Shared by the kernel-setup scripts (sourced, not run).

step() { printf '==> %s\n' "$*"; }
warn() { printf 'warning: %s\n' "$*" >&2; }
die() {
    printf 'error: %s\n' "$*" >&2
    exit 1
}

# The stock, unpatched evcxr_jupyter 0.22.0 that the benchmarks compare with:
# ~/.cargo/bin's when cargo installed exactly that version there, else our own
# `cargo install` into build/evcxr-stock (about 8 minutes once). Prints its path.
stock_evcxr() {
    local root="$1" cargo_bin="${CARGO_HOME:-$HOME/.cargo}/bin"
    if [ -x "$cargo_bin/evcxr_jupyter" ] && cargo install --list | grep -q -x "evcxr_jupyter v0.22.0:"; then
        echo "$cargo_bin/evcxr_jupyter"
        return
    fi
    if [ ! -x "$root/build/evcxr-stock/bin/evcxr_jupyter" ]; then
        step "stock evcxr_jupyter 0.22.0 for the comparison: cargo install into build/evcxr-stock (about 8 minutes)" >&2
        cargo install --locked evcxr_jupyter --version 0.22.0 --root "$root/build/evcxr-stock" >&2
    fi
    echo "$root/build/evcxr-stock/bin/evcxr_jupyter"
}
