"""When evcxr restarts the process that runs the cells, the student is told what it cost.

An interrupt (Kernel > Interrupt), a crash or `std::process::exit` ends evcxr's
cell process; evcxr starts a new one, which holds none of the variables. The
cell that was running says so, in English and Korean, naming the variables
that are gone and how to get them back. Variables are not restored: re-running
earlier cells automatically would repeat their side effects (printing, binding
ports, starting servers), so the student re-runs them (Run All Above).
"""

from __future__ import annotations

import threading
import time

import pytest

from kernel_helpers import Kernel

pytestmark = pytest.mark.needs("kernel")


# One kernel for the module: each test begins by setting up the variables it
# needs, and every test ends with a new cell process (that is what it tests).
@pytest.fixture(scope="module")
def kernel():
    with Kernel() as k:
        yield k


LOST = "these variables are gone: "
LOST_KO = "다음 변수가 사라졌습니다: "


def define_variables(kernel):
    r = kernel.execute('let net = ip_network("10.0.0.0/8")?;\nlet count = 3;\nlet name = String::from("서버");')
    assert r.status == "ok", r.text


def assert_told_lost(r, names):
    assert r.status == "error", r.text
    text = r.error_text
    listed = ", ".join(names)
    assert LOST + listed in text, text
    assert LOST_KO + listed in text, text
    assert "Run All Above" in text, text


def assert_variables_gone_and_kernel_usable(kernel):
    r = kernel.execute("net")
    assert r.status == "error" and "cannot find value `net`" in r.error_text, r.text
    r = kernel.execute('let net = ip_network("10.0.0.0/8")?;\nnet.prefixlen()')
    assert r.status == "ok" and r.results == ["8"], r.text


def test_interrupting_a_running_cell_names_the_lost_variables(kernel):
    define_variables(kernel)
    result = {}
    with IopubWatcher(kernel) as watcher:
        t = threading.Thread(
            target=lambda: result.update(
                r=kernel.execute('println!("looping");\nloop { std::hint::spin_loop(); }', timeout=120)
            )
        )
        t.start()
        # Interrupt once the cell runs (compiled, loaded, printing), as a student would.
        assert watcher.wait_for("looping\n", timeout=60), "the looping cell never started"
        kernel.km.interrupt_kernel()
        t.join(timeout=120)
    assert not t.is_alive(), "the interrupted cell never finished"
    r = result["r"]
    assert r.stdout == "looping\n", r.text
    assert "SIGKILL" in r.error_text, r.text
    assert_told_lost(r, ["count", "name", "net"])
    assert_variables_gone_and_kernel_usable(kernel)


def test_process_exit_names_the_lost_variables(kernel):
    define_variables(kernel)
    r = kernel.execute("std::process::exit(3);")
    assert "exit status: 3" in r.error_text, r.text
    assert_told_lost(r, ["count", "name", "net"])
    assert_variables_gone_and_kernel_usable(kernel)


def test_a_restart_with_no_variables_says_nothing_was_lost(kernel):
    # Whatever an earlier test left goes with a first restart; the second has none to lose.
    assert kernel.execute("std::process::abort();").status == "error"
    r = kernel.execute("std::process::abort();")
    assert r.status == "error", r.text
    assert "No variables were defined, so none were lost." in r.error_text, r.text
    assert "정의된 변수가 없어 잃은 값은 없습니다." in r.error_text, r.text


class IopubWatcher:
    """A second client on the kernel's iopub, as a second browser tab would be:
    it sees a running cell's output while the first client waits for the cell."""

    def __init__(self, kernel):
        self.kernel, self.text, self.lock = kernel, "", threading.Lock()

    def __enter__(self):
        self.kc = self.kernel.km.client()
        self.kc.start_channels(shell=False, stdin=False, hb=False, control=False)
        self.running = True
        self.thread = threading.Thread(target=self.read, daemon=True)
        self.thread.start()
        time.sleep(0.5)  # a new ZeroMQ subscriber misses what is sent before it joined
        return self

    def read(self):
        while self.running:
            try:
                msg = self.kc.get_iopub_msg(timeout=0.2)
            except Exception:  # queue.Empty
                continue
            if msg["msg_type"] == "stream":
                with self.lock:
                    self.text += msg["content"]["text"]

    def wait_for(self, text, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                if text in self.text:
                    return True
            time.sleep(0.1)
        return False

    def __exit__(self, *exc):
        self.running = False
        self.thread.join(timeout=5)
        self.kc.stop_channels()
