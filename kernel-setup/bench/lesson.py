"""Lesson 01 on the Rust (netlib) kernel against the original Python lesson, in one run.

Run by ./kernel-setup/bench/lesson (which installs first and uses the project's venv).
Each round runs, in this order: the Rust lesson on `rust-netlib`, the original
Python notebook on `python3` (ipykernel in .venv), and, while plain rounds
remain, the Rust lesson on a plain evcxr kernel that loads netlib with a
`:dep` cell of its own (empty config dir, evcxr's defaults, a fresh build dir:
what a user without this project would get). Timings go through nbclient as
`kernel-setup/export` and the notebook tests run the lessons.

Reported per kernel, median of the rounds: kernel start to ready
(kernel_info answered), the first lesson cell, the median and p95 of the
lesson cells, and the run-all total (start included, shutdown excluded).
`--floor` adds evcxr's own floor: the stock evcxr and our patched one, each
with no dependency and no prelude (warm build dir), and the rust-netlib kernel
started cold, each running trivial cells, so the lesson's numbers can be split
into evcxr's cost, what the patches save, and what the preloaded crates add.

Each round then runs every other lesson pair the same way, Rust then Python
(`notebooks/NN-*.ipynb` against `notebooks/python/NN-*.ipynb`, pairs.py),
and `--deps-ab` adds rounds of lesson 01 without and with the preloaded
lesson crates (pairs.py says how).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from jupyter_client import KernelManager
from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
from nbclient import NotebookClient

import pairs as bench_pairs

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "notebooks" / "tools"))
import lessons as lesson_tool  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
LESSON = ROOT / "notebooks" / "01-ipaddress-and-socket.ipynb"
# Lesson 01's twin: the original course notebook (plus the Rust lesson's extra cells).
PYTHON_LESSON = ROOT / "notebooks" / "python" / "01-ipaddress-and-socket.ipynb"
OUT = ROOT / "build" / "bench"
KERNEL_HOME = ROOT / "build" / "kernel"
STARTUP_TIMEOUT = 1800
CELL_TIMEOUT = 900

# The cells `--floor` times: a display of a value (two compiles: evcxr tries
# `evcxr_display` first), a statement, and bindings (evcxr's variable store).
FLOOR_CELLS = [
    ("1+1", "1+1"),
    ("1+1", "1+1"),
    ("1+1", "1+1"),
    ("1+1", "1+1"),
    ("1+1", "1+1"),
    ("println", 'println!("x");'),
    ("println", 'println!("x");'),
    ("println", 'println!("x");'),
    ("first let", "let a = 1;"),
    ("let", "let b = 2;"),
    ("let", "let c = 3;"),
    ("let", "let d = 4;"),
    ("use var", 'println!("{}", a + b + c + d);'),
]


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def kernel_path() -> str:
    """The PATH the install recorded for the kernel (cargo, rustc, maybe mold)."""
    return json.loads((KERNEL_HOME / "launcher.json").read_text())["path"]


def evcxr_binary() -> str:
    """The unpatched evcxr_jupyter 0.22.0 (./kernel-setup/bench/lesson passes it), else
    the kernel's own patched build."""
    return os.environ.get("NETLESSONS_STOCK_EVCXR") or json.loads((KERNEL_HOME / "launcher.json").read_text())["evcxr"]


def ensure_python_kernelspec() -> None:
    """The python3 kernelspec must be the venv's own ipykernel."""
    try:
        spec = KernelSpecManager().get_kernel_spec("python3")
        if Path(spec.resource_dir).resolve().is_relative_to(Path(sys.prefix).resolve()):
            return
    except NoSuchKernel:
        pass
    subprocess.run(
        [sys.executable, "-m", "ipykernel", "install", "--sys-prefix", "--name", "python3"],
        check=True,
        stdout=subprocess.DEVNULL,
    )


class SpecDir:
    """A kernelspec of our own, in a temporary directory under build/bench."""

    def __init__(self, name: str, argv: list[str], env: dict[str, str]):
        OUT.mkdir(parents=True, exist_ok=True)
        self.dir = Path(tempfile.mkdtemp(prefix=f"{name}-spec-", dir=OUT))
        (self.dir / name).mkdir()
        spec = {"argv": argv, "display_name": name, "language": "rust", "interrupt_mode": "message", "env": env}
        (self.dir / name / "kernel.json").write_text(json.dumps(spec, indent=2))
        self.name = name

    def manager(self) -> KernelManager:
        ksm = KernelSpecManager(kernel_dirs=[str(self.dir)])
        return KernelManager(kernel_name=self.name, kernel_spec_manager=ksm)

    def remove(self) -> None:
        shutil.rmtree(self.dir, ignore_errors=True)


def run_notebook(nb: nbformat.NotebookNode, km: KernelManager, cwd: Path, setup_cells: int = 0) -> dict:
    """Executes every code cell; times start, each cell and the total.

    The first `setup_cells` code cells (the plain kernel's `:dep`) are timed
    apart and left out of the lesson's per-cell figures.
    """
    client = NotebookClient(
        nb,
        km=km,
        timeout=CELL_TIMEOUT,
        startup_timeout=STARTUP_TIMEOUT,
        allow_errors=True,
        interrupt_on_timeout=True,
        resources={"metadata": {"path": str(cwd)}},
    )
    cells: list[float] = []
    setup: list[float] = []
    errors: list[str] = []
    started = time.monotonic()
    # cleanup_kc: nbclient shuts down only kernels whose manager it created.
    with client.setup_kernel(cleanup_kc=True):
        ready = time.monotonic()
        n = 0
        for index, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            t0 = time.monotonic()
            client.execute_cell(cell, index)
            took = time.monotonic() - t0
            (setup if n < setup_cells else cells).append(took)
            n += 1
            for output in cell.get("outputs", []):
                if output.get("output_type") == "error":
                    errors.append(f"cell {n}: {output.get('ename')}: {str(output.get('evalue'))[:200]}")
        finished = time.monotonic()
    return {
        "ready_s": ready - started,
        "setup_cells_s": setup,
        "first_cell_s": cells[0],
        "cell_median_s": statistics.median(cells),
        "cell_p95_s": p95(cells),
        "cell_max_s": max(cells),
        "total_s": finished - started,
        "cells_s": cells,
        "errors": errors,
    }


def run_rust(lesson: Path = LESSON) -> dict:
    nb = nbformat.read(lesson, as_version=4)
    km = KernelManager(kernel_name=lesson_tool.kernel_of(nb))  # rust-netlib, or rust-netlib-web (lesson 06)
    return run_notebook(nb, km, lesson.parent)


def run_python(lesson: Path = PYTHON_LESSON) -> dict:
    nb = nbformat.read(lesson, as_version=4)
    km = KernelManager(kernel_name="python3")
    # Its own directory, as when a student opens the original.
    return run_notebook(nb, km, lesson.parent)


def home_manager(name: str, home: Path) -> SpecDir:
    """rust-netlib's launcher on kernel home `home` (the `--deps-ab` arms)."""
    argv = json.loads((KERNEL_HOME / "kernelspec" / "kernel.json").read_text())["argv"]
    return SpecDir(name, argv, {"NETLIB_KERNEL_HOME": str(home)})


def run_home(spec: SpecDir) -> dict:
    return run_notebook(nbformat.read(LESSON, as_version=4), spec.manager(), LESSON.parent)


def start_untimed(km: KernelManager) -> None:
    """A start no round should pay: a stale slot refreshed from the cache, a netlib changed since the install rebuilt."""
    km.start_kernel(cwd=str(LESSON.parent))
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=STARTUP_TIMEOUT)
    kc.stop_channels()
    km.shutdown_kernel(now=False)


def round_line(round_no: int, kind: str, result: dict) -> str:
    extra = f", :dep cell {result['setup_cells_s'][0]:.1f} s" if result["setup_cells_s"] else ""
    return (f"round {round_no} {kind:6}: ready {result['ready_s']:.2f} s, first cell {result['first_cell_s']:.2f} s, "
            f"median {result['cell_median_s']:.3f} s, p95 {result['cell_p95_s']:.2f} s, "
            f"total {result['total_s']:.2f} s{extra}" + (f", {len(result['errors'])} cell errors" if result["errors"] else ""))


def run_deps_ab(rounds: int, leave_out: list[str] | None, other_home: Path | None = None) -> dict:
    """Lesson 01 on a home without the lesson crates (or those of `leave_out`,
    or another install's kernel home: `other_home`) and on the installed home,
    alternating."""
    without = other_home or bench_pairs.no_lesson_deps_home(OUT, leave_out)
    specs = {"without": home_manager("rust-no-lesson-deps", without),
             "with": home_manager("rust-installed", KERNEL_HOME)}
    runs: dict[str, list[dict]] = {"without": [], "with": []}
    try:
        for spec in specs.values():
            start_untimed(spec.manager())
        for round_no in range(1, rounds + 1):
            for kind, spec in specs.items():
                runs[kind].append(run_home(spec))
                print(round_line(round_no, f"01 {kind} lesson deps", runs[kind][-1]), flush=True)
    finally:
        for spec in specs.values():
            spec.remove()
    return {"left_out": f"the kernel home {other_home}" if other_home else leave_out or bench_pairs.lesson_dep_names(),
            "summary": {kind: summarize(r) for kind, r in runs.items()}, "runs": runs}


def run_plain() -> dict:
    """evcxr as installed by anyone: default config, fresh build dir, netlib by `:dep`."""
    nb = nbformat.read(LESSON, as_version=4)
    dep = f':dep netlib = {{ path = "{ROOT / "netlib"}" }}\nuse netlib::prelude::*;'
    nb.cells.insert(0, nbformat.v4.new_code_cell(dep))
    config = Path(tempfile.mkdtemp(prefix="plain-config-", dir=OUT))
    spec = SpecDir(
        "evcxr-plain",
        [evcxr_binary(), "--control_file", "{connection_file}"],
        {"EVCXR_CONFIG_DIR": str(config), "PATH": kernel_path()},
    )
    try:
        result = run_notebook(nb, spec.manager(), LESSON.parent, setup_cells=1)
    finally:
        spec.remove()
        shutil.rmtree(config, ignore_errors=True)
    return result


def run_cells(km: KernelManager, cells: list[tuple[str, str]]) -> dict:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(src) for _, src in cells]
    result = run_notebook(nb, km, ROOT / "build" / "bench")
    times = result["cells_s"]
    by_kind: dict[str, list[float]] = {}
    for (kind, _), t in zip(cells, times):
        by_kind.setdefault(kind, []).append(t)
    return {"ready_s": result["ready_s"], "cells": [[k, s, t] for (k, s), t in zip(cells, times)],
            "median_by_kind_s": {k: statistics.median(v) for k, v in by_kind.items()},
            "errors": result["errors"]}


def run_floor() -> dict:
    """Trivial cells on the stock evcxr and on ours, each with nothing loaded (empty
    prelude, no dependency, warm build dir, opt 0), then on rust-netlib started cold."""
    floor_dir = OUT / "floor"
    config = floor_dir / "config"
    config.mkdir(parents=True, exist_ok=True)
    (config / "evcxr.toml").write_text('[evcxr]\nopt_level = "0"\n')
    ours = json.loads((KERNEL_HOME / "launcher.json").read_text())
    result = {}
    for key, binary, env in (("stock_empty", evcxr_binary(), {}),
                             ("patched_empty", ours["evcxr"], ours.get("env", {}))):
        spec = SpecDir(
            f"evcxr-floor-{key}",
            [binary, "--control_file", "{connection_file}"],
            {**env, "EVCXR_CONFIG_DIR": str(config), "EVCXR_TMPDIR": str(floor_dir / f"tmp-{key}"),
             "PATH": kernel_path()},
        )
        try:
            run_cells(spec.manager(), FLOOR_CELLS[:1])  # warms the build dir
            result[key] = run_cells(spec.manager(), FLOOR_CELLS)
        finally:
            spec.remove()
    spec = home_manager("rust-netlib-floor", KERNEL_HOME)  # a cold start
    try:
        result["rust_netlib"] = run_cells(spec.manager(), FLOOR_CELLS)
    finally:
        spec.remove()
    return result


METRICS = [
    ("ready_s", "start→ready"),
    ("first_cell_s", "first cell"),
    ("cell_median_s", "cell median"),
    ("cell_p95_s", "cell p95"),
    ("total_s", "run-all total"),
]


def summarize(runs: list[dict]) -> dict:
    summary = {key: statistics.median(r[key] for r in runs) for key, _ in METRICS}
    summary["rounds"] = len(runs)
    setups = [r["setup_cells_s"][0] for r in runs if r["setup_cells_s"]]
    if setups:
        summary["setup_cell_s"] = statistics.median(setups)
    return summary


def table(summary: dict) -> str:
    rust, py, plain = summary.get("rust"), summary.get("python"), summary.get("plain")
    stock = summary.get("stock")
    cols = [("Rust (rust-netlib)", rust), ("Python (ipykernel)", py)]
    if rust and py:
        cols.append(("Rust / Python", {k: rust[k] / py[k] for k, _ in METRICS}))
    if stock:
        cols.append(("rust-netlib on stock evcxr", stock))
        if rust:
            cols.append(("stock / patched", {k: stock[k] / rust[k] for k, _ in METRICS}))
    if plain:
        cols.append(("plain evcxr + :dep", plain))
        if rust:
            cols.append(("plain / Rust", {k: plain[k] / rust[k] for k, _ in METRICS}))
    cols = [(name, col) for name, col in cols if col]
    lines = ["| median of rounds | " + " | ".join(name for name, _ in cols) + " |",
             "|---|" + "---:|" * len(cols)]
    for key, label in METRICS:
        cells = []
        for name, col in cols:
            value = col[key]
            cells.append(f"{value:.1f}×" if "/" in name else f"{value:.2f} s")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    if plain and "setup_cell_s" in plain:
        lines.append(f"\nplain evcxr: its `:dep netlib` cell took {plain['setup_cell_s']:.1f} s (in its run-all total).")
    rounds = ", ".join(f"{name} {col['rounds']}" for name, col in (("Rust", rust), ("stock evcxr", stock), ("Python", py), ("plain", plain)) if col)
    lines.append(f"rounds: {rounds}")
    return "\n".join(lines)


def floor_table(floor: dict) -> str:
    cols = [("stock evcxr 0.22.0, nothing loaded", floor["stock_empty"]),
            ("our evcxr, nothing loaded", floor["patched_empty"]),
            ("rust-netlib", floor["rust_netlib"])]
    lines = ["| trivial cells, median | " + " | ".join(name for name, _ in cols) + " |",
             "|---|" + "---:|" * len(cols)]
    lines.append("| start→ready | " + " | ".join(f"{c['ready_s']:.2f} s" for _, c in cols) + " |")
    for kind in cols[0][1]["median_by_kind_s"]:
        lines.append(f"| `{kind}` | " + " | ".join(f"{c['median_by_kind_s'][kind]:.3f} s" for _, c in cols) + " |")
    return "\n".join(lines)


def machine() -> str:
    try:
        cpu = next(l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name"))
    except (OSError, StopIteration):
        cpu = platform.processor()
    rustc = subprocess.run(["rustc", "--version"], capture_output=True, text=True,
                           env=dict(os.environ, PATH=kernel_path())).stdout.strip()
    mold = shutil.which("mold", path=kernel_path())
    return (f"{os.cpu_count()} cores ({cpu}), Linux {platform.release()}, {rustc}, "
            f"Python {platform.python_version()}, linker {'mold' if mold else 'lld' if shutil.which('lld', path=kernel_path()) else 'system'}, "
            f"load average {os.getloadavg()[0]:.1f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=3, help="rounds of Rust and Python (default 3)")
    ap.add_argument("--plain-rounds", type=int, help="rounds with the plain evcxr kernel (default: --rounds)")
    ap.add_argument("--only", default="rust,stock,python,plain", help="kernels to run: rust,stock,python,plain")
    ap.add_argument("--floor", action="store_true", help="also measure evcxr's floor on trivial cells")
    ap.add_argument("--lessons", help="lessons to run, e.g. 01,03 (default: 01 and every pair in notebooks/)")
    ap.add_argument("--deps-ab", action="store_true",
                    help="also lesson 01 without and with the preloaded lesson crates (LESSON_DEPS in kernel-setup/kernel/configure.py), --rounds each")
    ap.add_argument("--deps-ab-home", metavar="DIR", type=Path,
                    help="with --deps-ab: the other arm is this kernel home (another checkout's build/kernel,"
                         " e.g. main before a change of LESSON_DEPS) instead of a home without the lesson crates")
    ap.add_argument("--deps-ab-leave-out", metavar="CRATES",
                    help="with --deps-ab: leave out only these lesson crates, e.g. tokio (default: all)")
    ap.add_argument("--label", default="", help="a note stored in the JSON (what was changed)")
    args = ap.parse_args()
    only = set(args.only.split(","))
    numbers = set(args.lessons.split(",")) if args.lessons else None
    with_01 = numbers is None or "01" in numbers
    pairs = bench_pairs.find_pairs(numbers)
    plain_rounds = args.rounds if args.plain_rounds is None else args.plain_rounds
    if "plain" not in only or not with_01:
        plain_rounds = 0
    OUT.mkdir(parents=True, exist_ok=True)
    ensure_python_kernelspec()

    started = dt.datetime.now(dt.timezone.utc)
    print(f"machine: {machine()}", flush=True)
    runs: dict[str, list[dict]] = {"rust": [], "stock": [], "python": [], "plain": []}
    # "stock": rust-netlib's whole set-up (launcher, config, cache) on the
    # stock evcxr_jupyter 0.22.0, i.e. the kernel before kernel-setup/evcxr/'s patches.
    stock = stock_home = None
    if "stock" in only and with_01:
        stock_home = bench_pairs.stock_evcxr_home(OUT, evcxr_binary())
        stock = home_manager("rust-stock-evcxr", stock_home)
        start_untimed(stock.manager())
    pair_runs: dict[str, dict[str, list[dict]]] = {nn: {"rust": [], "python": []} for nn, _, _ in pairs}
    # An untimed Rust start first: it refreshes a stale slot from the cache,
    # or rebuilds a netlib changed since the install, which no round should pay.
    if "rust" in only:
        start_untimed(KernelManager(kernel_name="rust-netlib"))
    for round_no in range(1, max(args.rounds, plain_rounds) + 1):
        todo = []
        if round_no <= args.rounds and with_01:
            todo += [k for k in ("rust", "stock", "python") if k in only and (k != "stock" or stock)]
        if round_no <= plain_rounds:
            todo.append("plain")
        for kind in todo:
            result = {"rust": run_rust, "stock": lambda: run_home(stock), "python": run_python,
                      "plain": run_plain}[kind]()
            runs[kind].append(result)
            print(round_line(round_no, f"01 {kind}", result), flush=True)
        if round_no > args.rounds:
            continue
        for nn, rust_nb, python_nb in pairs:
            for kind in ("rust", "python"):
                if kind in only:
                    result = (run_rust if kind == "rust" else run_python)(rust_nb if kind == "rust" else python_nb)
                    pair_runs[nn][kind].append(result)
                    print(round_line(round_no, f"{nn} {kind}", result), flush=True)
    if stock:
        stock.remove()
    leave_out = [c for c in (args.deps_ab_leave_out or "").split(",") if c] or None
    deps_ab = run_deps_ab(args.rounds, leave_out, args.deps_ab_home and args.deps_ab_home.resolve()) if args.deps_ab else None

    summary = {kind: summarize(r) for kind, r in runs.items() if r}
    if "rust" in summary and "python" in summary:
        summary["ratios"] = {k: summary["rust"][k] / summary["python"][k] for k, _ in METRICS}
    if "stock" in summary and "rust" in summary:
        summary["stock_over_rust"] = {k: summary["stock"][k] / summary["rust"][k] for k, _ in METRICS}
    if "plain" in summary and "rust" in summary:
        summary["plain_over_rust"] = {k: summary["plain"][k] / summary["rust"][k] for k, _ in METRICS}
    floor = run_floor() if args.floor else None
    lessons = {}
    if with_01 and summary:
        lessons["01"] = {"lesson": str(LESSON.relative_to(ROOT)), "python_lesson": str(PYTHON_LESSON.relative_to(ROOT)),
                         "cells": bench_pairs.code_cells(LESSON), "summary": summary}
    for nn, rust_nb, python_nb in pairs:
        pair_summary = {kind: summarize(r) for kind, r in pair_runs[nn].items() if r}
        lessons[nn] = {"lesson": str(rust_nb.relative_to(ROOT)), "python_lesson": str(python_nb.relative_to(ROOT)),
                       "cells": bench_pairs.code_cells(rust_nb), "summary": pair_summary, "runs": pair_runs[nn]}

    report = {
        "started": started.isoformat(timespec="seconds"),
        "machine": machine(),
        "label": args.label,
        "lesson": str(LESSON.relative_to(ROOT)),
        "python_lesson": str(PYTHON_LESSON.relative_to(ROOT)),
        "summary": summary,
        "floor": floor,
        "runs": runs,
        "lessons": lessons,
        "deps_ab": deps_ab,
    }
    if summary:
        print("\nlesson 01:")
        print(table(summary))
    if lessons:
        print()
        print(bench_pairs.pairs_table(lessons))
    if deps_ab:
        print()
        print(bench_pairs.ab_table(deps_ab, METRICS))
    if floor:
        print()
        print(floor_table(floor))
    stamp = started.strftime("%Y%m%dT%H%M%SZ")
    text = json.dumps(report, indent=2) + "\n"
    (OUT / f"lesson-{stamp}.json").write_text(text)
    (OUT / "lesson-latest.json").write_text(text)
    print(f"\nwritten to build/bench/lesson-{stamp}.json and build/bench/lesson-latest.json")


if __name__ == "__main__":
    main()
