"""Runs a one-cell notebook through the installed Rust (netlib) kernel and prints the output.

./kernel-setup/install runs it with NETLIB_KERNEL_PREBUILD=1, so that this
first start also builds netlib into the prebuilt cache that later kernels copy;
NETLIB_SELFCHECK_KERNEL=rust-netlib-web checks the second kernel.
Exits non-zero, with the kernel's log, when the cell does not print what it should.
"""

import os
import re
import sys
import tempfile
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, DeadKernelError

CELL = """\
// The install's self-check: netlib is preloaded and its prelude is in scope.
let addr = ip_address("192.0.0.1")?;
println!("{addr:?} version={} packed={}", addr.version(), hexlify(&addr.packed()));
"""
EXPECTED = "IPv4Address('192.0.0.1') version=4 packed=c0000001"
# cargo's line for each crate a kernel start compiled (its stderr, in the kernel's log);
# the tests read kernel logs with the same pattern.
COMPILING = re.compile(r"^\s*Compiling (\S+)", re.M)


def output_text(cell):
    parts = []
    for out in cell.get("outputs", []):
        if out.output_type == "stream":
            parts.append(out.text)
        elif out.output_type in ("execute_result", "display_data"):
            parts.append(out.data.get("text/plain", ""))
        elif out.output_type == "error":
            parts.append("\n".join(out.traceback))
    return "".join(parts)


def main():
    code = os.environ.get("NETLIB_SELFCHECK_CELL", CELL)
    expected = os.environ.get("NETLIB_SELFCHECK_EXPECT", EXPECTED)
    kernel = os.environ.get("NETLIB_SELFCHECK_KERNEL", "rust-netlib")
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": kernel, "display_name": kernel, "language": "rust"}
    nb.cells.append(nbformat.v4.new_code_cell(code))
    log = tempfile.TemporaryFile()
    client = NotebookClient(
        nb,
        kernel_name=kernel,
        startup_timeout=3600,  # a cold start builds netlib's dependencies
        timeout=600,
        allow_errors=True,
        resources={"metadata": {"path": os.getcwd()}},
    )
    started = time.monotonic()
    try:
        client.execute(stderr=log, stdout=log)
    except (CellExecutionError, DeadKernelError, RuntimeError, TimeoutError) as exc:
        print(f"self-check: the kernel failed: {exc}", file=sys.stderr)
        log.seek(0)
        sys.stderr.write(log.read().decode("utf-8", "replace"))
        return 1
    elapsed = time.monotonic() - started
    text = output_text(nb.cells[0])
    print("self-check cell:")
    print("  " + code.strip().replace("\n", "\n  "))
    print("self-check output:")
    print("  " + (text.strip().replace("\n", "\n  ") or "(nothing)"))
    print(f"self-check: kernel start + cell took {elapsed:.1f} s")
    # The kernel's stderr (cargo's "Compiling" lines): a warm start compiles nothing.
    log.seek(0)
    compiled = COMPILING.findall(log.read().decode("utf-8", "replace"))
    print(f"self-check: crates compiled by this start: {', '.join(compiled) or 'none'}")
    if expected not in text:
        print(f"self-check FAILED: expected {expected!r} in the output", file=sys.stderr)
        log.seek(0)
        sys.stderr.write(log.read().decode("utf-8", "replace"))
        return 1
    print("self-check: OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
