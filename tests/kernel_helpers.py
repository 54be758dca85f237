"""Starting the real Rust (netlib) kernel from tests, and reading what a cell printed.

Everything goes through jupyter_client and the `rust-netlib` kernelspec that
./kernel-setup/install registered in .venv, exactly as JupyterLab does.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from jupyter_client import KernelManager

from netlessons.kernel.selfcheck import COMPILING

ROOT = Path(__file__).resolve().parents[1]
KERNEL_HOME = ROOT / "build" / "kernel"
KERNEL_NAME = "rust-netlib"
# A slot that must be refreshed from the cache or a netlib that changed since
# the install can take minutes on 2 busy cores; a warm start takes seconds.
STARTUP_TIMEOUT = float(os.environ.get("NETLESSONS_KERNEL_STARTUP_TIMEOUT", 900))
CELL_TIMEOUT = float(os.environ.get("NETLESSONS_CELL_TIMEOUT", 300))

ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


@dataclass
class CellResult:
    status: str
    stdout: str = ""
    stderr: str = ""
    results: list[str] = field(default_factory=list)  # text/plain of execute_result
    bundles: list[dict] = field(default_factory=list)  # every MIME type of each result
    errors: list[dict] = field(default_factory=list)  # iopub error contents

    @property
    def error_text(self) -> str:
        return "\n".join(
            ANSI.sub("", "\n".join([e.get("evalue", ""), *e.get("traceback", [])])) for e in self.errors
        )

    @property
    def text(self) -> str:
        """Everything the cell showed, as a student would read it."""
        return "\n".join([self.stdout, self.stderr, *self.results, self.error_text])


class Kernel:
    """One running kernel, its client, and the file that collects its stdout and stderr."""

    def __init__(self, env: dict | None = None, cwd: Path | None = None, kernel_name: str = KERNEL_NAME):
        self.log = tempfile.NamedTemporaryFile(prefix="rust-netlib-kernel-", suffix=".log", delete=False)
        self.km = KernelManager(kernel_name=kernel_name)
        full_env = dict(os.environ)
        full_env.pop("NETLIB_KERNEL_PREBUILD", None)
        full_env.update(env or {})
        self.started = time.monotonic()
        self.km.start_kernel(env=full_env, stdout=self.log, stderr=self.log, cwd=str(cwd or ROOT))
        self.kc = self.km.client()
        self.kc.start_channels()
        self.wait_ready()

    def wait_ready(self):
        try:
            self.kc.wait_for_ready(timeout=STARTUP_TIMEOUT)
        except RuntimeError as exc:
            log = self.log_text()  # before shutdown() closes the file
            self.shutdown()
            raise RuntimeError(f"{exc}\n--- kernel log ---\n{log}") from exc
        self.ready_after = time.monotonic() - self.started

    def log_text(self) -> str:
        self.log.flush()
        return ANSI.sub("", Path(self.log.name).read_text(encoding="utf-8", errors="replace"))

    def slot(self) -> str | None:
        """The build directory the launcher gave the most recent start."""
        found = re.findall(r"starting evcxr_jupyter in (\S+)", self.log_text())
        return found[-1] if found else None

    def execute(self, code: str, timeout: float = CELL_TIMEOUT, on_message=None) -> CellResult:
        """Runs `code` and collects what it shows; `on_message(msg)` sees each of its
        output messages as it arrives (a test can act while the cell runs)."""
        result = CellResult(status="?")

        def on_output(msg):
            if on_message:
                on_message(msg)
            kind, content = msg["msg_type"], msg["content"]
            if kind == "stream":
                if content["name"] == "stdout":
                    result.stdout += content["text"]
                else:
                    result.stderr += content["text"]
            elif kind in ("execute_result", "display_data"):
                result.results.append(content["data"].get("text/plain", ""))
                result.bundles.append(content["data"])
            elif kind == "error":
                result.errors.append(content)

        try:
            reply = self.kc.execute_interactive(code, timeout=timeout, output_hook=on_output, allow_stdin=False)
        except TimeoutError as exc:
            raise TimeoutError(f"cell did not finish in {timeout} s:\n{code}\n--- kernel log ---\n{self.log_text()}") from exc
        result.status = reply["content"]["status"]
        return result

    def restart(self):
        self.started = time.monotonic()
        self.km.restart_kernel(now=False)
        self.kc.stop_channels()
        self.kc = self.km.client()
        self.kc.start_channels()
        self.wait_ready()

    def shutdown(self):
        try:
            self.kc.stop_channels()
        finally:
            if self.km.has_kernel:
                self.km.shutdown_kernel(now=False)
        self.log.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.shutdown()
        os.unlink(self.log.name)



@contextmanager
def kernels_at_once(n: int, **kwargs):
    """Starts `n` kernels at the same moment (threads), as two notebooks opened
    together would; yields them once all are up and shuts them all down after."""
    kernels: list[Kernel] = []
    errors: list[BaseException] = []

    def start():
        try:
            kernels.append(Kernel(**kwargs))
        except BaseException as exc:  # reported below, with the kernel's log
            errors.append(exc)

    threads = [threading.Thread(target=start) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    try:
        assert not errors, errors
        yield kernels
    finally:
        for k in kernels:
            k.__exit__(None, None, None)

def compiled_crates(log: str) -> list[str]:
    """Crates cargo rebuilt, as evcxr relays cargo's "Compiling" lines to its stderr."""
    return COMPILING.findall(log)


def dependency_libraries(build_dir: Path) -> dict[str, tuple[int, int]]:
    """The compiled dependencies of a kernel build dir (their .rlib and .rmeta
    files; the cells are .so files): name -> (size, mtime)."""
    return {
        p.name: (p.stat().st_size, p.stat().st_mtime_ns)
        for p in Path(build_dir).glob("target/*/debug/deps/*")
        if p.suffix in (".rlib", ".rmeta")
    }


def rebuilt_since(cache: dict, slot: dict, keep=lambda name: True) -> tuple[list[str], list[str]]:
    """What a build slot compiled that the cache it was copied from had: the
    cache's libraries it changed (cp -a keeps size and time; a rebuild does not),
    and .rlib files the cache lacks (an analysis's metadata-only .rmeta may come
    and go). `keep` picks the names that count."""
    changed = sorted(n for n, stat in cache.items() if keep(n) and slot.get(n) != stat)
    built = sorted(n for n in slot if keep(n) and n.endswith(".rlib") and n not in cache)
    return changed, built


def make_kernel_home(home: Path, netlib: Path | None = None, path: str | None = None, copy_cache: bool = True):
    """A kernel home of its own for a test: config, settings, and a copy of the prebuilt cache.

    The copied cache holds netlib's dependencies already built (their cargo
    hashes do not depend on where netlib is), so only netlib itself rebuilds.
    """
    settings = json.loads((KERNEL_HOME / "launcher.json").read_text())
    cmd = [
        sys.executable,
        str(ROOT / "kernel-setup" / "kernel" / "configure.py"),
        "--home", str(home),
        "--root", str(ROOT),
        "--evcxr", settings["evcxr"],
        "--path", path if path is not None else settings["path"],
    ]
    if netlib is not None:
        cmd += ["--netlib", str(netlib)]
    subprocess.run(cmd, check=True)
    if copy_cache and (KERNEL_HOME / "cache").is_dir():
        subprocess.run(["cp", "-a", str(KERNEL_HOME / "cache"), str(home / "cache")], check=True)
    return home


def copy_netlib(dest: Path) -> Path:
    """netlib's sources without build output, for breaking them in a test."""
    shutil.copytree(ROOT / "netlib", dest, ignore=shutil.ignore_patterns("target"))
    return dest
