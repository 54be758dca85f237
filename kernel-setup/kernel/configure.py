"""Writes the kernel home: evcxr's config dir, the launcher's settings, the kernelspec to register.

Called by ./kernel-setup/install with paths it resolved on this machine; the
tests call it too, to make kernel homes of their own (a broken netlib, a PATH
without cargo). Files are only rewritten when their content changes, so that
nothing looks newer than it is.
"""

import argparse
import json
import shutil
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
"""

# In effect in every cell (see main() for why it lives in init.evcxr).
PRELUDE = """\
use netlib::prelude::*;

// Runs each time a cell's library is loaded (evcxr re-emits prelude items into
// every cell). evcxr reads the cell process's stdout in step with the cell but
// its stderr on another thread, so stderr lines (the error text of a `?`, panic
// messages, eprintln!) arrived after the cell had finished, in the next cell,
// or never (evcxr#353). Sending stderr into stdout keeps them with their cell.
// The panic backtrace shows evcxr's generated frames only, so it is off.
#[used]
#[unsafe(link_section = ".init_array")]
static NETLESSONS_CELL_SETUP: extern "C" fn() = {
    extern "C" fn cell_setup() {
        unsafe extern "C" {
            fn dup2(oldfd: i32, newfd: i32) -> i32;
        }
        // SAFETY: runs while the cell library loads, before any cell code and
        // its threads; fd 1 is evcxr's pipe, open for the process's life.
        unsafe {
            dup2(1, 2);
            std::env::set_var("RUST_BACKTRACE", "0");
        }
    }
    cell_setup
};
"""


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return
    path.write_text(text, encoding="utf-8")


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
    args = ap.parse_args()

    home = args.home.resolve()
    netlib = (args.netlib or args.root / "netlib").resolve()
    config = home / "config"
    write(config / "evcxr.toml", EVCXR_TOML)
    # The prelude goes in init.evcxr after the :dep, not in prelude.rs: evcxr
    # runs init.evcxr and prelude.rs as two evaluations, each a cargo build of
    # its generated crate; one evaluation saves about 0.8 s CPU at every start.
    dep = f":dep netlib = {{ path = {toml_string(str(netlib))} }}\n"
    write(config / "init.evcxr", dep + PRELUDE)
    (config / "prelude.rs").unlink(missing_ok=True)
    settings = {"root": str(args.root.resolve()), "evcxr": args.evcxr, "path": args.path}
    write(home / "launcher.json", json.dumps(settings, indent=2) + "\n")

    spec = json.loads((SETUP / "kernelspec" / "kernel.json.in").read_text(encoding="utf-8"))
    spec["argv"] = [
        {"@PYTHON@": args.python, "@LAUNCHER@": str(LAUNCHER)}.get(a, a) for a in spec["argv"]
    ]
    specdir = home / "kernelspec"
    write(specdir / "kernel.json", json.dumps(spec, indent=2) + "\n")
    for logo in ("logo-32x32.png", "logo-64x64.png", "logo-svg.svg"):
        shutil.copyfile(SETUP / "kernelspec" / logo, specdir / logo)


if __name__ == "__main__":
    main()
