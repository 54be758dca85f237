"""The test session's one run of every lesson and of every twin.

Each lesson `notebooks/NN-*.ipynb` is executed once per test session, Run-All
order in one fresh Rust (netlib) kernel (nbclient, through
`notebooks/tools/lessons.py`, the same code the HTML export uses), and each
twin `notebooks/python/NN-*.ipynb` once, on the `python3` kernel or, when its
metadata says `"netlessons": {"python": "3.13"}`, by CPython 3.13 itself (and
once more with every cell run twice in a row, for the class replay's "twice"
scenario of the Rust lesson). Every
test that needs a lesson's outputs reads this run: the comparison with the
twin, the pictures, the export's HTML, the browser's and the hub's expected
text, the timings. For a lesson with exercises it also runs the exercises of the
student copy (notebooks/student/) and the exercises with the wrong answers of
tests/exercise_mistakes.py (tests/test_exercises.py reads both).

The runs start in the background when the session has collected a test that
needs them (conftest.py), so they overlap with tests that need no lesson, and
a test waits only for the lesson it reads. The executed notebooks are written
to `build/test-lessons/` (the twins to `build/test-lessons/python/`), where
`./kernel-setup/export --executed build/test-lessons` reads them; the timings
to `build/test-timings/<lesson>.json`.

Around each run, the process that runs the cells (evcxr's cell process, or
ipykernel) is looked at: after the lesson it must hold no more threads and no
more TCP/UDP sockets than before (servers stopped, connections closed); the
Rust kernel's own tokio thread, which the first `.await` starts for the
session, is not counted.
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
import time
import traceback
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

import notebook_support as ns

from netlessons.notebooks import lessons as lesson_tool

OUT = ns.ROOT / "build" / "test-lessons"
# Rust lessons executed at once (each a kernel of ~0.6 GB and a CPU-bound start).
WORKERS = int(os.environ.get("NETLESSONS_LESSON_WORKERS", 2))

# A cell printing the id of the process that runs the cells (for evcxr: its
# runtime child, not the kernel process).
PID_CELL = {"rust-netlib": 'println!("{}", std::process::id());', "python3": "import os\nprint(os.getpid())"}
# The kernel's own thread that runs tokio tasks (evcxr patch 0004): the first
# `.await` of a session starts it and it stays for the kernel's life, as
# ipykernel's asyncio loop does; not a thread a lesson left behind.
KERNEL_THREADS = {"evcxr-tokio"}


@dataclass
class Run:
    path: Path
    nb: nbformat.NotebookNode | None = None
    timing: dict = field(default_factory=dict)
    left_behind: list[str] = field(default_factory=list)  # threads/sockets the lesson left in its process
    error: str | None = None  # the run itself failed (kernel did not start, ...)

    def cells(self) -> list:
        assert self.error is None, f"{self.path.name} did not run: {self.error}"
        return ns.code_cells(self.nb)


def inet_sockets(pid: int) -> int:
    """TCP and UDP sockets (IPv4 and IPv6) the process holds open."""
    inodes = set()
    for table in ("tcp", "tcp6", "udp", "udp6"):
        try:
            rows = Path(f"/proc/{pid}/net/{table}").read_text().splitlines()[1:]
        except OSError:
            continue
        inodes.update(row.split()[9] for row in rows)
    held = 0
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = fd.readlink().as_posix()
        except OSError:
            continue
        if target.startswith("socket:[") and target[8:-1] in inodes:
            held += 1
    return held


def threads(pid: int) -> int:
    count = 0
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            name = (task / "comm").read_text().strip()
        except OSError:  # the thread ended meanwhile
            continue
        count += name not in KERNEL_THREADS
    return count


def resources(pid: int) -> tuple[int, int]:
    return threads(pid), inet_sockets(pid)


def leak_check(kernel_name: str, found: list[str]):
    """`around` for lessons.execute: the cell process's threads and sockets before
    the lesson and after it (threads told to stop may take a moment to end)."""

    @contextlib.contextmanager
    def around(client):
        # In a notebook of its own: nbclient writes a cell's outputs by index.
        client.nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(PID_CELL[kernel_name])])
        probe = client.nb.cells[0]
        client.execute_cell(probe, 0)
        pid = int(ns.stdout_of(probe).strip())
        before = resources(pid)
        yield
        deadline = time.monotonic() + 10
        while (after := resources(pid)) > before and time.monotonic() < deadline:
            time.sleep(0.2)
        found.extend(f"{what}: {b} before, {a} after" for what, b, a in zip(("threads", "sockets"), before, after) if a > b)

    return around


def run_rust(path: Path) -> Run:
    run = Run(path)
    try:
        run.nb, run.timing = lesson_tool.execute(path, around=leak_check("rust-netlib", run.left_behind))  # the Rust probe, on either Rust kernel
    except Exception:
        run.error = traceback.format_exc()[-4000:]
        return run
    OUT.mkdir(parents=True, exist_ok=True)
    nbformat.write(run.nb, OUT / path.name)
    write_timing(path.stem, run.nb, run.timing)
    return run


def run_student(path: Path) -> Run:
    """A lesson's student copy (notebooks/student/, nbgrader's), its exercise cells after
    the set-up cell: its answers are `todo!()`, so every check fails, and must say so
    readably. The copy's other cells are the lesson's (test_exercises checks the copy is
    what nbgrader makes of the lesson), which the lesson's own run executes."""
    import exercises

    run = Run(path)
    try:
        run.nb, run.timing = lesson_tool.execute(path, nb=exercises.exercises_only(ns.read(path)))
    except Exception:
        run.error = traceback.format_exc()[-4000:]
    return run


def run_mistakes(lesson: Path) -> list[tuple[Run, list]]:
    """The lesson's exercises with the wrong answers of tests/exercise_mistakes.py, one
    fresh kernel per round (exercises.mistake_rounds)."""
    import exercise_mistakes
    import exercises

    runs = []
    for nb, chosen in exercises.mistake_rounds(lesson, exercise_mistakes.MISTAKES.get(lesson.stem, [])):
        run = Run(lesson)
        try:
            run.nb, run.timing = lesson_tool.execute(lesson, nb=nb)
        except Exception:
            run.error = traceback.format_exc()[-4000:]
        runs.append((run, chosen))
    return runs


def run_twin(path: Path) -> Run:
    run = Run(path)
    try:
        if ns.runs_on_python_313(ns.read(path)):
            run.nb, run.timing = ns.execute_on_python_313(path)
        else:
            run.nb, run.timing = lesson_tool.execute(path, kernel_name="python3", around=leak_check("python3", run.left_behind))
    except Exception:
        run.error = traceback.format_exc()[-4000:]
        return run
    (OUT / "python").mkdir(parents=True, exist_ok=True)
    nbformat.write(run.nb, OUT / "python" / path.name)
    return run


def run_twin_twice(path: Path) -> Run:
    """The twin with every code cell run twice in a row, in one fresh kernel: what the
    class replay's "twice" scenario of the Rust lesson is compared with."""
    run = Run(path)
    try:
        nb = ns.each_cell_twice(ns.read(path))
        if ns.runs_on_python_313(nb):
            run.nb, _ = ns.execute_on_python_313(path, nb)
        else:
            run.nb, _ = lesson_tool.execute(path, kernel_name="python3", nb=nb)
    except Exception:
        run.error = traceback.format_exc()[-4000:]
    return run


def write_timing(name: str, nb, timing: dict) -> None:
    ns.TIMINGS.mkdir(parents=True, exist_ok=True)
    tags = {cell.get("id"): ns.py_tag(cell) or cell.get("id") for cell in nb.cells}
    cells = {tags.get(cid, cid): round(t, 3) for cid, t in timing["cells"].items()}
    data = {
        "startup_s": round(timing["startup_s"], 2),
        "total_s": round(timing["total_s"], 2),
        "cells_s": round(sum(cells.values()), 2),
        "cells": cells,
    }
    (ns.TIMINGS / f"{name}.json").write_text(json.dumps(data, indent=1) + "\n")


class LessonRuns:
    """Every lesson and twin, each executed once, in the background; `rust(name)`
    and `twin(name)` wait for that one run."""

    def __init__(self, workers: int = WORKERS):
        self.workers = workers
        self._rust: dict[str, Future] = {}
        self._twins: dict[str, Future] = {}
        self._twice: dict[str, Future] = {}
        self._student: dict[str, Future] = {}
        self._mistakes: dict[str, Future] = {}
        self._lock = threading.Lock()
        self._pools: list[ThreadPoolExecutor] = []
        self.started_at: float | None = None

    def start(self) -> None:
        with self._lock:
            if self.started_at is not None:
                return
            self.started_at = time.monotonic()
            # Twins first, in a pool of their own: they are quick, and the browser
            # and hub tests need lesson 01's twin early.
            twins = ThreadPoolExecutor(max_workers=1, thread_name_prefix="twin")
            rust = ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="lesson")
            self._pools = [twins, rust]
            for path in ns.paired_lessons():
                self._twins[path.stem] = twins.submit(run_twin, ns.twin_of(path))
            for path in ns.lessons():
                self._rust[path.stem] = rust.submit(run_rust, path)
            for path in ns.paired_lessons():
                self._twice[path.stem] = twins.submit(run_twin_twice, ns.twin_of(path))
            # The exercises' other runs after every lesson's: the lessons feed more tests.
            import exercises

            for path in exercises.lessons_with_exercises():
                self._student[path.stem] = rust.submit(run_student, exercises.student_copy(path))
                self._mistakes[path.stem] = rust.submit(run_mistakes, path)

    def rust(self, name: str) -> Run:
        self.start()
        return self._rust[name].result()

    def twin(self, name: str) -> Run:
        self.start()
        return self._twins[name].result()

    def twin_twice(self, name: str) -> Run:
        self.start()
        return self._twice[name].result()

    def student(self, name: str) -> Run:
        """The lesson's student copy's exercises, run after its set-up cell."""
        self.start()
        return self._student[name].result()

    def mistakes(self, name: str) -> list[tuple[Run, list]]:
        """The lesson's exercises run with wrong answers: (run, the mistakes in it) per round."""
        self.start()
        return self._mistakes[name].result()

    def all_rust(self) -> dict[str, Run]:
        self.start()
        return {name: future.result() for name, future in self._rust.items()}

    def shutdown(self) -> None:
        for pool in self._pools:
            pool.shutdown(wait=True, cancel_futures=True)
