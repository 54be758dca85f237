"""The evcxr patches are one chain: each applies to exactly what the one before it
left, and the committed files are what kernel-setup/evcxr/series.py exports."""

import subprocess
import sys

import pytest
from notebook_support import ROOT

from netlessons.evcxr import build

SERIES = ROOT / "kernel-setup" / "evcxr" / "series.py"


def test_the_series_survives_a_round_trip():
    proc = subprocess.run([sys.executable, str(SERIES), "check"], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "each applies to exactly what the one before it left" in proc.stdout


def test_a_patch_made_from_other_sources_is_refused(tmp_path):
    """A hunk that git apply would still place (same context, another blob) is refused."""
    first = build.patches()[0]
    text = first.read_text()
    path, before, _ = build.touched_files(text)[0]
    tree = tmp_path / "tree"
    (tree / path).parent.mkdir(parents=True)
    (tree / path).write_text("not the published file\n")
    with pytest.raises(SystemExit, match="was made from another"):
        build.apply_strictly(first, tree)
