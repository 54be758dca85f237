"""The kernel used the way a class uses it, not the way a script does.

Students press the stop button when nothing runs, start tokio tasks before
they ever wrote `.await`, and write cells that stop half-way at a `?`. Each
test drives the real Rust (netlib) kernel through jupyter_client
(evcxr patches 0008-0011, 0015, 0019 and 0020 in kernel-setup/evcxr/).
"""

from __future__ import annotations

import re

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from kernel_helpers import Kernel

pytestmark = pytest.mark.needs("kernel")


@pytest.fixture(scope="module")
def kernel():
    with Kernel() as k:
        yield k


def interrupt_and_wait(kernel: Kernel) -> dict:
    """Kernel > Interrupt, as JupyterLab sends it (an interrupt_request on the
    control channel, the kernelspec's interrupt_mode is "message"); returns
    the reply, which the kernel sends once it has done what the interrupt does."""
    msg = kernel.kc.session.msg("interrupt_request", {})
    kernel.kc.control_channel.send(msg)
    while True:
        reply = kernel.kc.control_channel.get_msg(timeout=60)
        if reply["parent_header"].get("msg_id") == msg["header"]["msg_id"]:
            return reply


def test_an_idle_interrupt_keeps_variables_and_a_running_server(kernel):
    # A server thread started in one cell, used in the next, with the stop
    # button pressed in between while no cell runs.
    r = kernel.execute(
        "use std::io::{Read, Write};\n"
        'let listener = std::net::TcpListener::bind("127.0.0.1:0")?;\n'
        "let address = listener.local_addr()?;\n"
        "let greeting = String::from(\"안녕\");\n"
        "std::thread::spawn(move || {\n"
        "    for conn in listener.incoming() {\n"
        "        let Ok(mut conn) = conn else { break };\n"
        "        let mut buf = [0u8; 64];\n"
        "        let n = conn.read(&mut buf).unwrap_or(0);\n"
        "        let _ = conn.write_all(&buf[..n].to_ascii_uppercase());\n"
        "    }\n"
        "});\n"
        'println!("serving");'
    )
    assert r.status == "ok" and r.stdout == "serving\n", r.text

    reply = interrupt_and_wait(kernel)
    assert reply["content"]["status"] == "ok", reply

    r = kernel.execute(
        "let mut c = std::net::TcpStream::connect_timeout(&address, std::time::Duration::from_secs(5))?;\n"
        "c.set_read_timeout(Some(std::time::Duration::from_secs(5)))?;\n"
        'c.write_all(b"echo")?;\n'
        "let mut buf = [0u8; 64];\n"
        "let n = c.read(&mut buf)?;\n"
        'println!("{greeting} {}", String::from_utf8_lossy(&buf[..n]));'
    )
    assert "SIGKILL" not in r.text, r.text
    assert r.status == "ok" and r.stdout == "안녕 ECHO\n", r.text


def test_tokio_spawn_works_in_the_first_tokio_cell():
    # A fresh kernel: no cell has used `.await` yet.
    with Kernel() as k:
        r = k.execute("let h = tokio::spawn(async { 40 + 2 });")
        assert r.status == "ok", r.text
        assert "no reactor running" not in r.text and not r.stderr, r.text
        r = k.execute("let answer = h.await?;\nanswer")
        assert r.status == "ok" and r.results == ["42"], r.text
        # And a task that outlives its cell, as a server's would.
        r = k.execute(
            "let (tx, rx) = tokio::sync::oneshot::channel::<&str>();\n"
            "let waiter = tokio::spawn(async move { rx.await.unwrap_or(\"dropped\") });"
        )
        assert r.status == "ok", r.text
        r = k.execute('tx.send("hello").ok();\nwaiter.await?')
        assert r.status == "ok" and r.results == ['"hello"'], r.text


def test_a_cell_stopped_at_a_question_mark_says_what_it_did_not_keep(kernel):
    r = kernel.execute('let kept = 7;\nkept')
    assert r.status == "ok" and r.results == ["7"], r.text
    r = kernel.execute('let first = 1;\nlet port: u16 = "70000".parse()?;\nlet after = port + first;')
    assert r.status == "error" and "number too large to fit in target type" in r.error_text, r.text
    assert "were not kept: after, first, port" in r.stderr, r.text
    assert "저장되지 않았습니다: after, first, port" in r.stderr, r.text
    # What the note promises: the earlier variables are there, the cell's are not.
    r = kernel.execute("kept")
    assert r.status == "ok" and r.results == ["7"], r.text
    r = kernel.execute("first")
    assert r.status == "error" and "cannot find value `first`" in r.error_text, r.text
    # Defined again by a cell that stops at `?`: the earlier value is gone too,
    # and the note says so.
    r = kernel.execute('let kept: i32 = "x".parse()?;')
    assert "invalid digit found in string" in r.error_text, r.text
    assert "earlier value of a variable the cell defined again is gone too: kept" in r.stderr, r.text
    assert "다시 정의한 변수의 이전 값도 사라졌습니다: kept" in r.stderr, r.text
    r = kernel.execute("kept")
    assert r.status == "error" and "cannot find value `kept`" in r.error_text, r.text


def test_a_compile_errors_header_names_the_line_it_marks(kernel):
    r = kernel.execute("let fine = 1;\nlet broken = not_defined_anywhere + fine;")
    assert r.status == "error", r.text
    header = re.search(r"command_\d+:(\d+):(\d+)", r.error_text)
    assert header, r.text
    assert (header.group(1), header.group(2)) == ("2", "14"), r.text


# --- a failing cell is an error (patch 0015) -----------------------------------------

FAILING = {
    "panic": ('println!("before");\npanic!("boom");', "panic", "boom"),
    "assert_eq": ('assert_eq!(1 + 1, 3, "합이 틀렸다");', "panic", "assertion `left == right` failed: 합이 틀렸다\n  left: 2\n right: 3"),
    "question mark": ('let v: i32 = "a".parse()?;', "ParseIntError", "invalid digit found in string"),
    "io error": ('std::fs::File::open("/nonexistent/netlessons")?;', "io::Error", "No such file or directory (os error 2)"),
}


@pytest.mark.parametrize("case", FAILING)
def test_a_failing_cell_ends_with_one_error_as_in_python(kernel, case):
    code, ename, evalue = FAILING[case]
    r = kernel.execute(code)
    assert r.status == "error", r.text
    assert [(e["ename"], e["evalue"]) for e in r.errors] == [(ename, evalue)], r.text
    # What JupyterLab shows: the name, then the message, as IPython's last line.
    assert r.error_text.splitlines()[-1 - evalue.count("\n")] == f"{ename}: {evalue.splitlines()[0]}", r.text
    assert kernel.execute("1 + 1").results == ["2"]


def test_what_a_failing_cell_showed_is_display_data_before_its_error(kernel):
    # Patch 0019: as IPython's display() in a cell that raises. nbgrader scores a test
    # cell by its first result or error, so a result before the error gave points.
    seen = []
    r = kernel.execute(
        'exercise::Check::new("t").case("1", 1, || 2).finish()?',
        on_message=lambda m: seen.append(m["msg_type"]) if m["msg_type"] != "status" else None,
    )
    assert r.status == "error", r.text
    assert [t for t in seen if t not in ("stream", "execute_input")] == ["display_data", "error"], seen
    assert "t: 1개 중 0개 통과" in r.bundles[0]["text/plain"] and "netlib-exercise" in r.bundles[0]["text/html"]
    seen.clear()
    assert kernel.execute('exercise::Check::new("t").case("1", 1, || 1).finish()?', on_message=lambda m: seen.append(m["msg_type"])).status == "ok"
    assert "execute_result" in seen and "display_data" not in seen, seen


def test_a_failing_cell_aborts_the_cells_queued_behind_it(kernel):
    # Patch 0020, as ipykernel: JupyterLab's Run All sends every cell at once.
    kc = kernel.kc
    first = kc.execute('let queued_one = 1;\nlet n: u8 = "300".parse()?;')
    second = kc.execute('let queued_two = 2; queued_two')
    third = kc.execute("3")
    replies = {}
    while len(replies) < 3:
        reply = kc.get_shell_msg(timeout=120)
        replies[reply["parent_header"]["msg_id"]] = reply["content"]["status"]
    assert [replies[m] for m in (first, second, third)] == ["error", "aborted", "aborted"], replies
    # What comes after runs, and nothing of the aborted cells ran.
    assert kernel.execute("4").results == ["4"]
    r = kernel.execute("queued_two")
    assert r.status == "error" and "cannot find value `queued_two`" in r.text, r.text


def test_a_cell_tagged_raises_exception_aborts_nothing(kernel):
    # JupyterLab sends such a cell with stop_on_error false.
    kc = kernel.kc
    first = kc.execute('panic!("on purpose");', stop_on_error=False)
    second = kc.execute("5")
    replies = {}
    while len(replies) < 2:
        reply = kc.get_shell_msg(timeout=120)
        replies[reply["parent_header"]["msg_id"]] = reply["content"]["status"]
    assert [replies[first], replies[second]] == ["error", "ok"], replies


def test_a_notebook_stops_at_a_failing_cell_without_allow_errors():
    # A kernel of its own: a client made from another client's KernelManager shares
    # its session, hence its ZeroMQ identity, and the kernel's replies go to the first.
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in (
        'println!("one");', 'let n: u8 = "300".parse()?;', 'println!("three");')])
    client = NotebookClient(nb, kernel_name="rust-netlib", timeout=120, startup_timeout=900, allow_errors=False)
    with pytest.raises(CellExecutionError, match="ParseIntError"):
        client.execute()
    assert [len(c.outputs) > 0 for c in nb.cells] == [True, True, False], nb.cells
