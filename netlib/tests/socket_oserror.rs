//! `socket::py_error` against a live CPython (pyenv's 3.13 when there): the
//! class and `str()` of `OSError(errno, os.strerror(errno))` for every errno,
//! and of the exceptions real loopback sockets raise. Without any Python the
//! comparison prints a note and passes.

use std::io::Read;
use std::net::{TcpListener, TcpStream, UdpSocket};
use std::process::Command;
use std::time::Duration;

use netlib::socket;
use serde_json::Value;

const PYTHON: &str = r#"
import json, os, socket
table = []
for n in range(1, 134):
    e = OSError(n, os.strerror(n))
    table.append([type(e).__name__, str(e)])
def raised(f):
    try:
        f()
    except OSError as e:
        return [type(e).__name__, str(e)]
def refused():
    s = socket.create_server(('127.0.0.1', 0)); port = s.getsockname()[1]; s.close()
    socket.create_connection(('127.0.0.1', port))
def in_use():
    s = socket.create_server(('127.0.0.1', 0), reuse_port=False)
    t = socket.socket(); t.bind(s.getsockname())
def timeout():
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(('127.0.0.1', 0))
    s.settimeout(0.05); s.recvfrom(10)
def nonblocking():
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(('127.0.0.1', 0))
    s.setblocking(False); s.recvfrom(10)
print(json.dumps({"table": table, "sockets": [raised(f) for f in (refused, in_use, timeout, nonblocking)]}))
"#;

fn python() -> Option<Value> {
    let has_313 = Command::new("python3")
        .env("PYENV_VERSION", "3.13")
        .args(["-c", "import sys; assert sys.version_info[:2] == (3, 13)"])
        .output()
        .is_ok_and(|o| o.status.success());
    let mut cmd = Command::new("python3");
    if has_313 {
        cmd.env("PYENV_VERSION", "3.13");
    }
    let out = cmd.args(["-c", PYTHON]).output().ok()?;
    if !out.status.success() {
        return None;
    }
    serde_json::from_slice(&out.stdout).ok()
}

fn shown(e: &socket::Error) -> Value {
    serde_json::json!([e.python_class(), e.to_string()])
}

#[test]
fn every_errno_has_pythons_class_and_text() {
    let Some(py) = python() else {
        eprintln!("NOTE: no python3; CPython comparison skipped");
        return;
    };
    for (n, want) in (1..134).zip(py["table"].as_array().into_iter().flatten()) {
        let e = socket::py_error_nonblocking(&std::io::Error::from_raw_os_error(n));
        assert_eq!(&shown(&e), want, "errno {n}");
        assert_eq!(e.errno(), Some(n));
    }
}

#[test]
fn loopback_failures_read_as_in_python() -> std::io::Result<()> {
    let Some(py) = python() else {
        eprintln!("NOTE: no python3; CPython comparison skipped");
        return Ok(());
    };
    let freed = TcpListener::bind("127.0.0.1:0")?.local_addr()?;
    let refused = socket::py_error(&TcpStream::connect(freed).unwrap_err());
    let server = TcpListener::bind("127.0.0.1:0")?;
    let in_use = socket::py_error(&TcpListener::bind(server.local_addr()?).unwrap_err());
    let udp = UdpSocket::bind("127.0.0.1:0")?;
    udp.set_read_timeout(Some(Duration::from_millis(50)))?;
    let timeout = socket::py_error(&udp.recv_from(&mut [0; 10]).unwrap_err());
    udp.set_nonblocking(true)?;
    let nonblocking = socket::py_error_nonblocking(&udp.recv_from(&mut [0; 10]).unwrap_err());
    let got: Vec<Value> = [refused, in_use, timeout, nonblocking]
        .iter()
        .map(shown)
        .collect();
    assert_eq!(Value::from(got), py["sockets"]);
    let mut conn = TcpStream::connect(server.local_addr()?)?;
    conn.set_read_timeout(Some(Duration::from_millis(50)))?;
    let e = socket::py_error(&conn.read(&mut [0; 4]).unwrap_err());
    assert_eq!(format!("{e:?}"), "TimeoutError('timed out')");
    Ok(())
}

#[test]
fn errors_without_an_errno_keep_rusts_text() {
    let e = socket::py_error(&std::io::Error::new(
        std::io::ErrorKind::UnexpectedEof,
        "failed to fill whole buffer",
    ));
    assert_eq!(
        shown(&e),
        serde_json::json!(["OSError", "failed to fill whole buffer"])
    );
    assert_eq!(e.errno(), None);
    let e = socket::py_error(&std::io::Error::from(std::io::ErrorKind::TimedOut));
    assert_eq!(shown(&e), serde_json::json!(["TimeoutError", "timed out"]));
}
