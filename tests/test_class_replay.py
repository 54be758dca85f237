"""Every lesson survives a class: pauses, re-runs, going back (tests/class_replay.py).

The replays of all lessons run once per test session, several kernels at a
time so that the pauses overlap; each lesson's verdict is its own test. The
figures go to the end-of-run summary.
"""

from __future__ import annotations

import json
import re

import pytest

import class_replay
from kernel_helpers import KERNEL_HOME

LESSONS = class_replay.lessons()
PYTHON_TWINS = sorted((class_replay.NOTEBOOKS / "python").glob("[0-9][0-9]-*.ipynb"))


@pytest.fixture(scope="module")
def replays(request):
    if not (KERNEL_HOME / "launcher.json").is_file():
        pytest.skip("the rust-netlib kernel is not installed: run ./kernel-setup/install")
    results = class_replay.replay_all(LESSONS)
    for r in results.values():
        request.config.netlessons_summary.append(f"class replay {r.summary()}")
    return results


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
