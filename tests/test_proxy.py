"""The kernel's ZeroMQ proxy (kernel-setup/kernel/proxy.py).

Through real kernels it is exercised by every kernel test (every start runs
behind it); here its ordering rule is checked on its own, since the evcxr race
it repairs cannot be provoked on demand.
"""

from __future__ import annotations

import json
import sys
import time

from kernel_helpers import ROOT

sys.path.insert(0, str(ROOT / "kernel-setup" / "kernel"))
import proxy  # noqa: E402


def test_the_proxy_delivers_a_late_output_line_before_the_cells_end():
    """evcxr can publish a cell's last stdout line after the cell's "idle" (its
    output thread races the request handler); the proxy's IopubOrder puts it back
    in front, and keeps everything else in evcxr's order."""
    def msg(kind, parent, parent_type="execute_request", **content):
        header = {"msg_id": f"{kind}-{parent}", "msg_type": kind}
        parts = [header, {"msg_id": parent, "msg_type": parent_type}, {}, content]
        return [proxy.DELIM, b"sig", *(json.dumps(p).encode() for p in parts)]

    class Sink:
        sent: list = []

        def send_multipart(self, frames):
            self.sent.append(json.loads(frames[2])["msg_id"] + "/" + json.loads(frames[3])["msg_id"])

    order = proxy.IopubOrder(Sink())
    for m in [
        msg("status", "c1", execution_state="busy"),
        msg("stream", "c1", name="stdout", text="early\n"),
        msg("status", "c1", execution_state="idle"),  # held
        msg("status", "k", "kernel_info_request", execution_state="busy"),  # behind the idle
        msg("stream", "c1", name="stdout", text="late\n"),  # goes first
        msg("status", "c2", execution_state="busy"),
    ]:
        order.put(m)
    assert Sink.sent == ["status-c1/c1", "stream-c1/c1", "stream-c1/c1"]
    assert order.wait() is not None and order.wait() <= proxy.IDLE_GRACE * 1000
    order.release()  # not due yet
    assert len(Sink.sent) == 3
    time.sleep(proxy.IDLE_GRACE)
    order.release()
    assert Sink.sent[3:] == ["status-c1/c1", "status-k/k", "status-c2/c2"]
    assert order.wait() is None and order.rescued == 1
    # An idle that is not a cell's end (kernel_info) is never held.
    order.put(msg("status", "k2", "kernel_info_request", execution_state="idle"))
    assert Sink.sent[-1] == "status-k2/k2"


def test_cells_sent_at_once_keep_their_own_output():
    """Run-all in JupyterLab sends every cell before the first one ends; behind the
    proxy each cell's lines still arrive with their cell and before its "idle"."""
    from kernel_helpers import Kernel

    with Kernel(cwd=ROOT / "notebooks") as k:
        ids = [k.kc.execute(f'let n{i} = {i};\nfor j in 0..3 {{ println!("cell {i} line {{j}}"); }}') for i in range(6)]
        seen: dict[str, list[str]] = {i: [] for i in ids}
        ended: list[str] = []
        deadline = time.monotonic() + 300
        while len(ended) < len(ids) and time.monotonic() < deadline:
            msg = k.kc.get_iopub_msg(timeout=deadline - time.monotonic())
            parent = msg["parent_header"].get("msg_id")
            if parent not in seen:
                continue
            assert parent not in ended, f"output after the cell's end: {msg}"
            if msg["msg_type"] == "stream":
                seen[parent].append(msg["content"]["text"])
            elif msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                ended.append(parent)
        assert ended == ids
        for i, parent in enumerate(ids):
            assert "".join(seen[parent]) == "".join(f"cell {i} line {j}\n" for j in range(3)), seen


def test_private_ports_are_never_the_clients():
    """evcxr's private ports are chosen while Jupyter's are bound by the proxy, and
    never one of them even if the system offers it (it offered one in CI)."""
    import socket

    taken = []
    for _ in range(5):
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        taken.append(s.getsockname()[1])
        s.close()
    for _ in range(200):
        info = proxy.private_connection(avoid=set(taken))
        ports = [info[p] for p in proxy.PORTS]
        assert len(set(ports)) == 5 and not set(ports) & set(taken)
