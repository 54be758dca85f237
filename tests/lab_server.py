"""JupyterLab started with the README's lab command (./kernel-setup/lab) for the tests.

It listens on a free port of 127.0.0.1 with a token of its own, and is
stopped, with its whole process group (kernels included), when the `with`
block ends, whatever happened inside it.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from kernel_helpers import ROOT

START_TIMEOUT = 600  # the lab command runs the (already done) install first


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str, token: str | None = None, timeout: float = 30):
    req = urllib.request.Request(url)
    if token:
        req.add_header("Authorization", f"token {token}")
    with urllib.request.urlopen(req, timeout=timeout) as resp:
        return resp.status, resp.read()


@dataclass
class Lab:
    base: str
    token: str
    port: int
    proc: subprocess.Popen
    log: Path

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


@contextmanager
def running_lab(env: dict | None = None, args: tuple[str, ...] = ()):
    """`./kernel-setup/lab --no-browser --port=<free>` plus `args`, environment plus `env`."""
    token = "nl" + os.urandom(12).hex()
    port = free_port()
    log = tempfile.NamedTemporaryFile(prefix="lab-", suffix=".log", delete=False)
    full_env = dict(os.environ, NETLESSONS_LAB_TOKEN=token, NETLESSONS_SKIP_SELFCHECK="1")
    full_env.update(env or {})
    proc = subprocess.Popen(
        [str(ROOT / "kernel-setup" / "lab"), "--no-browser", f"--port={port}", "--ServerApp.port_retries=0", *args],
        stdout=log,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        env=full_env,
        start_new_session=True,
    )
    lab = Lab(base=f"http://127.0.0.1:{port}", token=token, port=port, proc=proc, log=Path(log.name))
    deadline = time.monotonic() + START_TIMEOUT
    try:
        while True:
            if proc.poll() is not None:
                pytest.fail(f"./kernel-setup/lab exited with {proc.returncode}:\n{lab.log_text()}")
            try:
                get(f"{lab.base}/api/status", token, timeout=5)
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                if time.monotonic() > deadline:
                    pytest.fail(f"JupyterLab did not answer in {START_TIMEOUT} s:\n{lab.log_text()}")
                time.sleep(0.5)
        yield lab
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        log.close()
        os.unlink(log.name)
