"""Start the Rust (netlib) kernel: evcxr_jupyter in a build slot of its own.

The kernelspec that ./kernel-setup/install registers runs
`<venv python> launch.py {connection_file}`.

Why a launcher at all:

* evcxr keeps its generated crate and cargo target dir in one directory
  (EVCXR_TMPDIR), and two evcxr processes must never share one (evcxr#302).
  Each kernel therefore takes a numbered slot under `<home>/slots/` with an
  exclusive flock held for the kernel's whole life; the lock goes away with the
  process, however it ends.
* A new slot would rebuild netlib and all its dependencies (a minute or more).
  It is copied instead from the prebuilt cache that the install filled, so a
  first start is warm. The copy is redone whenever the cache was rebuilt.
* Then it becomes evcxr (exec): evcxr binds the ports Jupyter chose and is
  the process Jupyter signals; nothing sits between the client and the kernel.
  The slot's lock is inherited across the exec. When evcxr's own start fails
  (netlib does not compile), evcxr keeps serving and answers every cell with
  the reason (evcxr patch 0012), with the advice in $EVCXR_START_FAILURE_HELP.
* What this launcher checks before that (settings, cargo and rustc on the
  kernel's PATH, the evcxr binary) it reports through `fallback.py`, a
  stand-in kernel on the same connection file, so the student reads the reason
  in the notebook instead of "kernel died".

The kernel home (default `<repo>/build/kernel`, or $NETLIB_KERNEL_HOME) holds
`launcher.json` and `config/`, written by the install, plus `cache/` and
`slots/`. $NETLIB_KERNEL_PREBUILD=1 makes the kernel build in `cache/` itself:
that is how the install warms it.

A classroom install (./kernel-setup/hub) shares one kernel home, read-only,
among all students: its `launcher.json` names a `state` folder in each user's
own home (`~/.netlessons/kernel`), which then holds that user's `slots/`;
config, cache and settings stay shared.
"""

import fcntl
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MAX_SLOTS = 64
HELP = (
    "See README.md, section Troubleshooting, in the netlessons checkout "
    "(README.md의 Troubleshooting 절을 보세요)."
)



def log(message):
    # stderr is the Jupyter server's log (the terminal running ./kernel-setup/lab).
    print(f"[rust-netlib] {message}", file=sys.stderr, flush=True)


def kernel_home():
    return Path(os.environ.get("NETLIB_KERNEL_HOME") or ROOT / "build" / "kernel")


def state_dir(home, settings=None):
    """Where this user's build slots go: the kernel home itself, or the
    `state` folder launcher.json names (`~` is the user's home) when the home is shared."""
    if settings is None:
        try:
            settings = load_settings(home)
        except StartError:
            settings = {}
    state = settings.get("state")
    return Path(os.path.expanduser(state)) if state else Path(home)


def load_settings(home):
    path = home / "launcher.json"
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError) as exc:
        raise StartError(
            f"The kernel's settings file {path} is missing or unreadable ({exc}).\n"
            "Run ./kernel-setup/install in the netlessons checkout."
        ) from exc


class StartError(Exception):
    """A reason the kernel cannot start, worded for the student."""


def preflight(settings, home):
    """Checks what evcxr needs but reports badly when it is missing."""
    problems = []
    recorded_root = settings.get("root")
    if recorded_root and Path(recorded_root) != ROOT and home == ROOT / "build" / "kernel":
        problems.append(
            f"This checkout was installed at {recorded_root} but now runs from {ROOT}.\n"
            "Run ./kernel-setup/install again here."
        )
    path = settings.get("path", "")
    for tool in ("cargo", "rustc"):
        if shutil.which(tool, path=path) is None:
            problems.append(
                f"`{tool}` was not found on the kernel's PATH:\n  {path}\n"
                "Install Rust (>= 1.95) with rustup, then run ./kernel-setup/install "
                "again so that the kernel records where cargo and rustc are."
            )
    evcxr = settings.get("evcxr", "")
    if not (evcxr and os.access(evcxr, os.X_OK)):
        problems.append(
            f"evcxr_jupyter was not found at {evcxr!r}.\n"
            "Run ./kernel-setup/install (it builds evcxr_jupyter 0.22.0 with the "
            "patches in kernel-setup/evcxr/ into build/evcxr/)."
        )
    config_dir = home / "config"
    if not (config_dir / "init.evcxr").is_file():
        problems.append(
            f"The kernel's evcxr config {config_dir} is missing.\n"
            "Run ./kernel-setup/install."
        )
    if problems:
        raise StartError("\n\n".join(problems))


def lock(path, shared=False, wait=True):
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except PermissionError:
        if not shared:
            raise
        # A shared, read-only kernel home (a classroom install): flock works on
        # a read-only descriptor too, so students still wait for a rebuild.
        fd = os.open(path, os.O_RDONLY)
    mode = fcntl.LOCK_SH if shared else fcntl.LOCK_EX
    try:
        fcntl.flock(fd, mode if wait else mode | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        return None
    return fd


def take_slot(slots):
    slots.mkdir(parents=True, exist_ok=True)
    for n in range(MAX_SLOTS):
        fd = lock(slots / f"{n}.lock", wait=False)
        if fd is not None:
            return n, fd
    raise StartError(
        f"All {MAX_SLOTS} kernel build slots in {slots} are in use. "
        "Shut down some running Rust kernels."
    )


def cache_stamp(cache):
    """Identifies one state of the prebuilt cache: its lock file and its libraries.

    A slot copied from another state is refreshed, so that a rebuilt netlib or
    a new dependency reaches every slot by a copy instead of a rebuild.
    """
    h = hashlib.sha256()
    try:
        h.update((cache / "Cargo.lock").read_bytes())
    except OSError:
        return None
    for deps in sorted(cache.glob("target/*/debug/deps")):
        for entry in sorted(os.scandir(deps), key=lambda e: e.name):
            # The rlibs and the preloaded crates' shared library (evcxr patch
            # 0017); not the cells' libraries, which every install's self-check remakes.
            if entry.name.endswith(".rlib") or entry.name.startswith("libevcxr_deps_"):
                st = entry.stat()
                h.update(f"{entry.name} {st.st_size} {st.st_mtime_ns}\n".encode())
    return h.hexdigest()


def warm_slot(home, slot):
    """Makes `slot` a copy of the prebuilt cache unless it already is one."""
    cache = home / "cache"
    marker = slot / ".netlib-slot"
    cache_fd = lock(home / "cache.lock", shared=True, wait=False)
    if cache_fd is None:
        # The install is rebuilding the cache; the slot as it is still works.
        log("the prebuilt cache is being rebuilt; using the slot as it is")
        return
    try:
        stamp = cache_stamp(cache)
        if stamp is None:
            log(f"no prebuilt cache in {cache}; this start builds netlib from scratch")
            return
        try:
            if marker.read_text() == stamp:
                return
        except OSError:
            pass
        started = time.monotonic()
        # Leftovers of a launcher killed while copying this slot (we hold its lock).
        for leftover in slot.parent.glob(f"{slot.name}.copy-*"):
            shutil.rmtree(leftover, ignore_errors=True)
        for leftover in slot.parent.glob(f"{slot.name}.stale-*"):
            shutil.rmtree(leftover, ignore_errors=True)
        fresh = slot.with_name(slot.name + f".copy-{os.getpid()}")
        # cp keeps the mtimes cargo's fingerprints compare, and is faster than
        # Python's copytree on the thousands of small files in a target dir.
        subprocess.run(["cp", "-a", str(cache), str(fresh)], check=True)
        (fresh / ".netlib-slot").write_text(stamp)
        if slot.exists():
            stale = slot.with_name(slot.name + f".stale-{os.getpid()}")
            slot.rename(stale)
            shutil.rmtree(stale, ignore_errors=True)
        fresh.rename(slot)
        log(f"slot {slot.name} copied from the prebuilt cache in {time.monotonic() - started:.1f} s")
    finally:
        os.close(cache_fd)


def evcxr_env(settings, home, slot):
    env = dict(os.environ)
    env["EVCXR_CONFIG_DIR"] = str(home / "config")
    env["EVCXR_TMPDIR"] = str(slot)
    env["PATH"] = settings["path"]
    # RUST_SRC_PATH: the analyzer's trimmed copy of the standard library; MIMALLOC_*:
    # evcxr's allocator returns freed memory at once (configure.py).
    env.update(settings.get("env", {}))
    env["EVCXR_START_FAILURE_HELP"] = (
        "Rust (netlib) 커널을 시작하지 못했습니다. If this is a compile error in netlib, "
        "fix netlib and restart the kernel (netlib을 고친 뒤 커널을 다시 시작하세요).\n" + HELP
    )
    # The cells run in a network namespace of their own (evcxr patch 0022):
    # they can capture their own packets (netlib::wire) and see nobody else's.
    # NETLIB_KERNEL_NETNS=0 keeps them in the machine's.
    env["EVCXR_NETNS"] = "0" if os.environ.get("NETLIB_KERNEL_NETNS") == "0" else "1"
    env.pop("NETLIB_KERNEL_PREBUILD", None)
    return env


def exec_evcxr(settings, home, slot, lock_fd, connection_file):
    """Becomes evcxr_jupyter on Jupyter's own connection file, keeping the slot's lock."""
    os.set_inheritable(lock_fd, True)
    evcxr = settings["evcxr"]
    os.execve(evcxr, [evcxr, "--control_file", connection_file], evcxr_env(settings, home, slot))


def serve_fallback(connection_file, message):
    log("could not start the Rust kernel:\n" + message)
    env = dict(os.environ)
    env["NETLIB_KERNEL_FAILURE"] = message + "\n\n" + HELP
    fallback = Path(__file__).with_name("fallback.py")
    os.execve(sys.executable, [sys.executable, str(fallback), connection_file], env)


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: launch.py CONNECTION_FILE")
    connection_file = sys.argv[1]
    home = kernel_home()
    try:
        settings = load_settings(home)
        preflight(settings, home)
        if os.environ.get("NETLIB_KERNEL_PREBUILD") == "1":
            slot = home / "cache"
            lock_fd = lock(home / "cache.lock")
        else:
            slots = state_dir(home, settings) / "slots"
            n, lock_fd = take_slot(slots)
            slot = slots / str(n)
            warm_slot(home, slot)
        slot.mkdir(parents=True, exist_ok=True)
        log(f"starting evcxr_jupyter in {slot}")
        exec_evcxr(settings, home, slot, lock_fd, connection_file)
    except StartError as exc:
        serve_fallback(connection_file, str(exc))
    except (OSError, subprocess.CalledProcessError) as exc:
        serve_fallback(connection_file, f"Preparing the kernel's build directory or starting evcxr failed: {exc}")


if __name__ == "__main__":
    main()
