"""Lesson 07 at full size (run by ./kernel-setup/bench/lesson07): the lesson's own
cells measure; this prints what they printed (the 'every client got every answer'
lines and the table) and the time each design's cell took."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "notebooks" / "tools"))
import lessons  # noqa: E402

NAME = "07-one-service-many-ways.ipynb"
OUT = ROOT / "build" / "bench"
# The cells that print (c07-12: the table); the design cells c07-07..11.
DESIGNS = ["c07-07", "c07-08", "c07-09", "c07-10", "c07-11"]
TABLE = "c07-12"


def shown(cell) -> str:
    out = []
    for o in cell.outputs:
        if o.output_type == "stream":
            out.append(o.text)
        elif o.output_type == "execute_result":
            out.append(o.data.get("text/plain", "") + "\n")
        elif o.output_type == "error":
            out.append(f"ERROR {o.ename}: {o.evalue}\n")
    return "".join(out)


def run(path: Path, kernel: str, label: str) -> None:
    started = time.monotonic()
    kw = {} if kernel == "rust-netlib" else {"kernel_name": kernel}
    nb, timing = lessons.execute(path, **kw)
    OUT.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, OUT / f"lesson07-{label}.ipynb")
    cells = {c.id: c for c in nb.cells if c.cell_type == "code"}
    print(f"\n== {label} ({kernel}), sizes {os.environ['NETLESSONS_LOAD_SIZES']}, {time.monotonic() - started:.0f} s in all")
    for cid in DESIGNS:
        print(f"-- {cid} ({timing['cells'].get(cid, 0):.1f} s)")
        print(shown(cells[cid]), end="")
    print(f"-- {TABLE}")
    print(shown(cells[TABLE]), end="")
    errors = lessons.cell_errors(nb)
    if errors:
        print("cells that failed:", errors)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sizes", default="10,100,1000")
    ap.add_argument("--twin", action="store_true")
    args = ap.parse_args()
    os.environ["NETLESSONS_LOAD_SIZES"] = args.sizes
    run(ROOT / "notebooks" / NAME, "rust-netlib", "rust")
    if args.twin:
        run(ROOT / "notebooks" / "python" / NAME, "python3", "python")
    return 0


if __name__ == "__main__":
    sys.exit(main())
