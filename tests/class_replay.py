"""A lesson replayed the way a class runs it, not top to bottom in one go.

Students read for minutes between cells, run a cell twice, go back a few
cells and run forward again. `play(lesson, scenario)` does that on fresh Rust
(netlib) kernels, one per scenario, through jupyter_client:

- **class** (kernel 1): the lesson from the top; after its first cell that
  starts a server meant to outlive the cell (else its first cell that binds a
  socket), a pause of `PAUSE` seconds (longer than any timer a lesson ever
  had), so the cells after it talk to a server that has waited; from the middle
  cell (or the pause, if later), back three cells from the middle, and from
  there on to the end.
- **twice** (kernel 2): every code cell run twice in a row.

The class scenario's kernel runs its cells in the machine's network namespace
(`NETLIB_KERNEL_NETNS=0`), as on a system that does not let users make
namespaces: every lesson must still run, and each packet picture shows why it
is missing (tests/test_class_replay.py); the twice scenario's has its own.

A step is good when the cell's reply is "ok" with no error output and nothing
on stderr (a panic or a `?` error shows there); a cell tagged
`raises-exception` only has to finish. In the class scenario every step must
be good, except the cells run again after going back. Those, and every
step of the "twice" scenario but the lesson's first cell, may instead fail at
once with a clear message a student can act on: within `FAST_FAIL` seconds, a
compile error (a variable a re-run or a later cell consumed) or an error the
cell returned (an OS error through `?`), never a panic or a lost cell
process. Such steps are counted and listed, so a lesson's re-run behaviour is
visible. A cell that does not finish within `CELL_TIMEOUT` is a hang and ends
that kernel's replay.

Run alone for a table: `.venv/bin/python tests/class_replay.py [lesson ...]`.
"""

from __future__ import annotations

import os
import re
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from kernel_helpers import Kernel
import notebook_support as ns
from netlessons.notebooks import lessons as lesson_tool
from notebook_support import shown_text

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
PAUSE = float(os.environ.get("NETLESSONS_REPLAY_PAUSE", 75))
CELL_TIMEOUT = float(os.environ.get("NETLESSONS_REPLAY_CELL_TIMEOUT", 90))
FAST_FAIL = 15.0
# The cell after which the class pauses: the first that starts a server meant to
# outlive the cell (a serve_forever, start_server or HTTP server), or else the first
# that binds a socket.
LONG_LIVED_SERVER = re.compile(r"serve_forever|start_server|Server::http")
BINDS = re.compile(r"TcpListener::bind|UdpSocket::bind")


def pause_after(cells) -> int | None:
    for pattern in (LONG_LIVED_SERVER, BINDS):
        for i, (_, source, _) in enumerate(cells):
            if pattern.search(source):
                return i
    return None


PHASES = ("straight", "after pause", "back", "after re-runs", "re-run")


@dataclass
class Step:
    phase: str
    index: int  # position among the lesson's code cells
    tag: str
    ok: bool
    detail: str = ""
    seconds: float = 0.0
    clear_failure: bool = False  # failed at once with a clear message (allowed on re-runs)
    first_run: bool = False  # the cell's first run in the class scenario
    hung: bool = False  # no reply within the cell timeout; the kernel's replay ended there
    shown: str = ""  # stdout, then each result's text/plain (notebook_support.shown_text)


@dataclass
class Replay:
    lesson: str
    cells: int = 0
    paused_after: str | None = None
    steps: list[Step] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # a kernel could not be started or died

    @property
    def hangs(self) -> list[Step]:
        return [s for s in self.steps if s.hung]

    def failures(self, phase: str | None = None) -> list[Step]:
        return [s for s in self.steps if not s.ok and (phase is None or s.phase == phase)]

    def clear_failures(self, phase: str | None = None) -> list[Step]:
        return [s for s in self.steps if s.clear_failure and (phase is None or s.phase == phase)]

    def summary(self) -> str:
        def count(phase):
            bad = self.failures(phase)
            text = f"{len(bad)}" + (f" ({', '.join(s.tag for s in bad)})" if bad else "")
            clear = self.clear_failures(phase)
            if clear:
                text += f", {len(clear)} failed at once with a clear message ({', '.join(s.tag for s in clear)})"
            return text

        parts = [f"{self.lesson}: {self.cells} cells"]
        first = [s for s in self.steps if s.first_run]
        paused = f", paused after {self.paused_after}" if self.paused_after else ""
        parts.append(f"first runs {sum(s.ok for s in first)}/{len(first)} ok{paused}")
        parts += [f"{phase} {count(phase)} failed" for phase in PHASES[1:]]
        for hang in self.hangs:
            parts.append(f"HANG at {hang.tag} ({hang.phase})")
        for error in self.errors:
            parts.append(f"ERROR {error}")
        return "; ".join(parts)


def code_cells(path: Path):
    nb = nbformat.read(path, as_version=4)
    cells = []
    for c in nb.cells:
        if c.cell_type != "code":
            continue
        tags = c.metadata.get("tags", [])
        tag = next((t for t in tags if t.startswith("py:") or t == "extra"), c.get("id", "?"))
        if tag == "extra":
            tag = f"extra:{c.get('id', '?')}"
        cells.append((tag, c.source, "raises-exception" in tags))
    return cells


def judge(result, raises: bool) -> tuple[bool, str]:
    if raises:
        return True, ""
    if result.status == "ok" and not result.errors and not result.stderr.strip():
        return True, ""
    return False, (result.error_text or result.stderr or f"status {result.status}")[:600]


def is_clear_failure(result, seconds: float) -> bool:
    """Failed at once, saying why: a compile error or an error the cell returned."""
    text = result.text
    if seconds > FAST_FAIL or "panicked at" in text or "Subprocess terminated" in text:
        return False
    return bool(result.errors or result.stderr.strip())


def play(path: Path, scenario: str, pause: float, cell_timeout: float) -> Replay:
    """One scenario ("class" or "twice") of one lesson on a fresh kernel."""
    cells = code_cells(path)
    out = Replay(lesson=path.stem, cells=len(cells))
    try:
        kernel = Kernel(
            cwd=path.parent,
            env={"NETLIB_KERNEL_NETNS": "0"} if scenario == "class" else None,
            kernel_name=lesson_tool.kernel_of(ns.read(path)),
        )
    except Exception as exc:  # reported in the result, with the kernel's log
        out.errors.append(f"{scenario}: kernel did not start: {exc}"[:2000])
        return out

    def run(phase: str, i: int, lenient: bool = False, first: bool = False) -> bool:
        tag, source, raises = cells[i]
        started = time.monotonic()
        try:
            result = kernel.execute(source, timeout=cell_timeout)
        except TimeoutError:
            detail = f"no reply within {cell_timeout:.0f} s"
            out.steps.append(Step(phase, i, tag, False, detail, cell_timeout, first_run=first, hung=True))
            return False
        seconds = time.monotonic() - started
        ok, detail = judge(result, raises)
        clear = False
        if not ok and lenient and is_clear_failure(result, seconds):
            ok, clear = True, True
        shown = shown_text(result.stdout, result.results)
        out.steps.append(Step(phase, i, tag, ok, detail, seconds, clear, first, shown=shown))
        return True

    with kernel:  # shuts it down and removes its log, whatever happens
        try:
            scenario_steps(scenario, cells, run, pause, out)
        except Exception as exc:
            out.errors.append(f"{scenario}: {type(exc).__name__}: {exc}"[:2000])
    return out


def scenario_steps(scenario: str, cells, run, pause: float, out: Replay) -> None:
    """Runs the scenario's steps through `run` until one hangs."""
    if scenario == "class":
        middle, paused, server = len(cells) // 2, False, pause_after(cells)
        turn = middle if server is None else max(middle, server)
        for i in range(turn + 1):
            if not run("after pause" if paused else "straight", i, first=True):
                return
            if i == server:
                time.sleep(pause)
                paused, out.paused_after = True, cells[i][0]
        for i in range(max(0, middle - 3), len(cells)):
            if not run("back", i, lenient=i <= turn, first=i > turn):
                return
    else:
        for i in range(len(cells)):
            if not run("after re-runs", i, lenient=i > 0) or not run("re-run", i, lenient=True):
                return


def merge(parts: list[Replay]) -> Replay:
    out = Replay(lesson=parts[0].lesson, cells=parts[0].cells)
    for part in parts:
        out.steps += part.steps
        out.errors += part.errors
        out.paused_after = out.paused_after or part.paused_after
    return out


def lessons() -> list[Path]:
    return ns.lessons()


def replay_all(paths: list[Path], workers: int = 4, pause: float = PAUSE) -> dict[str, Replay]:
    """Every scenario of every lesson on its own kernel, several at once so that
    the pauses overlap with other lessons' work."""
    jobs = [(p, scenario) for p in paths for scenario in ("class", "twice")]
    with ThreadPoolExecutor(max_workers=workers) as pool:
        done = list(pool.map(lambda job: play(job[0], job[1], pause, CELL_TIMEOUT), jobs))
    return {p.stem: merge(done[2 * i : 2 * i + 2]) for i, p in enumerate(paths)}


if __name__ == "__main__":
    wanted = sys.argv[1:]
    paths = [p for p in lessons() if not wanted or any(p.name.startswith(w) for w in wanted)]
    for r in replay_all(paths).values():
        print(r.summary())
        for s in r.failures() + r.clear_failures():
            print(f"    {s.phase} {s.tag} ({s.seconds:.1f} s): {s.detail.splitlines()[0] if s.detail else ''}")
