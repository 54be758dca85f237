"""The lesson pairs ./kernel-setup/bench/lesson runs besides lesson 01, and its A/B of the lesson crates.

A pair is `notebooks/NN-*.ipynb` (kernel rust-netlib) and its twin
`notebooks/python/NN-*.ipynb` (kernel python3), NN >= 02; lesson 01's Python
counterpart is the original notebook (lesson.py). `--deps-ab` runs
lesson 01 on a kernel home of its own that is the installed one without the
lesson crates (configure.py --no-lesson-deps: none of the `:dep` lines of
LESSON_DEPS; or only those of `--deps-ab-leave-out`) and on the installed
home, reserves off for both, rounds alternating: what preloading those crates
costs a lesson cell.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
KERNEL_HOME = ROOT / "build" / "kernel"

# Reported per lesson, Rust against Python.
PAIR_METRICS = [
    ("ready_s", "start→ready"),
    ("cell_median_s", "cell median"),
    ("cell_p95_s", "cell p95"),
    ("total_s", "run-all total"),
]


def find_pairs(numbers: set[str] | None) -> list[tuple[str, Path, Path]]:
    """(NN, Rust lesson, Python twin) for every NN >= 02 with both notebooks, NN in `numbers` if given."""
    pairs = []
    for rust in sorted(NOTEBOOKS.glob("[0-9][0-9]-*.ipynb")):
        nn = rust.name[:2]
        if nn in ("00", "01") or (numbers is not None and nn not in numbers):
            continue
        twins = sorted((NOTEBOOKS / "python").glob(f"{nn}-*.ipynb"))
        if twins:
            pairs.append((nn, rust, twins[0]))
    return pairs


def code_cells(path: Path) -> int:
    return sum(c["cell_type"] == "code" for c in json.loads(path.read_text(encoding="utf-8"))["cells"])


def pairs_table(lessons: dict[str, dict]) -> str:
    """One row per lesson: Rust / Python (Rust ÷ Python) for each metric, medians of rounds."""
    lines = ["| lesson (code cells) | " + " | ".join(label for _, label in PAIR_METRICS) + " |",
             "|---|" + "---:|" * len(PAIR_METRICS)]
    for nn, lesson in lessons.items():
        rust, py = lesson["summary"].get("rust"), lesson["summary"].get("python")
        cells = []
        for key, _ in PAIR_METRICS:
            parts = [f"{col[key]:.{3 if col[key] < 0.1 else 2}f}" for col in (rust, py) if col]
            ratio = f" ({rust[key] / py[key]:.1f}×)" if rust and py else ""
            cells.append(" / ".join(parts) + " s" + ratio)
        name = Path(lesson["lesson"]).stem
        lines.append(f"| {name} ({lesson['cells']}) | " + " | ".join(cells) + " |")
    cols = " / ".join(k for k in ("rust", "python") if any(k in l["summary"] for l in lessons.values()))
    lines.append(f"\ncells: {cols.replace('rust', 'Rust (rust-netlib)').replace('python', 'Python (ipykernel)')}"
                 + (" (Rust ÷ Python)" if "/" in cols else "") + "; lesson 01's Python is the original notebook.")
    return "\n".join(lines)


def lesson_dep_names() -> list[str]:
    """The crates of configure.py's LESSON_DEPS, in order."""
    from netlessons.kernel import configure

    return configure.lesson_dep_names()


def no_lesson_deps_home(out: Path, leave_out: list[str] | None = None) -> Path:
    """A fresh kernel home like the installed one, without LESSON_DEPS (or only
    without the crates in `leave_out`) in its init.evcxr.

    The same launcher settings (evcxr, PATH, the trimmed std for the analyzer)
    and a copy of the installed prebuilt cache: only init.evcxr differs.
    """
    home = out / "no-lesson-deps-home"
    shutil.rmtree(home, ignore_errors=True)
    settings = json.loads((KERNEL_HOME / "launcher.json").read_text())
    which = [a for name in leave_out for a in ("--leave-out-dep", name)] if leave_out else ["--no-lesson-deps"]
    subprocess.run([sys.executable, str(ROOT / "kernel-setup" / "kernel" / "configure.py"), "--home", str(home),
                    "--root", str(ROOT), "--evcxr", settings["evcxr"], "--path", settings["path"], *which],
                   check=True)
    (home / "launcher.json").write_text(json.dumps(settings, indent=2) + "\n")
    subprocess.run(["cp", "-a", str(KERNEL_HOME / "cache"), str(home / "cache")], check=True)
    return home


def stock_evcxr_home(out: Path, stock_evcxr: str) -> Path:
    """A fresh kernel home like the installed one whose launcher runs the stock,
    unpatched evcxr_jupyter 0.22.0: the same config, prebuilt cache and launcher
    settings, so only kernel-setup/evcxr/'s patches differ."""
    home = out / "stock-evcxr-home"
    shutil.rmtree(home, ignore_errors=True)
    home.mkdir(parents=True)
    settings = json.loads((KERNEL_HOME / "launcher.json").read_text())
    settings["evcxr"] = stock_evcxr
    (home / "launcher.json").write_text(json.dumps(settings, indent=2) + "\n")
    for name in ("config", "cache"):
        subprocess.run(["cp", "-a", str(KERNEL_HOME / name), str(home / name)], check=True)
    return home


def ab_table(ab: dict, metrics: list[tuple[str, str]]) -> str:
    without, with_ = ab["summary"]["without"], ab["summary"]["with"]
    # crates left out, or (--deps-ab-home) the other kernel home's description
    left_out = ab["left_out"] if isinstance(ab["left_out"], str) else ", ".join(ab["left_out"])
    lines = [f"| lesson 01, median of rounds | without {left_out} | with (installed) | with / without |",
             "|---|---:|---:|---:|"]
    for key, label in metrics:
        lines.append(f"| {label} | {without[key]:.3f} s | {with_[key]:.3f} s | {with_[key] / without[key]:.2f}× |")
    change = with_["cell_median_s"] / without["cell_median_s"] - 1
    lines.append(f"\nrounds: {without['rounds']} each, reserves off; cell median {change:+.1%} with the lesson crates "
                 f"({'within' if change <= 0.10 else 'NOT within'} 10 %)")
    return "\n".join(lines)
