"""The kernel's sockets: a small ZeroMQ proxy between Jupyter and evcxr_jupyter.

Every Rust (netlib) kernel runs evcxr on a connection file of its own
(127.0.0.1, free ports, its own key) and this proxy binds the ports Jupyter
chose, passing each message on re-signed with the other side's key. Why not
let evcxr bind Jupyter's ports itself:

* a reserve kernel (reserve.py) is started before the Jupyter client that will
  use it exists, so it cannot know that client's ports and key;
* the same code then serves a kernel the launcher starts itself (launch.py),
  so both paths behave alike.

The proxy passes every message on, in order, and never drops one: its sockets
have no high-water mark (ZeroMQ's default of 1,000 queued messages made its
iopub PUB socket silently drop a fast cell's output, and even the "idle" that
ends a cell, whenever the client read more slowly than evcxr wrote). A cell's
output reaching the client before the cell's "idle" is evcxr's job
(kernel-setup/evcxr/0002-*.patch).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import socket
import sys
import time
import uuid
from datetime import datetime, timezone

DELIM = b"<IDS|MSG>"
PORTS = ("shell_port", "iopub_port", "stdin_port", "control_port", "hb_port")


def log(message):
    print(f"[rust-netlib proxy {os.getpid()}] {message}", file=sys.stderr, flush=True)


class Signer:
    def __init__(self, info):
        key = info.get("key", "")
        self.key = key.encode() if isinstance(key, str) else key
        scheme = info.get("signature_scheme", "hmac-sha256")
        self.digest = getattr(hashlib, scheme.split("-", 1)[1])

    def sign(self, parts):
        if not self.key:
            return b""
        m = hmac.new(self.key, digestmod=self.digest)
        for p in parts:
            m.update(p)
        return m.hexdigest().encode()

    def verify(self, parts, signature):
        if not self.key:
            return True
        return hmac.compare_digest(self.sign(parts), signature)


def resign(frames, source, dest):
    """The same message signed for `dest`, or None when `source` did not sign it."""
    try:
        i = frames.index(DELIM)
    except ValueError:
        return None
    parts = frames[i + 2 : i + 6]
    if len(parts) != 4 or not source.verify(parts, frames[i + 1]):
        return None
    return frames[: i + 1] + [dest.sign(parts)] + frames[i + 2 :]


def kernel_info(info, timeout):
    """The content of the kernel's kernel_info_reply, or None after `timeout` seconds."""
    return request(info, "kernel_info_request", {}, timeout)


def request(info, msg_type, content, timeout):
    """Sends one request on the kernel's shell channel: the reply's content, or None
    after `timeout` seconds."""
    import zmq

    signer = Signer(info)
    session = uuid.uuid4().hex
    msg_id = uuid.uuid4().hex
    header = {
        "msg_id": msg_id,
        "msg_type": msg_type,
        "username": "netlessons-reserve",
        "session": session,
        "date": datetime.now(timezone.utc).isoformat(),
        "version": "5.3",
    }
    parts = [json.dumps(x).encode() for x in (header, {}, {}, content)]
    ctx = zmq.Context.instance()
    s = ctx.socket(zmq.DEALER)
    s.linger = 0
    try:
        s.connect(f"{info['transport']}://{info['ip']}:{info['shell_port']}")
        s.send_multipart([DELIM, signer.sign(parts), *parts])
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            if not s.poll(min(left, 1.0) * 1000):
                continue
            frames = s.recv_multipart()
            try:
                i = frames.index(DELIM)
                parent = json.loads(frames[i + 3])
                if parent.get("msg_id") == msg_id:
                    return json.loads(frames[i + 5])
            except (ValueError, IndexError):
                continue
        return None
    finally:
        s.close()


def free_ports(n, avoid=()):
    socks = []
    while len(socks) < n:
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        if s.getsockname()[1] in avoid:
            s.close()
            continue
        socks.append(s)
    ports = [s.getsockname()[1] for s in socks]
    for s in socks:
        s.close()
    return ports


def private_connection(avoid=()):
    """A connection for evcxr alone: loopback, free ports (none of `avoid`), a fresh key."""
    import secrets

    return {
        "transport": "tcp",
        "ip": "127.0.0.1",
        "signature_scheme": "hmac-sha256",
        "key": secrets.token_hex(32),
        **dict(zip(PORTS, free_ports(5, avoid))),
    }


def wait_until_answering(info, alive, limit, step=2):
    """The kernel's kernel_info_reply content, or None once `alive()` is false or
    `limit` seconds have passed. Asks again every `step` seconds."""
    deadline = time.monotonic() + limit
    while alive() and time.monotonic() < deadline:
        reply = kernel_info(info, step)
        if reply is not None:
            return reply
    return None


def unbounded(sock):
    """`sock` with no high-water mark: queued messages wait instead of being
    dropped (a PUB socket drops, a ROUTER drops or blocks, at the mark)."""
    import zmq

    sock.setsockopt(zmq.SNDHWM, 0)
    sock.setsockopt(zmq.RCVHWM, 0)
    sock.linger = 0
    return sock


class Proxy:
    """Jupyter's five ports on one side, evcxr's private ones on the other."""

    def __init__(self, client, note=log):
        self.client, self.note = client, note
        self.kernel = self.proc = None
        self.front, self.back = {}, {}

    def bind(self):
        """Binds the client's ports (zmq.ZMQError when one is taken). Done before
        evcxr's private ports are chosen, so that those cannot be the client's."""
        import zmq

        ctx = zmq.Context.instance()
        try:
            url = f"tcp://{self.client['ip']}:"
            for name, kind in (("shell", zmq.ROUTER), ("control", zmq.ROUTER), ("stdin", zmq.ROUTER),
                               ("iopub", zmq.PUB), ("hb", zmq.REP)):
                s = unbounded(ctx.socket(kind))
                self.front[name] = s
                s.bind(url + str(self.client[f"{name}_port"]))
        except zmq.ZMQError:
            self.close()
            raise

    def attach(self, kernel, proc):
        """Connects to evcxr (`kernel`: its connection info, `proc`: its process)."""
        import zmq

        ctx = zmq.Context.instance()
        self.kernel, self.proc = kernel, proc
        kurl = f"tcp://{self.kernel['ip']}:"
        # One identity for shell and stdin: evcxr routes input_request with the shell's identities.
        ident = f"netlessons-proxy-{os.getpid()}".encode()
        for name in ("shell", "control", "stdin"):
            s = unbounded(ctx.socket(zmq.DEALER))
            if name != "control":
                s.identity = ident
            s.connect(kurl + str(self.kernel[f"{name}_port"]))
            self.back[name] = s
        sub = unbounded(ctx.socket(zmq.SUB))
        sub.setsockopt(zmq.SUBSCRIBE, b"")
        sub.connect(kurl + str(self.kernel["iopub_port"]))
        self.back["iopub"] = sub

    def run(self, watch=None):
        """Passes messages until evcxr exits. `watch`: a socket whose EOF means that
        the launcher is gone, which ends evcxr."""
        import zmq

        front, back, proc = self.front, self.back, self.proc
        client_signer, kernel_signer = Signer(self.client), Signer(self.kernel)
        poller = zmq.Poller()
        for s in (*front.values(), *back.values()):
            poller.register(s, zmq.POLLIN)
        if watch is not None:
            poller.register(watch.fileno(), zmq.POLLIN)
        to_kernel = {front[n]: back[n] for n in ("shell", "control", "stdin")}
        to_client = {back[n]: front[n] for n in ("shell", "control", "stdin")}
        exited_at = None
        while True:
            events = dict(poller.poll(200))
            for s in events:
                if watch is not None and s == watch.fileno():
                    if not watch.recv(4096):
                        self.note("the launcher is gone; ending the kernel")
                        poller.unregister(watch.fileno())
                        proc.terminate()
                    continue
                frames = s.recv_multipart()
                if s is front["hb"]:
                    s.send_multipart(frames)
                elif s in to_kernel:
                    out = resign(frames, client_signer, kernel_signer)
                    if out is None:
                        self.note("dropped a client message with a bad signature")
                    else:
                        to_kernel[s].send_multipart(out)
                else:
                    out = resign(frames, kernel_signer, client_signer)
                    if out is None:
                        pass
                    elif s is back["iopub"]:
                        front["iopub"].send_multipart(out)
                    else:
                        to_client[s].send_multipart(out)
            if proc.poll() is not None:
                # Deliver what evcxr sent last (the shutdown_reply), then end.
                if exited_at is None:
                    exited_at = time.monotonic()
                elif time.monotonic() - exited_at > 0.5:
                    break
        # The client's ports are free again before the launcher exits: a restart,
        # or the fallback kernel, binds them at once.
        self.close()

    def close(self):
        for s in (*self.front.values(), *self.back.values()):
            s.close()
        self.front, self.back = {}, {}


def release():
    """Waits until every socket of this process is really closed, so that the
    ports are free for the next process that binds them."""
    import zmq

    zmq.Context.instance().term()
