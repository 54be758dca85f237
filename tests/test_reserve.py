"""The reserve kernel (kernel-setup/kernel/reserve.py): a started evcxr handed to the next start.

Real kernels through jupyter_client, in the default kernel home, with cwd
notebooks/ as JupyterLab gives them. Whether a start used the reserve is read
from the launcher's log line, not from timing.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kernel_helpers import KERNEL_HOME, ROOT, Kernel, kernels_at_once

RESERVE = ROOT / "kernel-setup" / "kernel" / "reserve.py"
CWD = ROOT / "notebooks"
CLAIMED = "reserve kernel claimed:"

pytestmark = pytest.mark.skipif(
    os.environ.get("NETLESSONS_RESERVE") == "0", reason="reserve kernels turned off (NETLESSONS_RESERVE=0)"
)


def reserve_cli(*args, check=True, timeout=600):
    return subprocess.run(
        [sys.executable, str(RESERVE), *args], capture_output=True, text=True, check=check, timeout=timeout
    )


def wait_for_reserve():
    """Until a reserve for notebooks/ with the current fingerprint answers claims."""
    r = reserve_cli("wait-ready", "--cwd", str(CWD), "--timeout", "300", check=False)
    if r.returncode == 2:
        # None starting (the last one went stale): any start leaves one.
        with Kernel(cwd=CWD):
            pass
        r = reserve_cli("wait-ready", "--cwd", str(CWD), "--timeout", "300", check=False)
    assert r.returncode == 0, r.stderr + "\n" + reserve_logs()


def reserve_logs() -> str:
    return "\n".join(f"--- {p.name}\n{p.read_text(errors='replace')[-3000:]}" for p in (KERNEL_HOME / "reserves").glob("*.log"))


def reserve_pids() -> list[int]:
    pids = []
    for p in Path("/proc").iterdir():
        try:
            argv = (p / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if p.name.isdigit() and str(RESERVE).encode() in argv and b"serve" in argv:
            pids.append(int(p.name))
    return pids


def reserve_evcxrs() -> list[int]:
    """evcxr processes started by a reserve (their connection file is under reserves/)."""
    marker = str(KERNEL_HOME / "reserves").encode()
    pids = []
    for p in Path("/proc").iterdir():
        try:
            if p.name.isdigit() and marker in (p / "cmdline").read_bytes():
                pids.append(int(p.name))
        except OSError:
            pass
    return pids


@pytest.fixture(scope="module")
def primed():
    """A first start (direct, or a claim) leaves a reserve for the next one."""
    with Kernel(cwd=CWD) as k:
        assert k.execute('println!("{}", 1);').status == "ok"
    wait_for_reserve()


@pytest.fixture
def claimed_kernel(primed):
    wait_for_reserve()
    with Kernel(cwd=CWD) as k:
        assert CLAIMED in k.log_text(), k.log_text()
        yield k


def test_outputs_through_the_proxy(claimed_kernel):
    k = claimed_kernel
    r = k.execute('let a = ip_address("192.0.0.1")?;\nprintln!("{a} {a:?} version={}", a.version());')
    assert r.status == "ok", r.text
    assert r.stdout == "192.0.0.1 IPv4Address('192.0.0.1') version=4\n"
    r = k.execute('ip_address("2001:DB8::1")?')
    assert r.results == ["IPv6Address('2001:db8::1')"], r.text
    r = k.execute('hexlify(&ip_address("192.168.0.15")?.packed())')
    assert r.results == ['"c0a8000f"'], r.text
    r = k.execute('ip_address("300.1.1.1")?')
    assert r.stderr == "'300.1.1.1' does not appear to be an IPv4 or IPv6 address\n", r
    r = k.execute('let x: u8 = "not a number";')
    assert r.status == "error" and "mismatched types" in r.text
    r = k.execute('panic!("boom from a cell");')
    assert "boom from a cell" in r.stderr, r
    r = k.execute('println!("{}", a.is_private());')
    assert r.status == "ok" and r.stdout == "true\n", r.text
    # The kernel's working directory is the notebook's, as without a reserve.
    r = k.execute('println!("{}", std::env::current_dir()?.display());')
    assert r.stdout.strip() == str(CWD), r.text


def test_interrupt_by_message_through_the_proxy(claimed_kernel):
    k = claimed_kernel
    assert k.km.kernel_spec.interrupt_mode == "message"
    assert k.execute("let kept = 5;").status == "ok"
    msg_id = k.kc.execute("loop { std::thread::sleep(std::time::Duration::from_millis(10)); }")
    time.sleep(3)
    k.km.interrupt_kernel()
    deadline = time.monotonic() + 60
    reply = None
    while time.monotonic() < deadline:
        msg = k.kc.get_shell_msg(timeout=deadline - time.monotonic())
        if msg["parent_header"].get("msg_id") == msg_id:
            reply = msg
            break
    assert reply is not None and reply["content"]["status"] == "error", reply
    r = k.execute('println!("after the interrupt");')
    assert r.status == "ok" and r.stdout == "after the interrupt\n", r.text


def test_restart_uses_the_next_reserve(claimed_kernel):
    k = claimed_kernel
    assert k.execute("let before_restart = 1;").status == "ok"
    wait_for_reserve()
    log_before = len(k.log_text())
    k.restart()
    after = k.log_text()[log_before:]
    assert CLAIMED in after, after
    r = k.execute('println!("{}", ip_address("127.0.0.1")?.is_loopback());')
    assert r.status == "ok" and r.stdout == "true\n", r.text
    assert k.execute("before_restart").status == "error"


def test_killing_the_launcher_ends_the_claimed_kernel(primed):
    wait_for_reserve()
    k = Kernel(cwd=CWD)
    try:
        log = k.log_text()
        assert CLAIMED in log, log
        wrapper = int(re.search(r"reserve kernel claimed: .*?, pid (\d+),", log).group(1))
        evcxr = [p for p in reserve_evcxrs() if wrapper_of(p) == wrapper]
        assert evcxr, "the claimed evcxr runs under its reserve process"
        # What Jupyter does when a kernel does not shut down: SIGKILL to the launcher.
        k.km.shutdown_kernel(now=True)
        deadline = time.monotonic() + 15
        while any(Path(f"/proc/{p}").exists() for p in [wrapper, *evcxr]) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not [p for p in [wrapper, *evcxr] if Path(f"/proc/{p}/cmdline").exists()
                    and Path(f"/proc/{p}/cmdline").read_bytes()]
    finally:
        k.kc.stop_channels()
        k.log.close()


def wrapper_of(pid: int) -> int | None:
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, ValueError, IndexError):
        return None


def test_two_kernels_at_once(primed):
    wait_for_reserve()
    with kernels_at_once(2, cwd=CWD) as kernels:
        a, b = kernels
        # One of them got the reserve, the other started evcxr itself.
        assert [CLAIMED in k.log_text() for k in kernels].count(True) == 1, [k.log_text() for k in kernels]
        assert a.slot() != b.slot()
        assert a.execute('let who = ip_address("10.0.0.1")?;').status == "ok"
        assert b.execute('let who = ip_address("::1")?;').status == "ok"
        assert a.execute('println!("{who:?}");').stdout == "IPv4Address('10.0.0.1')\n"
        assert b.execute('println!("{who:?}");').stdout == "IPv6Address('::1')\n"


def test_a_reserve_for_another_directory_is_not_used(primed, tmp_path):
    wait_for_reserve()
    with Kernel(cwd=tmp_path) as k:
        assert CLAIMED not in k.log_text(), k.log_text()
        r = k.execute('println!("{}", std::env::current_dir()?.display());')
        assert r.stdout.strip() == str(tmp_path), r.text


def test_a_stale_reserve_is_not_used_and_ends(primed):
    wait_for_reserve()
    stale = set(reserve_pids())
    source = ROOT / "netlib" / "src" / "lib.rs"
    st = source.stat()
    try:
        os.utime(source, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
        with Kernel(cwd=CWD) as k:
            assert CLAIMED not in k.log_text(), k.log_text()
            assert k.execute('println!("{:?}", ip_address("::1")?);').stdout == "IPv6Address('::1')\n"
        # The stale reserve notices by itself and exits.
        deadline = time.monotonic() + 30
        while stale & set(reserve_pids()) and time.monotonic() < deadline:
            time.sleep(0.5)
        assert not stale & set(reserve_pids()), reserve_logs()
    finally:
        os.utime(source, ns=(st.st_atime_ns, st.st_mtime_ns))


def test_stop_leaves_no_process(primed):
    wait_for_reserve()
    assert reserve_pids() and reserve_evcxrs()
    out = reserve_cli("stop").stdout
    assert "stopped" in out
    deadline = time.monotonic() + 15
    while (reserve_pids() or reserve_evcxrs()) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert reserve_pids() == [] and reserve_evcxrs() == []
    assert not list((KERNEL_HOME / "reserves").glob("*.json"))



def test_a_reserve_ends_with_the_jupyter_that_started_it(primed, tmp_path):
    """Closing JupyterLab (or an nbclient run ending) takes its unclaimed reserve
    along within seconds, instead of leaving 0.6 GB for the idle timeout."""
    script = f"""
import subprocess, sys
sys.path.insert(0, {str(ROOT / 'tests')!r})
from kernel_helpers import Kernel
with Kernel(cwd={str(tmp_path)!r}) as k:
    assert k.execute('println!("{{}}", 1);').stdout == "1\\n"
    subprocess.run([sys.executable, {str(RESERVE)!r}, "wait-ready", "--cwd", {str(tmp_path)!r}, "--timeout", "300"], check=True)
    subprocess.run([sys.executable, {str(RESERVE)!r}, "status"], check=True)
"""
    out = subprocess.run([sys.executable, "-c", script], check=True, timeout=900, capture_output=True, text=True).stdout
    mine = [int(p) for p in re.findall(rf"pid (\d+) ready cwd {re.escape(str(tmp_path))} ", out)]
    assert mine, "the owner's kernel start left a ready reserve:\n" + out
    deadline = time.monotonic() + 30
    while any(Path(f"/proc/{p}/cmdline").exists() for p in mine) and time.monotonic() < deadline:
        time.sleep(0.5)
    assert not [p for p in mine if Path(f"/proc/{p}/cmdline").exists() and Path(f"/proc/{p}/cmdline").read_bytes()], reserve_logs()
