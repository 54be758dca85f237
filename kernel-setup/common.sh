# Shared by the kernel-setup scripts (sourced, not run).

step() { printf '==> %s\n' "$*"; }
warn() { printf 'warning: %s\n' "$*" >&2; }
die() {
    printf 'error: %s\n' "$*" >&2
    exit 1
}

# apt_install WHY PACKAGE...: installs the Debian packages with apt-get as root
# or through password-less sudo; returns 1 (after a warning naming the command
# to run) where it may not or cannot.
apt_install() {
    local why="$1" sudo
    shift
    if ! command -v apt-get >/dev/null; then
        warn "$why: install $* with your system's package manager"
        return 1
    fi
    if [ "$(id -u)" = 0 ]; then sudo=""; elif sudo -n true 2>/dev/null; then sudo="sudo"; else
        warn "$why: not root and no password-less sudo; run: sudo apt-get install $*"
        return 1
    fi
    step "$why: apt-get install $*"
    { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null; } || {
        warn "$why: apt-get install $* failed"
        return 1
    }
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
