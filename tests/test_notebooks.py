"""The lesson notebooks: committed clean, faithful to the Python original, and
executed through the real Rust (netlib) kernel with the same values Python
shows on this machine.

Static checks need nothing but nbformat. The execution checks need the kernel
(./kernel-setup/install; ./kernel-setup/test runs it first) and are skipped,
with the reason, when it is not installed.
"""

from __future__ import annotations

import json
import re

import nbformat
import pytest

import notebook_support as ns

LESSONS = [ns.LESSON_00, ns.LESSON_01]
KERNEL_INSTALLED = (ns.ROOT / "build" / "kernel" / "launcher.json").is_file()
needs_kernel = pytest.mark.skipif(
    not KERNEL_INSTALLED, reason="the rust-netlib kernel is not installed: run ./kernel-setup/install"
)


def read(path):
    return nbformat.read(path, as_version=4)


# --- committed notebooks -----------------------------------------------------------


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_valid_nbformat_with_cell_ids(path):
    nb = read(path)
    nbformat.validate(nb)
    assert (nb.nbformat, nb.nbformat_minor) == (4, 5)
    ids = [cell.id for cell in nb.cells]
    assert len(ids) == len(set(ids)), "cell ids must be unique"


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_committed_without_outputs(path):
    nb = read(path)
    dirty = [
        cell.id
        for cell in nb.cells
        if cell.cell_type == "code" and (cell.outputs or cell.execution_count is not None)
    ]
    assert not dirty, f"outputs or execution counts committed in {dirty}: clear them (python notebooks/tools/nbclean.py)"


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_kernelspec_and_language_info(path):
    meta = read(path).metadata
    assert dict(meta.kernelspec) == {"name": "rust-netlib", "display_name": "Rust (netlib)", "language": "rust"}
    info = meta.language_info
    assert info["name"] == "Rust"
    assert info["pygments_lexer"] == "rust"
    assert info["codemirror_mode"] == "rust"
    assert info["file_extension"] == ".rs"
    assert info["mimetype"] == "text/rust"


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
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


def test_every_python_cell_reproduced_once_in_order():
    nb = read(ns.LESSON_01)
    tagged = [(ns.py_tag(cell), cell) for cell in nb.cells if ns.py_tag(cell)]
    assert [tag for tag, _ in tagged] == ns.CODE_IDS
    for tag, cell in tagged:
        assert cell.cell_type == "code"
        assert cell.source.startswith("// Python:"), f"{tag} must start with the original Python"


def test_python_comments_are_the_original_cells():
    originals = dict(ns.gen_expected.load_cells())
    nb = read(ns.LESSON_01)
    for cell in nb.cells:
        tag = ns.py_tag(cell)
        if not tag:
            continue
        quoted = [line.removeprefix("// Python: ") for line in cell.source.splitlines() if line.startswith("// Python:")]
        original = [line.rstrip() for line in originals[tag].splitlines() if line.strip()]
        assert quoted == original, tag


def test_only_lesson_01_code_cells_are_tagged_and_tags_are_known():
    nb = read(ns.LESSON_01)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert ns.py_tag(cell) or ns.is_extra(cell), (
                f"{cell.id}: every code cell of lesson 01 reproduces a Python cell or is tagged extra"
            )
            assert not (ns.py_tag(cell) and ns.is_extra(cell)), cell.id
        for tag in cell.metadata.get("tags", []):
            assert tag.startswith("py:code-") or tag in ("raises-exception", "extra"), tag


def test_extra_cells_quote_their_python():
    """Cells the original lacks (tag `extra`: pictures, exercises) start with
    the Python they stand for, whose last line is an expression, then Rust."""
    extras = [cell for cell in read(ns.LESSON_01).cells if ns.is_extra(cell)]
    assert len(extras) >= 5
    for cell in extras:
        python = ns.extra_python(cell)
        assert python, f"{cell.id}: an extra cell starts with its Python as // Python: lines"
        rust = [line for line in cell.source.splitlines() if not line.startswith("// Python:")]
        assert any(line.strip() for line in rust), f"{cell.id} has no Rust"


def test_expected_record_covers_the_original():
    record = ns.committed_record()
    assert record["python"].startswith("3.13.")
    assert [c["id"] for c in record["cells"]] == ns.CODE_IDS
    raised = {c["id"] for c in record["cells"] if c["error"]}
    assert raised == ns.PYTHON_RAISES


def test_expected_record_is_current():
    """The committed record is what CPython 3.13 gives now (host cells aside)."""
    live = ns.gen_expected.run_cells()
    if not live["python"].startswith("3.13."):
        pytest.skip(f"CPython 3.13 not available (found {live['python']}); the committed record stands")
    committed = {c["id"]: c for c in ns.committed_record()["cells"]}
    for cell in live["cells"]:
        if not cell["host_dependent"]:
            assert cell == committed[cell["id"]], cell["id"]


def test_normalisations_only_change_form():
    """Spot checks of the documented rules on the committed record."""
    record = {c["id"]: c for c in ns.committed_record()["cells"]}
    assert ns.expected_shown(record["code-06"]).splitlines() == [
        "IP 주소: 192.168.0.15, 바이트 표현 IP 주소[192, 168, 0, 15]",
        "c0a8000f",
    ]
    assert ns.expected_shown(record["code-28"]) == "Some(80)\n"
    assert ns.expected_shown(record["code-27"]) == '"http"\n'
    assert ns.expected_shown(record["code-05"]).count("true") == 2
    assert "AF_INET = <AddressFamily.AF_INET: 2>\n" in ns.expected_shown(record["code-31"])


# --- executed through the kernel -----------------------------------------------------


@pytest.fixture(scope="module")
def python_live():
    """The original cells run now, on this machine (for host-dependent cells)."""
    return ns.live_python_cells()


@pytest.fixture(scope="module")
def executed_01():
    import lessons

    nb, timing = lessons.execute(ns.LESSON_01)
    _write_timing("01-ipaddress-and-socket", nb, timing)
    return nb


@pytest.fixture(scope="module")
def executed_00():
    import lessons

    nb, timing = lessons.execute(ns.LESSON_00)
    _write_timing("00-network-programming", nb, timing)
    return nb


def _write_timing(name, nb, timing):
    ns.TIMINGS.mkdir(parents=True, exist_ok=True)
    tags = {cell.id: ns.py_tag(cell) or cell.id for cell in nb.cells}
    cells = {tags.get(cid, cid): round(t, 3) for cid, t in timing["cells"].items()}
    data = {
        "startup_s": round(timing["startup_s"], 2),
        "total_s": round(timing["total_s"], 2),
        "cells_s": round(sum(cells.values()), 2),
        "cells": cells,
    }
    (ns.TIMINGS / f"{name}.json").write_text(json.dumps(data, indent=1) + "\n")


def _cells_by_tag(nb):
    return {ns.py_tag(cell): cell for cell in nb.cells if ns.py_tag(cell)}


def _error_outputs(cell):
    return [o for o in cell.outputs if o.output_type == "error"]


@needs_kernel
@pytest.mark.parametrize("code_id", ns.CODE_IDS)
def test_rust_cell_shows_what_python_shows(code_id, executed_01, python_live):
    record = ns.expected_record(code_id, python_live)
    cell = _cells_by_tag(executed_01)[code_id]
    errors = _error_outputs(cell)
    assert not errors, f"{code_id} failed: {errors[0].get('evalue', '')[:2000]}"
    panics = [o for o in cell.outputs if o.output_type == "stream" and "panicked" in o.get("text", "")]
    assert not panics, f"{code_id} panicked: {panics[0]['text'][:2000]}"
    assert ns.rust_shown(cell) == ns.expected_shown(record)


@needs_kernel
def test_no_cell_errors_except_where_python_raised(executed_01):
    for tag, cell in _cells_by_tag(executed_01).items():
        if tag in ns.PYTHON_RAISES:
            continue
        assert not _error_outputs(cell), tag
        stderr = "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream" and o.name == "stderr")
        assert not stderr.strip(), f"{tag} wrote to stderr: {stderr[:500]}"


@needs_kernel
def test_extra_cells_show_what_python_shows_and_draw_a_picture(executed_01):
    """Each extra cell's text is what CPython 3.13 shows for its `// Python:`
    lines, run now on this machine; its result also carries a netlib picture."""
    extras = [cell for cell in executed_01.cells if ns.is_extra(cell)]
    header = ("imports", "import ipaddress, socket\nfrom urllib.parse import urlparse, urlsplit")
    live = ns.gen_expected.run_cells([header] + [(cell.id, ns.extra_python(cell)) for cell in extras])
    if not live["python"].startswith("3.13."):
        pytest.skip(f"CPython 3.13 not available (found {live['python']})")
    python = {c["id"]: c for c in live["cells"]}
    for cell in extras:
        assert not _error_outputs(cell), f"{cell.id}: {_error_outputs(cell)[0].get('evalue', '')[:2000]}"
        assert python[cell.id]["error"] is None, python[cell.id]
        assert ns.rust_shown(cell) == ns.expected_shown(python[cell.id]), cell.id
        results = [o for o in cell.outputs if o.output_type == "execute_result"]
        assert len(results) == 1, cell.id
        assert results[0]["data"]["text/html"].startswith('<div class="netlib-display netlib-'), cell.id


@needs_kernel
def test_tagged_cells_ending_in_an_address_draw_it(executed_01):
    """code-01…04 end in an address: the text stays Python's repr (checked
    above), and the result carries the address picture next to it."""
    cells = _cells_by_tag(executed_01)
    for code_id in ["code-01", "code-02", "code-03", "code-04"]:
        (result,) = [o for o in cells[code_id].outputs if o.output_type == "execute_result"]
        assert set(result["data"]) == {"text/plain", "text/html"}, code_id
        assert 'class="netlib-display netlib-address"' in result["data"]["text/html"], code_id


@needs_kernel
def test_code_18_shows_pythons_error_text(executed_01, python_live):
    cell = _cells_by_tag(executed_01)["code-18"]
    live = python_live["code-18"]
    if live["error"]:
        assert f"{live['error']['ename']}: {live['error']['evalue']}" in ns.rust_shown(cell)


@needs_kernel
def test_lesson_00_runs_clean(executed_00):
    shown = {}
    for cell in executed_00.cells:
        if cell.cell_type != "code":
            continue
        assert not _error_outputs(cell), f"{cell.id}: {_error_outputs(cell)[0].get('evalue', '')[:2000]}"
        text = "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")
        assert "panicked" not in text, f"{cell.id}: {text[:2000]}"
        shown[cell.id] = text
    everything = "".join(shown.values())
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
