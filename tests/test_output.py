"""Every byte a cell prints reaches the client, in order, before the cell's "idle".

Through jupyter_client on the real Rust (netlib) kernel, as JupyterLab reads it:
`Kernel.execute` collects the stream messages of a cell until its "idle", so
anything late or dropped shows up as a difference. Expected texts are built
here from the same loops the cells run.
"""

from __future__ import annotations

import threading

import pytest

from kernel_helpers import Kernel, kernels_at_once

pytestmark = pytest.mark.needs("kernel")


@pytest.fixture(scope="module")
def kernel():
    with Kernel() as k:
        yield k


def lines(n, prefix="line"):
    return "".join(f"{prefix} {i}\n" for i in range(n))


def check_stream(got: str, want: str):
    """Equality, with a report that says where the texts part (not 12 MB of diff)."""
    if got == want:
        return
    at = next((i for i, (a, b) in enumerate(zip(got, want)) if a != b), min(len(got), len(want)))
    raise AssertionError(
        f"got {len(got)} chars ({got.count(chr(10))} lines), want {len(want)} "
        f"({want.count(chr(10))} lines); first difference at {at}: "
        f"got {got[max(0, at - 40):at + 40]!r}, want {want[max(0, at - 40):at + 40]!r}"
    )


def test_100000_lines_on_stdout(kernel):
    r = kernel.execute('for i in 0..100000 { println!("line {i}"); }')
    assert r.status == "ok", r.text
    check_stream(r.stdout, lines(100_000))
    assert r.stderr == ""


def test_1000000_lines_on_stdout(kernel):
    r = kernel.execute('for i in 0..1000000 { println!("line {i}"); }', timeout=600)
    assert r.status == "ok", r.text
    check_stream(r.stdout, lines(1_000_000))


def test_100000_lines_on_stderr(kernel):
    r = kernel.execute('for i in 0..100000 { eprintln!("err {i}"); }')
    assert r.status == "ok", r.text
    check_stream(r.stderr, lines(100_000, "err"))
    assert r.stdout == ""


def test_print_without_newline_arrives_before_the_cells_end(kernel):
    # One 588,890-character line with no newline at all, then a cell whose
    # output ends in the middle of a line, on both streams.
    r = kernel.execute('for i in 0..100000 { print!("{i} "); }')
    assert r.status == "ok", r.text
    check_stream(r.stdout, "".join(f"{i} " for i in range(100_000)))
    r = kernel.execute('println!("first"); print!("no newline"); eprint!("err: "); eprint!("half");')
    assert r.status == "ok", r.text
    assert (r.stdout, r.stderr) == ("first\nno newline", "err: half")
    # The next cell starts on a line of its own.
    r = kernel.execute('println!("next");')
    assert (r.stdout, r.stderr) == ("next\n", "")


def test_partial_line_before_a_displayed_value(kernel):
    r = kernel.execute('print!("before ");\n40 + 2')
    assert r.status == "ok", r.text
    assert r.stdout == "before "
    assert r.results == ["42"]


def test_megabyte_lines(kernel):
    r = kernel.execute(
        'let big = "x".repeat(1 << 20);\n'
        'for i in 0..3 { println!("{i}{big}"); }\n'
        'eprintln!("{big}");\n'
        'print!("{big}");'
    )
    assert r.status == "ok", r.text
    big = "x" * (1 << 20)
    check_stream(r.stdout, "".join(f"{i}{big}\n" for i in range(3)) + big)
    check_stream(r.stderr, big + "\n")


def test_bytes_that_are_not_utf8_do_not_end_the_stream(kernel):
    r = kernel.execute(
        "use std::io::Write;\n"
        'std::io::stdout().write_all(b"\\xff\\xfe ok\\n").unwrap();\n'
        'std::io::stderr().write_all(b"\\xc3 bad\\n").unwrap();\n'
        'println!("after");'
    )
    assert r.status == "ok", r.text
    assert r.stdout == "\ufffd\ufffd ok\nafter\n"
    assert r.stderr == "\ufffd bad\n"


def test_stderr_of_a_panic_stays_with_its_cell(kernel):
    r = kernel.execute('println!("before"); panic!("boom {}", 7);')
    assert r.status == "error" and "boom 7" in r.stderr, r.text
    assert r.stdout == "before\n"
    r = kernel.execute('println!("clean");')
    assert (r.stdout, r.stderr) == ("clean\n", "")


def test_two_kernels_printing_at_once():
    with kernels_at_once(2) as kernels:
        results = [None, None]

        def run(i):
            results[i] = kernels[i].execute(
                f'for i in 0..100000 {{ println!("k{i} {{i}}"); eprintln!("e{i} {{i}}"); }}'
            )

        threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        for i, r in enumerate(results):
            assert r is not None and r.status == "ok", r and r.text
            check_stream(r.stdout, lines(100_000, f"k{i}"))
            check_stream(r.stderr, lines(100_000, f"e{i}"))
