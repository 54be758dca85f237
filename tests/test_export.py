"""The instructors' HTML export: `./kernel-setup/export` writes, for every lesson,
self-contained HTML with the Korean text, highlighted Rust, every output and the
figures inlined.

The test session executes each lesson once (tests/lesson_runs.py); the export
here takes those executed notebooks (`--executed build/test-lessons`), so what
each page must contain is read from that run: every heading, every line of
code, every output in order (stdout and results as text, netlib's pictures as
HTML of the same kind), every figure of the lesson's Markdown.
"""

from __future__ import annotations

import html
import os
import re
import subprocess
from collections import Counter

import nbformat
import pytest

import lesson_runs as lr
import notebook_support as ns

LESSONS = [p.stem for p in ns.lessons()]
OUTPUT_AREA = re.compile(r'<div class="[^"]*\bjp-OutputArea-output\b[^"]*"')
PICTURE = re.compile(r'<div class="netlib-display netlib-([a-z]+)"')


@pytest.fixture(scope="module")
def exported(tmp_path_factory, lesson_runs):
    runs = lesson_runs.all_rust()
    for name, run in runs.items():
        run.cells()  # each lesson ran
    out = tmp_path_factory.mktemp("html")
    # The checkout is installed already (the test command's first step).
    env = dict(os.environ, NETLESSONS_SKIP_INSTALL="1")
    done = subprocess.run(
        [str(ns.ROOT / "kernel-setup" / "export"), "--executed", str(lr.OUT), "--out", str(out)],
        capture_output=True, text=True, timeout=600, env=env,
    )
    assert done.returncode == 0, f"export failed:\n{done.stdout[-4000:]}\n{done.stderr[-4000:]}"
    return out, done.stdout, runs


def page_text(page: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", page))


def test_one_html_per_lesson(exported):
    out, _, _ = exported
    assert sorted(p.stem for p in out.glob("*.html")) == sorted(LESSONS)


def _expected_outputs(nb):
    """Per output of every code cell, what the page must show: ("text", str) or ("picture", kind)."""
    want = []
    for cell in ns.code_cells(nb):
        for o in cell.outputs:
            if o.output_type == "stream":
                want.append(("text", o.text))
            elif o.output_type in ("execute_result", "display_data"):
                if "text/html" in o.data:
                    kind = PICTURE.match(o.data["text/html"])
                    want.append(("picture", kind.group(1) if kind else o.data["text/html"]))
                else:
                    want.append(("text", o.data.get("text/plain", "")))
            elif o.output_type == "error":
                want.append(("text", o.evalue))
    return want


@pytest.mark.parametrize("lesson", LESSONS)
def test_html_is_complete_and_self_contained(exported, lesson):
    out, _, runs = exported
    nb = runs[lesson].nb
    page = (out / f"{lesson}.html").read_text(encoding="utf-8")
    text = page_text(page)

    # Every heading of the lesson's Markdown, as a heading.
    headings = [h.strip() for c in nb.cells if c.cell_type == "markdown" for h in re.findall(r"^#{1,6} (.+)$", c.source, re.M)]
    assert headings, lesson
    for heading in headings:
        plain = page_text(re.sub(r"`([^`]*)`", r"\1", heading)).replace("**", "")
        found = [page_text(h) for h in re.findall(r"<h[1-6][^>]*>(.*?)</h[1-6]>", page, re.S)]
        assert any(plain in f for f in found), f"heading missing: {heading}"

    # Every line of code, highlighted as Rust.
    assert 'class="highlight' in page
    assert re.search(r'<span class="k[a-z]*">let</span>', page) or not any("let " in c.source for c in ns.code_cells(nb)), (
        "Rust code is not highlighted"
    )
    for cell in ns.code_cells(nb):
        for line in cell.source.splitlines():
            assert line.strip() in text, f"{cell.id}: code line missing: {line!r}"

    # Every output, in order: one output area each; text as text, pictures as HTML.
    want = _expected_outputs(nb)
    areas = OUTPUT_AREA.findall(page)
    assert len(areas) == len(want), f"{len(areas)} output areas for {len(want)} outputs"
    pos = 0
    for kind, value in want:
        if kind == "text":
            for line in value.strip().splitlines():
                at = text.find(line.strip(), pos)
                assert at >= 0, f"output missing or out of order: {line!r}"
                pos = at
    pictures = Counter(PICTURE.findall(page))
    assert pictures == Counter(v for k, v in want if k == "picture"), pictures
    if pictures:
        assert "&lt;div class=&quot;netlib-display" not in page
        assert "--jp-brand-color1:" in page, "the theme's variables are not in the export"

    # Every figure of the Markdown, inlined.
    figures = [ref for c in nb.cells if c.cell_type == "markdown" for ref in re.findall(r"!\[[^\]]*\]\(([^)\s]+)\)", c.source)]
    images = re.findall(r"<img\b[^>]*>", page)
    assert len(images) == len(figures), (images, figures)
    for img in images:
        assert 'src="data:image/svg+xml;base64,' in img, f"figure not inlined: {img[:200]}"
    assert not re.search(r'<img\b[^>]*\bsrc="(?!data:)', page), "external image reference"
    assert "images/" not in re.sub(r'alt="[^"]*"', "", "".join(images))
    assert "Noto Sans KR" in page and 'lang="ko"' in page


def test_export_reports_timings(exported):
    _, stdout, _ = exported
    for lesson in LESSONS:
        assert re.search(rf"{lesson}\.html \(kernel ready [\d.]+ s, \d+ cells [\d.]+ s", stdout), stdout


def test_export_refuses_a_notebook_it_did_not_execute(tmp_path):
    """`--executed` takes only notebooks executed by the tool (their timing
    metadata says so), never a committed lesson without outputs."""
    for path in ns.lessons():
        nbformat.write(ns.read(path), tmp_path / path.name)
    env = dict(os.environ, NETLESSONS_SKIP_INSTALL="1")
    done = subprocess.run(
        [str(ns.ROOT / "kernel-setup" / "export"), "--executed", str(tmp_path), "--out", str(tmp_path / "html")],
        capture_output=True, text=True, timeout=120, env=env,
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert "was not executed by this tool" in done.stderr
