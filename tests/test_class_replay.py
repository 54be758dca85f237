"""Every lesson survives a class: pauses, re-runs, going back (tests/class_replay.py).

The replays of all lessons run once per test session, in the background from
the session's start (conftest.py), several kernels at a time so that the pauses
overlap with each other and with the other tests; each lesson's verdict is its
own test. The figures go to the end-of-run summary.

The "twice" scenario (every cell run twice in a row) is also the check that a
cell run again behaves the same: every run of a cell that succeeds shows what
its Python twin shows when the twin's cells are run twice in a row too
(tests/lesson_runs.py), after the Rust cell's normalisation rules; a run may
instead fail at once with a clear message, which the replay lists.
"""

from __future__ import annotations

import json
import re

import pytest

import class_replay
import notebook_support as ns

LESSONS = class_replay.lessons()
PYTHON_TWINS = sorted((class_replay.NOTEBOOKS / "python").glob("[0-9][0-9]-*.ipynb"))


@pytest.mark.parametrize("lesson", [p.stem for p in LESSONS])
def test_the_lesson_survives_a_class(replays, lesson):
    r = replays[lesson]
    assert not r.errors, r.errors
    assert not r.hangs, f"{lesson} hung: " + "; ".join(f"{s.tag} ({s.phase})" for s in r.hangs)
    bad = r.failures()
    assert not bad, f"{lesson}:\n" + "\n".join(f"{s.phase} {s.tag}: {s.detail}" for s in bad)
    # The replay really replayed: both scenarios ran every cell.
    assert sum(s.phase in ("after re-runs", "re-run") for s in r.steps) == 2 * r.cells, r.summary()
    assert any(s.phase == "back" for s in r.steps), r.summary()


CAPTURING = [p.stem for p in LESSONS if "wire::capture" in p.read_text(encoding="utf-8")]


@pytest.mark.parametrize("lesson", CAPTURING)
def test_without_the_cells_own_namespace_each_packet_cell_says_why(replays, lesson):
    """The class scenario's cells ran in the machine's namespace: each capture
    cell still ran (test_the_lesson_survives_a_class) and shows, in place of
    its packets, why there are none."""
    cells = class_replay.code_cells(class_replay.NOTEBOOKS / f"{lesson}.ipynb")
    capturing = {i for i, (_, source, _) in enumerate(cells) if "wire::capture" in source}
    steps = [s for s in replays[lesson].steps if s.first_run and s.index in capturing]
    assert {s.index for s in steps} == capturing, f"not every capture cell ran: {sorted(capturing)}"
    for s in steps:
        assert s.ok and "(no capture: 패킷을 잡을 수 없습니다" in s.shown, (s.tag, s.detail, s.shown[-600:])


@pytest.mark.parametrize("lesson", [p.stem for p in ns.paired_lessons()])
def test_every_run_of_a_cell_twice_in_a_row_shows_what_python_shows(replays, lesson_runs, lesson):
    rust = ns.code_cells(ns.read(ns.NOTEBOOKS / f"{lesson}.ipynb"))
    python = lesson_runs.twin_twice(lesson).cells()  # the twin, every cell twice in a row too
    steps = [s for s in replays[lesson].steps if s.phase in ("after re-runs", "re-run")]
    assert len(steps) == 2 * len(rust) == len(python), replays[lesson].summary()
    wrong = []
    for k, s in enumerate(steps):
        rc, pc = rust[s.index], python[k]
        if not s.ok or s.clear_failure or ns.raises(rc) or not ns.compared(rc) or "rerun" in ns.netlessons(rc):
            continue  # failures are judged above; a clear failure is allowed and listed
        if ns.errors_of(pc) or ns.stderr_of(pc):
            continue  # Python's run failed (e.g. lesson 04's code-13 again: its server is closed); Rust's may work
        rules = ns.rules_of(rc)
        want = ns.shown(pc, rules)
        got = ns.normalize(s.shown, rules)
        if got != want:
            wrong.append(f"{s.tag} ({s.phase}): Rust shows\n{got}\nPython shows\n{want}")
    assert not wrong, "\n".join(wrong)


# Limits that end a server's loop by the clock or by a count, in the lessons'
# code (Rust and the Python twins). A server runs until the student stops it.
TIMERS = [
    (re.compile(r"while\b.*elapsed\(\)\s*<"), "a server loop that ends after some time"),
    (re.compile(r"call_later\("), "a server closed by a timer"),
    (re.compile(r"from_secs\(\d{3,}\)"), "a timeout of minutes around a server"),
    (re.compile(r"recv_timeout\("), "a server loop that wakes up on a timer to look at a flag"),
    (re.compile(r"\.incoming\(\)\.take\(\d{3,}"), "an accept loop that stops after a safety count of connections"),
    (re.compile(r"for _ in (?:0\.\.|range\()(?:[1-9]\d{2,}|\d+_\d+)[)\s]*[:{].*\n(?:.*\n){0,3}.*(?:accept|recv\(\)|recv_from)"),
     "an accept or receive loop bounded by a count"),
]


@pytest.mark.parametrize("path", LESSONS + PYTHON_TWINS, ids=lambda p: str(p.relative_to(class_replay.NOTEBOOKS)))
def test_no_server_stops_on_a_timer(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    found = []
    for cell in nb["cells"]:
        if cell["cell_type"] != "code":
            continue
        # An exercise's given code (its check, and the helpers a fix-the-bug exercise
        # starts from) plays the student's peer for a few seconds and must end whatever
        # the student's code does: its waits are bounded on purpose.
        grader = cell.get("metadata", {}).get("nbgrader", {})
        if grader.get("locked") and not grader.get("solution"):
            continue
        # The Rust cells quote their twin's Python as comments; check code only.
        source = "".join(line for line in cell["source"] if not line.lstrip().startswith("// Python:"))
        for pattern, why in TIMERS:
            for m in pattern.finditer(source):
                found.append(f"{cell.get('id')}: {why}: {m.group(0).splitlines()[0]!r}")
    assert not found, "\n".join(found)


def test_the_timer_check_finds_the_timers_lessons_used_to_have():
    # The old lessons 04-06 (before the class replay): each of these must be found.
    old = [
        "while !stop.load(SeqCst) && started.elapsed() < Duration::from_secs(60) {",
        "asyncio.get_running_loop().call_later(600, server.close)",
        "let _ = tokio::time::timeout(Duration::from_secs(600), accept_loop).await;",
        "if let Ok(Some(request)) = server.recv_timeout(Duration::from_millis(100)) {",
        "for conn in listener.incoming().take(100) {",
        "for _ in 0..600 { // 60 s\n    if stop.load(SeqCst) { break; }\n    let Ok((n, a)) = udp.recv_from(&mut data) else { continue };",
    ]
    for text in old:
        assert any(p.search(text + "\n") for p, _ in TIMERS), text
