//! `urllib::error` and `http::client::responses` against the CPython 3.13
//! vectors in `tests/vectors/urllib_error.json` (`gen_urllib_error.py`), and
//! `Error::from_ureq` on real requests to 127.0.0.1.

#[path = "common/vectors.rs"]
mod vectors;

use std::io::{Read, Write};
use std::net::TcpListener;
use std::thread;

use netlib::http::client::responses;
use netlib::socket;
use netlib::urllib::error::{Error, ErrorKind};
use serde_json::Value;

fn vectors() -> Value {
    vectors::load("urllib_error.json")
}

#[test]
fn texts_match_cpython() {
    let v = vectors();
    let table = v["responses"].as_array().expect("responses");
    assert_eq!(table.len(), 500);
    for row in table {
        let code = row[0].as_u64().expect("code") as u16;
        assert_eq!(responses(code), row[1].as_str(), "responses[{code}]");
    }
    for row in v["http_error"].as_array().expect("http_error") {
        let e = Error::http(
            "http://127.0.0.1/x",
            row[0].as_u64().expect("code") as u16,
            row[1].as_str().expect("phrase"),
        );
        assert_eq!(
            (e.to_string().as_str(), format!("{e:?}").as_str()),
            (
                row[2].as_str().expect("str"),
                row[3].as_str().expect("repr")
            )
        );
    }
    for row in v["url_error"].as_array().expect("url_error") {
        let e = match row[0].as_str().expect("kind") {
            "errno" => Error::url(socket::py_error(&std::io::Error::from_raw_os_error(
                row[1].as_i64().expect("errno") as i32,
            ))),
            "gai" => Error::from_ureq(&ureq::Error::HostNotFound, "http://nowhere.invalid/"),
            "timeout" => Error::url(socket::py_error(&std::io::Error::from(
                std::io::ErrorKind::TimedOut,
            ))),
            _ => Error::url_text(row[1].as_str().expect("text")),
        };
        assert_eq!(
            (e.to_string().as_str(), format!("{e:?}").as_str()),
            (
                row[2].as_str().expect("str"),
                row[3].as_str().expect("repr")
            )
        );
        assert_eq!(e.kind(), ErrorKind::URLError);
    }
}

#[test]
fn from_ureq_on_real_requests() {
    // Python: urlopen(url) on a server answering 404  ->  HTTPError: HTTP Error 404: Not Found
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("http://{}/missing", listener.local_addr().expect("addr"));
    let server = thread::spawn(move || {
        let (mut stream, _) = listener.accept().expect("accept");
        let mut buf = [0; 4096];
        let _ = stream.read(&mut buf);
        let _ = stream
            .write_all(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    });
    let e = Error::from_ureq(&ureq::get(&url).call().unwrap_err(), &url);
    server.join().expect("server");
    assert_eq!(
        (e.to_string().as_str(), e.code(), e.url_of()),
        ("HTTP Error 404: Not Found", Some(404), url.as_str())
    );
    assert_eq!(e.python_class(), "urllib.error.HTTPError");

    // Python: urlopen on a closed port  ->  URLError: <urlopen error [Errno 111] Connection refused>
    let port = TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr")
        .port();
    let url = format!("http://127.0.0.1:{port}/");
    let e = Error::from_ureq(&ureq::get(&url).call().unwrap_err(), &url);
    assert_eq!(
        e.to_string(),
        "<urlopen error [Errno 111] Connection refused>"
    );
    assert_eq!(e.reason(), "[Errno 111] Connection refused");
}

/// The `probe` differences of `urllib_error_expected_differences.json`.
#[test]
fn expected_differences_still_differ() {
    vectors::ExpectedDifferences::load("urllib_error").check_probes(&[
        ("http-error-phrase", || {
            // A server answering '404 Nope': ureq keeps only the code.
            Error::from_ureq(&ureq::Error::StatusCode(404), "http://h/").to_string()
        }),
        ("unknown-host-errno", || {
            Error::from_ureq(&ureq::Error::HostNotFound, "http://nowhere.invalid/").to_string()
        }),
    ]);
}
