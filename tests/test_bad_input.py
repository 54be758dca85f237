"""The lessons' servers meet bad input the way the lessons say, and keep serving.

Each test runs a lesson on a fresh kernel up to the cell that starts a server
(two tests of one lesson share its kernel, the second going on from where the
first stopped), then runs a cell of its own (through jupyter_client, as a student would type
it) that sends what a careless or hostile client sends: bytes that are not
UTF-8, a connection reset half-way, a header far too long. The lesson's
answer is the error it promises (logged by the server, or returned to the
caller), and the next, ordinary client gets its answer.
"""

from __future__ import annotations

import nbformat
import pytest

from class_replay import NOTEBOOKS, code_cells, judge
from kernel_helpers import Kernel
from netlessons.notebooks import lessons as lesson_tool

pytestmark = pytest.mark.needs("kernel")


class LessonKernel:
    """One fresh kernel per lesson, run forward cell by cell as the tests ask."""

    def __init__(self):
        self.lesson, self.kernel, self.done = None, None, 0

    def up_to(self, lesson: str, last_tag: str) -> Kernel:
        """The lesson's kernel after its code cells up to and including `last_tag`."""
        if lesson != self.lesson:
            self.close()
            kernel_name = lesson_tool.kernel_of(nbformat.read(NOTEBOOKS / lesson, as_version=4))
            self.lesson, self.kernel, self.done = lesson, Kernel(kernel_name=kernel_name), 0
        cells = code_cells(NOTEBOOKS / lesson)
        tags = [tag for tag, _, _ in cells]
        assert last_tag in tags[self.done :], f"{lesson}: no cell {last_tag} after the {self.done} already run"
        for tag, source, raises in cells[self.done : tags.index(last_tag) + 1]:
            r = self.kernel.execute(source, timeout=120)
            ok, detail = judge(r, raises)
            assert ok, f"{lesson} {tag}: {detail}"
            self.done += 1
        return self.kernel

    def close(self):
        if self.kernel:
            self.kernel.__exit__(None, None, None)
            self.kernel = None


def run(kernel: Kernel, code: str):
    r = kernel.execute(code, timeout=60)
    assert r.status == "ok" and not r.errors, r.text
    return r


def assert_logged_and_served_the_next(r):
    """The line servers of lessons 04 and 05: the bad client's connection was
    closed, the handler's error logged, and the next client answered."""
    assert "bad client read 0 bytes" in r.stdout, r.text
    assert '["NEXT CLIENT"]' in r.stdout, r.text
    assert "handler error: stream did not contain valid UTF-8" in r.stdout, r.text


@pytest.fixture(scope="module")
def lessons():
    lk = LessonKernel()
    yield lk
    lk.close()


def test_lesson_03_event_loop_closes_only_the_connection_that_failed(lessons):
    kernel = lessons.up_to("03-select-selectors.ipynb", "py:code-20")
    r = run(
        kernel,
        """
let server = TcpListener::bind("127.0.0.1:0")?;
let address = server.local_addr()?;
let handle = std::thread::spawn(move || serve(server, 2));
// A client that resets its connection (SO_LINGER 0: close sends RST) after sending.
let rude = TcpStream::connect_timeout(&address, Duration::from_secs(5))?;
socket2::SockRef::from(&rude).set_linger(Some(Duration::ZERO))?;
(&rude).write_all(b"bye")?;
std::thread::sleep(Duration::from_millis(300));
drop(rude);
// The next client is served as usual.
let mut polite = TcpStream::connect_timeout(&address, Duration::from_secs(5))?;
polite.set_read_timeout(Some(Duration::from_secs(5)))?;
polite.write_all(b"hello")?;
let mut buf = [0u8; 64];
let n = polite.read(&mut buf)?;
println!("polite got {}", String::from_utf8_lossy(&buf[..n]));
drop(polite);
let log = handle.join().expect("server thread panicked")?;
println!("{}", log.join(" | "));
""",
    )
    assert "polite got hello" in r.stdout, r.text
    assert "closed" in r.stdout and "echo hello" in r.stdout, r.text


def test_lesson_04_line_server_logs_bytes_that_are_not_utf8_and_serves_the_next_client(lessons):
    kernel = lessons.up_to("04-socketserver.ipynb", "py:code-14")
    r = run(
        kernel,
        """
log.lock().unwrap().clear();
{
    let mut bad = TcpStream::connect_timeout(&address, Duration::from_secs(5))?;
    bad.set_read_timeout(Some(Duration::from_secs(5)))?;
    bad.write_all(b"\\xff\\xfe not utf-8\\n")?;
    let mut buf = [0u8; 64];
    println!("bad client read {} bytes", bad.read(&mut buf).unwrap_or(0)); // closed by the server
}
println!("{:?}", ask(address, &["next client"])?);
// The handler logs its error after its connection is closed (the client saw EOF
// first): wait for the line, at most 5 s.
let deadline = std::time::Instant::now() + Duration::from_secs(5);
while !log.lock().unwrap().iter().any(|l| l.starts_with("handler error")) && std::time::Instant::now() < deadline {
    std::thread::sleep(Duration::from_millis(10));
}
for line in log.lock().unwrap().iter() {
    println!("{line}");
};
""",
    )
    assert_logged_and_served_the_next(r)


def test_lesson_05_async_server_logs_bytes_that_are_not_utf8_and_serves_the_next_client(lessons):
    kernel = lessons.up_to("05-asyncio-tokio.ipynb", "py:code-13")
    r = run(
        kernel,
        """
log.lock().unwrap().clear();
{
    let mut bad = tokio::time::timeout(Duration::from_secs(5), TcpStream::connect(address)).await??;
    bad.write_all(b"\\xff\\xfe not utf-8\\n").await?;
    let mut buf = [0u8; 64];
    let n = tokio::time::timeout(Duration::from_secs(5), bad.read(&mut buf)).await?.unwrap_or(0);
    println!("bad client read {n} bytes");
}
println!("{:?}", ask(address, &["next client"]).await?);
// The handler logs its error after its connection is closed (the client saw EOF
// first): wait for the line, at most 5 s.
let deadline = std::time::Instant::now() + Duration::from_secs(5);
while !log.lock().unwrap().iter().any(|l| l.starts_with("handler error")) && std::time::Instant::now() < deadline {
    tokio::time::sleep(Duration::from_millis(10)).await;
}
for line in log.lock().unwrap().iter() {
    println!("{line}");
};
""",
    )
    assert_logged_and_served_the_next(r)


def test_lesson_05_framing_refuses_an_oversized_length_before_allocating(lessons):
    kernel = lessons.up_to("05-asyncio-tokio.ipynb", "py:code-17")
    r = run(
        kernel,
        """
{
    let (mut a, mut b) = connected_pair().await?;
    a.write_all(&u32::MAX.to_be_bytes()).await?; // announces 4 GiB, sends nothing
    match recv_msg(&mut b).await {
        Ok(text) => println!("unexpected {}", text.len()),
        Err(e) => println!("{:?}: {e}", e.kind()),
    }
    a.write_all(&[0, 0, 0, 2, 0xff, 0xfe]).await?; // two bytes that are not UTF-8
    match recv_msg(&mut b).await {
        Ok(text) => println!("unexpected {text}"),
        Err(e) => println!("{:?}: {e}", e.kind()),
    }
};
""",
    )
    assert "InvalidData: message of 4294967295 bytes announced, more than 1000000" in r.stdout, r.text
    assert "InvalidData: invalid utf-8 sequence" in r.stdout, r.text


def test_lesson_06_http_server_survives_an_oversized_header_and_serves_the_next_request(lessons):
    kernel = lessons.up_to("06-urllib-http.ipynb", "py:code-06")
    r = run(
        kernel,
        """
{
    let mut sock = std::net::TcpStream::connect_timeout(
        &(std::net::Ipv4Addr::LOCALHOST, app_port).into(), Duration::from_secs(5))?;
    sock.set_read_timeout(Some(Duration::from_secs(5)))?;
    let huge = "a".repeat(1 << 20); // a 1 MiB header line
    let request = format!("GET /hello HTTP/1.1\\r\\nHost: x\\r\\nX-Huge: {huge}\\r\\n\\r\\n");
    let _ = sock.write_all(request.as_bytes()); // the server may close before all is sent
    let mut answer = Vec::new();
    let _ = sock.read_to_end(&mut answer);
    let text = String::from_utf8_lossy(&answer);
    println!("huge header answered: {}", text.lines().next().unwrap_or("(closed)"));
}
let mut resp = urlopen(&format!("{app_url}/hello"))?;
print!("next: {} {}", resp.status().as_u16(), resp.body_mut().read_to_string()?);
""",
    )
    assert "huge header answered:" in r.stdout, r.text
    assert "next: 200 hello" in r.stdout, r.text
