"""Writes the kernel home: evcxr's config dir, the launcher's settings, the kernelspec to register.

Called by ./kernel-setup/install with paths it resolved on this machine; the
tests call it too, to make kernel homes of their own (a broken netlib, a PATH
without cargo). Files are only rewritten when their content changes, so that
nothing looks newer than it is.
"""

import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path

SETUP = Path(__file__).resolve().parents[1]
LAUNCHER = SETUP / "kernel" / "launch.py"

EVCXR_TOML = """\
# Written by ./kernel-setup/install. No `tmpdir` here: the launcher gives each
# kernel its own build slot through EVCXR_TMPDIR (one evcxr per directory).
[evcxr]
# Decided once: changing it rebuilds every dependency in every slot.
opt_level = "0"
# Cells link netlib and the lesson crates as one shared library, built with
# them, instead of copying what they use into every cell (patch 0017): a
# cell's link 0.12 -> 0.06 s, and their statics last from cell to cell.
dependencies_dylib = true
"""

# The field's crates the lessons teach next to netlib, preloaded so that a
# lesson cell uses them with no `:dep` (a `:dep` in a cell would rebuild for
# seconds, and reach for crates.io). Pinned with `=`: evcxr ignores lock files.
# socket2, mio and tokio: versions as in kernel-setup/evcxr/Cargo.lock, so the
# install downloads nothing new for them. tokio (lesson 05): without its
# `parking_lot` feature (part of "full"): with static linking every cell links
# its own copy of parking_lot, whose wake-ups do not reach a thread parked by
# another cell's copy, so tasks spawned by later cells would never run
# (kernel-setup/evcxr/0004-*.patch); std's locks work across the copies. The
# shared library (0017) makes one copy, but a kernel may run without it.
# Lesson 06 (HTTP): ureq (the blocking client, urllib.request's counterpart;
# `json` for send_json/read_json; not its `cookies` feature, whose cookie_store,
# publicsuffix and time made every kernel start ~5 s and lesson 01's cell median
# ~14 % slower: PERFORMANCE.md), tiny_http (a small server, http.server's
# counterpart) and httparse (HTTP/1.1 parsing by hand). Lessons 02 and 06: serde
# (with derive) and serde_json, Python's json; they cost a cell nothing measurable.
LESSON_DEPS = """\
:dep socket2 = { version = "=0.6.3", features = ["all"] }
:dep mio = { version = "=1.2.0", features = ["os-poll", "net"] }
:dep tokio = { version = "=1.53.1", features = ["rt", "rt-multi-thread", "net", "io-util", "time", "sync", "macros"] }
:dep ureq = { version = "=3.5.2", default-features = false, features = ["json"] }
:dep serde = { version = "=1.0.229", features = ["derive"] }
:dep serde_json = { version = "=1.0.154" }
:dep tiny_http = { version = "=0.12.0" }
:dep httparse = { version = "=1.10.1" }
"""

# The second kernel, `rust-netlib-web` ("Rust (netlib + web)"), for the lesson that
# needs TLS (06: HTTPS on loopback, and `https://` URLs in a class with the
# internet): LESSON_DEPS with these lines in place of the same crates' and after
# them. ureq with its `rustls` feature (TLS by rustls on ring, Mozilla's roots from
# webpki-roots), rustls (a TLS server; Python's ssl) and rcgen (the lesson's own
# certificate; Python has no certificate maker, the twin runs openssl), all on ring:
# one provider, so rustls::ServerConfig::builder() finds it without naming it. And
# hyper (HTTP/1 server and client on tokio: what axum and reqwest are built on) with
# hyper-util's tokio glue and http-body-util: ten small crates beside tokio.
# Not in every lesson's kernel: with rustls and ring in the dependency graph every
# cell's rustc run took ~0.05 s more CPU (lesson 01's cell median +15 %,
# kernel-setup/bench/PERFORMANCE.md); a lesson's notebook names its kernel.
WEB_DEPS = """\
:dep ureq = { version = "=3.5.2", default-features = false, features = ["json", "rustls"] }
:dep rustls = { version = "=0.23.48", default-features = false, features = ["ring", "std", "tls12", "logging"] }
:dep rcgen = { version = "=0.14.10", default-features = false, features = ["ring", "pem"] }
:dep hyper = { version = "=1.13.0", default-features = false, features = ["server", "client", "http1"] }
:dep hyper-util = { version = "=0.1.21", default-features = false, features = ["tokio"] }
:dep http-body-util = { version = "=0.1.5" }
"""

# name, display name, the crates on top of LESSON_DEPS
KERNELS = {
    "": ("rust-netlib", "Rust (netlib)", ""),
    "web": ("rust-netlib-web", "Rust (netlib + web)", WEB_DEPS),
}


def kernel_deps(variant):
    """The `:dep` lines of a kernel variant: LESSON_DEPS, a crate of the variant's
    list replacing the same crate's line, the variant's other crates after them."""
    extra = {dep_name(line): line for line in KERNELS[variant][2].splitlines()}
    lines = [extra.pop(dep_name(line), line) for line in LESSON_DEPS.splitlines()]
    return lines + list(extra.values())


def prelude():
    """What is in effect in every cell (main() says why it lives in init.evcxr).

    A real Rust file, kernel/prelude.rs, compiled by netlib/tests/kernel_prelude.rs
    and checked by rustfmt; its opening comment describes the file, not a cell."""
    lines = (SETUP / "kernel" / "prelude.rs").read_text(encoding="utf-8").splitlines(keepends=True)
    while lines and lines[0].startswith("//"):
        lines.pop(0)
    return "".join(lines)


# Paid at kernel start instead of in the student's first cell: evcxr compiles
# its first cell that uses `?` twice (it adds the Result wrapper after rustc's
# E0277). The first `let` needs no warm-up: our evcxr has rustc name the types
# of a cell's variables in a type-check run of that cell (kernel-setup/evcxr/0016).
WARM_UP = """Ok::<(), std::fmt::Error>(())?;
"""

# evcxr_jupyter allocates with mimalloc, which by default keeps freed pages for
# a while and commits its arenas eagerly; rust-analyzer (loaded when a completion
# first asks, 0016) frees much of what it builds while loading (syntax trees,
# macro expansions). Returning those pages at once makes such a kernel about
# 160 MB (a fifth) smaller, measured with the lesson crates loaded, at no cost a
# cell's time shows (PERFORMANCE.md, memory).
MIMALLOC_ENV = {
    "MIMALLOC_PURGE_DELAY": "0",
    "MIMALLOC_PURGE_DECOMMITS": "1",
    "MIMALLOC_ARENA_EAGER_COMMIT": "0",
}

# rust-analyzer, which evcxr runs in-process for completions, reads and
# name-resolves the whole standard library when it loads (the first completion
# of a kernel, 0016). core::arch (stdarch: half of the library's
# sources, SIMD intrinsics for every CPU) is the largest part and no lesson
# binds a variable of those types; the kernel gets a copy of the library
# without it through RUST_SRC_PATH. rustc itself still uses the real sysroot.
TRIMMED = "stdarch/crates/core_arch/src/mod.rs"
TRIMMED_TEXT = "// netlessons: core::arch left out of the kernel's analyzer (see configure.py)\npub mod arch {}\n"


def dep_name(line):
    """`tokio` for `:dep tokio = { … }`."""
    return line.removeprefix(":dep ").split(" =")[0]


def lesson_dep_names():
    return [dep_name(line) for line in LESSON_DEPS.splitlines()]


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return
    path.write_text(text, encoding="utf-8")


def trimmed_library(library, dest):
    """`dest/library`: hard links to `library`'s files, stdarch replaced by an empty module.

    Redone when the toolchain's copy changes (rustup update), judged by the
    mtime of core's Cargo.toml there.
    """
    out = dest / "library"
    stamp = dest / "source"
    source = f"layout 2\n{library.resolve()}\n{(library / 'core' / 'Cargo.toml').stat().st_mtime_ns}\n"
    if stamp.exists() and stamp.read_text() == source and (out / TRIMMED).is_file():
        return out
    shutil.rmtree(dest, ignore_errors=True)
    dest.mkdir(parents=True)
    # Hard links: no copy of 46 MB; fall back to copying across file systems.
    if subprocess.run(["cp", "-al", str(library), str(out)], capture_output=True).returncode != 0:
        shutil.rmtree(out, ignore_errors=True)
        shutil.copytree(library, out, symlinks=True)
    # Only core's `#[path]` module reaches into stdarch; the analyzer still reads
    # the other files there. Removing them removes hard links only, and the
    # stub is a new file: writing through a link would change the toolchain.
    shutil.rmtree(out / "stdarch")
    target = out / TRIMMED
    target.parent.mkdir(parents=True)
    target.write_text(TRIMMED_TEXT, encoding="utf-8")
    stamp.write_text(source)
    return out


def toml_string(s):
    if any(c in s for c in '"\\\n'):
        sys.exit(f"path not supported (quotes, backslashes or newlines): {s}")
    return f'"{s}"'


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--home", required=True, type=Path)
    ap.add_argument("--root", required=True, type=Path, help="the checkout")
    ap.add_argument("--netlib", type=Path, help="default: ROOT/netlib")
    ap.add_argument("--evcxr", required=True)
    ap.add_argument("--path", required=True, help="PATH for the kernel")
    ap.add_argument("--python", default=sys.executable, help="runs the launcher")
    ap.add_argument("--rust-src", type=Path, help="the toolchain's rust-src `library` dir, to trim for the analyzer")
    ap.add_argument(
        "--state",
        help="each user's own folder for build slots, `~` allowed (a shared, read-only home: ./kernel-setup/hub)",
    )
    ap.add_argument("--env", action="append", default=[], metavar="KEY=VALUE", help="more environment for evcxr and cargo")
    ap.add_argument("--no-lesson-deps", action="store_true", help="leave LESSON_DEPS out (./kernel-setup/bench/lesson --deps-ab)")
    ap.add_argument("--leave-out-dep", action="append", default=[], metavar="CRATE",
                    help="leave this crate of LESSON_DEPS out (./kernel-setup/bench/lesson --deps-ab-leave-out)")
    ap.add_argument("--variant", default="", choices=sorted(KERNELS),
                    help="'web': the rust-netlib-web kernel (LESSON_DEPS and WEB_DEPS) in its own home")
    args = ap.parse_args()

    home = args.home.resolve()
    netlib = (args.netlib or args.root / "netlib").resolve()
    config = home / "config"
    write(config / "evcxr.toml", EVCXR_TOML)
    # The prelude goes in init.evcxr after the :dep, not in prelude.rs: evcxr
    # runs init.evcxr and prelude.rs as two evaluations, each a cargo build of
    # its generated crate; one evaluation saves about 0.8 s CPU at every start.
    dep = f":dep netlib = {{ path = {toml_string(str(netlib))} }}\n"
    unknown = set(args.leave_out_dep) - set(lesson_dep_names())
    if unknown:
        sys.exit(f"not in LESSON_DEPS: {', '.join(sorted(unknown))}")
    lesson_deps = "" if args.no_lesson_deps else "".join(
        f"{line}\n" for line in kernel_deps(args.variant) if dep_name(line) not in args.leave_out_dep
    )
    write(config / "init.evcxr", dep + lesson_deps + prelude() + WARM_UP)
    (config / "prelude.rs").unlink(missing_ok=True)
    settings = {"root": str(args.root.resolve()), "evcxr": args.evcxr, "path": args.path}
    env = dict(MIMALLOC_ENV)
    env.update(kv.split("=", 1) for kv in args.env)
    if args.rust_src:
        env["RUST_SRC_PATH"] = str(trimmed_library(args.rust_src, home / "rust-src"))
    if env:
        settings["env"] = env
    if args.state:
        settings["state"] = args.state
    write(home / "launcher.json", json.dumps(settings, indent=2) + "\n")

    spec = json.loads((SETUP / "kernelspec" / "kernel.json.in").read_text(encoding="utf-8"))
    spec["argv"] = [
        {"@PYTHON@": args.python, "@LAUNCHER@": str(LAUNCHER)}.get(a, a) for a in spec["argv"]
    ]
    if args.variant:
        # The launcher finds this home through the environment the kernelspec gives it.
        spec["display_name"] = KERNELS[args.variant][1]
        spec["env"] = {"NETLIB_KERNEL_HOME": str(home)}
    specdir = home / "kernelspec"
    write(specdir / "kernel.json", json.dumps(spec, indent=2) + "\n")
    for logo in ("logo-32x32.png", "logo-64x64.png", "logo-svg.svg"):
        shutil.copyfile(SETUP / "kernelspec" / logo, specdir / logo)


if __name__ == "__main__":
    main()
