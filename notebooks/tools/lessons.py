"""Run the lesson notebooks through the Rust (netlib) kernel and export them.

Used by `kernel-setup/export` (HTML for instructors) and by the tests'
lesson harness (`tests/lesson_runs.py`), so both see the same execution:
nbclient, kernel `rust-netlib`, Run-All order in one kernel, a per-cell timeout
(evcxr can hang on internal errors, evcxr#422) and a long start-up timeout (the
kernel answers `kernel_info` only after netlib is built). The export can also
take lessons already executed (`--executed DIR`: `DIR/<lesson>.ipynb`, as the
tests write them), so a test session executes each lesson once.

Run from the project's environment: `.venv/bin/python notebooks/tools/lessons.py`.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import html
import re
import sys
import time
from pathlib import Path
from typing import Callable, ContextManager

import nbformat
from nbclient import NotebookClient

NOTEBOOKS = Path(__file__).resolve().parent.parent
ROOT = NOTEBOOKS.parent
KERNEL_NAME = "rust-netlib"
STARTUP_TIMEOUT = 900
CELL_TIMEOUT = 120
LESSON_PATTERN = re.compile(r"^\d\d-.+\.ipynb$")

# The notebooks carry no font choice; Korean text needs a stack that names
# the usual Korean fonts of Linux, Windows and macOS before the generic one.
KOREAN_FONT_CSS = """
<style id="netlessons-fonts">
  body, .jp-Notebook, .jp-RenderedHTMLCommon, .jp-RenderedMarkdown {
    font-family: system-ui, -apple-system, "Segoe UI", "Noto Sans KR", "Noto Sans CJK KR",
      "Malgun Gothic", "Apple SD Gothic Neo", "Nanum Gothic", sans-serif;
    line-height: 1.6;
  }
  .jp-RenderedMarkdown img { max-width: 100%; height: auto; }
  pre, code, .jp-OutputArea-output pre, .highlight pre {
    font-family: "Noto Sans Mono CJK KR", "D2Coding", "DejaVu Sans Mono", Consolas, monospace;
  }
</style>
"""


def lessons() -> list[Path]:
    """The lesson notebooks, in lesson order (`00-…`, `01-…`)."""
    return sorted(p for p in NOTEBOOKS.iterdir() if LESSON_PATTERN.match(p.name))


def kernel_of(nb: nbformat.NotebookNode) -> str:
    """The kernel a lesson names in its metadata (`rust-netlib` when it names none)."""
    return nb.metadata.get("kernelspec", {}).get("name") or KERNEL_NAME


def execute(
    path: Path,
    timeout: int = CELL_TIMEOUT,
    kernel_name: str | None = None,
    around: Callable[[NotebookClient], ContextManager] | None = None,
    nb: nbformat.NotebookNode | None = None,
) -> tuple[nbformat.NotebookNode, dict]:
    """Execute a lesson; return the executed notebook and timing facts.

    Errors do not stop the run (each test wants to see every cell); callers
    inspect the outputs. Timing: `startup_s` is kernel start to ready, and
    `cells` maps each code cell id to its wall time in seconds (also kept in
    the notebook's metadata, `netlessons.timing`, for `--executed`).
    `around(client)`, a context manager, is entered once the kernel is ready
    and left after the last cell, with the kernel still running (the tests
    look at the kernel's process there). `nb`, when given, is run instead of
    the file's own cells (in the lesson's folder). The kernel is the one the
    notebook names (`rust-netlib`, or `rust-netlib-web` for a lesson with TLS)
    unless `kernel_name` says otherwise.
    """
    if nb is None:
        nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        kernel_name=kernel_name or kernel_of(nb),
        timeout=timeout,
        startup_timeout=STARTUP_TIMEOUT,
        allow_errors=True,
        interrupt_on_timeout=True,
        record_timing=True,
        resources={"metadata": {"path": str(path.parent)}},
    )
    cell_times: dict[str, float] = {}
    started = time.monotonic()
    with client.setup_kernel():
        ready = time.monotonic()
        with around(client) if around else contextlib.nullcontext():
            client.nb = nb
            for index, cell in enumerate(nb.cells):
                if cell.cell_type != "code":
                    continue
                t0 = time.monotonic()
                client.execute_cell(cell, index)
                cell_times[cell.get("id", str(index))] = time.monotonic() - t0
    finished = time.monotonic()
    _renumber(nb)
    timing = {"startup_s": ready - started, "cells": cell_times, "total_s": finished - started}
    nb.metadata.setdefault("netlessons", {})["timing"] = timing
    return nb, timing


def _renumber(nb: nbformat.NotebookNode) -> None:
    """Number executed cells 1, 2, … as a fresh "Run All" in Jupyter would.

    evcxr's own counter starts at 2 (it counts its warm-up evaluation).
    """
    count = 0
    for cell in nb.cells:
        if cell.cell_type != "code" or cell.get("execution_count") is None:
            continue
        count += 1
        cell.execution_count = count
        for output in cell.get("outputs", []):
            if output.get("output_type") == "execute_result":
                output["execution_count"] = count


def cell_errors(nb: nbformat.NotebookNode) -> list[tuple[str, str]]:
    """(cell id, error text) for every cell that produced an error output."""
    found = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                found.append((cell.get("id", "?"), f"{output.get('ename')}: {output.get('evalue')}"))
    return found


def expected_errors(nb: nbformat.NotebookNode) -> set[str]:
    """Ids of cells tagged `raises-exception` (allowed to error)."""
    return {
        cell.get("id")
        for cell in nb.cells
        if "raises-exception" in cell.get("metadata", {}).get("tags", [])
    }


def _inline_remaining_images(body: str, base: Path) -> str:
    """Inline any `<img src="relative.svg">` nbconvert left as a file link."""

    def replace(match: re.Match) -> str:
        src = html.unescape(match.group(2))
        if re.match(r"^(data:|https?:)", src):
            return match.group(0)
        file = (base / src).resolve()
        if not file.is_file():
            return match.group(0)
        mime = "image/svg+xml" if file.suffix == ".svg" else "image/png"
        data = base64.b64encode(file.read_bytes()).decode("ascii")
        return f'{match.group(1)}"data:{mime};base64,{data}"'

    return re.sub(r'(<img\b[^>]*?\bsrc=)"([^"]+)"', replace, body)


def to_html(nb: nbformat.NotebookNode, base: Path) -> str:
    """Self-contained HTML: images inlined, Korean fonts, Rust highlighted."""
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(embed_images=True)
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"path": str(base)}})
    body = _inline_remaining_images(body, base)
    body = re.sub(r"<html\b[^>]*>", '<html lang="ko">', body, count=1)
    return body.replace("</head>", KOREAN_FONT_CSS + "</head>", 1)


def export(out_dir: Path, only: list[str] | None = None, executed: Path | None = None) -> int:
    """Execute every lesson (or read it executed from `executed/<lesson>.ipynb`)
    and write `<out_dir>/<lesson>.html`; 0 if all ran clean."""
    out_dir.mkdir(parents=True, exist_ok=True)
    status = 0
    for path in lessons():
        if only and path.stem not in only and path.name not in only:
            continue
        if executed is not None:
            print(f"==> {path.name}: executed in {executed / path.name}", flush=True)
            nb = nbformat.read(executed / path.name, as_version=4)
            timing = nb.metadata.get("netlessons", {}).get("timing")
            if timing is None:
                print(f"    {executed / path.name} was not executed by this tool (no timing)", file=sys.stderr)
                return 1
        else:
            nb = nbformat.read(path, as_version=4)
            print(f"==> {path.name}: executing on kernel {kernel_of(nb)}", flush=True)
            nb, timing = execute(path, nb=nb)
        allowed = expected_errors(nb)
        bad = [(cid, text) for cid, text in cell_errors(nb) if cid not in allowed]
        for cid, text in bad:
            print(f"    cell {cid} failed: {text.splitlines()[0] if text else ''}", file=sys.stderr)
        if bad:
            status = 1
        target = out_dir / f"{path.stem}.html"
        target.write_text(to_html(nb, path.parent), encoding="utf-8")
        cells = timing["cells"]
        print(
            f"    wrote {target.relative_to(ROOT) if target.is_relative_to(ROOT) else target} "
            f"(kernel ready {timing['startup_s']:.1f} s, {len(cells)} cells "
            f"{sum(cells.values()):.1f} s, total {timing['total_s']:.1f} s)",
            flush=True,
        )
    return status


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("lessons", nargs="*", help="lesson names to export (default: all)")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "html")
    parser.add_argument("--executed", type=Path, metavar="DIR",
                        help="take the lessons already executed from DIR/<lesson>.ipynb instead of executing them")
    args = parser.parse_args()
    sys.exit(export(args.out, args.lessons or None, args.executed))


if __name__ == "__main__":
    main()
