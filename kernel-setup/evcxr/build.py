"""Builds the kernel's evcxr_jupyter: the published 0.22.0 sources plus our patches.

Called by ./kernel-setup/install:

    python3 kernel-setup/evcxr/build.py --cargo CARGO --out build/evcxr

1. `cargo fetch --locked` downloads exactly the crates of `Cargo.lock` (next to
   this file) from crates.io, the registry cargo is configured for, with
   cargo's own checksum checks; no git, no other download.
2. `evcxr` and `evcxr_jupyter` 0.22.0 and `zeromq` 0.6.0 are unpacked from
   cargo's download cache into `<out>/src/` (their sha256 checked against
   crates.io's), and every
   `NNNN-*.patch` here is applied in name order, each to exactly the files the
   one before it left (`apply_strictly`). `series.py` turns the series into
   git commits to work on and back.
3. `cargo build --release --locked` of that workspace; the binary goes to
   `<out>/bin/evcxr_jupyter`, never over anyone's `~/.cargo/bin/evcxr_jupyter`.

A stamp (the patches, the lock file, this script, rustc's version) makes a
second run a no-op; a changed patch rebuilds only evcxr's two crates, because
`<out>/target` is kept.
"""

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
VERSION = "0.22.0"
# The crates built from source here (and patched): version, sha256 of the .crate
# file as crates.io's index lists it. zeromq is evcxr_jupyter's ZeroMQ (the Jupyter
# channels), patched where it blocks a runtime thread (0021).
CRATES = {
    "evcxr": (VERSION, "ee69caeeefc311959b85962458e370d8eccb165123edbc5270134aaee6d7ed80"),
    "evcxr_jupyter": (VERSION, "3ce0d7b3058f68a9673df4f1266b641942fea0ec131881d095306e509a382764"),
    "zeromq": ("0.6.0", "efb2c254fd8f366755335c9e43b865f8484fe3bd717d65ffe7c3f28852863030"),
}
ZERO_ID = "0" * 40
REGISTRY = 'source = "registry+https://github.com/rust-lang/crates.io-index"'

WORKSPACE_TOML = """\
# Written by kernel-setup/evcxr/build.py: evcxr_jupyter 0.22.0 with the patches
# in kernel-setup/evcxr/, and evcxr 0.22.0 and zeromq 0.6.0 (patched too) in place
# of crates.io's.
[workspace]
members = ["evcxr_jupyter"]
# A dependency, not a member: its dev-dependencies (benchmarks, examples) stay out.
exclude = ["zeromq"]
resolver = "2"

[patch.crates-io]
evcxr = { path = "evcxr" }
zeromq = { path = "zeromq" }
"""

FETCH_TOML = """\
# Written by kernel-setup/evcxr/build.py, only to make cargo download the
# crates of kernel-setup/evcxr/Cargo.lock.
[package]
name = "netlessons-evcxr-fetch"
version = "0.0.0"
edition = "2021"
publish = false

[lib]
path = "lib.rs"

[dependencies]
evcxr_jupyter = "=0.22.0"

[workspace]
"""


def log(message):
    print(f"==> {message}", flush=True)


def patches():
    return sorted(HERE.glob("[0-9][0-9][0-9][0-9]-*.patch"))


def stamp(cargo):
    h = hashlib.sha256()
    for path in [Path(__file__).resolve(), HERE / "Cargo.lock", *patches()]:
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    rustc = Path(cargo).with_name("rustc")
    version = subprocess.run(
        [str(rustc) if rustc.exists() else "rustc", "-vV"], capture_output=True, text=True, check=True
    ).stdout
    h.update(version.encode())
    return h.hexdigest()


def fetch_lock():
    """The workspace's lock file for a project that depends on the two crates
    from crates.io: the same versions, so `cargo fetch --locked` gets them all."""
    header, *blocks = (HERE / "Cargo.lock").read_text().strip("\n").split("\n\n")
    for i, block in enumerate(blocks):
        lines = block.splitlines()
        name = lines[1].removeprefix('name = "').strip('"')
        if name in CRATES and lines[2] == f'version = "{CRATES[name][0]}"' and "source =" not in block:
            lines[3:3] = [REGISTRY, f'checksum = "{CRATES[name][1]}"']
            blocks[i] = "\n".join(lines)
    blocks.append(
        '[[package]]\nname = "netlessons-evcxr-fetch"\nversion = "0.0.0"\n'
        'dependencies = [\n "evcxr_jupyter",\n]'
    )
    # In cargo's order (by name; versions of one name stay as they are), or
    # --locked would see a change.
    blocks.sort(key=lambda b: b.splitlines()[1])
    return header + "\n\n" + "\n\n".join(blocks) + "\n"


def cached_crate(cargo_home, name):
    """The downloaded .crate file, checked against crates.io's checksum."""
    version, checksum = CRATES[name]
    for path in sorted((cargo_home / "registry" / "cache").glob(f"*/{name}-{version}.crate")):
        if hashlib.sha256(path.read_bytes()).hexdigest() == checksum:
            return path
    sys.exit(f"error: {name}-{version}.crate with sha256 {checksum} is not in {cargo_home}/registry/cache")


def unpack(crate, dest):
    with tarfile.open(crate) as tar:
        top = f"{crate.stem}/"
        members = [m for m in tar.getmembers() if m.name.startswith(top) and (m.isreg() or m.isdir())]
        # The "data" filter (no absolute paths, links or devices) where Python has it.
        options = {"filter": "data"} if hasattr(tarfile, "data_filter") else {}
        tar.extractall(dest.parent / "unpack", members=members, **options)
    (dest.parent / "unpack" / crate.stem).rename(dest)
    shutil.rmtree(dest.parent / "unpack", ignore_errors=True)


def pristine(cargo, out, dest):
    """Unpacks the published evcxr and evcxr_jupyter 0.22.0, with our workspace
    files, into `dest` (which must not exist); `out` keeps cargo's fetch project."""
    cargo_home = Path(os.environ.get("CARGO_HOME") or Path.home() / ".cargo")
    fetch = out / "fetch"
    fetch.mkdir(parents=True, exist_ok=True)
    (fetch / "Cargo.toml").write_text(FETCH_TOML)
    (fetch / "lib.rs").write_text("")
    (fetch / "Cargo.lock").write_text(fetch_lock())
    subprocess.run([cargo, "fetch", "--locked", "--quiet", "--manifest-path", str(fetch / "Cargo.toml")],
                   check=True)
    dest.mkdir(parents=True)
    for name in CRATES:
        unpack(cached_crate(cargo_home, name), dest / name)
    (dest / "Cargo.toml").write_text(WORKSPACE_TOML)
    shutil.copy(HERE / "Cargo.lock", dest / "Cargo.lock")


def git_blob_id(path):
    """The id git gives a file's content (`git hash-object`), or all zeros if absent."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return ZERO_ID
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def touched_files(patch_text):
    """(path, id before, id after) of every file a patch changes, from its
    `diff --git` and full `index OLD..NEW` lines."""
    files, path = [], None
    for line in patch_text.splitlines():
        if line.startswith("diff --git a/"):
            path = line.split(" b/", 1)[1]
        elif line.startswith("index ") and path is not None:
            before, after = line.split()[1].split("..")
            files.append((path, before, after))
            path = None
    return files


def apply_strictly(patch, tree):
    """Applies one patch of the series to `tree`, the state the previous patches left.

    `git apply` alone accepts a hunk found a few lines away from where the patch
    says; here every file must be exactly the one the patch was made from (its
    `index` line names the blob), and exactly the one it made afterwards, so the
    series applies as one chain with no fuzz and no offset."""
    text = patch.read_text()
    files = touched_files(text)
    if not files or any(len(i) != 40 for _, b, a in files for i in (b, a)):
        sys.exit(f"error: {patch.name} has no full `index` lines; export the series with series.py")
    for path, before, _ in files:
        if git_blob_id(tree / path) != before:
            sys.exit(f"error: {patch.name} was made from another {path} than the previous patches leave "
                     "(re-export the series with kernel-setup/evcxr/series.py)")
    # git as a plain patch tool: inside a git work tree (this checkout's build/),
    # `git apply` would silently skip every file outside the current directory.
    plain_git = dict(os.environ, GIT_DIR=os.devnull)
    subprocess.run(["git", "apply", "--whitespace=nowarn", str(patch)], cwd=tree, env=plain_git, check=True)
    for path, _, after in files:
        if git_blob_id(tree / path) != after:
            sys.exit(f"error: {patch.name} did not give {path} the content it names")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cargo", required=True)
    parser.add_argument("--out", required=True, type=Path)
    args = parser.parse_args()
    out = args.out.resolve()
    binary = out / "bin" / "evcxr_jupyter"
    want = stamp(args.cargo)
    stamp_file = out / "stamp"
    if binary.is_file() and stamp_file.is_file() and stamp_file.read_text() == want:
        log(f"evcxr_jupyter {VERSION} + {len(patches())} patches: present at {binary}")
        return
    log(f"evcxr_jupyter {VERSION} + {len(patches())} patches: building into {out} "
        "(about 8 minutes on 2 cores the first time, a minute after a patch changes)")

    src = out / "src"
    fresh = out / "src.new"
    shutil.rmtree(fresh, ignore_errors=True)
    pristine(args.cargo, out, fresh)
    for patch in patches():
        log(f"  applying {patch.name}")
        apply_strictly(patch, fresh)
    shutil.rmtree(src, ignore_errors=True)
    fresh.rename(src)

    subprocess.run(
        [args.cargo, "build", "--release", "--locked", "-p", "evcxr_jupyter",
         "--manifest-path", str(src / "Cargo.toml"), "--target-dir", str(out / "target")],
        check=True,
    )
    binary.parent.mkdir(parents=True, exist_ok=True)
    tmp = binary.with_name(binary.name + ".new")
    shutil.copy2(out / "target" / "release" / "evcxr_jupyter", tmp)
    tmp.rename(binary)  # a running kernel keeps its old binary
    stamp_file.write_text(want)
    log(f"evcxr_jupyter {VERSION} + {len(patches())} patches: built at {binary}")


if __name__ == "__main__":
    main()
