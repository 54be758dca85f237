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
* evcxr runs on a private connection behind proxy.py, the same path a reserve
  kernel takes (reserve.py), so that both behave alike (proxy.py says why).
* evcxr exits at start when the preload fails (netlib does not compile, no
  cargo on PATH), and Jupyter then shows nothing but "kernel died". When that
  happens this launcher keeps the connection and serves `fallback.py`, which
  answers every cell with the reason, so the student reads it in the notebook.

The kernel home (default `<repo>/build/kernel`, or $NETLIB_KERNEL_HOME) holds
`launcher.json` and `config/`, written by the install, plus `cache/` and
`slots/`. $NETLIB_KERNEL_PREBUILD=1 makes the kernel build in `cache/` itself:
that is how the install warms it.

A classroom install (./kernel-setup/hub) shares one kernel home, read-only,
among all students: its `launcher.json` names a `state` folder in each user's
own home (`~/.netlessons/kernel`), which then holds that user's `slots/` and
`reserves/`; config, cache and settings stay shared.
"""

import fcntl
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MAX_SLOTS = 64
# Text kept from evcxr's output, to explain a failed start.
TAIL_BYTES = 64 * 1024
HELP = (
    "See README.md, section Troubleshooting, in the netlessons checkout "
    "(README.md의 Troubleshooting 절을 보세요)."
)



def forward_signals(send) -> None:
    """Passes the signals Jupyter sends a kernel (terminate, interrupt, hang-up,
    quit) on to the process that really is the kernel, through `send(signum)`."""

    def handler(signum, _frame):
        try:
            send(signum)
        except ProcessLookupError:
            pass

    for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP, signal.SIGQUIT):
        signal.signal(signum, handler)

def log(message):
    # stderr is the Jupyter server's log (the terminal running ./kernel-setup/lab).
    print(f"[rust-netlib] {message}", file=sys.stderr, flush=True)


def kernel_home():
    return Path(os.environ.get("NETLIB_KERNEL_HOME") or ROOT / "build" / "kernel")


def state_dir(home, settings=None):
    """Where this user's build slots and reserves go: the kernel home itself, or the
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
            if entry.name.endswith(".rlib"):
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


def _find_prctl():
    try:
        import ctypes

        return ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None


# Looked up here, not in the forked child: the launcher has ZeroMQ's threads
# running when it starts evcxr, and a dlopen after fork could wait forever on
# a loader lock one of them held.
_PRCTL = _find_prctl()


def die_with_parent():
    # If the launcher is killed, evcxr must not live on holding the ports.
    if _PRCTL is not None:
        _PRCTL(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


class Tee(threading.Thread):
    """Copies one of evcxr's output pipes to ours and to the slot log, keeping a tail."""

    def __init__(self, source, sink, logfile):
        super().__init__(daemon=True)
        self.source, self.sink, self.logfile = source, sink, logfile
        self.tail = bytearray()

    def run(self):
        for line in iter(self.source.readline, b""):
            self.sink.write(line)
            self.sink.flush()
            if self.logfile:
                self.logfile.write(line)
                self.logfile.flush()
            self.tail += line
            del self.tail[:-TAIL_BYTES]


ANSI = re.compile(rb"\x1b\[[0-9;]*[A-Za-z]")


def explain_exit(code, stderr_tail):
    text = ANSI.sub(b"", bytes(stderr_tail)).decode("utf-8", "replace")
    # anyhow appends a backtrace that only matters to evcxr's developers.
    text = re.split(r"\n\s*Stack backtrace:", text)[0].strip()
    lines = text.splitlines()
    if len(lines) > 200:
        lines = lines[:40] + ["[...]"] + lines[-150:]
    detail = "\n".join(lines) or "(evcxr printed nothing)"
    return (
        f"evcxr_jupyter stopped with exit status {code}. Its last output:\n\n{detail}\n\n"
        "If this is a compile error in netlib, fix netlib and restart the kernel."
    )


def netlib_diagnostics(settings, home):
    """cargo's own report on netlib, with file and line, which evcxr's one-line error lacks."""
    try:
        init = (home / "config" / "init.evcxr").read_text(encoding="utf-8")
    except OSError:
        return ""
    found = re.search(r'path\s*=\s*"([^"]+)"', init)
    manifest = Path(found.group(1)) / "Cargo.toml" if found else None
    cargo = shutil.which("cargo", path=settings.get("path", ""))
    if not (manifest and manifest.is_file() and cargo):
        return ""
    log("asking cargo check for netlib's errors")
    env = dict(os.environ, PATH=settings["path"])
    try:
        proc = subprocess.run(
            [cargo, "check", "--lib", "--quiet", "--color", "never", "--manifest-path", str(manifest)],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"\n\n(cargo check of netlib did not finish: {exc})"
    if proc.returncode == 0:
        return ""
    lines = proc.stderr.strip().splitlines()
    if len(lines) > 80:
        lines = lines[:80] + ["[... more in: cargo check -p netlib]"]
    return "\n\ncargo check of netlib says:\n\n" + "\n".join(lines)


def evcxr_env(settings, home, slot):
    env = dict(os.environ)
    env["EVCXR_CONFIG_DIR"] = str(home / "config")
    env["EVCXR_TMPDIR"] = str(slot)
    env["PATH"] = settings["path"]
    # RUST_SRC_PATH: the analyzer's trimmed copy of the standard library; MIMALLOC_*:
    # evcxr's allocator returns freed memory at once (configure.py).
    env.update(settings.get("env", {}))
    env.pop("NETLIB_KERNEL_PREBUILD", None)
    return env


def run_evcxr(settings, home, slot, lock_fd, connection_file):
    """Runs evcxr on a connection of its own behind proxy.py until it exits.
    Returns its exit status and the tail of its stderr."""
    import proxy

    with open(connection_file, encoding="utf-8") as f:
        client = json.load(f)
    behind_proxy = client.get("transport", "tcp") == "tcp"
    if behind_proxy:
        # Jupyter's ports first, as evcxr would bind them at once: the client's
        # requests wait in them until evcxr is ready, and evcxr's private ports,
        # chosen next, cannot be one of them.
        relay = proxy.Proxy(client, note=log)
        try:
            relay.bind()
        except Exception as exc:
            sys.exit(f"[rust-netlib] cannot bind the ports Jupyter chose ({exc}); start the kernel again")
        private = proxy.private_connection(avoid={client[p] for p in proxy.PORTS})
        control_file = slot.with_name(slot.name + ".kernel.json")
        fd = os.open(control_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as f:
            json.dump(private, f)
    else:
        control_file = connection_file
    slot_log = open(slot.with_name(slot.name + ".log"), "wb")
    proc = subprocess.Popen(
        [settings["evcxr"], "--control_file", str(control_file)],
        env=evcxr_env(settings, home, slot),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        pass_fds=(lock_fd,),
        preexec_fn=die_with_parent,
    )
    tees = [
        Tee(proc.stdout, sys.stdout.buffer, slot_log),
        Tee(proc.stderr, sys.stderr.buffer, slot_log),
    ]
    for t in tees:
        t.start()

    forward_signals(proc.send_signal)
    if behind_proxy:
        relay.attach(private, proc)
        relay.run()
        # Jupyter's ports are free before the fallback kernel binds them.
        proxy.release()
    code = proc.wait()
    for t in tees:
        t.join(timeout=5)
    slot_log.close()
    if behind_proxy:
        control_file.unlink(missing_ok=True)
    return code, tees[1].tail


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
    reserve = None
    try:
        import reserve  # a started evcxr kept for this start (reserve.py)

        if not reserve.enabled(home):
            reserve = None
    except Exception as exc:  # never let the optimisation break a start
        log(f"reserve kernels unavailable: {exc!r}")
        reserve = None
    if reserve is not None:
        claimed = reserve.claim(home, connection_file)
        if claimed is not None:
            code, stderr_tail = claimed
            if code == 0 or code < 0:
                sys.exit(0 if code == 0 else 128 - code)
            log(f"evcxr_jupyter (reserve) exited with status {code}")
            serve_fallback(connection_file, explain_exit(code, stderr_tail))
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
    except StartError as exc:
        serve_fallback(connection_file, str(exc))
    except (OSError, subprocess.CalledProcessError) as exc:
        serve_fallback(connection_file, f"Preparing the kernel's build directory failed: {exc}")

    if reserve is not None:
        # It waits until this start's kernel answers, then starts one for the next start.
        reserve.spawn(home, os.getcwd(), after=connection_file)
    started = time.monotonic()
    code, stderr_tail = run_evcxr(settings, home, slot, lock_fd, connection_file)
    os.close(lock_fd)
    if code == 0 or code < 0:
        # 0: a shutdown request; < 0: a signal, sent by Jupyter or forwarded by us.
        sys.exit(0 if code == 0 else 128 - code)
    log(f"evcxr_jupyter exited with status {code} after {time.monotonic() - started:.1f} s")
    serve_fallback(connection_file, explain_exit(code, stderr_tail) + netlib_diagnostics(settings, home))


if __name__ == "__main__":
    main()
