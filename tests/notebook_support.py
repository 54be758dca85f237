"""What the lesson tests share: paths, the tags, and what a cell shows.

Every lesson `notebooks/NN-<topic>.ipynb` (Rust (netlib)) with a twin
`notebooks/python/NN-<topic>.ipynb` (Python) is compared cell by cell, after
the Rust cell's own normalisation rules (notebooks/README.md, "A Rust lesson
and its Python twin"). The lessons and twins are executed once per test
session by `lesson_runs.py`; this module only reads notebooks.
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

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
TWINS = NOTEBOOKS / "python"
LESSON_00 = NOTEBOOKS / "00-network-programming.ipynb"
LESSON_01 = NOTEBOOKS / "01-ipaddress-and-socket.ipynb"
TIMINGS = ROOT / "build" / "test-timings"
KERNEL_INSTALLED = (ROOT / "build" / "kernel" / "launcher.json").is_file()

TAG = re.compile(r"^py:code-(\d\d)$")
# A cell the original course lacks (a picture, an exercise): tagged `extra` in
# the lesson and in its twin, at the same place.
EXTRA = "extra"


def lessons() -> list[Path]:
    """The Rust lessons, in lesson order.

    `NETLESSONS_ONLY=02,05` keeps only those lessons: a quick run while editing one
    lesson (its runs, comparisons and replays, nothing else started). The test
    command never sets it."""
    every = sorted(NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))
    only = [w for w in os.environ.get("NETLESSONS_ONLY", "").split(",") if w.strip()]
    return [p for p in every if not only or any(p.name.startswith(w.strip()) for w in only)]


def twin_of(lesson: Path) -> Path:
    return TWINS / lesson.name


def paired_lessons() -> list[Path]:
    return [p for p in lessons() if twin_of(p).is_file()]


def read(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)


def code_cells(nb) -> list:
    return [c for c in nb.cells if c.cell_type == "code"]


def tags_of(cell) -> list[str]:
    return cell.get("metadata", {}).get("tags", [])


def py_tag(cell) -> str | None:
    """`code-MM` of a cell tagged `py:code-MM`."""
    for tag in tags_of(cell):
        if TAG.match(tag):
            return tag[3:]
    return None


def cell_tag(cell) -> str | None:
    """The cell's place in the pair: `code-MM`, or `extra:<id>` (an extra cell), or None."""
    tags = [t for t in tags_of(cell) if TAG.match(t) or t == EXTRA]
    if len(tags) != 1:
        return None
    return tags[0][3:] if tags[0] != EXTRA else f"extra:{cell.get('id', '?')}"


def raises(cell) -> bool:
    return "raises-exception" in tags_of(cell)


def netlessons(cell) -> dict:
    return cell.get("metadata", {}).get("netlessons", {})


def rules_of(cell) -> list:
    return netlessons(cell).get("normalize", [])


def compared(cell) -> bool:
    return netlessons(cell).get("compare") != "none"


def compile_fail(cell) -> bool:
    """A Rust cell that shows on purpose what the compiler refuses (tag `compile-fail`,
    with `netlessons.compile_error`, the error's message, and `raises-exception`)."""
    return "compile-fail" in tags_of(cell)


def python_lines(source: str) -> list[str]:
    """A twin cell's lines as a Rust cell quotes them: blank lines dropped, trailing blanks
    too, and an exercise's answer (its nbgrader solution region, `### BEGIN SOLUTION` to
    `### END SOLUTION`): the Rust cell has its own, and a quoted marker would be one more
    region for nbgrader to replace."""
    lines, answer = [], False
    for line in source.splitlines():
        if "BEGIN SOLUTION" in line:
            answer = True
        elif "END SOLUTION" in line:
            answer = False
        elif line.strip() and not answer:
            lines.append(line.rstrip())
    return lines


def quoted_python(rust_source: str) -> list[str]:
    """A Rust cell's leading `// Python: …` lines, without the prefix."""
    out = []
    for line in rust_source.splitlines():
        if not line.startswith("// Python:"):
            break
        out.append(line.removeprefix("// Python:").removeprefix(" ").rstrip())
    return out


def normalize(text: str, rules) -> str:
    for pattern, replacement in rules:
        text = re.sub(pattern, replacement, text, flags=re.M)
    return text


def shown_text(stdout: str, results: list[str], rules=()) -> str:
    """What a cell shows: its stdout, then each result's `text/plain` on its own line,
    after the normalisation rules. Shared by nbclient runs, the class replay, the
    browser (text read from the page) and the hub test."""
    out = stdout
    for result in results:
        out += result.rstrip("\n") + "\n"
    return normalize(out, rules)


def stdout_of(cell) -> str:
    return "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream" and o.name == "stdout")


def stderr_of(cell) -> str:
    return "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream" and o.name == "stderr")


def results_of(cell) -> list[str]:
    """The text of what the cell displayed: its result, or (a cell that failed has none,
    evcxr patch 0019) what it displayed before its error."""
    return [
        o["data"]["text/plain"]
        for o in cell.outputs
        if o.output_type in ("execute_result", "display_data") and "text/plain" in o.get("data", {})
    ]


def shown(cell, rules=()) -> str:
    return shown_text(stdout_of(cell), results_of(cell), rules)


def errors_of(cell) -> list[str]:
    return [f"{o.get('ename')}: {o.get('evalue')}" for o in cell.outputs if o.output_type == "error"]


# --- twins that run on CPython 3.13 ---------------------------------------------------
#
# netlib answers as CPython 3.13 does (ipaddress, socket, urllib.parse), while the
# `python3` kernel of .venv may be another Python. A twin whose metadata says
# `"netlessons": {"python": "3.13"}` is executed by `python3.13` itself, cell by cell
# in one namespace as IPython does (the last expression's repr is the cell's result;
# an exception ends the cell with IPython's `ename: evalue`). Host-dependent cells
# (hostname, resolver, /etc/services) are thereby run live on the test machine.

CHILD = r'''
import ast, contextlib, io, json, sys

def shown(value):
    # IPython's pretty printer names classes by module.qualname (builtins
    # without module); everything else here is repr().
    if isinstance(value, type):
        if value.__module__ == "builtins":
            return value.__qualname__
        return f"{value.__module__}.{value.__qualname__}"
    return repr(value)

cells = json.load(sys.stdin)
namespace = {"__name__": "__main__"}
records = []
for source in cells:
    record = {"stdout": "", "stderr": "", "result": None, "error": None}
    tree = ast.parse(source)
    last = None
    if tree.body and isinstance(tree.body[-1], ast.Expr):
        last = tree.body.pop()
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            exec(compile(tree, "<cell>", "exec"), namespace)
            if last is not None:
                value = eval(compile(ast.Expression(last.value), "<cell>", "eval"), namespace)
                if value is not None:
                    record["result"] = shown(value)
        except Exception as exc:
            record["error"] = {"ename": type(exc).__name__, "evalue": str(exc)}
    record["stdout"], record["stderr"] = out.getvalue(), err.getvalue()
    records.append(record)
json.dump({"python": sys.version.split()[0], "cells": records}, sys.stdout, ensure_ascii=False)
'''


def python_313() -> tuple[list[str], dict]:
    """`python3.13` (pyenv's when pyenv is there); an error saying so when missing."""
    env = dict(os.environ, PYENV_VERSION=os.environ.get("NETLESSONS_PYENV_VERSION", "3.13.0"))
    exe = shutil.which("python3.13")
    if exe is None:
        raise RuntimeError("CPython 3.13 (python3.13, e.g. from pyenv) is needed: netlib's lesson 01 is compared with it")
    return [exe], env


def execute_on_python_313(path: Path, nb: nbformat.NotebookNode | None = None) -> tuple[nbformat.NotebookNode, dict]:
    """A twin (or `nb`, cells of it) executed by CPython 3.13 as described above, in
    the twin's folder; outputs as nbformat outputs."""
    nb = read(path) if nb is None else nb
    command, env = python_313()
    env.update(PYTHONIOENCODING="utf-8", PAGER="cat", TERM="dumb")  # help() prints, never pages
    cells = code_cells(nb)
    done = subprocess.run(
        command + ["-c", CHILD], input=json.dumps([c.source for c in cells]), env=env, cwd=path.parent,
        capture_output=True, text=True, encoding="utf-8", timeout=300, check=True,
    )
    record = json.loads(done.stdout)
    if not record["python"].startswith("3.13."):
        raise RuntimeError(f"python3.13 is CPython {record['python']}")
    for n, (cell, r) in enumerate(zip(cells, record["cells"]), start=1):
        outputs = []
        for name in ("stdout", "stderr"):
            if r[name]:
                outputs.append(nbformat.v4.new_output("stream", name=name, text=r[name]))
        if r["result"] is not None:
            outputs.append(nbformat.v4.new_output("execute_result", data={"text/plain": r["result"]}, execution_count=n))
        if r["error"]:
            outputs.append(nbformat.v4.new_output("error", ename=r["error"]["ename"], evalue=r["error"]["evalue"], traceback=[]))
        cell.outputs, cell.execution_count = outputs, n
    return nb, {"python": record["python"]}


def runs_on_python_313(nb) -> bool:
    return nb.metadata.get("netlessons", {}).get("python") == "3.13"


def each_cell_twice(nb) -> nbformat.NotebookNode:
    """The notebook's code cells, each followed by a copy of itself (a student's
    Shift+Enter, then again), in a notebook of their own."""
    cells = []
    for cell in code_cells(nb):
        again = nbformat.from_dict(cell)
        again.id = f"{cell.get('id', 'cell')}-again"
        cells += [nbformat.from_dict(cell), again]
    return nbformat.v4.new_notebook(cells=cells, metadata=nb.metadata)
