"""Async cells (top-level `.await`) on the Rust (netlib) kernel, re-run as students do.

Every cell is a shared object with its own copy of tokio. evcxr 0.22.0 ran
async cells on a multi-thread runtime made by the first one; a task spawned by
any later cell then ran on a worker thread where that cell's copy of tokio
had no runtime ("there is no reactor running"), so a server cell run a second
time left its client waiting forever (evcxr#245). Patch 0004 runs every task
on one runtime thread that every cell's copy of tokio has entered before the
cell runs. These cells go through the real kernel, each with a timeout (a
hang fails the test instead of stopping it), and check what a student sees.
Lesson 05 itself, every cell run twice in a row and compared with its twin, is
the class replay's "twice" scenario (tests/test_class_replay.py).
"""

from __future__ import annotations

import json
import time

import pytest

from kernel_helpers import Kernel

# Longer than any cell here needs, short enough that a hang fails quickly.
HANG = 90
# What a cell says while a task blocks the runtime's thread (evcxr patch 0004).
WAITING = "waiting for the tokio runtime's thread, which a task is blocking"

# The cell: a tokio listener, an accept task that echoes, a client.
ECHO_CELL = r"""
let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
let addr = listener.local_addr()?;
let server = tokio::spawn(async move {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let (mut s, _) = listener.accept().await?;
    let mut buf = [0u8; 64];
    let n = s.read(&mut buf).await?;
    tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    s.write_all(&buf[..n].to_ascii_uppercase()).await?;
    Ok::<(), std::io::Error>(())
});
use tokio::io::{AsyncReadExt, AsyncWriteExt};
let mut client = tokio::net::TcpStream::connect(addr).await?;
client.write_all(b"hello 05").await?;
let mut buf = [0u8; 64];
let n = tokio::time::timeout(std::time::Duration::from_secs(10), client.read(&mut buf)).await??;
println!("echo: {}", String::from_utf8_lossy(&buf[..n]));
println!("server: {:?}", tokio::time::timeout(std::time::Duration::from_secs(10), server).await);
"""

THREADS_CELL = r"""
let names: Vec<String> = std::fs::read_dir("/proc/self/task")?
    .filter_map(|e| std::fs::read_to_string(e.ok()?.path().join("comm")).ok())
    .map(|name| name.trim().to_string())
    .filter(|name| name.starts_with("evcxr-tokio") || name.starts_with("tokio"))
    .collect();
println!("runtime threads: {names:?}");
"""


@pytest.fixture(scope="module")
def kernel():
    with Kernel() as k:
        yield k


def run(kernel, code: str):
    r = kernel.execute(code, timeout=HANG)
    assert r.status == "ok" and not r.errors, r.text
    assert not r.stderr.strip(), f"stderr: {r.stderr}"
    return r


def test_a_server_cell_run_again_and_again_answers_every_time(kernel):
    for attempt in range(4):
        r = run(kernel, ECHO_CELL)
        assert r.stdout == "echo: HELLO 05\nserver: Ok(Ok(Ok(())))\n", f"run {attempt + 1}: {r.text}"


def test_one_runtime_thread_for_the_whole_session(kernel):
    run(kernel, "tokio::task::yield_now().await;")
    first = run(kernel, THREADS_CELL).stdout
    assert first == 'runtime threads: ["evcxr-tokio"]\n', first
    run(kernel, ECHO_CELL)
    assert run(kernel, THREADS_CELL).stdout == first


def test_a_server_spawned_in_one_cell_serves_later_cells(kernel):
    # Started in one cell, used by the next ones, including a blocking std::net
    # client: the task runs between cells and while a cell blocks its thread.
    run(kernel, r"""
let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
let upper_addr = listener.local_addr()?;
let upper_server: tokio::task::JoinHandle<()> = tokio::spawn(async move {
    use tokio::io::{AsyncBufReadExt, AsyncWriteExt};
    for _ in 0..100 {
        let Ok((stream, _)) = listener.accept().await else { break };
        // A task spawned inside a task, with a socket accepted there.
        tokio::spawn(async move {
            let (reader, mut writer) = stream.into_split();
            let mut lines = tokio::io::BufReader::new(reader).lines();
            while let Ok(Some(line)) = lines.next_line().await {
                tokio::time::sleep(std::time::Duration::from_millis(5)).await;
                if writer.write_all(format!("{}\n", line.to_uppercase()).as_bytes()).await.is_err() {
                    break;
                }
            }
        });
    }
});
""")
    time.sleep(0.5)  # between cells
    async_client = r"""
{
    use tokio::io::{AsyncBufReadExt, AsyncWriteExt};
    let stream = tokio::time::timeout(std::time::Duration::from_secs(10), tokio::net::TcpStream::connect(upper_addr)).await??;
    let (reader, mut writer) = stream.into_split();
    let mut reader = tokio::io::BufReader::new(reader);
    writer.write_all(b"from a later cell\n").await?;
    let mut line = String::new();
    tokio::time::timeout(std::time::Duration::from_secs(10), reader.read_line(&mut line)).await??;
    print!("async: {line}");
};
"""
    blocking_client = r"""
{
    use std::io::{BufRead, Write};
    let mut stream = std::net::TcpStream::connect(upper_addr)?;
    stream.set_read_timeout(Some(std::time::Duration::from_secs(10)))?;
    stream.write_all("블로킹 client\n".as_bytes())?;
    let mut line = String::new();
    std::io::BufReader::new(stream).read_line(&mut line)?;
    print!("blocking: {line}");
};
"""
    for _ in range(2):
        assert run(kernel, async_client).stdout == "async: FROM A LATER CELL\n"
        assert run(kernel, blocking_client).stdout == "blocking: 블로킹 CLIENT\n"
    r = run(kernel, 'upper_server.abort();\nprintln!("{}", upper_server.await.unwrap_err().is_cancelled());')
    assert r.stdout == "true\n"
    r = run(kernel, 'println!("{:?}", std::net::TcpStream::connect(upper_addr).map_err(|e| e.kind()));')
    assert r.stdout == "Err(ConnectionRefused)\n"


def test_a_future_made_in_one_cell_runs_in_another(kernel):
    # The boxed future holds code of the cell that made it; awaited later, on
    # the thread that runs cells, that code still finds the runtime.
    run(kernel, r"""
let later: std::pin::Pin<Box<dyn std::future::Future<Output = u32> + Send>> = Box::pin(async {
    tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    tokio::spawn(async { 41 }).await.unwrap() + 1
});
""")
    assert run(kernel, 'println!("{}", later.await);').stdout == "42\n"


def test_a_task_that_blocks_the_runtime_thread_is_named_not_silent(kernel, tmp_path):
    # Like asyncio's loop: a task that blocks the runtime's thread delays the
    # next cell; the cell says why instead of waiting in silence. The task blocks
    # until the test has seen that message (at most 60 s), however long the next
    # cell takes to compile on a busy machine (a fixed 4 s sleep could end first).
    release = tmp_path / "release"
    run(kernel, f"""
let _blocker = tokio::spawn(async {{
    let (release, started) = (std::path::Path::new({json.dumps(str(release))}), std::time::Instant::now());
    while !release.exists() && started.elapsed() < std::time::Duration::from_secs(60) {{
        std::thread::sleep(std::time::Duration::from_millis(20));
    }}
}});""")

    def release_when_told(msg):
        if msg["msg_type"] == "stream" and WAITING in msg["content"]["text"]:
            release.touch()

    started = time.monotonic()
    r = kernel.execute('println!("after the blocking task");', timeout=HANG, on_message=release_when_told)
    assert r.status == "ok" and r.stdout == "after the blocking task\n", r.text
    assert WAITING in r.stderr and release.exists(), r.text
    assert time.monotonic() - started < 50, "the blocking task was released only by its own 60 s limit"
    # and the runtime works again afterwards
    assert run(kernel, ECHO_CELL).stdout.startswith("echo: HELLO 05\n")
