"""The lessons' exercises as the tests see them: which cells make an exercise,
the student copies nbgrader makes of the lessons, and the notebooks that run a
lesson's exercises with deliberately wrong answers (tests/exercise_mistakes.py).

An exercise `exNN-K` of lesson NN is the cells whose id starts with `exNN-K-`: a
statement (`-text`, locked), the solution cell (`-code`, nbgrader `solution`), the
check cell (`-check`, nbgrader `grade` with points), and any locked cell between
(`-buggy`: the code a "fix the bug" exercise starts from).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import nbformat

import notebook_support as ns

STUDENT = ns.NOTEBOOKS / "student"
EXERCISE_CELL = re.compile(r"^(ex\d\d-\d+)-")
SOLUTION = re.compile(r"^[ \t]*(//|#+) (BEGIN|END) SOLUTION[ \t]*$")


def nbgrader(cell) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {})


def is_solution(cell) -> bool:
    return bool(nbgrader(cell).get("solution"))


def is_check(cell) -> bool:
    return bool(nbgrader(cell).get("grade")) and cell.cell_type == "code"


def exercise_of(cell) -> str | None:
    m = EXERCISE_CELL.match(cell.get("id", ""))
    return m.group(1) if m else None


def has_exercises(path) -> bool:
    return any(is_check(c) for c in ns.read(path).cells)


def lessons_with_exercises() -> list:
    return [p for p in ns.lessons() if has_exercises(p)]


def student_copy(lesson) -> "Path":  # noqa: F821
    return STUDENT / lesson.name


def is_setup(cell) -> bool:
    """A lesson's set-up cell: only `use` lines (and comments), which the exercises may
    rely on as every later cell does."""
    lines = [line.strip() for line in cell.source.splitlines() if line.strip()]
    return bool(lines) and all(line.startswith(("use ", "//")) for line in lines)


def answer_lines(source: str) -> list[str]:
    """The lines of a solution cell between its BEGIN and END SOLUTION markers."""
    lines, inside = [], False
    for line in source.splitlines():
        if SOLUTION.match(line):
            inside = "BEGIN" in line
        elif inside:
            lines.append(line)
    return lines


@dataclass
class Mistake:
    """A wrong answer a student is likely to write, and what its check must say."""

    cell: str  # the solution cell it replaces, e.g. "ex01-1-code"
    why: str  # the mistake, in a few words
    source: str  # the whole cell as the student wrote it
    expect: list[str]  # text the check's report must show (the hint, the cause)

    @property
    def exercise(self) -> str:
        return self.cell.rsplit("-", 1)[0]


def exercises_only(nb, replace: dict | None = None, only: set | None = None) -> nbformat.NotebookNode:
    """The notebook's exercise code cells (those of the exercises in `only`, or all),
    after its set-up cell of `use` lines if it has one, with the sources of `replace`
    (cell id -> source) put in: what a lesson's exercises need and nothing of the
    lesson's servers or lookups."""
    replace = replace or {}
    cells = [nbformat.from_dict(c) for c in ns.code_cells(nb)[:1] if is_setup(c)]
    for cell in ns.code_cells(nb):
        ex = exercise_of(cell)
        if ex is None or (only is not None and ex not in only):
            continue
        cell = nbformat.from_dict(cell)
        cell.source = replace.get(cell.id, cell.source)
        cells.append(cell)
    return nbformat.v4.new_notebook(cells=cells, metadata=nb.metadata)


def mistake_rounds(lesson, mistakes: list[Mistake]) -> list[tuple[nbformat.NotebookNode, list[Mistake]]]:
    """Notebooks of the lesson's exercise cells only (exercises_only), round k with each
    exercise's k-th mistake in place of its answer (an exercise with fewer mistakes sits
    the round out)."""
    nb = ns.read(lesson)
    by_exercise: dict[str, list[Mistake]] = {}
    for m in mistakes:
        by_exercise.setdefault(m.exercise, []).append(m)
    rounds = []
    for k in range(max((len(v) for v in by_exercise.values()), default=0)):
        chosen = {ex: ms[k] for ex, ms in by_exercise.items() if k < len(ms)}
        nb_k = exercises_only(nb, {m.cell: m.source for m in chosen.values()}, set(chosen))
        rounds.append((nb_k, list(chosen.values())))
    return rounds
