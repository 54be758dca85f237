"""The Rust (netlib) kernel, started for real through jupyter_client.

Needs ./kernel-setup/install to have run (./kernel-setup/test does that first).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest
from jupyter_client.kernelspec import KernelSpecManager

from kernel_helpers import (
    KERNEL_HOME,
    ROOT,
    Kernel,
    compiled_crates,
    copy_netlib,
    dependency_libraries,
    kernels_at_once,
    make_kernel_home,
    rebuilt_since,
)

pytestmark = pytest.mark.needs("kernel")


@pytest.fixture(scope="module")
def kernel():
    with Kernel() as k:
        yield k


def rebuilt_dependencies(log: str) -> list[str]:
    # netlib itself may rebuild when its sources changed after the install;
    # its dependencies never should.
    return [c for c in compiled_crates(log) if c != "netlib"]


# --- the kernelspec -----------------------------------------------------------


def test_kernelspec_is_registered_inside_the_venv_only():
    ksm = KernelSpecManager()
    spec = ksm.get_kernel_spec("rust-netlib")
    assert spec.display_name == "Rust (netlib)"
    assert spec.language == "rust"
    assert spec.interrupt_mode == "message"
    resource_dir = Path(spec.resource_dir).resolve()
    assert resource_dir == (Path(sys.prefix) / "share" / "jupyter" / "kernels" / "rust-netlib").resolve()
    for logo in ("logo-32x32.png", "logo-64x64.png", "logo-svg.svg"):
        assert (resource_dir / logo).is_file(), logo
    assert Path(spec.argv[1]) == ROOT / "kernel-setup" / "kernel" / "launch.py"
    # Nothing written into the user's own Jupyter dirs.
    from jupyter_core.paths import jupyter_data_dir

    assert not (Path(jupyter_data_dir()) / "kernels" / "rust-netlib").exists()


def test_the_web_kernel_is_the_same_kernel_with_tls():
    """rust-netlib-web: its own home (the kernelspec tells the launcher), the same
    crates with ureq's TLS, rustls + rcgen on ring (one TLS provider), and hyper."""
    spec = KernelSpecManager().get_kernel_spec("rust-netlib-web")
    assert spec.display_name == "Rust (netlib + web)" and spec.language == "rust"
    assert spec.argv == KernelSpecManager().get_kernel_spec("rust-netlib").argv
    web_home = ROOT / "build" / "kernel-web"
    assert spec.env == {"NETLIB_KERNEL_HOME": str(web_home)}
    base = (KERNEL_HOME / "config" / "init.evcxr").read_text().splitlines()
    web = (web_home / "config" / "init.evcxr").read_text().splitlines()
    extra = [line for line in web if line not in base]
    names = [line.split(" =")[0] for line in extra]
    assert names == [":dep ureq", ":dep rustls", ":dep rcgen", ":dep hyper", ":dep hyper-util", ":dep http-body-util"], extra
    assert '"rustls"' in extra[0] and all('"ring"' in line for line in extra[1:3]), extra
    assert "aws" not in "".join(web)
    assert [line for line in base if line not in web] == [next(l for l in base if l.startswith(":dep ureq"))]


def test_evcxr_config_preloads_this_checkouts_netlib():
    config = KERNEL_HOME / "config"
    init = (config / "init.evcxr").read_text().splitlines()
    assert init[0] == f':dep netlib = {{ path = "{ROOT / "netlib"}" }}'
    # The prelude is evaluated together with the :dep (one cargo build, not two).
    # Then the field's crates the lessons use (a :dep must come before code).
    deps = [":dep socket2", ":dep mio", ":dep tokio", ":dep ureq", ":dep serde", ":dep serde_json", ":dep tiny_http", ":dep httparse"]
    assert [line.split(" =")[0] for line in init[1 : 1 + len(deps)]] == deps
    # tokio's parking_lot feature would stop tasks of later cells (evcxr patch 0004).
    assert "parking_lot" not in init[3] and '"full"' not in init[3], init[3]
    # No TLS in the kernel every lesson uses: it made each cell ~0.05 s slower.
    assert "rustls" not in "".join(init), init[4]
    assert init[1 + len(deps)] == "use netlib::prelude::*;"
    assert not (config / "prelude.rs").exists()
    toml = (config / "evcxr.toml").read_text()
    assert "tmpdir" not in re.sub(r"#.*", "", toml), "each kernel gets its tmpdir from the launcher"


# --- cells using netlib ---------------------------------------------------------


def test_ipv4_address(kernel):
    r = kernel.execute('let a = ip_address("192.0.0.1")?;\nprintln!("{a} {a:?} version={}", a.version());')
    assert r.status == "ok", r.text
    assert r.stdout == "192.0.0.1 IPv4Address('192.0.0.1') version=4\n"


def test_ipv6_address_as_last_expression(kernel):
    r = kernel.execute('ip_address("2001:DB8::1")?')
    assert r.status == "ok", r.text
    assert r.results == ["IPv6Address('2001:db8::1')"]


def test_hexlify_of_packed_address(kernel):
    r = kernel.execute('hexlify(&ip_address("192.168.0.15")?.packed())')
    assert r.status == "ok", r.text
    assert r.results == ['"c0a8000f"']


def test_question_mark_shows_pythons_error_text(kernel):
    r = kernel.execute('ip_address("300.1.1.1")?')
    # The cell ends with an error, as Python's ends with the exception (patch 0015),
    # whose text is Python's; shown once, not also on stderr.
    assert r.status == "error", r.text
    assert [(e["ename"], e["evalue"]) for e in r.errors] == [
        ("ipaddress::Error", "'300.1.1.1' does not appear to be an IPv4 or IPv6 address")
    ], r.text
    assert (r.stdout, r.stderr) == ("", ""), r


def test_stderr_lines_stay_with_their_cell(kernel):
    # stderr is a pipe of its own: evcxr 0.22 could deliver its last lines in the
    # next cell or never (evcxr#353); the patched evcxr ends it with the cell.
    for _ in range(3):
        r = kernel.execute('eprintln!("to stderr");\nprintln!("to stdout");')
        assert r.status == "ok"
        assert (r.stdout, r.stderr) == ("to stdout\n", "to stderr\n"), r


def test_variables_persist_between_cells(kernel):
    assert kernel.execute('let net = ip_network("192.168.0.0/24")?;').status == "ok"
    r = kernel.execute("println!(\"{}\", net.num_addresses());")
    assert r.status == "ok", r.text
    assert r.stdout.strip() == "256"


# Every kind of variable the lessons keep, and the type evcxr stores it under, as rustc
# names it (patch 0016): in full, by a path the next cell can write.
STORED_TYPES = {
    "count": "i32",  # an integer literal: rustc's fallback
    "ratios": "std::vec::Vec<f64>",
    "greeting": "&str",
    "table": "std::collections::HashMap<std::string::String, u8>",
    "listener": "std::net::TcpListener",
    "address": "std::net::SocketAddr",
    "ip": "netlib::ipaddress::IpAddress",
    "raw": "socket2::Socket",
    "events": "mio::Events",
    "double": "fn(i32) -> i32",  # a function item, kept as a pointer to it
    "port": "u16",
    "reply": "std::string::String",
    "shadowed": "&str",  # the second `let` of the name wins
}


def test_variables_keep_their_types_without_rust_analyzer(kernel):
    r = kernel.execute(
        """
        use std::io::Result; // another `Result` in scope must not break the cell
        let count = 5;
        let ratios = vec![0.5, 2.0];
        let greeting = "hi";
        let mut table = std::collections::HashMap::new();
        table.insert(String::from("k"), 3u8);
        let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
        let address = listener.local_addr()?;
        let ip = ip_address("192.0.2.1")?;
        let raw = socket2::Socket::new(socket2::Domain::IPV4, socket2::Type::STREAM, None)?;
        let events = mio::Events::with_capacity(8);
        fn twice(x: i32) -> i32 { x * 2 }
        let double = twice;
        let (port, mut reply) = (address.port(), String::from("o"));
        reply.push('k');
        let shadowed = 1;
        let shadowed = "two";
        """
    )
    assert r.status == "ok", r.text
    listing = kernel.execute(":vars")
    stored = dict(line.split(": ", 1) for line in listing.results[0].splitlines())
    assert {name: stored.get(name) for name in STORED_TYPES} == STORED_TYPES
    r = kernel.execute(
        'println!("{count} {ratios:?} {greeting} {} {} {ip} {} {} {reply} {shadowed}",'
        " table[\"k\"], address.ip(), events.capacity(), double(count) + i32::from(port > 0));"
        " raw.local_addr().is_ok()"
    )
    assert r.status == "ok", r.text
    assert r.stdout == "5 [0.5, 2.0] hi 3 127.0.0.1 192.0.2.1 8 11 ok two\n", r.text
    # Nothing loaded rust-analyzer: the kernel process holds no analysis database (it
    # was ~550 MB with one; ~15 MB without, rustc's runs are its children).
    evcxr = psutil.Process(kernel.km.provisioner.process.pid)
    assert evcxr.memory_info().rss < 150 * 2**20, evcxr.memory_info()


def test_a_variable_evcxr_cannot_store_says_why(kernel):
    r = kernel.execute("let add_one = |x: i32| x + 1;")
    assert r.status == "error"
    assert "The variable `add_one` is a closure, which cannot be persisted" in r.text, r.text
    r = kernel.execute("let doubled = (0..3u8).map(|v| v * 2);")
    assert r.status == "error"
    assert (
        "The variable `doubled` has type `std::iter::Map<std::ops::Range<u8>, {closure}>`"
        " which cannot be persisted" in r.text
    ), r.text
    r = kernel.execute("{ let doubled = (0..3u8).map(|v| v * 2); doubled.sum::<u8>() }")
    assert (r.status, r.results) == ("ok", ["6"]), r.text


def test_completion_loads_rust_analyzer_when_asked(kernel):
    assert kernel.execute('let server = std::net::TcpListener::bind("127.0.0.1:0")?;').status == "ok"
    code = "server.local_"
    reply = kernel.kc.complete(code, len(code), reply=True, timeout=120)
    assert reply["content"]["status"] == "ok", reply
    assert "local_addr()" in reply["content"]["matches"], reply


def test_cells_share_one_copy_of_the_preloaded_crates(kernel):
    # Patch 0017: cells link netlib and the lesson crates as one shared library
    # instead of each copying what it uses, so a netlib function has one
    # address in every cell, and the cell's own library holds only its code.
    take = "netlib::http::client::responses as fn(u16) -> Option<&'static str> as usize"
    assert kernel.execute(f"let first = {take};").status == "ok"
    r = kernel.execute(f"let second = {take}; first == second")
    assert (r.status, r.results) == ("ok", ["true"]), r.text
    maps = kernel.execute(
        'std::fs::read_to_string("/proc/self/maps")?.lines()'
        '.filter(|l| l.contains("libevcxr_deps_")).count() > 0'
    )
    assert (maps.status, maps.results) == ("ok", ["true"]), maps.text


def test_compile_error_is_shown_and_kernel_goes_on(kernel):
    r = kernel.execute("let x: u8 = \"not a number\";")
    assert r.status == "error"
    assert "mismatched types" in r.text
    assert kernel.execute('println!("still here");').stdout == "still here\n"


def test_panic_leaves_the_kernel_alive(kernel):
    r = kernel.execute('let before = 41;\npanic!("boom from a cell");')
    # evcxr catches the panic; the cell is an error (patch 0015), and the panic's
    # report stays on stderr, with the cell; the prelude turns evcxr's backtrace off.
    assert r.status == "error", r.text
    assert [(e["ename"], e["evalue"]) for e in r.errors] == [("panic", "boom from a cell")], r.text
    assert "boom from a cell" in r.stderr and r.stdout == "", r
    assert "stack backtrace" not in r.stderr, r
    after = kernel.execute('println!("{}", 1 + 1);')
    assert after.status == "ok", after.text
    assert after.stdout == "2\n"


# --- slots, warm starts, restarts -------------------------------------------------


def test_warm_start_does_not_rebuild_dependencies(kernel):
    assert rebuilt_dependencies(kernel.log_text()) == [], kernel.log_text()


def test_two_kernels_at_once_use_different_slots():
    with kernels_at_once(2) as kernels:
        a, b = kernels
        assert a.slot() and b.slot() and a.slot() != b.slot(), (a.slot(), b.slot())
        # Interleaved cells: each kernel keeps its own variables.
        assert a.execute('let who = ip_address("10.0.0.1")?;').status == "ok"
        assert b.execute('let who = ip_address("::1")?;').status == "ok"
        ra = a.execute('println!("{who:?}");')
        rb = b.execute('println!("{who:?}");')
        assert ra.stdout == "IPv4Address('10.0.0.1')\n", ra.text
        assert rb.stdout == "IPv6Address('::1')\n", rb.text
        for k in kernels:
            assert rebuilt_dependencies(k.log_text()) == [], k.log_text()


def test_restart_keeps_working_and_starts_warm():
    with Kernel() as k:
        assert k.execute("let x = 1;").status == "ok"
        log_before = len(k.log_text())
        k.restart()
        r = k.execute('println!("{}", ip_address("127.0.0.1")?.is_loopback());')
        assert r.status == "ok", r.text
        assert r.stdout == "true\n"
        # The variable is gone: it really was a new evcxr process.
        assert k.execute("x").status == "error"
        after_restart = k.log_text()[log_before:]
        assert compiled_crates(after_restart) == [], after_restart
        # Whichever slot the restart took holds the prebuilt cache's dependencies
        # as they were copied: none compiled. (netlib itself may rebuild when its
        # sources changed after the install.)
        slot = k.slot()
        assert slot, k.log_text()
        cache = dependency_libraries(KERNEL_HOME / "cache")
        assert cache, "no prebuilt cache"
        not_netlib = lambda name: not name.startswith("libnetlib-")  # noqa: E731
        assert rebuilt_since(cache, dependency_libraries(slot), not_netlib) == ([], []), slot


# --- failures the student must be able to read --------------------------------------


def test_broken_netlib_shows_the_compile_error_in_the_notebook(tmp_path):
    netlib = copy_netlib(tmp_path / "netlib")
    lib = netlib / "src" / "lib.rs"
    lib.write_text(lib.read_text() + "\npub fn broken_on_purpose( {\n")
    home = make_kernel_home(tmp_path / "home", netlib=netlib)
    with Kernel(env={"NETLIB_KERNEL_HOME": str(home)}) as k:
        r = k.execute('println!("{}", 1 + 1);')
        assert r.status == "error"
        assert r.errors[0]["ename"] == "KernelStartError"
        text = r.text
        assert "could not start" in text
        assert "unclosed delimiter" in text, text
        # rustc's own report, with the place of the error and the code.
        assert "src/lib.rs:" in text and "pub fn broken_on_purpose( {" in text, text
        assert "README.md" in text and "Troubleshooting" in text
        # The same explanation is in the server's log.
        assert "The kernel could not start" in k.log_text()
        # A second cell gets the same answer: the stand-in kernel stays up.
        assert k.execute("1").errors[0]["ename"] == "KernelStartError"


def test_missing_cargo_is_explained_in_the_notebook(tmp_path):
    empty = tmp_path / "no-tools"
    empty.mkdir()
    home = make_kernel_home(tmp_path / "home", path=str(empty), copy_cache=False)
    with Kernel(env={"NETLIB_KERNEL_HOME": str(home)}) as k:
        r = k.execute("1 + 1")
        assert r.status == "error"
        assert "`cargo` was not found on the kernel's PATH" in r.text
        assert "`rustc` was not found" in r.text
        assert "./kernel-setup/install" in r.text


def test_a_fixed_netlib_starts_after_restart(tmp_path):
    netlib = copy_netlib(tmp_path / "netlib")
    lib = netlib / "src" / "lib.rs"
    good = lib.read_text()
    lib.write_text(good + "\npub fn broken_on_purpose( {\n")
    home = make_kernel_home(tmp_path / "home", netlib=netlib)
    with Kernel(env={"NETLIB_KERNEL_HOME": str(home)}) as k:
        assert k.execute("1").errors[0]["ename"] == "KernelStartError"
        lib.write_text(good)
        k.restart()
        r = k.execute('println!("{:?}", ip_address("192.0.0.1")?);')
        assert r.status == "ok", r.text + k.log_text()
        assert r.stdout == "IPv4Address('192.0.0.1')\n"


# --- a client killed hard ----------------------------------------------------------

# A client in a process of its own: starts the kernel, prints the kernel's pid and
# the cell process's, leaves a cell running, then waits to be killed.
CLIENT = r"""
import sys, time
from jupyter_client import KernelManager
km = KernelManager(kernel_name="rust-netlib")
km.start_kernel(stdout=sys.stderr, stderr=sys.stderr)
kc = km.client()
kc.start_channels()
kc.wait_for_ready(timeout=900)
out = []
kc.execute_interactive('println!("{}", std::process::id());', timeout=300,
                       output_hook=lambda m: out.append(m["content"].get("text", "")))
kc.execute('println!("spinning"); loop { std::hint::spin_loop(); }')
print(km.provisioner.process.pid, "".join(out).strip(), flush=True)
time.sleep(600)
"""


def ended(pid: int) -> bool:
    """Gone, or a zombie its new parent has not reaped yet."""
    try:
        return psutil.Process(pid).status() == psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return True


def cpu_seconds(pid: int) -> float:
    times = psutil.Process(pid).cpu_times()
    return times.user + times.system


def test_a_kernel_whose_client_is_killed_ends_with_its_running_cell():
    client = subprocess.Popen([sys.executable, "-c", CLIENT], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                              text=True, env=dict(os.environ, JUPYTER_PREFER_ENV_PATH="1"))
    try:
        line = client.stdout.readline()
        assert line.strip(), "the client could not start a kernel and run a cell"
        kernel_pid, cell_pid = map(int, line.split())
        # The spinning cell runs once the cell process uses CPU (at most 60 s to compile and start).
        start, deadline = cpu_seconds(cell_pid), time.monotonic() + 60
        while cpu_seconds(cell_pid) - start < 0.5 and time.monotonic() < deadline:
            time.sleep(0.2)
        assert cpu_seconds(cell_pid) - start >= 0.5, "the spinning cell never ran"
    finally:
        client.kill()  # SIGKILL: no shutdown request reaches the kernel
        client.wait()
    deadline = time.monotonic() + 20
    while not (ended(kernel_pid) and ended(cell_pid)) and time.monotonic() < deadline:
        time.sleep(0.2)
    left = [f"{what} {pid}" for what, pid in (("kernel", kernel_pid), ("cell process", cell_pid)) if not ended(pid)]
    for pid in (kernel_pid, cell_pid):  # never leave them running, whatever the verdict
        if not ended(pid):
            os.kill(pid, 9)
    assert not left, f"still running 20 s after their client was killed: {', '.join(left)}"
