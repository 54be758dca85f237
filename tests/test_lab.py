"""./kernel-setup/lab: JupyterLab on 127.0.0.1 with token auth, the lessons, Rust (netlib) in the launcher."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import psutil
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


@pytest.fixture(scope="module")
def lab():
    token = "nl" + os.urandom(12).hex()
    port = free_port()
    log = tempfile.NamedTemporaryFile(prefix="lab-", suffix=".log", delete=False)
    env = dict(os.environ, NETLESSONS_LAB_TOKEN=token, NETLESSONS_SKIP_SELFCHECK="1")
    proc = subprocess.Popen(
        [str(ROOT / "kernel-setup" / "lab"), "--no-browser", f"--port={port}", "--ServerApp.port_retries=0"],
        stdout=log,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        env=env,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + START_TIMEOUT
    try:
        while True:
            if proc.poll() is not None:
                pytest.fail(f"./kernel-setup/lab exited with {proc.returncode}:\n{Path(log.name).read_text()}")
            try:
                get(f"{base}/api/status", token, timeout=5)
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                if time.monotonic() > deadline:
                    pytest.fail(f"JupyterLab did not answer in {START_TIMEOUT} s:\n{Path(log.name).read_text()}")
                time.sleep(0.5)
        yield {"base": base, "token": token, "port": port, "proc": proc, "log": Path(log.name)}
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


def test_lab_refuses_requests_without_the_token(lab):
    with pytest.raises(urllib.error.HTTPError) as err:
        get(f"{lab['base']}/api/kernelspecs")
    assert err.value.code == 403


def test_lab_lists_the_rust_netlib_kernel(lab):
    status, body = get(f"{lab['base']}/api/kernelspecs", lab["token"])
    assert status == 200
    specs = json.loads(body)["kernelspecs"]
    assert "rust-netlib" in specs, sorted(specs)
    spec = specs["rust-netlib"]["spec"]
    assert spec["display_name"] == "Rust (netlib)"
    assert spec["language"] == "rust"
    assert set(specs["rust-netlib"]["resources"]) >= {"logo-32x32", "logo-64x64", "logo-svg"}


def test_lab_listens_on_loopback_only(lab):
    listening = {
        c.laddr.ip
        for c in psutil.Process(lab["proc"].pid).net_connections(kind="inet")
        if c.status == psutil.CONN_LISTEN and c.laddr.port == lab["port"]
    }
    assert listening == {"127.0.0.1"}


def test_lab_serves_the_lessons_folder(lab):
    status, body = get(f"{lab['base']}/api/contents", lab["token"])
    assert status == 200
    served = {item["name"] for item in json.loads(body)["content"]}
    on_disk = {p.name for p in (ROOT / "notebooks").iterdir() if not p.name.startswith(".")}
    assert served == on_disk


def test_lab_offers_the_korean_language_pack(lab):
    status, body = get(f"{lab['base']}/lab/api/translations", lab["token"])
    assert status == 200
    assert "ko_KR" in json.loads(body)["data"]


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(chromium() is None, reason="Debian's chromium is not installed (./kernel-setup/test installs it as root)")
def test_browser_shows_rust_netlib_in_the_launcher(lab, tmp_path):
    # The launcher is drawn by JavaScript; --dump-dom prints the page after the
    # virtual time budget, by which JupyterLab has rendered its launcher cards.
    url = f"{lab['base']}/lab?token={lab['token']}"
    cmd = [
        chromium(),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        f"--user-data-dir={tmp_path / 'profile'}",
        "--virtual-time-budget=60000",
        "--dump-dom",
        url,
    ]
    dom = ""
    for _attempt in range(3):
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=240)
        dom = proc.stdout
        if "Rust (netlib)" in dom:
            break
    assert "jp-LauncherCard" in dom, dom[-3000:]
    assert "Rust (netlib)" in dom
