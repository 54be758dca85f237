"""How long a cell printing 100,000 lines takes, and how many lines arrive.

Three kernels, each through jupyter_client as JupyterLab uses them:
- rust-netlib: our kernel (patched evcxr behind the launcher and proxy);
- evcxr-plain: the stock, unpatched evcxr_jupyter 0.22.0 from crates.io, with
  an empty config (nothing preloaded), on a fresh build dir of its own;
- python3: ipykernel, `for i in range(n): print(f"line {i}")`.
Rounds alternate between the kernels; each kernel first runs the cell once
untimed (the first compile). Reported, not asserted: the median of the
rounds, and the lines that arrived out of how many were printed.

Run through ./kernel-setup/bench/output.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from jupyter_client import KernelManager

# The bench's own kernelspec dirs and the kernel's recorded PATH.
from lesson import OUT, SpecDir, kernel_path

RUST_CELL = 'for i in 0..{n} {{ println!("line {{i}}"); }}'
PYTHON_CELL = 'for i in range({n}):\n    print(f"line {{i}}")'


def run_cell(kc, code: str, timeout: float) -> tuple[float, int, str]:
    """Seconds from execute to the cell's "idle", stream lines that arrived, status."""
    text = []
    t0 = time.monotonic()
    reply = kc.execute_interactive(
        code,
        timeout=timeout,
        allow_stdin=False,
        output_hook=lambda m: text.append(m["content"]["text"]) if m["msg_type"] == "stream" else None,
    )
    took = time.monotonic() - t0
    return took, "".join(text).count("\n"), reply["content"]["status"]


class Started:
    def __init__(self, name: str, km: KernelManager, code: str, cleanup=None):
        self.name, self.km, self.code, self.cleanup = name, km, code, cleanup
        self.km.start_kernel()
        self.kc = km.client()
        self.kc.start_channels()
        self.kc.wait_for_ready(timeout=900)

    def stop(self):
        self.kc.stop_channels()
        self.km.shutdown_kernel(now=False)
        if self.cleanup:
            self.cleanup()


def plain_evcxr(binary: str) -> Started:
    """The stock binary with an empty config dir and a fresh build dir of its own."""
    OUT.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="output-plain-", dir=OUT))
    (tmp / "config").mkdir()
    spec = SpecDir(
        "evcxr-plain",
        [binary, "--control_file", "{connection_file}"],
        {"EVCXR_CONFIG_DIR": str(tmp / "config"), "EVCXR_TMPDIR": str(tmp / "build"), "PATH": kernel_path()},
    )

    def cleanup():
        spec.remove()
        shutil.rmtree(tmp, ignore_errors=True)

    return Started("evcxr-plain (stock 0.22.0)", spec.manager(), RUST_CELL, cleanup=cleanup)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--lines", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--stock-evcxr", required=True, help="the unpatched evcxr_jupyter 0.22.0")
    parser.add_argument("--timeout", type=float, default=600)
    args = parser.parse_args()

    kernels = [
        Started("rust-netlib", KernelManager(kernel_name="rust-netlib"), RUST_CELL),
        plain_evcxr(args.stock_evcxr),
        Started("python3 (ipykernel)", KernelManager(kernel_name="python3"), PYTHON_CELL),
    ]
    runs: dict[str, list[tuple[float, int, str]]] = {k.name: [] for k in kernels}
    try:
        for k in kernels:
            run_cell(k.kc, k.code.format(n=100), args.timeout)  # compile once, untimed
        for _ in range(args.rounds):
            for k in kernels:
                runs[k.name].append(run_cell(k.kc, k.code.format(n=args.lines), args.timeout))
    finally:
        for k in kernels:
            k.stop()

    print(f"\n{args.lines:,} one-line prints, median of {args.rounds} rounds (lines arrived per round)\n")
    print(f"| kernel | cell to idle | lines arrived |\n|---|---|---|")
    summary = {}
    for name, rs in runs.items():
        median = statistics.median(t for t, _, _ in rs)
        arrived = ", ".join(f"{n:,}" for _, n, _ in rs)
        print(f"| {name} | {median:.2f} s | {arrived} |")
        summary[name] = {"median_s": median, "runs": rs}
    OUT.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    out = {"lines": args.lines, "rounds": args.rounds, "kernels": summary}
    for name in (f"output-{stamp}.json", "output-latest.json"):
        (OUT / name).write_text(json.dumps(out, indent=2))
    print(f"\nwritten: build/bench/output-{stamp}.json")


if __name__ == "__main__":
    os.environ.setdefault("JUPYTER_PREFER_ENV_PATH", "1")
    main()
