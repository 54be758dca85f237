"""Lessons 02 on: each Rust lesson and its Python twin, compared cell by cell.

A pair is `notebooks/NN-<topic>.ipynb` (Rust (netlib) kernel) and
`notebooks/python/NN-<topic>.ipynb` (python3, standard library only), for every
NN >= 02 found. The rules (also in notebooks/README.md):

- every code cell of both is tagged `py:code-MM`, MM = 01, 02, … in order, the
  same tags in both;
- each Rust cell starts with its twin's source as `// Python: …` lines (blank
  lines dropped), then the Rust code;
- what a cell shows (its stdout, then its execute_result's text/plain) is the
  same in both, after the cell's own `normalize` rules; a Rust cell's metadata
  `"netlessons": {"normalize": [[regex, replacement], …]}` applies to both sides
  (ports chosen by the system, times), `{"compare": "none", "why": "…"}` skips
  the comparison for a cell whose output cannot match, saying why;
- neither writes to stderr or ends in an error unless the Python cell is tagged
  `raises-exception` (then the Rust cell must be tagged too and show the same
  error text, Python's `ename: evalue`, on its stdout or stderr);
- the whole notebook then runs a second time in the same kernel (a student
  re-running cells): no cell hangs (each has a timeout), fails or prints
  anything different;
- afterwards the process that ran the cells holds no more threads and no more
  TCP/UDP sockets than before the lesson (servers stopped, connections closed);
  the Rust kernel's tokio thread, which the first `.await` starts for the
  whole session, is not counted.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
KERNEL_INSTALLED = (ROOT / "build" / "kernel" / "launcher.json").is_file()
CELL_TIMEOUT = 120
TAG = re.compile(r"^py:code-(\d\d)$")


def pairs() -> list[tuple[Path, Path]]:
    found = []
    for rust in sorted(NOTEBOOKS.glob("[0-9][0-9]-*.ipynb")):
        if int(rust.name[:2]) >= 2:
            found.append((rust, NOTEBOOKS / "python" / rust.name))
    return found


PAIRS = pairs()
ids = [rust.name for rust, _ in PAIRS]


def code_cells(nb):
    return [c for c in nb.cells if c.cell_type == "code"]


def tag_of(cell) -> str | None:
    tags = [t for t in cell.metadata.get("tags", []) if TAG.match(t)]
    return tags[0][3:] if len(tags) == 1 else None


def python_lines(source: str) -> list[str]:
    return [line for line in source.splitlines() if line.strip()]


def quoted_python(rust_source: str) -> list[str]:
    out = []
    for line in rust_source.splitlines():
        if not line.startswith("// Python:"):
            break
        out.append(line.removeprefix("// Python:").removeprefix(" "))
    return out


def shown(cell, rules=()) -> str:
    out = "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream" and o.name == "stdout")
    for o in cell.outputs:
        if o.output_type == "execute_result" and "text/plain" in o.get("data", {}):
            out += o["data"]["text/plain"].rstrip("\n") + "\n"
    for pattern, replacement in rules:
        out = re.sub(pattern, replacement, out)
    return out


def stderr_of(cell) -> str:
    return "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream" and o.name == "stderr")


def errors_of(cell) -> list[str]:
    return [f"{o.get('ename')}: {o.get('evalue')}" for o in cell.outputs if o.output_type == "error"]


# A cell printing the id of the process that runs the cells (for evcxr: its
# runtime child, not the kernel process).
PID_CELL = {"rust-netlib": 'println!("{}", std::process::id());', "python3": "import os\nprint(os.getpid())"}


def inet_sockets(pid: int) -> int:
    """TCP and UDP sockets (IPv4 and IPv6) the process holds open."""
    inodes = set()
    for table in ("tcp", "tcp6", "udp", "udp6"):
        try:
            rows = Path(f"/proc/{pid}/net/{table}").read_text().splitlines()[1:]
        except OSError:
            continue
        inodes.update(row.split()[9] for row in rows)
    held = 0
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = fd.readlink().as_posix()
        except OSError:
            continue
        if target.startswith("socket:[") and target[8:-1] in inodes:
            held += 1
    return held


# The kernel's own thread that runs tokio tasks (evcxr patch 0004): the first
# `.await` of a session starts it and it stays for the kernel's life, as
# ipykernel's asyncio loop does; not a thread a lesson left behind.
KERNEL_THREADS = {"evcxr-tokio"}


def threads(pid: int) -> int:
    count = 0
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            name = (task / "comm").read_text().strip()
        except OSError:  # the thread ended meanwhile
            continue
        count += name not in KERNEL_THREADS
    return count


def resources(pid: int) -> tuple[int, int]:
    return threads(pid), inet_sockets(pid)


def run_twice(path: Path, kernel_name: str) -> tuple[nbformat.NotebookNode, nbformat.NotebookNode]:
    """The notebook executed, then executed again in the same kernel; then the
    kernel's cell process is checked for threads and sockets left behind."""
    first = nbformat.read(path, as_version=4)
    second = nbformat.read(path, as_version=4)
    client = NotebookClient(
        first,
        kernel_name=kernel_name,
        timeout=CELL_TIMEOUT,
        startup_timeout=900,
        allow_errors=True,
        interrupt_on_timeout=True,
        resources={"metadata": {"path": str(path.parent)}},
    )
    with client.setup_kernel():
        # In a notebook of its own: nbclient writes a cell's outputs by index.
        client.nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(PID_CELL[kernel_name])])
        probe = client.nb.cells[0]
        client.execute_cell(probe, 0)
        pid = int("".join(o.get("text", "") for o in probe.outputs if o.get("name") == "stdout").strip())
        before = resources(pid)
        for nb in (first, second):
            client.nb = nb
            for index, cell in enumerate(nb.cells):
                if cell.cell_type == "code":
                    client.execute_cell(cell, index)
        # Threads that were told to stop may take a moment to end.
        deadline = time.monotonic() + 10
        while (after := resources(pid)) > before and time.monotonic() < deadline:
            time.sleep(0.2)
    left = [f"{what}: {b} before, {a} after" for what, b, a in zip(("threads", "sockets"), before, after) if a > b]
    assert not left, f"{path.name} left behind {'; '.join(left)} in its kernel's cell process"
    return first, second


# --- static checks ------------------------------------------------------------------


def test_every_rust_lesson_from_02_has_a_python_twin():
    for rust, twin in PAIRS:
        assert twin.is_file(), f"{rust.name} has no Python twin {twin.relative_to(ROOT)}"
    for twin in sorted((NOTEBOOKS / "python").glob("[0-9][0-9]-*.ipynb")):
        assert (NOTEBOOKS / twin.name).is_file(), f"{twin.name} has no Rust lesson"


@pytest.mark.parametrize("rust,twin", PAIRS, ids=ids)
def test_tags_and_quoted_python(rust, twin):
    r, p = nbformat.read(rust, as_version=4), nbformat.read(twin, as_version=4)
    for nb, path in ((r, rust), (p, twin)):
        nbformat.validate(nb)
        tags = [tag_of(c) for c in code_cells(nb)]
        assert None not in tags, f"{path.name}: a code cell without exactly one py:code-MM tag"
        assert tags == [f"code-{i:02d}" for i in range(1, len(tags) + 1)], f"{path.name}: tags out of order {tags}"
        dirty = [c.id for c in code_cells(nb) if c.outputs or c.execution_count is not None]
        assert not dirty, f"{path.name}: outputs committed in {dirty} (python3 notebooks/tools/nbclean.py)"
    assert r.metadata.kernelspec.name == "rust-netlib"
    assert p.metadata.kernelspec.name == "python3"
    assert len(code_cells(r)) == len(code_cells(p))
    for rc, pc in zip(code_cells(r), code_cells(p)):
        assert quoted_python(rc.source) == python_lines(pc.source), f"{tag_of(rc)}: the // Python: lines are not its twin's source"
        raises = "raises-exception" in pc.metadata.get("tags", [])
        assert raises == ("raises-exception" in rc.metadata.get("tags", [])), f"{tag_of(rc)}: raises-exception on one side only"
        meta = rc.metadata.get("netlessons", {})
        assert set(meta) <= {"normalize", "compare", "why"}, f"{tag_of(rc)}: unknown netlessons keys {set(meta)}"
        if meta.get("compare") == "none":
            assert meta.get("why"), f"{tag_of(rc)}: compare none needs a why"
        for pattern, _ in meta.get("normalize", []):
            re.compile(pattern)


# --- executed -------------------------------------------------------------------------


@pytest.fixture(scope="module", params=PAIRS, ids=ids)
def executed(request):
    if not KERNEL_INSTALLED:
        pytest.skip("the rust-netlib kernel is not installed: run ./kernel-setup/install")
    rust, twin = request.param
    return run_twice(rust, "rust-netlib"), run_twice(twin, "python3")


def test_rust_shows_what_python_shows(executed):
    (rust, _), (python, _) = executed
    for rc, pc in zip(code_cells(rust), code_cells(python)):
        tag, meta = tag_of(rc), rc.metadata.get("netlessons", {})
        raises = "raises-exception" in pc.metadata.get("tags", [])
        if raises:
            want = errors_of(pc)
            assert want, f"{tag}: the Python cell is tagged raises-exception but did not raise"
            got = shown(rc) + stderr_of(rc) + "\n".join(errors_of(rc))
            assert want[0] in got, f"{tag}: Rust does not show Python's error {want[0]!r}:\n{got}"
            continue
        assert not errors_of(pc) and not stderr_of(pc), f"{tag} (Python) failed: {errors_of(pc) or stderr_of(pc)}"
        assert not errors_of(rc), f"{tag} (Rust) failed: {errors_of(rc)[0][:2000]}"
        assert not stderr_of(rc).strip(), f"{tag} (Rust) wrote to stderr: {stderr_of(rc)[:2000]}"
        if meta.get("compare") == "none":
            continue
        rules = meta.get("normalize", [])
        assert shown(rc, rules) == shown(pc, rules), f"{tag}: Rust and Python show different text"


def test_a_second_run_of_every_cell_behaves_the_same(executed):
    (rust1, rust2), (py1, py2) = executed
    metas = [c.metadata.get("netlessons", {}) for c in code_cells(rust1)]
    for first, second in ((rust1, rust2), (py1, py2)):
        for c1, c2, meta in zip(code_cells(first), code_cells(second), metas):
            tag = tag_of(c1)
            if "raises-exception" in c1.metadata.get("tags", []):
                continue
            assert not errors_of(c2), f"{tag} failed when run again: {errors_of(c2)[0][:2000]}"
            if meta.get("compare") == "none":
                continue
            rules = meta.get("normalize", [])
            assert shown(c2, rules) == shown(c1, rules), f"{tag} shows something else when run again"
