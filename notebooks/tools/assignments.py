"""The student copies of the lessons, made by nbgrader from the instructor notebooks.

The lessons (`notebooks/NN-*.ipynb`) are the instructor notebooks: each exercise
has a solution cell (nbgrader metadata `solution: true`, its answer between
`// BEGIN SOLUTION` and `// END SOLUTION`), a check cell (`grade: true`, with
points, locked) and locked statement cells. `nbgrader generate_assignment` turns
each lesson into its student copy (the answers replaced by the stub of
`nbgrader_config.py`, checksums on the graded cells), which this tool writes to
`notebooks/student/` with the links to files one folder up (`images/`,
`GLOSSARY.md`) rewritten. The folder is generated, never edited by hand:

    .venv/bin/python notebooks/tools/assignments.py           # regenerate notebooks/student/
    .venv/bin/python notebooks/tools/assignments.py --check   # exit 1 if it is out of date
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

NOTEBOOKS = Path(__file__).resolve().parent.parent
STUDENT = NOTEBOOKS / "student"
CONFIG = Path(__file__).resolve().parent / "nbgrader_config.py"
LESSON = re.compile(r"^\d\d-[a-z0-9-]+\.ipynb$")
# Markdown links to what lives beside the lessons, not beside the copies.
UP_ONE = re.compile(r"\]\((images/|GLOSSARY\.md)")


def lessons() -> list[Path]:
    return sorted(p for p in NOTEBOOKS.glob("[0-9][0-9]-*.ipynb") if LESSON.match(p.name))


def nbgrader() -> list[str]:
    """nbgrader from the environment this runs in (the project's .venv)."""
    return [sys.executable, "-m", "nbgrader"]


def generate(paths: list[Path]) -> dict[str, str]:
    """name -> the student copy's text, for each lesson in `paths`."""
    out = {}
    with tempfile.TemporaryDirectory(prefix="netlessons-nbgrader-") as tmp:
        course = Path(tmp)
        shutil.copy(CONFIG, course / "nbgrader_config.py")
        # One assignment holding every lesson: one nbgrader start (seconds) for all.
        source = course / "source" / "lessons"
        source.mkdir(parents=True)
        for path in paths:
            shutil.copy(path, source / path.name)
        # nbgrader runs `alembic` (its database's migrations) from PATH.
        env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
        done = subprocess.run(
            [*nbgrader(), "generate_assignment", "lessons", "--force",
             f"--CourseDirectory.root={course}", f"--CourseDirectory.db_url=sqlite:///{course}/gradebook.db"],
            cwd=course, env=env, capture_output=True, text=True,
        )
        if done.returncode != 0:
            raise RuntimeError(f"nbgrader generate_assignment failed:\n{done.stdout}{done.stderr}")
        for path in paths:
            released = course / "release" / "lessons" / path.name
            out[path.name] = student_text(json.loads(released.read_text(encoding="utf-8")))
    return out


def student_text(nb: dict) -> str:
    from netlessons.notebooks import nbclean

    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown":
            text = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            cell["source"] = UP_ONE.sub(r"](../\1", text)
    return nbclean.dumps(nbclean.clean(nb))


def main() -> int:
    check = "--check" in sys.argv[1:]
    wanted = generate(lessons())
    stale = []
    for name, text in wanted.items():
        path = STUDENT / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            stale.append(name)
            if not check:
                STUDENT.mkdir(exist_ok=True)
                path.write_text(text, encoding="utf-8")
    extra = sorted(p.name for p in STUDENT.glob("*.ipynb") if p.name not in wanted)
    for name in extra:
        stale.append(name)
        if not check:
            (STUDENT / name).unlink()
    for name in stale:
        print(f"{'out of date' if check else 'wrote'}: notebooks/student/{name}")
    return 1 if (check and stale) else 0


if __name__ == "__main__":
    sys.exit(main())
