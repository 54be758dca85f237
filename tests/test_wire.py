"""The cells' own network namespace (evcxr patch 0022) and netlib::wire's
capture in it, through the real Rust (netlib) kernel.

Each kernel's cells run in a user and network namespace of their own, joined
to the outside by slirp4netns: they capture their own packets, see nobody
else's, cannot reach the machine's loopback (where Jupyter's servers talk),
and leave no helper process behind when the cell process is restarted.
"""

from __future__ import annotations

import os
import re
import socket
import time

import psutil
import pytest

from kernel_helpers import Kernel, kernels_at_once

pytestmark = pytest.mark.needs("kernel")


@pytest.fixture(scope="module")
def kernel():
    with Kernel() as k:
        yield k


def ok(k: Kernel, code: str) -> str:
    r = k.execute(code)
    assert r.status == "ok" and not r.errors, r.text
    return r.stdout


def test_cells_run_in_a_network_namespace_of_their_own(kernel):
    out = ok(
        kernel,
        'use std::os::unix::fs::MetadataExt;\n'
        'println!("{:?}", std::env::var("EVCXR_NETNS_STATUS"));\n'
        'println!("{}", std::fs::read_link("/proc/self/ns/net").unwrap().display());\n'
        'println!("{}", std::fs::metadata("/proc/self").unwrap().uid());',
    )
    status, ns, uid = out.splitlines()
    assert status == 'Ok("own")', out
    assert ns != os.readlink("/proc/self/ns/net"), "the cells share the machine's network namespace"
    # The same user as the kernel, not root-in-a-namespace: files keep their owner.
    assert int(uid) == os.getuid(), out


def test_a_capture_shows_the_cells_own_handshake_drawn_and_as_text(kernel):
    ok(kernel, "use std::net::{TcpListener, TcpStream};")
    ok(kernel, 'let server = TcpListener::bind("127.0.0.1:0").unwrap();')
    r = kernel.execute(
        "let (client, packets) = wire::capture(|| TcpStream::connect(server.local_addr().unwrap()).unwrap());\n"
        "packets.between(client.local_addr().unwrap(), server.local_addr().unwrap())"
    )
    assert r.status == "ok" and r.bundles, r.text
    text = r.bundles[-1]["text/plain"]
    flags = re.findall(r"\[([A-Z, ]+)\]", text)
    assert flags == ["SYN", "SYN, ACK", "ACK"], text
    assert "text/html" in r.bundles[-1], r.bundles[-1].keys()


def test_the_machines_loopback_is_out_of_reach(kernel):
    """Jupyter's servers and the hub's proxy talk over the machine's loopback:
    a cell reaches neither 127.0.0.1 (its own loopback) nor slirp4netns's
    gateway 10.0.2.2 (host loopback disabled)."""
    with socket.create_server(("127.0.0.1", 0)) as server:
        port = server.getsockname()[1]
        out = ok(
            kernel,
            "for host in [\"127.0.0.1\", \"10.0.2.2\"] {\n"
            f"    let addr: std::net::SocketAddr = format!(\"{{host}}:{port}\").parse().unwrap();\n"
            "    let r = std::net::TcpStream::connect_timeout(&addr, std::time::Duration::from_secs(3));\n"
            "    println!(\"{host} {:?}\", r.map(|_| ()).map_err(|e| e.kind()));\n"
            "}",
        )
    own, gateway = out.splitlines()
    assert own == "127.0.0.1 Err(ConnectionRefused)", out
    # slirp4netns answers for the host: "network unreachable" (an ICMP error).
    assert gateway in ("10.0.2.2 Err(NetworkUnreachable)", "10.0.2.2 Err(ConnectionRefused)"), out


def test_two_kernels_neither_see_nor_reach_each_other():
    with kernels_at_once(2) as (a, b):
        ok(a, 'let server = std::net::TcpListener::bind("127.0.0.1:0").unwrap();')
        port = int(ok(a, 'println!("{}", server.local_addr().unwrap().port());'))
        ok(a, "let capture = wire::Capture::start().unwrap();")
        # b: the same port is free, and nothing listens there.
        out = ok(
            b,
            f'let mine = std::net::TcpListener::bind("127.0.0.1:{port}");\n'
            f'let theirs = std::net::TcpStream::connect("127.0.0.1:{port + 1 if port < 65535 else 1}");\n'
            'println!("{} {:?}", mine.is_ok(), theirs.map(|_| ()).map_err(|e| e.kind()));\n'
            f'let probe = std::net::TcpStream::connect("127.0.0.1:{port}");\n'
            'println!("{}", probe.is_ok());',
        )
        assert out.splitlines()[0] == "true Err(ConnectionRefused)", out
        # b connected to its own listener on that port, not to a's.
        assert out.splitlines()[1] == "true", out
        seen = ok(a, 'let p = capture.stop().unwrap(); println!("{p:?}");')
        # a's own namespace may have its own chatter on tap0 (IPv6 neighbour
        # discovery); nothing of b's TCP.
        assert "TCP" not in seen, f"a's capture saw b's packets:\n{seen}"


def slirps(k: Kernel) -> list[psutil.Process]:
    kernel = psutil.Process(k.km.provisioner.process.pid)
    return [p for p in kernel.children(recursive=True) if p.name() == "slirp4netns"]


def test_a_restarted_cell_process_gets_a_new_namespace_and_no_helper_is_left(kernel):
    before = slirps(kernel)
    assert len(before) == 1, before
    r = kernel.execute("std::process::exit(3);")
    assert r.status == "error", r.text  # the cell process ended; evcxr starts a new one
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and before[0].is_running() and before[0].status() != psutil.STATUS_ZOMBIE:
        time.sleep(0.05)
    assert not before[0].is_running() or before[0].status() == psutil.STATUS_ZOMBIE, "slirp4netns outlived its cell process"
    assert ok(kernel, 'println!("{:?}", std::env::var("EVCXR_NETNS_STATUS"));') == 'Ok("own")\n'
    after = slirps(kernel)
    assert len(after) == 1 and after[0].pid != before[0].pid, (before, after)


def test_without_the_namespace_the_cells_run_in_the_machines_and_a_capture_says_why(tmp_path):
    """NETLIB_KERNEL_NETNS=0, as where namespaces are not allowed: the cells run in
    the machine's namespace, and a capture cell runs its code and shows why it has
    no packets, in Korean and English (even as root, who could capture there:
    it would show everyone's traffic)."""
    with Kernel(env={"NETLIB_KERNEL_NETNS": "0"}) as k:
        out = ok(
            k,
            'println!("{:?}", std::env::var("EVCXR_NETNS_STATUS"));\n'
            'println!("{}", std::fs::read_link("/proc/self/ns/net").unwrap().display());',
        )
        status, ns = out.splitlines()
        assert status == 'Ok("turned off (EVCXR_NETNS=0)")', out
        assert ns == os.readlink("/proc/self/ns/net"), out
        assert slirps(k) == []
        r = k.execute('let (answer, packets) = wire::capture(|| 6 * 7);\nprintln!("{answer}");\npackets')
        assert r.status == "ok" and not r.errors and r.stdout == "42\n", r.text
        text, html = r.bundles[-1]["text/plain"], r.bundles[-1]["text/html"]
        assert text.startswith("(no capture: 패킷을 잡을 수 없습니다") and "turned off (EVCXR_NETNS=0)" in text, text
        assert "패킷을 잡지 못했다" in html and "Cannot capture packets" in html, html
