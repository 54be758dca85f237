"""The lessons' exercises: instructor notebooks whose checks all pass, student copies
made by nbgrader that hold no answer and whose checks all fail readably, wrong answers
that get their hint, and a real nbgrader round trip on the real kernel.

What an exercise is, and how the tests find its cells: tests/exercises.py. The runs
(the lessons, the student copies, the wrong answers) are the session's, from
tests/lesson_runs.py.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

import exercises as ex
import notebook_support as ns
from exercise_mistakes import MISTAKES

LESSONS = ex.lessons_with_exercises()
ids = [p.stem for p in LESSONS]
# Exercises each lesson has at least (issue 19 asks for 2 in lesson 00 and 4 in 01-06).
AT_LEAST = {"00-network-programming": 2, "01-ipaddress-and-socket": 4, "02-tcp-udp-sockets": 4, "03-select-selectors": 4, "04-socketserver": 4, "05-asyncio-tokio": 4, "06-urllib-http": 4}
STUB = "todo!()"
NOT_WRITTEN = "아직 작성하지 않았다"


def text_of(cell) -> str:
    """Everything a cell showed: stdout, stderr, results' text, errors."""
    return "\n".join([ns.shown(cell), ns.stderr_of(cell), *ns.errors_of(cell)])


def exercises_of(nb) -> dict[str, dict[str, object]]:
    """exercise -> {"text"/"code"/"check"/...: cell}, in notebook order."""
    found: dict[str, dict] = {}
    for cell in nb.cells:
        name = ex.exercise_of(cell)
        if name:
            found.setdefault(name, {})[cell.id.removeprefix(name + "-")] = cell
    return found


# --- static ---------------------------------------------------------------------------


def test_the_lessons_have_their_exercises():
    for stem, least in AT_LEAST.items():
        found = exercises_of(ns.read(ns.NOTEBOOKS / f"{stem}.ipynb"))
        assert len(found) >= least, f"{stem} has {len(found)} exercises, wants {least}"


@pytest.mark.parametrize("lesson", LESSONS, ids=ids)
def test_each_exercise_is_a_statement_an_answer_and_a_check(lesson):
    nb = ns.read(lesson)
    grade_ids = [ex.nbgrader(c)["grade_id"] for c in nb.cells if ex.nbgrader(c)]
    assert len(grade_ids) == len(set(grade_ids)), "nbgrader grade_ids must be unique"
    for name, cells in exercises_of(nb).items():
        assert list(cells)[0] == "text" and "code" in cells and list(cells)[-1] == "check", f"{name}: {list(cells)}"
        for part, cell in cells.items():
            meta = ex.nbgrader(cell)
            assert meta.get("grade_id") == cell.id, f"{cell.id}: grade_id {meta.get('grade_id')!r}"
            assert meta.get("locked") == (part != "code"), f"{cell.id}: only the answer is unlocked"
            assert meta.get("solution") == (part == "code") and meta.get("grade") == (part == "check"), cell.id
        answer, check = cells["code"], cells["check"]
        assert ex.answer_lines(answer.source), f"{answer.id}: no // BEGIN SOLUTION ... // END SOLUTION region"
        assert ex.nbgrader(check).get("points", 0) > 0, f"{check.id}: no points"
        assert re.search(r"\.finish\(\)\?\s*\}?\s*$", check.source), f"{check.id} must end with .finish()? (its verdict)"
        title = re.search(r"### 연습 \d+\. .+ \((\d+)점\)", cells["text"].source)
        assert title and int(title.group(1)) == ex.nbgrader(check)["points"], f"{name}: the title's points are not the check's"


def test_student_copies_are_what_nbgrader_makes_of_the_lessons():
    done = subprocess.run(
        [sys.executable, str(ns.NOTEBOOKS / "tools" / "assignments.py"), "--check"], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, f"run .venv/bin/python notebooks/tools/assignments.py\n{done.stdout}{done.stderr}"


@pytest.mark.parametrize("lesson", LESSONS, ids=ids)
def test_student_copies_hold_no_answer(lesson):
    teacher = ns.read(lesson)
    student_text = ex.student_copy(lesson).read_text(encoding="utf-8")
    student = nbformat.reads(student_text, as_version=4)
    nbformat.validate(student)
    assert not any(c.get("outputs") for c in ns.code_cells(student)), "student copies are committed without outputs"
    outside = "\n".join(c.source for c in teacher.cells if not ex.is_solution(c))
    for cell in teacher.cells:
        if not ex.is_solution(cell):
            continue
        copy = next(c for c in student.cells if c.id == cell.id)
        assert STUB in copy.source and "BEGIN SOLUTION" not in copy.source, f"{cell.id}: {copy.source}"
        # The answer's distinctive lines: not braces or a lone keyword, not text the
        # lesson shows elsewhere anyway.
        for line in ex.answer_lines(cell.source):
            line = line.strip()
            if len(line) >= 12 and line not in outside:
                assert line not in student_text, f"{cell.id}: the student copy shows the answer's line {line!r}"


# --- the instructor notebooks -------------------------------------------------------


@pytest.mark.parametrize("lesson", LESSONS, ids=ids)
def test_instructor_notebooks_pass_every_check(lesson, lesson_runs):
    cells = {c.id: c for c in lesson_runs.rust(lesson.stem).cells()}
    for name, parts in exercises_of(ns.read(lesson)).items():
        check = cells[parts["check"].id]
        assert not ns.errors_of(check), f"{check.id}: {text_of(check)[:2000]}"
        assert re.search(r": \d+개 모두 통과\n", ns.shown(check)), f"{check.id}: {ns.shown(check)[:2000]}"
        html = [o["data"].get("text/html", "") for o in check.outputs if o.output_type == "execute_result"]
        assert html and 'class="netlib-display netlib-exercise"' in html[0], f"{check.id}: no report table"


# --- the student copies -------------------------------------------------------------


@pytest.mark.parametrize("lesson", LESSONS, ids=ids)
def test_student_copies_fail_every_check_readably(lesson, lesson_runs):
    run = lesson_runs.student(lesson.stem)
    cells = {c.id: c for c in run.cells()}  # a hang would have ended the run with an error
    for name, parts in exercises_of(ns.read(lesson)).items():
        check = cells[parts["check"].id]
        kinds = [o.output_type for o in check.outputs if o.output_type != "stream"]
        assert kinds == ["display_data", "error"], f"{check.id}: {kinds}"  # nbgrader scores it 0
        errors = [o for o in check.outputs if o.output_type == "error"]
        assert [e.ename for e in errors] == ["exercise::Error"], f"{check.id}: {text_of(check)[:2000]}"
        shown = ns.shown(check)
        assert re.search(r"개 중 0개 통과", shown) and NOT_WRITTEN in shown, f"{check.id}: {shown[:2000]}"
        for part in parts.values():
            if part.cell_type == "code":
                got = cells[part.id]
                assert not ns.stderr_of(got).strip(), f"{part.id} wrote to stderr: {ns.stderr_of(got)[:2000]}"
                assert "panicked at" not in text_of(got) and "error[E" not in text_of(got), f"{part.id}: {text_of(got)[:2000]}"
    # The set-up cell before them runs as in the lesson.
    for cid, cell in cells.items():
        if not ex.exercise_of(cell):
            assert not ns.errors_of(cell) and not ns.stderr_of(cell).strip(), f"{cid}: {text_of(cell)[:2000]}"


@pytest.mark.parametrize("lesson", LESSONS, ids=ids)
def test_wrong_answers_get_their_hint(lesson, lesson_runs):
    rounds = lesson_runs.mistakes(lesson.stem)
    assert sum(len(chosen) for _, chosen in rounds) == len(MISTAKES[lesson.stem])
    exercises = exercises_of(ns.read(lesson))
    assert {m.exercise for m in MISTAKES[lesson.stem]} == set(exercises), "every exercise needs a wrong answer"
    for run, chosen in rounds:
        cells = {c.id: c for c in run.cells()}
        for mistake in chosen:
            check = cells[exercises[mistake.exercise]["check"].id]
            shown = text_of(check)
            assert [o.ename for o in check.outputs if o.output_type == "error"] == ["exercise::Error"], (mistake.why, shown[:2000])
            missing = [want for want in mistake.expect if want not in shown]
            assert not missing, f"{mistake.cell} ({mistake.why}): the report lacks {missing}:\n{shown[:3000]}"
            for cell in (cells[mistake.cell], check):
                assert not ns.stderr_of(cell).strip(), f"{cell.id} ({mistake.why}) wrote to stderr: {ns.stderr_of(cell)[:1000]}"


# --- nbgrader, for real --------------------------------------------------------------


@pytest.mark.needs("kernel")
def test_nbgrader_autogrades_a_half_right_submission(tmp_path):
    """The instructor's round: nbgrader generates lesson 01's assignment, a student
    answers exercises 1 and 2 (the instructor's answers) and leaves 3 and 4, and
    `nbgrader autograde` runs the submission on the Rust (netlib) kernel."""
    lesson = ns.LESSON_01
    course = tmp_path / "course"
    (course / "source" / "lesson01").mkdir(parents=True)
    shutil.copy(ns.NOTEBOOKS / "tools" / "nbgrader_config.py", course / "nbgrader_config.py")
    shutil.copy(lesson, course / "source" / "lesson01" / lesson.name)
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}", JUPYTER_PREFER_ENV_PATH="1")
    db = f"sqlite:///{course}/gradebook.db"

    def nbgrader(*args):
        done = subprocess.run(
            [sys.executable, "-m", "nbgrader", *args, f"--CourseDirectory.root={course}", f"--CourseDirectory.db_url={db}"],
            cwd=course, env=env, capture_output=True, text=True, timeout=900,
        )
        assert done.returncode == 0, f"nbgrader {' '.join(args)}:\n{done.stdout[-3000:]}{done.stderr[-5000:]}"
        return done

    nbgrader("generate_assignment", "lesson01")
    released = nbformat.read(course / "release" / "lesson01" / lesson.name, as_version=4)
    answers = {c.id: c.source for c in ns.read(lesson).cells if ex.is_solution(c)}
    right = {"ex01-1-code", "ex01-2-code"}
    for cell in released.cells:
        if cell.id in right:
            cell.source = answers[cell.id]
    submitted = course / "submitted" / "student1" / "lesson01"
    submitted.mkdir(parents=True)
    nbformat.write(released, submitted / lesson.name)
    nbgrader("autograde", "lesson01", "--create", "--force", "--Execute.timeout=120", "--Execute.startup_timeout=900")

    from nbgrader.api import Gradebook

    with Gradebook(db) as gb:
        submission = gb.find_submission("lesson01", "student1")
        scores = {
            grade.name: grade.score
            for notebook in submission.notebooks
            for grade in notebook.grades
        }
        total, most = submission.score, submission.max_score
    want = {"ex01-1-check": 2, "ex01-2-check": 2, "ex01-3-check": 0, "ex01-4-check": 0}
    assert scores == want, scores
    assert (total, most) == (4, 8)
    graded = nbformat.read(course / "autograded" / "student1" / "lesson01" / lesson.name, as_version=4)
    report = "".join(ns.shown(c) for c in graded.cells if c.id == "ex01-3-check")
    assert NOT_WRITTEN in report, report
