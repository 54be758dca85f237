"""The lesson notebooks: committed clean and well-formed, and what only some
lessons have: lesson 01's pictures and its one original cell that raises, and
lesson 00, which has no twin.

Static checks need nothing but nbformat. The others read the session's one run
of each lesson (tests/lesson_runs.py); the comparison of every lesson with its
twin is tests/test_lesson_pairs.py.
"""

from __future__ import annotations

import re

import nbformat
import pytest

import notebook_support as ns

LESSONS = ns.lessons()
ALL = LESSONS + sorted(ns.TWINS.glob("[0-9][0-9]-*.ipynb"))


def read(path):
    return nbformat.read(path, as_version=4)


def label(path):
    return str(path.relative_to(ns.NOTEBOOKS))


# --- committed notebooks -----------------------------------------------------------


@pytest.mark.parametrize("path", ALL, ids=label)
def test_valid_nbformat_with_cell_ids(path):
    nb = read(path)
    nbformat.validate(nb)
    assert (nb.nbformat, nb.nbformat_minor) == (4, 5)
    ids = [cell.id for cell in nb.cells]
    assert len(ids) == len(set(ids)), "cell ids must be unique"


@pytest.mark.parametrize("path", ALL, ids=label)
def test_committed_without_outputs(path):
    nb = read(path)
    dirty = [
        cell.id
        for cell in nb.cells
        if cell.cell_type == "code" and (cell.outputs or cell.execution_count is not None)
    ]
    assert not dirty, f"outputs or execution counts committed in {dirty}: clear them (python notebooks/tools/nbclean.py)"


# What only the second kernel has (kernel-setup/kernel/configure.py, WEB_DEPS).
WEB_ONLY = re.compile(r"\b(?:rustls|rcgen|ureq::tls|hyper|hyper_util|http_body_util)::")


@pytest.mark.parametrize("path", LESSONS, ids=label)
def test_kernelspec_and_language_info(path):
    """A lesson runs on Rust (netlib), or on Rust (netlib + web) exactly when its code
    uses the TLS crates that only that kernel has (every other cell would pay for them)."""
    nb = read(path)
    meta = nb.metadata
    web = any(WEB_ONLY.search(c.source) for c in nb.cells if c.cell_type == "code")
    want = ("rust-netlib-web", "Rust (netlib + web)") if web else ("rust-netlib", "Rust (netlib)")
    assert dict(meta.kernelspec) == {"name": want[0], "display_name": want[1], "language": "rust"}
    info = meta.language_info
    assert info["name"] == "Rust"
    assert info["pygments_lexer"] == "rust"
    assert info["codemirror_mode"] == "rust"
    assert info["file_extension"] == ".rs"
    assert info["mimetype"] == "text/rust"


@pytest.mark.parametrize("path", LESSONS, ids=label)
def test_images_are_committed_svgs(path):
    nb = read(path)
    refs = []
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            assert "attachment:" not in cell.source, f"{cell.id}: attachments are lost on export; use images/*.svg"
            refs += re.findall(r"!\[[^\]]*\]\(([^)\s]+)\)", cell.source)
    for ref in refs:
        assert ref.startswith("images/") and ref.endswith(".svg"), ref
        assert (ns.NOTEBOOKS / ref).is_file(), f"missing figure {ref}"
    if path == ns.LESSON_01:
        assert len(refs) == 4


def test_lesson_01_twin_is_the_original_course_notebook():
    """The twin's numbered cells are the original Python notebook's code cells, in
    order and unchanged (only tagged); its extra cells are the Rust lesson's."""
    twin = read(ns.twin_of(ns.LESSON_01))
    original = [c for c in twin.cells if c.cell_type == "code" and ns.py_tag(c)]
    assert [ns.py_tag(c) for c in original] == [f"code-{n:02d}" for n in range(1, 37)]
    assert [c.id for c in original] == [ns.py_tag(c) for c in original]
    assert twin.metadata["netlessons"]["python"] == "3.13"


# --- lesson 01: pictures and the cell that raises (tests/lesson_runs.py) -----------------

# Cells whose last expression netlib draws as a picture next to Python's repr.
PICTURE_CELLS = {"code-01", "code-02", "code-03", "code-04"}


def _picture_cells(nb):
    # Exercise cells are `extra` too; their checks' tables are tests/test_exercises.py's.
    return [
        c
        for c in ns.code_cells(nb)
        if (ns.py_tag(c) in PICTURE_CELLS or "extra" in ns.tags_of(c)) and "nbgrader" not in c.metadata
    ]


def test_picture_cells_draw_a_picture_and_keep_pythons_text(lesson_runs):
    """code-01…04 and every extra cell but the exercises that ends in a value (the
    ones that print a comparison line by line end in none) show it with a picture:
    one result, `text/plain` (Python's repr, compared with the twin in
    test_lesson_pairs) and `text/html`, a netlib picture of the value's kind."""
    nb = lesson_runs.rust(ns.LESSON_01.stem).nb
    cells = _picture_cells(nb)
    valued = [c for c in cells if ns.py_tag(c) in PICTURE_CELLS or any(o.output_type == "execute_result" for o in c.outputs)]
    assert len(valued) >= 11, [c.id for c in valued]
    for cell in cells:
        results = [o for o in cell.outputs if o.output_type == "execute_result"]
        if cell not in valued:
            assert results == [] and any(o.output_type == "stream" for o in cell.outputs), (cell.id, cell.outputs)
            continue
        assert len(results) == 1, (cell.id, cell.outputs)
        data = results[0]["data"]
        assert set(data) == {"text/plain", "text/html"}, (cell.id, set(data))
        kind = re.match(r'<div class="netlib-display netlib-(\w+)"', data["text/html"])
        assert kind, (cell.id, data["text/html"][:200])
        # The picture is of the value the text names: an address, a network, …
        want = {"IPv4Address": "address", "IPv6Address": "address", "IPv4Network": "network",
                "IPv4Interface": "interface", "ParseResult": "url"}.get(data["text/plain"].split("(")[0], "table")
        assert kind.group(1) == want, (cell.id, kind.group(1), data["text/plain"][:80])


def test_code_18_shows_pythons_error_text(lesson_runs):
    """The original's code-18 raises `herror` (no reverse DNS entry for the address);
    the Rust cell handles the `Err` and prints IPython's last traceback line, exactly,
    and the cell itself succeeds."""
    python = {ns.py_tag(c): c for c in lesson_runs.twin(ns.LESSON_01.stem).cells()}["code-18"]
    rust = {ns.py_tag(c): c for c in lesson_runs.rust(ns.LESSON_01.stem).cells()}["code-18"]
    errors = ns.errors_of(python)
    assert errors, (
        "Python's code-18 did not raise on this machine (it resolved 203.249.39.46:"
        f" {ns.shown(python)!r}), so there is no error text to show; the lesson's note on herror does not hold here"
    )
    assert errors[0].startswith("herror: "), errors
    assert ns.shown(rust) == errors[0] + "\n", f"Rust shows {ns.shown(rust)!r}, Python's error is {errors[0]!r}"
    assert not ns.errors_of(rust) and not ns.stderr_of(rust).strip(), (ns.errors_of(rust), ns.stderr_of(rust))


# --- lesson 00 (no twin: notebooks/README.md says why) -----------------------------------


def test_lesson_00_runs_clean(lesson_runs):
    cells = lesson_runs.rust(ns.LESSON_00.stem).cells()
    for cell in cells:
        assert not ns.errors_of(cell), f"{cell.id}: {ns.errors_of(cell)[0][:2000]}"
        assert not ns.stderr_of(cell).strip(), f"{cell.id} wrote to stderr: {ns.stderr_of(cell)[:2000]}"
        # An exercise's answer cell defines a function and shows nothing.
        assert ns.shown(cell).strip() or cell.metadata.get("nbgrader", {}).get("solution"), f"{cell.id} shows nothing"
    everything = "".join(ns.shown(cell) for cell in cells)
    for needle in [
        "TCP 에코 응답: 안녕, 소켓!",
        "UDP 4바이트 수신: \"ping\" (보낸 호스트 127.0.0.1)",
        "WouldBlock",
        "socket -> SOCKET",
        "상태 줄: HTTP/1.1 200 OK",
        "본문  : 요청: GET /hello HTTP/1.1",
        "netlib testname → gaierror: [Errno -2] Name or service not known",
        "netlib localhost → 127.0.0.1",
        "IPv4Network('192.168.100.0/24') 에 192.168.100.5 포함? true",
    ]:
        assert needle in everything, f"lesson 00 output lacks {needle!r}:\n{everything}"
