"""The lessons use one spelling per term: the one notebooks/GLOSSARY.md gives.

GLOSSARY.md's table "Spellings the lessons do not use" lists the calques and
variant spellings that crept into earlier versions; no lesson (Rust or Python
twin, any cell) may contain them.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
LESSONS = sorted(NOTEBOOKS.glob("[0-9][0-9]-*.ipynb")) + sorted((NOTEBOOKS / "python").glob("[0-9][0-9]-*.ipynb"))


def avoided() -> list[tuple[str, str]]:
    text = (NOTEBOOKS / "GLOSSARY.md").read_text(encoding="utf-8")
    section = text.split("## Spellings the lessons do not use", 1)[1]
    rows = re.findall(r"^\| ([^|]+?) \| ([^|]+?) \|$", section, re.M)
    return [(bad, good) for bad, good in rows if bad not in ("Not", "---")]


def test_the_glossary_lists_spellings_to_avoid():
    pairs = avoided()
    assert len(pairs) >= 8, pairs
    assert ("듣기 소켓", "리슨 소켓") in pairs


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: str(p.relative_to(NOTEBOOKS)))
def test_lessons_use_the_glossarys_spelling(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    pairs = avoided()
    found = []
    for cell in nb["cells"]:
        source = "".join(cell["source"])
        for bad, good in pairs:
            for line in source.splitlines():
                if bad in line:
                    found.append(f"{cell.get('id')}: {bad!r} (use {good!r}): {line.strip()[:120]}")
    assert not found, "\n".join(found)
