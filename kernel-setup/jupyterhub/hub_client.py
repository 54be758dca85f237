"""A student in front of ./kernel-setup/hub, driven through the hub's public port only.

Used by tests/test_hub.py and ./kernel-setup/bench/classroom. Everything goes
through JupyterHub's proxy as a browser's requests would: the hub's REST API
to log in (a password turned into an API token) and to start the server, then
the single-user server's REST API (`/user/<name>/api/...`) to open a lesson
and the kernel's websocket (`.../api/kernels/<id>/channels`) to run cells.
Asynchronous (tornado), so that many students run in one process at once.
"""

from __future__ import annotations

import asyncio
import json
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import quote

from tornado.httpclient import AsyncHTTPClient, HTTPRequest
from tornado.websocket import WebSocketClosedError, websocket_connect

AsyncHTTPClient.configure(None, max_clients=64)


class HubError(Exception):
    pass


class SpawnFailed(HubError):
    """The hub started a user's server and gave up on it."""


@dataclass
class Cell:
    """What one execute_request gave: nbformat-like outputs, status, times."""

    code: str
    status: str = "?"
    outputs: list = field(default_factory=list)
    sent: float = 0.0
    first_output: float | None = None  # monotonic time of the first output message
    done: float = 0.0

    @property
    def latency(self) -> float:
        """Shift+Enter → first output (or → idle when the cell shows nothing)."""
        return (self.first_output or self.done) - self.sent


async def fetch(method, url, token=None, body=None, timeout=300):
    """One request as a browser's script sends it (redirects are not followed)."""
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"token {token}"
    req = HTTPRequest(
        url,
        method=method,
        headers=headers,
        body=None if body is None and method == "GET" else json.dumps(body or {}),
        request_timeout=timeout,
        follow_redirects=False,
        allow_nonstandard_methods=True,
    )
    try:
        return await AsyncHTTPClient().fetch(req, raise_error=False)
    except (OSError, asyncio.TimeoutError) as exc:
        raise HubError(f"{method} {url}: {exc!r}") from exc


async def request(method, url, token=None, body=None, timeout=300, ok=(200, 201, 202, 204)):
    resp = await fetch(method, url, token, body, timeout)
    if resp.code not in ok:
        raise HubError(f"{method} {url}: HTTP {resp.code} {resp.body[:300]!r}")
    return resp.code, json.loads(resp.body) if resp.body else None


async def status_of(method, url, token=None):
    """The HTTP status of a request and where a redirect points ("" if none), for checking refusals."""
    resp = await fetch(method, url, token)
    return resp.code, resp.headers.get("Location", "")


class Student:
    def __init__(self, base: str, name: str, password: str):
        self.base, self.name, self.password = base.rstrip("/"), name, password
        self.token: str | None = None
        self.kernel_id: str | None = None
        self.ws = None
        self.session = uuid.uuid4().hex

    @property
    def server(self) -> str:
        return f"{self.base}/user/{quote(self.name)}"

    async def login(self):
        """The hub's API login: the Unix password (PAM) for an API token of this user."""
        _, reply = await request(
            "POST",
            f"{self.base}/hub/api/users/{quote(self.name)}/tokens",
            body={"auth": {"username": self.name, "password": self.password}, "note": "netlessons", "expires_in": 3 * 3600},
        )
        self.token = reply["token"]

    async def start_server(self, timeout=600):
        """What the hub's spawn page does: ask for the server, then follow its progress
        events (one open request, not a poll: forty students polling the hub's API
        twice a second kept its event loop busy for seconds)."""
        api = f"{self.base}/hub/api/users/{quote(self.name)}"
        await request("POST", f"{api}/server", self.token, ok=(201, 202, 400))
        events = []
        buffer = b""

        def on_chunk(chunk):
            nonlocal buffer
            buffer += chunk
            *lines, buffer = buffer.split(b"\n")
            events.extend(json.loads(line[5:]) for line in lines if line.startswith(b"data:"))

        req = HTTPRequest(f"{api}/server/progress", headers={"Authorization": f"token {self.token}"},
                          streaming_callback=on_chunk, request_timeout=timeout)
        try:
            await AsyncHTTPClient().fetch(req, raise_error=False)
        except OSError as exc:
            raise HubError(f"{self.name}'s server: progress stream: {exc}") from None
        last = events[-1] if events else {}
        if last.get("failed"):
            # The hub gave the start up (its log says why, e.g. "Failed to add <name> to proxy!").
            raise SpawnFailed(f"the hub stopped {self.name}'s server while starting it: {last.get('message', '')}"[:300])
        if not last.get("ready"):
            # The stream ends at once for a server that was already running (or none).
            await self._server("GET", (200,), lambda server: server and server.get("ready"), timeout, "was not ready after")

    async def start_server_as_a_student_would(self, timeout=600, tries=2) -> list[str]:
        """start_server, pressing "Start My Server" again when the hub gave up on a
        start (the page says "Spawn failed"); returns the failures before it started."""
        failures = []
        for attempt in range(tries):
            try:
                await self.start_server(timeout)
                return failures
            except SpawnFailed as exc:
                failures.append(str(exc))
                if attempt == tries - 1:
                    raise

    async def stop_server(self, timeout=120):
        await self._server("DELETE", (202, 204, 400), lambda server: not server, timeout, "did not stop in")

    async def _server(self, method, ok, done, timeout, failed):
        """Asks the hub to start or stop the user's server and waits until `done(the server's model)`."""
        api = f"{self.base}/hub/api/users/{quote(self.name)}"
        if method != "GET":
            await request(method, f"{api}/server", self.token, ok=ok)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            _, user = await request("GET", api, self.token)
            if done((user.get("servers") or {}).get("")):
                return
            await asyncio.sleep(1)
        raise HubError(f"{self.name}'s server {failed} {timeout} s")

    async def kernelspecs(self) -> dict:
        _, specs = await request("GET", f"{self.server}/api/kernelspecs", self.token)
        return specs

    async def notebook(self, path: str) -> dict:
        """The student's own copy of a lesson, as JupyterLab loads it."""
        _, model = await request("GET", f"{self.server}/api/contents/{quote(path)}?content=1", self.token)
        return model["content"]

    async def open(self, path: str, kernel: str = "rust-netlib"):
        """What opening a notebook in JupyterLab does: a session, its kernel, the kernel's websocket."""
        _, sess = await request(
            "POST",
            f"{self.server}/api/sessions",
            self.token,
            body={"path": path, "name": path, "type": "notebook", "kernel": {"name": kernel}},
        )
        self.kernel_id = sess["kernel"]["id"]
        url = self.server.replace("http", "ws", 1) + f"/api/kernels/{self.kernel_id}/channels?session_id={self.session}"
        self.ws = await websocket_connect(
            HTTPRequest(url, headers={"Authorization": f"token {self.token}"}, request_timeout=120),
            max_message_size=256 * 1024 * 1024,
        )
        return sess

    async def execute(self, code: str, timeout: float = 600) -> Cell:
        cell = Cell(code)
        msg_id = uuid.uuid4().hex
        msg = {
            "header": {"msg_id": msg_id, "username": self.name, "session": self.session, "msg_type": "execute_request",
                       "version": "5.3", "date": datetime.now(timezone.utc).isoformat()},
            "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
            "content": {"code": code, "silent": False, "store_history": True, "user_expressions": {},
                        "allow_stdin": False, "stop_on_error": True},
        }
        cell.sent = time.monotonic()
        try:
            await self.ws.write_message(json.dumps(msg))
        except WebSocketClosedError:
            raise HubError(f"{self.name}: the kernel's websocket was closed before the cell") from None
        idle = replied = False
        deadline = cell.sent + timeout
        while not (idle and replied):
            left = deadline - time.monotonic()
            if left <= 0:
                raise HubError(f"{self.name}: cell did not finish in {timeout} s:\n{code}")
            raw = await asyncio.wait_for(self.ws.read_message(), left)
            if raw is None:
                raise HubError(f"{self.name}: the kernel's websocket closed during a cell")
            if isinstance(raw, bytes):
                continue  # binary frames carry buffers; the lessons send none
            m = json.loads(raw)
            if m.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind, content = m["header"]["msg_type"], m["content"]
            if kind in ("stream", "execute_result", "display_data", "error"):
                if cell.first_output is None:
                    cell.first_output = time.monotonic()
                out = {"output_type": kind, **content}
                cell.outputs.append(out)
            elif kind == "status" and content.get("execution_state") == "idle":
                idle = True
            elif kind == "execute_reply":
                replied = True
                cell.status = content.get("status", "?")
        cell.done = time.monotonic()
        return cell

    async def close(self):
        if self.ws is not None:
            self.ws.close()
            self.ws = None
        if self.kernel_id:
            try:
                await request("DELETE", f"{self.server}/api/kernels/{self.kernel_id}", self.token, ok=(204, 404))
            except HubError:
                pass
            self.kernel_id = None


def code_cells(nb: dict):
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            src = cell["source"]
            yield cell, "".join(src) if isinstance(src, list) else src


# --- ./kernel-setup/hub as a process ---------------------------------------------------------


class HubProcess:
    """`./kernel-setup/hub --students N` on a free port of 127.0.0.1 with a state folder of its
    own and trial accounts named `<prefix>01...` (a random prefix by default, so that no real
    account is touched); stop() ends it as Ctrl+C does, remove_users() deletes the accounts."""

    def __init__(self, students: int, shared_prefix: str, name_prefix: str | None = None, args=(), log=None,
                 instructor: bool = False):
        self.root = Path(__file__).resolve().parents[2]
        self.name_prefix = name_prefix or "nlt" + os.urandom(3).hex()
        self.names = [f"{self.name_prefix}{i:02d}" for i in range(1, students + 1)]
        # `--instructor <prefix>t`: the grader's account, created like the students'.
        self.instructor = f"{self.name_prefix}t" if instructor else ""
        self.shared_prefix = Path(shared_prefix)
        self.state = Path(tempfile.mkdtemp(prefix="netlessons-hub-"))
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = log or tempfile.NamedTemporaryFile(prefix="hub-", suffix=".log", delete=False)
        self.args = list(args)
        self.proc = None
        self.passwords: dict[str, str] = {}

    def start(self, timeout: float):
        cmd = [str(self.root / "kernel-setup" / "hub"), "--students", str(len(self.names)),
               "--student-prefix", self.name_prefix, "--prefix", str(self.shared_prefix),
               "--state", str(self.state), "--port", str(self.port),
               *(["--instructor", self.instructor] if self.instructor else []), *self.args]
        self.proc = subprocess.Popen(cmd, stdout=self.log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                     env=dict(os.environ, NETLESSONS_SKIP_SELFCHECK="1"), start_new_session=True)
        deadline = time.monotonic() + timeout
        while True:
            if self.proc.poll() is not None:
                raise HubError(f"./kernel-setup/hub exited with {self.proc.returncode}:\n{self.log_text()}")
            try:
                with urllib.request.urlopen(f"{self.base}/hub/api/", timeout=5) as resp:
                    if resp.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            if time.monotonic() > deadline:
                raise HubError(f"the hub did not answer in {timeout} s:\n{self.log_text()}")
            time.sleep(0.5)
        text = (self.state / "passwords.txt").read_text()
        self.passwords = dict(line.split() for line in text.splitlines() if line and not line.startswith("#"))

    @property
    def accounts(self) -> list[str]:
        """The students and the instructor (if any): every account this hub created."""
        return self.names + [self.instructor] * bool(self.instructor)

    def log_text(self) -> str:
        return Path(self.log.name).read_text(encoding="utf-8", errors="replace")[-20000:]

    def stop(self, timeout: float = 60) -> bool:
        """SIGINT to JupyterHub, as Ctrl+C; True when it exited within `timeout`."""
        if self.proc is None or self.proc.poll() is not None:
            return True
        self.proc.send_signal(signal.SIGINT)
        try:
            self.proc.wait(timeout=timeout)
            return True
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
            return False

    def processes_of(self, name) -> list[str]:
        try:
            uid = pwd.getpwnam(name).pw_uid
        except KeyError:
            return []
        out = subprocess.run(["ps", "-o", "pid=,args=", "-U", str(uid)], capture_output=True, text=True).stdout
        return [line.strip() for line in out.splitlines() if line.strip()]

    def kill_leftovers(self):
        """Whatever a failed run left running as the trial students (all started by this hub)."""
        for name in self.accounts:
            for line in self.processes_of(name):
                try:
                    os.kill(int(line.split()[0]), signal.SIGKILL)
                except (ProcessLookupError, ValueError):
                    pass

    def remove_users(self):
        return subprocess.run([str(self.root / "kernel-setup" / "hub"), "--remove-users", "--state", str(self.state)],
                              capture_output=True, text=True, timeout=120)

    def cleanup(self):
        self.stop()
        self.kill_leftovers()
        self.remove_users()
        shutil.rmtree(self.state, ignore_errors=True)
        self.log.close()
        try:
            os.unlink(self.log.name)
        except OSError:
            pass
