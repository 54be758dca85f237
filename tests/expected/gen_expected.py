#!/usr/bin/env python3
"""Run the original Python lesson cells and record what each one shows.

The Rust lesson `notebooks/01-ipaddress-and-socket.ipynb` reproduces every
code cell (`code-01` … `code-36`) of the original Python notebook, a copy of
which is committed next to this script (`001_python_network_modules.ipynb`).
This script executes those cells in order, in one namespace, the way a
Jupyter/IPython kernel would, and writes `001.json`:

    {"python": "3.13.0", "cells": [{"id": "code-01", "stdout": "...",
      "result": "IPv4Address('192.0.0.1')", "error": null,
      "host_dependent": false}, ...]}

- `stdout` is everything the cell printed;
- `result` is what IPython shows for the cell's last expression (its repr,
  except that classes show as IPython's pretty printer shows them, `bytes`),
  or null when the last statement is not an expression or its value is None;
- `error` is `{"ename": ..., "evalue": ...}` when the cell raised, i.e. the
  last line of IPython's traceback, `herror: [Errno 1] Unknown host`.

Cells whose answer depends on the machine (hostname, resolver, /etc/services,
/etc/protocols, the platform's AddressFamily members) are marked
`host_dependent`; tests re-run them live on the test machine with
`run_cells()` below instead of trusting the committed record.

Generate with CPython 3.13 (the reference version of the project):

    PYENV_VERSION=3.13 python3 tests/expected/gen_expected.py
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ORIGINAL = HERE / "001_python_network_modules.ipynb"
RECORD = HERE / "001.json"

# Resolver, services/protocols databases and the platform's socket constants.
HOST_DEPENDENT = frozenset(
    [f"code-{n:02d}" for n in range(10, 26)] + ["code-31", "code-32"]
)

# Executed by the child interpreter: reads [[id, source], ...] as JSON on
# stdin, prints the records as JSON on stdout. Kept as text so the child is
# whatever interpreter the caller picks, independent of the one running this.
CHILD = r'''
import ast, contextlib, io, json, sys

def shown(value):
    # IPython's pretty printer names classes by module.qualname (builtins
    # without module); everything these cells return is otherwise repr().
    if isinstance(value, type):
        if value.__module__ == "builtins":
            return value.__qualname__
        return f"{value.__module__}.{value.__qualname__}"
    return repr(value)

cells = json.load(sys.stdin)
namespace = {"__name__": "__main__"}
records = []
for cell_id, source in cells:
    record = {"id": cell_id, "stdout": "", "result": None, "error": None}
    tree = ast.parse(source, filename=cell_id)
    last = None
    if tree.body and isinstance(tree.body[-1], ast.Expr):
        last = tree.body.pop()
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        try:
            exec(compile(tree, cell_id, "exec"), namespace)
            if last is not None:
                value = eval(compile(ast.Expression(last.value), cell_id, "eval"), namespace)
                if value is not None:
                    record["result"] = shown(value)
        except Exception as exc:
            record["error"] = {"ename": type(exc).__name__, "evalue": str(exc)}
    record["stdout"] = out.getvalue()
    records.append(record)
json.dump({"python": sys.version.split()[0], "cells": records}, sys.stdout, ensure_ascii=False)
'''


def python_command() -> tuple[list[str], dict[str, str]]:
    """The reference interpreter: pyenv's 3.13 when there is one, else python3.

    Returns the command and the environment to run it with.
    """
    env = dict(os.environ)
    probe_env = dict(env, PYENV_VERSION="3.13")
    python3 = shutil.which("python3") or sys.executable
    try:
        version = subprocess.run(
            [python3, "-c", "import sys; print(sys.version_info[:2] == (3, 13))"],
            env=probe_env, capture_output=True, text=True, timeout=60,
        )
        if version.returncode == 0 and version.stdout.strip() == "True":
            return [python3], probe_env
    except (OSError, subprocess.TimeoutExpired):
        pass
    return [python3], env


def load_cells(path: Path = ORIGINAL) -> list[tuple[str, str]]:
    """The original notebook's code cells as (id, source), in order."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    cells = []
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code":
            source = cell["source"]
            cells.append((cell["id"], "".join(source) if isinstance(source, list) else source))
    return cells


def run_cells(cells: list[tuple[str, str]] | None = None) -> dict:
    """Execute the cells in one fresh interpreter; return the record dict."""
    cells = load_cells() if cells is None else cells
    command, env = python_command()
    env["PYTHONIOENCODING"] = "utf-8"
    # help() must print, never page.
    env["PAGER"] = "cat"
    env["TERM"] = "dumb"
    done = subprocess.run(
        command + ["-c", CHILD], input=json.dumps(cells), env=env,
        capture_output=True, text=True, encoding="utf-8", timeout=300, check=True,
    )
    record = json.loads(done.stdout)
    for cell in record["cells"]:
        cell["host_dependent"] = cell["id"] in HOST_DEPENDENT
    return record


def main() -> None:
    record = run_cells()
    if not record["python"].startswith("3.13."):
        sys.exit(f"expected CPython 3.13, got {record['python']}: run with PYENV_VERSION=3.13")
    RECORD.write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {RECORD} ({len(record['cells'])} cells, Python {record['python']})")


if __name__ == "__main__":
    main()
