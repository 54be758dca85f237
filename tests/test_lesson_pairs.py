"""Each Rust lesson and its Python twin, compared cell by cell.

A pair is `notebooks/NN-<topic>.ipynb` (Rust (netlib) kernel) and
`notebooks/python/NN-<topic>.ipynb` (Python, standard library only), for every
lesson that has a twin (notebooks/README.md says why lesson 00 has none). The
rules (also in notebooks/README.md):

- every code cell of both carries one place tag, the same in both, in order:
  `py:code-MM` (MM = 01, 02, … in order) or `extra` (a cell the original
  course lacks: a picture, an exercise);
- each Rust cell starts with its twin's source as `// Python: …` lines (blank
  lines dropped), then the Rust code;
- what a cell shows (its stdout, then its execute_result's text/plain) is the
  same in both, after the cell's own `normalize` rules; a Rust cell's metadata
  `"netlessons": {"normalize": [[regex, replacement], …]}` applies to both sides
  (Python's spelling of a value rewritten to Rust's, ports chosen by the
  system), `{"compare": "none", "why": "…"}` skips the comparison for a cell
  whose output cannot match, saying why;
- neither writes to stderr or ends in an error unless the Python cell is tagged
  `raises-exception` (then the Rust cell must be tagged too and, when the Python
  cell raised, show the same error text, Python's `ename: evalue`, on its stdout
  or stderr; when it did not raise on this machine, show the same text);
- after the lesson, the process that ran the cells holds no more threads and
  no more TCP/UDP sockets than before (tests/lesson_runs.py).

Both notebooks are executed once per session (tests/lesson_runs.py); a
second run of every cell is the class replay's "twice" scenario
(tests/test_class_replay.py).
"""

from __future__ import annotations

import re

import pytest

import notebook_support as ns

PAIRS = ns.paired_lessons()
ids = [p.name for p in PAIRS]


# --- static checks ------------------------------------------------------------------


def test_every_twin_has_a_rust_lesson():
    for twin in sorted(ns.TWINS.glob("[0-9][0-9]-*.ipynb")):
        assert (ns.NOTEBOOKS / twin.name).is_file(), f"{twin.name} has no Rust lesson"


def test_every_lesson_has_a_twin_or_says_why_not():
    readme = (ns.NOTEBOOKS / "README.md").read_text(encoding="utf-8")
    for lesson in ns.lessons():
        if not ns.twin_of(lesson).is_file():
            assert re.search(rf"`{re.escape(lesson.name)}` has no twin: \S", readme), (
                f"{lesson.name} has no twin {ns.twin_of(lesson).relative_to(ns.ROOT)} and notebooks/README.md does not say why"
            )


@pytest.mark.parametrize("rust", PAIRS, ids=ids)
def test_tags_and_quoted_python(rust):
    twin = ns.twin_of(rust)
    r, p = ns.read(rust), ns.read(twin)
    for nb, path in ((r, rust), (p, twin)):
        tags = [ns.cell_tag(c) for c in ns.code_cells(nb)]
        assert None not in tags, f"{path.name}: a code cell without exactly one py:code-MM or extra tag"
        numbered = [t for t in tags if not t.startswith("extra:")]
        assert numbered == [f"code-{i:02d}" for i in range(1, len(numbered) + 1)], f"{path.name}: tags out of order {numbered}"
    assert r.metadata.kernelspec.name in ("rust-netlib", "rust-netlib-web")
    assert p.metadata.kernelspec.name == "python3"
    assert [ns.cell_tag(c) for c in ns.code_cells(r)] == [ns.cell_tag(c) for c in ns.code_cells(p)], "the two lessons' cells do not pair up"
    for rc, pc in zip(ns.code_cells(r), ns.code_cells(p)):
        tag = ns.cell_tag(rc)
        assert ns.quoted_python(rc.source) == ns.python_lines(pc.source), f"{tag}: the // Python: lines are not its twin's source"
        meta = ns.netlessons(rc)
        if ns.compile_fail(rc):
            # Rust refuses what Python runs (or fails at run time): the cell shows the
            # compiler's error, says which, and is tagged raises-exception, so that
            # JupyterLab's Run All goes on past it (sent with stop_on_error false).
            assert meta.get("compile_error") and meta.get("why") and ns.raises(rc), f"{tag}: compile-fail needs compile_error, why and raises-exception"
        else:
            assert ns.raises(pc) == ns.raises(rc), f"{tag}: raises-exception on one side only"
            assert "compile_error" not in meta, f"{tag}: compile_error without the compile-fail tag"
        assert set(meta) <= {"normalize", "compare", "rerun", "why", "compile_error"}, f"{tag}: unknown netlessons keys {set(meta)}"
        if meta.get("compare") == "none" or "rerun" in meta:
            assert meta.get("why"), f"{tag}: compare none and rerun need a why"
        assert meta.get("rerun", "not compared") == "not compared", f"{tag}: rerun is only ever 'not compared'"
        for pattern, _ in meta.get("normalize", []):
            re.compile(pattern)


# --- executed (tests/lesson_runs.py) ------------------------------------------------


@pytest.mark.parametrize("rust", PAIRS, ids=ids)
def test_rust_shows_what_python_shows(rust, lesson_runs):
    rust_cells = lesson_runs.rust(rust.stem).cells()
    python_cells = lesson_runs.twin(rust.stem).cells()
    assert len(rust_cells) == len(python_cells)
    for rc, pc in zip(rust_cells, python_cells):
        tag, rules = ns.cell_tag(rc), ns.rules_of(rc)
        if ns.compile_fail(rc):
            want = ns.netlessons(rc)["compile_error"]
            errors = [o for o in rc.outputs if o.output_type == "error"]
            assert len(errors) == 1 and want in errors[0].evalue, f"{tag}: not the compile error {want!r}: {ns.errors_of(rc)}"
            continue
        if ns.raises(pc) and ns.errors_of(pc):
            want = ns.errors_of(pc)[0]
            got = ns.shown(rc) + ns.stderr_of(rc) + "\n".join(ns.errors_of(rc))
            assert want in got, f"{tag}: Rust does not show Python's error {want!r}:\n{got}"
            continue
        assert not ns.errors_of(pc) and not ns.stderr_of(pc), f"{tag} (Python) failed: {ns.errors_of(pc) or ns.stderr_of(pc)}"
        assert not ns.errors_of(rc), f"{tag} (Rust) failed: {ns.errors_of(rc)[0][:2000]}"
        assert not ns.stderr_of(rc).strip(), f"{tag} (Rust) wrote to stderr: {ns.stderr_of(rc)[:2000]}"
        if ns.compared(rc):
            assert ns.shown(rc, rules) == ns.shown(pc, rules), f"{tag}: Rust and Python show different text"


@pytest.mark.parametrize("rust", PAIRS, ids=ids)
def test_a_lesson_leaves_no_thread_or_socket_behind(rust, lesson_runs):
    for run in (lesson_runs.rust(rust.stem), lesson_runs.twin(rust.stem)):
        run.cells()
        assert not run.left_behind, f"{run.path.name} left behind {'; '.join(run.left_behind)} in its kernel's cell process"


def test_lessons_02_to_05_each_show_a_bug_the_compiler_refuses():
    """The compiler as a teacher: each of lessons 02-05 has a compile-fail cell (the
    bug Python only finds at run time, or never) followed by the fixed version."""
    for rust in PAIRS:
        if not rust.name[:2] in {"02", "03", "04", "05"}:
            continue
        cells = ns.code_cells(ns.read(rust))
        failing = [i for i, c in enumerate(cells) if ns.compile_fail(c)]
        assert failing, f"{rust.name} has no compile-fail cell"
        for i in failing:
            assert i + 1 < len(cells) and not ns.compile_fail(cells[i + 1]), f"{rust.name}: no fixed version after {cells[i].id}"
