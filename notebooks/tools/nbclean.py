#!/usr/bin/env python3
"""Make lesson notebooks commit-ready: no outputs, no execution counts, the
Rust (netlib) kernelspec and Rust language_info (Python 3 for the Python twins
in notebooks/python/), nbformat 4.5 cell ids.

    python3 notebooks/tools/nbclean.py            # all lessons and twins, in place
    python3 notebooks/tools/nbclean.py --check    # exit 1 if any would change

Plain JSON (no nbformat needed), written the way Jupyter writes notebooks
(indent 1, UTF-8, trailing newline), so a clean notebook saved from
JupyterLab and then cleaned gives a small diff.
"""

from __future__ import annotations

import json
import re
import sys
import uuid
from pathlib import Path

NOTEBOOKS = Path(__file__).resolve().parent.parent
KERNELSPEC = {"name": "rust-netlib", "display_name": "Rust (netlib)", "language": "rust"}
# A lesson that needs TLS or hyper names the second kernel (kernel-setup/kernel/configure.py,
# WEB_DEPS); any other kernelspec becomes the first.
KERNELSPECS = {
    spec["name"]: spec
    for spec in (KERNELSPEC, {"name": "rust-netlib-web", "display_name": "Rust (netlib + web)", "language": "rust"})
}
LANGUAGE_INFO = {
    "name": "Rust",
    "pygments_lexer": "rust",
    "codemirror_mode": "rust",
    "file_extension": ".rs",
    "mimetype": "text/rust",
}
PYTHON_KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
PYTHON_LANGUAGE_INFO = {
    "name": "python",
    "pygments_lexer": "ipython3",
    "codemirror_mode": {"name": "ipython", "version": 3},
    "file_extension": ".py",
    "mimetype": "text/x-python",
    "nbconvert_exporter": "python",
}
CELL_ID = re.compile(r"^[a-zA-Z0-9-_]{1,64}$")


def clean(nb: dict, python: bool = False) -> dict:
    """`python`: a Python twin (notebooks/python/), on the python3 kernel."""
    nb["nbformat"], nb["nbformat_minor"] = 4, 5
    # The tests' settings for a notebook (e.g. a twin run by CPython 3.13) stay.
    ours = nb.get("metadata", {}).get("netlessons")
    if python:
        nb["metadata"] = {"kernelspec": PYTHON_KERNELSPEC, "language_info": PYTHON_LANGUAGE_INFO}
    else:
        named = nb.get("metadata", {}).get("kernelspec", {}).get("name")
        nb["metadata"] = {"kernelspec": KERNELSPECS.get(named, KERNELSPEC), "language_info": LANGUAGE_INFO}
    if ours:
        nb["metadata"]["netlessons"] = ours
    seen = set()
    for cell in nb["cells"]:
        if not CELL_ID.match(cell.get("id", "")) or cell["id"] in seen:
            cell["id"] = uuid.uuid4().hex[:8]
        seen.add(cell["id"])
        meta = cell.get("metadata", {})
        # JupyterLab adds these when a cell is run or collapsed; they are per-user.
        for key in ("execution", "collapsed", "scrolled", "jp-MarkdownHeadingCollapsed"):
            meta.pop(key, None)
        cell["metadata"] = meta
        if cell["cell_type"] == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
    return nb


def dumps(nb: dict) -> str:
    return json.dumps(nb, ensure_ascii=False, indent=1) + "\n"


def main() -> int:
    check = "--check" in sys.argv[1:]
    paths = [Path(a) for a in sys.argv[1:] if not a.startswith("--")] or sorted(
        [*NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"), *(NOTEBOOKS / "python").glob("[0-9][0-9]-*.ipynb")]
    )
    changed = []
    for path in paths:
        before = path.read_text(encoding="utf-8")
        after = dumps(clean(json.loads(before), python=path.resolve().parent.name == "python"))
        if after != before:
            changed.append(path)
            if not check:
                path.write_text(after, encoding="utf-8")
    for path in changed:
        print(f"{'would clean' if check else 'cleaned'} {path}")
    return 1 if (check and changed) else 0


if __name__ == "__main__":
    sys.exit(main())
