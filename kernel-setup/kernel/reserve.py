"""A reserve kernel: one evcxr_jupyter started ahead, handed to the next kernel start.

evcxr needs about 3 s on 2 cores before it answers `kernel_info`, and its
in-process rust-analyzer about 7 s more to load std and the preloaded crates in
the background (PERFORMANCE.md), which the first cell that binds a variable
waits for. Both are paid ahead:

* After each kernel start, launch.py runs `reserve.py serve` detached (own
  session, stdio in a log file, no inherited fds). It takes a build slot like
  any kernel, starts evcxr on a connection file of its own (127.0.0.1, random
  ports, its own key), waits until evcxr answers `kernel_info` and then an
  `inspect_request` (answered once rust-analyzer has loaded), then writes
  `<home>/reserves/<id>.json` with state "ready".
* The next launch.py start claims it by renaming that file to `<id>.claimed`
  (one rename wins), connects to the reserve's unix socket and sends the
  client's connection file plus its own stdout and stderr. The reserve binds
  the client's five ports and from then on runs proxy.py between them and
  evcxr, as a direct start does in the launcher. It owns evcxr for the
  rest of its life; the launcher waits on the socket and forwards signals.
  Either side's death ends the other (socket EOF, PR_SET_PDEATHSIG).
* A reserve is only claimed by a start with the same cwd (evcxr reads
  evcxr.toml there, cells open relative paths) and the same fingerprint:
  prebuilt cache state, kernel config, netlib's Cargo.toml and sources, the
  launcher's code, evcxr's binary, the Rust/cargo environment. A stale reserve
  is not claimed and notices by itself within seconds, and exits.
* An unclaimed reserve exits within seconds when the Jupyter server (or
  nbclient process) whose kernel start spawned it exits, and after
  $NETLESSONS_RESERVE_IDLE seconds (default 1800) without a claim. `reserve.py stop` stops all unclaimed ones now (the test suite does).
* $NETLESSONS_RESERVE=0 turns reserves off, =1 on; by default they are on for
  the default kernel home only (tests' own homes do not leave reserves).

Usage: reserve.py stop [--all] | status | wait-ready [--cwd DIR] [--timeout S]
(`serve` is for launch.py).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import launch  # noqa: E402
import proxy  # noqa: E402

HERE = Path(__file__).resolve()
IDLE_DEFAULT = 1800
# Startup output of evcxr kept until a launcher claims the reserve and gets it.
STARTUP_BUFFER = 4 * 1024 * 1024
# Environment that changes what evcxr, cargo or rustc do; a reserve started
# under other values is not claimed.
ENV_PREFIXES = ("CARGO", "RUST", "EVCXR", "NETLIB_", "PATH", "HOME", "LANG", "LC_")


def log(message):
    print(f"[rust-netlib reserve {os.getpid()}] {time.strftime('%H:%M:%S')} {message}", file=sys.stderr, flush=True)


def enabled(home):
    if os.environ.get("NETLIB_KERNEL_PREBUILD") == "1":
        return False
    flag = os.environ.get("NETLESSONS_RESERVE", "")
    if flag in ("0", "1"):
        return flag == "1"
    return Path(home).resolve() == (launch.ROOT / "build" / "kernel").resolve()


def reserves_dir(home):
    d = launch.state_dir(home) / "reserves"
    d.mkdir(mode=0o700, parents=True, exist_ok=True)
    return d


# --- fingerprint -----------------------------------------------------------------


def netlib_dir(home):
    import re

    try:
        init = (Path(home) / "config" / "init.evcxr").read_text(encoding="utf-8")
    except OSError:
        return None
    found = re.search(r'path\s*=\s*"([^"]+)"', init)
    return Path(found.group(1)) if found else None


def fingerprint(home, settings, env=None):
    """What a started evcxr depends on; a reserve with another value is stale."""
    env = os.environ if env is None else env
    home = Path(home)
    h = hashlib.sha256()

    def add(*parts):
        h.update(("\0".join(str(p) for p in parts) + "\n").encode())

    add("cache", launch.cache_stamp(home / "cache"))
    add("settings", json.dumps(settings, sort_keys=True))
    for f in sorted((home / "config").glob("*")):
        if f.is_file():
            add("config", f.name, hashlib.sha256(f.read_bytes()).hexdigest())
    netlib = netlib_dir(home)
    if netlib:
        for f in [netlib / "Cargo.toml", netlib / "build.rs"]:
            if f.is_file():
                add("netlib", f, hashlib.sha256(f.read_bytes()).hexdigest())
        for dirpath, dirnames, filenames in os.walk(netlib / "src"):
            dirnames.sort()
            for name in sorted(filenames):
                st = os.stat(os.path.join(dirpath, name))
                add("src", os.path.join(dirpath, name), st.st_size, st.st_mtime_ns)
    for f in (HERE, HERE.with_name("launch.py"), HERE.with_name("proxy.py"), Path(settings.get("evcxr", "/nonexistent"))):
        try:
            st = f.stat()
            add("code", f, st.st_size, st.st_mtime_ns)
        except OSError:
            add("code", f, "missing")
    for key in sorted(env):
        if key.startswith(ENV_PREFIXES) and not key.startswith("NETLESSONS_RESERVE"):
            add("env", key, env[key])
    return h.hexdigest()


def cwd_fingerprint(cwd):
    # evcxr reads evcxr.toml from its cwd first.
    try:
        return hashlib.sha256((Path(cwd) / "evcxr.toml").read_bytes()).hexdigest()
    except OSError:
        return None


# --- registry ------------------------------------------------------------------------


def read_json(path):
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return None


def write_json(path, data):
    tmp = path.with_name(path.name + f".tmp-{os.getpid()}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as f:
        json.dump(data, f)
    os.replace(tmp, path)


def process_identity(pid):
    """"pid:start time" of a running process (a pid alone can be reused), or None."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        return f"{pid}:{stat.rsplit(')', 1)[1].split()[19]}"
    except (OSError, IndexError):
        return None


def is_reserve_process(pid, rid=None):
    try:
        argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return False
    args = [a.decode(errors="replace") for a in argv]
    if str(HERE) not in args or "serve" not in args:
        return False
    return rid is None or rid in args


def entries(home):
    """(id, state file, data) for every reserve of `home` whose process is alive."""
    out = []
    d = reserves_dir(home)
    for f in sorted(d.glob("*.json")):
        if ".kernel." in f.name or ".tmp-" in f.name:
            continue
        data = read_json(f)
        if not data:
            continue
        if is_reserve_process(data.get("pid", -1), data["id"]):
            out.append((data["id"], f, data))
    return out


def prune(home):
    """Files of reserves whose process is gone, and old logs."""
    d = reserves_dir(home)
    for f in d.iterdir():
        rid = f.name.split(".", 1)[0]
        if f.suffix == ".log":
            try:
                if time.time() - f.stat().st_mtime > 86400:
                    f.unlink()
            except OSError:
                pass
            continue
        if f.name.endswith((".json", ".claimed", ".leaving")) and ".kernel." not in f.name:
            data = read_json(f)
            if data and not is_reserve_process(data.get("pid", -1), rid):
                for g in d.glob(rid + ".*"):
                    if g.suffix != ".log":
                        g.unlink(missing_ok=True)


def spawn(home, cwd, after=None):
    """Starts a reserve for `home` unless one for this cwd and fingerprint is alive already."""
    try:
        settings = launch.load_settings(Path(home))
        fp = fingerprint(home, settings)
    except Exception as exc:  # a reserve is an optimisation: never fail the start for it
        launch.log(f"no reserve kernel: {exc}")
        return
    d = reserves_dir(home)
    lock_fd = launch.lock(d / "spawn.lock")
    try:
        prune(home)
        for _rid, _f, data in entries(home):
            if data.get("cwd") == str(cwd) and data.get("fingerprint") == fp:
                return
        rid = uuid.uuid4().hex[:12]
        logf = open(d / f"{rid}.log", "ab")
        cmd = [sys.executable, str(HERE), "serve", "--home", str(home), "--id", rid, "--cwd", str(cwd)]
        if after:
            cmd += ["--after", str(after)]
        # The Jupyter server (or nbclient) that started this launcher: when it
        # exits, nobody it serves needs a reserve any more.
        owner = process_identity(os.getppid())
        if owner:
            cmd += ["--owner", owner]
        proc = subprocess.Popen(
            cmd,
            cwd=str(cwd),
            stdin=subprocess.DEVNULL,
            stdout=logf,
            stderr=subprocess.STDOUT,
            close_fds=True,
            start_new_session=True,
        )
        logf.close()
        write_json(
            d / f"{rid}.json",
            {"id": rid, "pid": proc.pid, "state": "spawned", "cwd": str(cwd), "fingerprint": fp, "started": time.time()},
        )
        launch.log(f"reserve kernel {rid} starting in the background (pid {proc.pid}, log {d / (rid + '.log')})")
    finally:
        os.close(lock_fd)


# --- the launcher's side of a claim ----------------------------------------------------


def claim(home, connection_file):
    """Runs the kernel on a reserve. Returns evcxr's exit status and its stderr tail, or None
    when no reserve could be used (the launcher then starts evcxr itself)."""
    home = Path(home)
    cwd = os.getcwd()
    try:
        settings = launch.load_settings(home)
        fp = fingerprint(home, settings)
        with open(connection_file) as f:
            client = json.load(f)
    except Exception as exc:
        launch.log(f"not using a reserve kernel: {exc}")
        return None
    if client.get("transport", "tcp") != "tcp":
        return None
    d = reserves_dir(home)
    chosen = None
    for rid, f, data in entries(home):
        if data.get("state") != "ready":
            continue
        if data.get("cwd") != cwd or data.get("fingerprint") != fp or data.get("cwd_fp") != cwd_fingerprint(cwd):
            launch.log(f"reserve kernel {rid} does not fit this start (other cwd, or netlib/config changed)")
            continue
        target = d / f"{rid}.claimed"
        try:
            os.rename(f, target)
        except FileNotFoundError:
            continue  # another start, or the reserve's idle exit, won
        chosen = data
        break
    if chosen is None:
        return None
    rid = chosen["id"]
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.settimeout(30)
        sock.connect(chosen["socket"])
        request = json.dumps({"connection": client}).encode()
        socket.send_fds(sock, [request + b"\n"], [sys.stdout.fileno(), sys.stderr.fileno()])
        answer = json.loads(sock.makefile("rb").readline() or b"{}")
    except (OSError, ValueError) as exc:
        launch.log(f"reserve kernel {rid} could not be claimed ({exc}); starting evcxr here")
        sock.close()
        return None
    if not answer.get("ok"):
        launch.log(f"reserve kernel {rid} refused the claim ({answer.get('error')}); starting evcxr here")
        sock.close()
        return None
    pid = chosen["pid"]
    launch.log(
        f"reserve kernel claimed: evcxr_jupyter in {answer['slot']} "
        f"(reserve {rid}, pid {pid}, ready for {time.time() - chosen.get('ready_at', time.time()):.0f} s)"
    )

    launch.forward_signals(lambda signum: os.kill(pid, signum))
    # The next start gets a reserve too.
    spawn(home, cwd)
    sock.settimeout(None)
    line = sock.makefile("rb").readline()
    sock.close()
    try:
        result = json.loads(line)
        return result["exit"], result.get("tail", "").encode()
    except (ValueError, KeyError):
        return 1, b"the reserve kernel's wrapper ended without a word (killed?)"


# --- the reserve process ----------------------------------------------------------------


class Output(threading.Thread):
    """One of evcxr's pipes: into the reserve's log, kept until claimed, then to the launcher."""

    lock = threading.Lock()
    buffered: list = []
    sinks: dict = {}
    size = 0

    def __init__(self, source, name):
        super().__init__(daemon=True)
        self.source, self.name = source, name
        self.tail = bytearray()

    def run(self):
        for line in iter(self.source.readline, b""):
            sys.stderr.buffer.write(line)
            sys.stderr.flush()
            self.tail += line
            del self.tail[: -launch.TAIL_BYTES]
            with Output.lock:
                sink = Output.sinks.get(self.name)
                if sink is None:
                    if Output.size < STARTUP_BUFFER:
                        Output.buffered.append((self.name, line))
                        Output.size += len(line)
                    continue
            try:
                os.write(sink, line)
            except OSError:
                pass

    @classmethod
    def claim(cls, fds):
        with cls.lock:
            for name, line in cls.buffered:
                try:
                    os.write(fds[name], line)
                except OSError:
                    pass
            cls.buffered.clear()
            cls.sinks = fds


class Stop(Exception):
    pass


def serve(args):
    home = Path(args.home)
    d = reserves_dir(home)
    rid = args.id
    state = d / f"{rid}.json"
    conn_path = d / f"{rid}.kernel.json"
    sockdir = Path(tempfile.mkdtemp(prefix="netlessons-reserve-"))
    sock_path = sockdir / "s"
    proc = None
    idle = float(os.environ.get("NETLESSONS_RESERVE_IDLE", IDLE_DEFAULT))

    def stop(_signum, _frame):
        raise Stop()

    for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(signum, stop)
    claimed = False
    code = 1
    try:
        settings = launch.load_settings(home)
        launch.preflight(settings, home)
        fp = fingerprint(home, settings)
        data = {"id": rid, "pid": os.getpid(), "state": "starting", "cwd": args.cwd, "fingerprint": fp,
                "cwd_fp": cwd_fingerprint(args.cwd), "started": time.time()}
        write_json(state, data)
        if args.after:
            # Do not slow down the start that spawned us: wait until its kernel answers.
            try:
                other = json.loads(Path(args.after).read_text())
            except (OSError, ValueError):
                other = None
            # ...for as long as the launcher that spawned us lives (we are
            # re-parented when it exits): a start that failed must not keep a
            # reserve waiting for minutes.
            launcher = os.getppid()
            alive = lambda: os.getppid() == launcher  # noqa: E731
            reply = proxy.wait_until_answering(other, alive, 300, step=5) if other else None
            if reply is None or reply.get("implementation") != "evcxr_jupyter":
                log(f"the kernel that spawned this reserve did not come up as evcxr ({reply}); not starting")
                code = 0
                return
        slots = launch.state_dir(home, settings) / "slots"
        n, lock_fd = launch.take_slot(slots)
        slot = slots / str(n)
        launch.warm_slot(home, slot)
        slot.mkdir(parents=True, exist_ok=True)
        info = proxy.private_connection()
        write_json(conn_path, info)
        env = launch.evcxr_env(settings, home, slot)
        log(f"starting evcxr_jupyter in {slot} (cwd {args.cwd})")
        started = time.monotonic()
        proc = subprocess.Popen(
            [settings["evcxr"], "--control_file", str(conn_path)],
            cwd=args.cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            pass_fds=(lock_fd,),
            preexec_fn=launch.die_with_parent,
        )
        outputs = [Output(proc.stdout, "stdout"), Output(proc.stderr, "stderr")]
        for o in outputs:
            o.start()
        if proxy.wait_until_answering(info, lambda: proc.poll() is None, 900) is None:
            log(f"evcxr did not come up (exit status {proc.poll()}); this reserve ends")
            return
        log(f"evcxr answered kernel_info after {time.monotonic() - started:.1f} s")
        # evcxr's rust-analyzer goes on loading the dependencies in the background
        # (kernel-setup/evcxr/0007); an inspect request waits for it, so that the
        # student's first `let` in a claimed kernel does not.
        if proxy.request(info, "inspect_request", {"code": "String", "cursor_pos": 3, "detail_level": 0}, 900) is None:
            log("evcxr's rust-analyzer did not finish loading; this reserve ends")
            return
        log(f"evcxr's rust-analyzer loaded after {time.monotonic() - started:.1f} s; ready")
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        listener.bind(str(sock_path))
        listener.listen(1)
        listener.settimeout(1.0)
        data.update(state="ready", socket=str(sock_path), slot=str(slot), ready_at=time.time())
        write_json(state, data)
        ready_at = time.monotonic()
        last_check = ready_at
        conn = None
        leaving = None
        while conn is None:
            try:
                conn, _ = listener.accept()
                break
            except socket.timeout:
                pass
            if proc.poll() is not None:
                leaving = f"evcxr exited ({proc.returncode})"
            elif time.monotonic() - ready_at > idle:
                leaving = f"idle for {idle:.0f} s"
            elif time.monotonic() - last_check > 5:
                last_check = time.monotonic()
                try:
                    if args.owner and process_identity(int(args.owner.split(":")[0])) != args.owner:
                        leaving = "the Jupyter server that started it has exited"
                    elif not (home / "launcher.json").exists() or fingerprint(home, launch.load_settings(home)) != fp:
                        leaving = "stale: netlib, the kernel config or the launcher changed"
                    elif cwd_fingerprint(args.cwd) != data["cwd_fp"]:
                        leaving = "stale: evcxr.toml in its cwd changed"
                except Exception as exc:
                    leaving = f"stale: {exc}"
            if leaving:
                try:
                    os.rename(state, d / f"{rid}.leaving")
                except FileNotFoundError:
                    leaving = None  # just claimed: serve that claim
                    listener.settimeout(30)
                    conn, _ = listener.accept()
                    break
                log(f"leaving: {leaving}")
                code = 0
                return
        claimed = True
        listener.close()
        code = run_claimed(conn, proc, info, slot, outputs)
    except Stop:
        log("stopped by a signal")
        code = 0
    except Exception as exc:
        log(f"failed: {exc!r}")
        if claimed:
            raise
    finally:
        if proc is not None and proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        for f in d.glob(rid + ".*"):
            if f.suffix != ".log" or claimed or code == 0:
                f.unlink(missing_ok=True)
        try:
            sock_path.unlink(missing_ok=True)
            sockdir.rmdir()
        except OSError:
            pass


def run_claimed(conn, proc, kinfo, slot, outputs):
    conn.settimeout(30)
    msg, fds, _flags, _addr = socket.recv_fds(conn, 1 << 20, 2)
    buf = msg
    while not buf.endswith(b"\n"):
        more = conn.recv(1 << 20)
        if not more:
            break
        buf += more
    client = json.loads(buf)["connection"]
    conn.settimeout(None)

    def note(message):
        # Into the launcher's stderr too: the kernel's log in JupyterLab's terminal.
        log(message)
        try:
            os.write(fds[1], f"[rust-netlib reserve] {message}\n".encode())
        except OSError:
            pass

    relay = proxy.Proxy(client, note)
    try:
        relay.bind()
    except Exception as exc:
        conn.sendall(json.dumps({"ok": False, "error": f"binding the client's ports: {exc}"}).encode() + b"\n")
        raise
    relay.attach(kinfo, proc)
    Output.claim({"stdout": fds[0], "stderr": fds[1]})
    conn.sendall(json.dumps({"ok": True, "slot": str(slot)}).encode() + b"\n")
    log("claimed; proxying")
    launch.forward_signals(proc.send_signal)
    relay.run(watch=conn)
    for o in outputs:
        o.join(timeout=5)
    code = proc.returncode
    log(f"evcxr exited with status {code}")
    tail = bytes(outputs[1].tail).decode("utf-8", "replace")
    try:
        conn.sendall(json.dumps({"exit": code, "tail": tail}).encode() + b"\n")
    except OSError:
        pass
    return code


# --- commands ----------------------------------------------------------------------------


def all_reserve_pids():
    pids = []
    for p in Path("/proc").iterdir():
        if p.name.isdigit() and int(p.name) != os.getpid() and is_reserve_process(int(p.name)):
            pids.append(int(p.name))
    return pids


def arg_of(pid, name):
    try:
        argv = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace").split("\0")
        return argv[argv.index(name) + 1]
    except (OSError, ValueError, IndexError):
        return None


def stop(args):
    """Stops reserves (of any kernel home) that no kernel start has claimed; --all: claimed ones too."""
    victims = []
    for pid in all_reserve_pids():
        home, rid = arg_of(pid, "--home"), arg_of(pid, "--id")
        if not args.all and home and rid and (Path(home) / "reserves" / f"{rid}.claimed").exists():
            continue
        victims.append(pid)
    stopped = list(victims)
    for pid in victims:
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
    deadline = time.monotonic() + 10
    while victims and time.monotonic() < deadline:
        victims = [p for p in victims if is_reserve_process(p)]
        time.sleep(0.1)
    for pid in victims:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    prune(launch.kernel_home())
    left = all_reserve_pids()
    print(f"reserve kernels: {len(stopped)} stopped, {len(left)} still running (serving kernels)" if left
          else f"reserve kernels: {len(stopped)} stopped, none left")


def status(_args):
    home = launch.kernel_home()
    for rid, _f, data in entries(home):
        age = time.time() - data.get("started", time.time())
        print(f"{rid} pid {data['pid']} {data.get('state')} cwd {data.get('cwd')} ({age:.0f} s old)")
    for f in reserves_dir(home).glob("*.claimed"):
        data = read_json(f) or {}
        print(f"{data.get('id')} pid {data.get('pid')} claimed (a running kernel)")


def wait_ready(args):
    """Waits until a fresh reserve for --cwd is ready (for benchmarks)."""
    home = launch.kernel_home()
    cwd = str(Path(args.cwd).resolve())
    deadline = time.monotonic() + args.timeout
    seen = time.monotonic()
    while time.monotonic() < deadline:
        fp = fingerprint(home, launch.load_settings(home))
        for _rid, _f, data in entries(home):
            if data.get("cwd") == cwd and data.get("fingerprint") == fp:
                seen = time.monotonic()
                if data.get("state") == "ready":
                    return
        if time.monotonic() - seen > 3:
            print(f"no reserve kernel for {cwd} is starting: start a kernel there first", file=sys.stderr)
            sys.exit(2)
        time.sleep(0.2)
    sys.exit(f"no ready reserve kernel for {cwd} after {args.timeout} s")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="command", required=True)
    p = sub.add_parser("serve")
    p.add_argument("--home", required=True)
    p.add_argument("--id", required=True)
    p.add_argument("--cwd", required=True)
    p.add_argument("--after")
    p.add_argument("--owner", help="pid:start time of the process whose exit ends this reserve")
    p.set_defaults(func=serve)
    p = sub.add_parser("stop", help="stop the reserves no kernel uses")
    p.add_argument("--all", action="store_true", help="also the ones serving a kernel")
    p.set_defaults(func=stop)
    p = sub.add_parser("status")
    p.set_defaults(func=status)
    p = sub.add_parser("wait-ready")
    p.add_argument("--cwd", default=".")
    p.add_argument("--timeout", type=float, default=300)
    p.set_defaults(func=wait_ready)
    args = ap.parse_args()
    args.func(args)


if __name__ == "__main__":
    main()
