"""Shared by the Python-side tests (kernel, lessons, HTML export).

They need the environment ./kernel-setup/install builds; ./kernel-setup/test
runs it first. Run them alone with: .venv/bin/python -m pytest tests/
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
# The rust-netlib kernelspec is in .venv; a same-named user-wide one must not win.
os.environ.setdefault("JUPYTER_PREFER_ENV_PATH", "1")


def pytest_report_header(config):
    launcher = ROOT / "build" / "kernel" / "launcher.json"
    if not launcher.is_file():
        return "rust-netlib kernel: not installed (run ./kernel-setup/install)"
    import json

    evcxr = json.loads(launcher.read_text())["evcxr"]
    state = "present" if os.access(evcxr, os.X_OK) else "MISSING"
    return f"rust-netlib kernel: evcxr_jupyter {state} at {evcxr}, home {launcher.parent}"


def pytest_configure(config):
    # Lines tests add for the end of the run (measurements: reported, never asserted).
    config.netlessons_summary = []


def pytest_terminal_summary(terminalreporter, config):
    if config.netlessons_summary:
        terminalreporter.section("netlessons measurements")
        for line in config.netlessons_summary:
            terminalreporter.write_line(line)


def pytest_collection_modifyitems(config, items):
    if (ROOT / "build" / "kernel" / "launcher.json").is_file():
        return
    skip = pytest.mark.skip(reason="the rust-netlib kernel is not installed: run ./kernel-setup/install")
    for item in items:
        if "kernel" in item.fixturenames or item.module.__name__ in ("test_kernel", "test_lab", "test_browser"):
            item.add_marker(skip)
