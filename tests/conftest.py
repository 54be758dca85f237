"""Shared by the Python-side tests (kernel, lessons, HTML export).

They need the environment ./kernel-setup/install builds; ./kernel-setup/test
runs it first. Run them alone with: .venv/bin/python -m pytest tests/
"""

import os
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# The rust-netlib kernelspec is in .venv; a same-named user-wide one must not win.
os.environ.setdefault("JUPYTER_PREFER_ENV_PATH", "1")
# Lesson 07 measures its servers under 10, 100 and 1,000 concurrent clients; the
# tests run it at a reduced size (its kernels inherit this environment through
# jupyter_client and the kernel launcher), the full size is
# ./kernel-setup/bench/lesson07's.
os.environ.setdefault("NETLESSONS_LOAD_SIZES", "10,50")


def pytest_report_header(config):
    launcher = ROOT / "build" / "kernel" / "launcher.json"
    if not launcher.is_file():
        return "rust-netlib kernel: not installed (run ./kernel-setup/install)"
    import json

    evcxr = json.loads(launcher.read_text())["evcxr"]
    state = "present" if os.access(evcxr, os.X_OK) else "MISSING"
    return f"rust-netlib kernel: evcxr_jupyter {state} at {evcxr}, home {launcher.parent}"


def pytest_terminal_summary(terminalreporter, config):
    if config.netlessons_summary:
        terminalreporter.section("netlessons measurements")
        for line in config.netlessons_summary:
            terminalreporter.write_line(line)


# --- the one skip rule ----------------------------------------------------------------
#
# A test that needs something this machine may lack says so with
# `@pytest.mark.needs("kernel", ...)` (or a module's `pytestmark`); a test using a
# fixture that runs the kernel needs it without saying. Missing, the test is
# skipped with the reason below; nothing else in tests/ decides to skip.


def _launcher_ok() -> bool:
    return (ROOT / "build" / "kernel" / "launcher.json").is_file()


NEEDS = {
    "kernel": (_launcher_ok, "the rust-netlib kernel is not installed: run ./kernel-setup/install"),
    "chromium": (
        lambda: shutil.which("chromium") or shutil.which("chromium-browser"),
        "Debian's chromium is not installed and could not be: ./kernel-setup/test installs it as root"
        " (apt-get install chromium fonts-noto-cjk); NETLESSONS_NO_BROWSER=1 was set, or no root/sudo",
    ),
    "root": (lambda: os.geteuid() == 0, "it creates Unix accounts and JupyterHub starts servers as them: run as root"),
    "npm": (lambda: shutil.which("npm"), "npm (Node.js >= 20) is needed for JupyterHub's configurable-http-proxy"),
}
KERNEL_FIXTURES = {"kernel", "lesson_runs", "replays"}


def pytest_configure(config):
    # Lines tests add for the end of the run (measurements: reported, never asserted).
    config.netlessons_summary = []
    config.addinivalue_line("markers", "needs(*what): skip unless each of " + ", ".join(NEEDS) + " is there")


def needs_of(item) -> list[str]:
    what = [name for mark in item.iter_markers("needs") for name in mark.args]
    if KERNEL_FIXTURES & set(getattr(item, "fixturenames", ())):
        what.append("kernel")
    return what


def pytest_collection_modifyitems(config, items):
    present = {}
    for item in items:
        for what in needs_of(item):
            if what not in present:
                present[what] = bool(NEEDS[what][0]())
            if not present[what]:
                item.add_marker(pytest.mark.skip(reason=NEEDS[what][1]))
                break


# --- work that starts with the session -------------------------------------------------
#
# The lessons' one run (lesson_runs.py) and the class replay (class_replay.py) start
# in the background as soon as a test that reads them is collected, so their
# kernels' starts and the replay's pauses overlap with the other tests.

BACKGROUND: dict = {}


def pytest_collection_finish(session):
    if session.config.option.collectonly:
        return
    wanted = set()
    for item in session.items:
        if not any(m.name == "skip" for m in item.iter_markers()):
            wanted |= KERNEL_FIXTURES & set(getattr(item, "fixturenames", ()))
    if "replays" in wanted:
        import class_replay

        pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="class-replay")
        BACKGROUND["replays"] = pool.submit(class_replay.replay_all, class_replay.lessons())
        pool.shutdown(wait=False)
    if "lesson_runs" in wanted:
        lesson_runs_object().start()


def lesson_runs_object():
    if "lesson_runs" not in BACKGROUND:
        import lesson_runs

        BACKGROUND["lesson_runs"] = lesson_runs.LessonRuns()
    return BACKGROUND["lesson_runs"]


@pytest.fixture(scope="session")
def lesson_runs():
    """Every lesson and twin executed once for the session (tests/lesson_runs.py)."""
    return lesson_runs_object()


@pytest.fixture(scope="session")
def replays(request):
    """The class replay of every lesson (tests/class_replay.py), started with the session."""
    import class_replay

    if "replays" not in BACKGROUND:
        BACKGROUND["replays"] = ThreadPoolExecutor(max_workers=1).submit(class_replay.replay_all, class_replay.lessons())
    results = BACKGROUND["replays"].result()
    for r in results.values():
        request.config.netlessons_summary.append(f"class replay {r.summary()}")
    return results


def pytest_sessionfinish(session):
    if "lesson_runs" in BACKGROUND:
        BACKGROUND["lesson_runs"].shutdown()
    if "replays" in BACKGROUND:
        BACKGROUND["replays"].result()  # its kernels end with it
