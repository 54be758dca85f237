"""The kernel's ZeroMQ proxy (kernel-setup/kernel/proxy.py).

Through real kernels it is exercised by every kernel test (every start runs
behind it); here it is checked on its own under a volume and a slow client
that a kernel test cannot make on demand.
"""

from __future__ import annotations

import json
import sys
import time

from kernel_helpers import ROOT

sys.path.insert(0, str(ROOT / "kernel-setup" / "kernel"))
import proxy  # noqa: E402


def test_the_proxy_drops_no_message_when_the_client_reads_slowly():
    """Fifty times ZeroMQ's default high-water mark of messages, published as fast
    as possible while the client reads slowly: every one arrives, in order.

    With the default mark the proxy's iopub PUB socket dropped messages beyond
    1,000 queued for a client: 100,000 printed lines arrived as about 70,000."""
    import subprocess
    import threading

    import zmq

    ctx = zmq.Context.instance()
    client = proxy.private_connection()
    kernel = proxy.private_connection(avoid={client[p] for p in proxy.PORTS})
    relay = proxy.Proxy(client, note=lambda m: None)
    relay.bind()
    # A stand-in for evcxr's iopub: a PUB socket that never drops (as zmq.rs's
    # waits), publishing signed stream messages.
    pub = ctx.socket(zmq.PUB)
    pub.setsockopt(zmq.SNDHWM, 0)
    pub.linger = 0
    pub.bind(f"tcp://127.0.0.1:{kernel['iopub_port']}")
    alive = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    relay.attach(kernel, alive)
    runner = threading.Thread(target=relay.run, daemon=True)
    runner.start()
    sub = ctx.socket(zmq.SUB)
    sub.setsockopt(zmq.SUBSCRIBE, b"")
    sub.linger = 0
    sub.connect(f"tcp://127.0.0.1:{client['iopub_port']}")
    signer = proxy.Signer(kernel)
    n = 50_000
    try:
        time.sleep(0.5)  # both subscriptions reach their publishers
        for i in range(n):
            parts = [json.dumps(x).encode() for x in ({"msg_id": str(i), "msg_type": "stream"}, {}, {}, {"text": f"{i}\n"})]
            pub.send_multipart([proxy.DELIM, signer.sign(parts), *parts])
        got = []
        deadline = time.monotonic() + 120
        while len(got) < n and time.monotonic() < deadline:
            if sub.poll(1000):
                frames = sub.recv_multipart()
                got.append(int(json.loads(frames[frames.index(proxy.DELIM) + 2])["msg_id"]))
                if len(got) % 1000 == 0:
                    time.sleep(0.01)  # a client slower than the kernel
        assert got == list(range(n)), f"{len(got)} of {n} arrived"
    finally:
        alive.kill()
        alive.wait()
        runner.join(timeout=5)
        pub.close()
        sub.close()


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
