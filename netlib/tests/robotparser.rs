//! `urllib::robotparser` against the CPython 3.13 vectors in
//! `tests/vectors/robotparser.json` (written by `gen_robotparser.py`), and
//! `read()` over HTTP from a server on 127.0.0.1.

#[path = "common/vectors.rs"]
mod vectors;

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::thread;

use netlib::urllib::robotparser::{ErrorKind, RequestRate, RobotFileParser};
use serde_json::Value;

fn vectors() -> Value {
    vectors::load("robotparser.json")
}

fn strs(v: &Value) -> Vec<&str> {
    v.as_array()
        .expect("list")
        .iter()
        .map(|s| s.as_str().expect("str"))
        .collect()
}

fn rate(v: &Value) -> Option<RequestRate> {
    v.as_array().map(|r| RequestRate {
        requests: r[0].as_u64().expect("u64"),
        seconds: r[1].as_u64().expect("u64"),
    })
}

#[test]
fn parse_and_questions_match_cpython() {
    let v = vectors();
    let agents = strs(&v["agents"]);
    let urls = strs(&v["urls"]);
    let url_errors: Vec<(&str, &str)> = v["url_errors"]
        .as_array()
        .expect("list")
        .iter()
        .map(|e| {
            (
                e[0].as_str().expect("url"),
                e[1]["error"]["message"].as_str().expect("message"),
            )
        })
        .collect();
    let mut failures = Vec::new();
    let mut checked = 0;
    let cases = v["cases"].as_array().expect("cases");
    for case in cases {
        let lines = strs(&case["lines"]);
        let mut rp = RobotFileParser::new();
        let parsed = rp.parse(&lines);
        checked += 1;
        if let Some(err) = case["parse"].get("error") {
            match parsed {
                Err(e) if e.to_string() == err["message"] && e.python_class() == err["class"] => {}
                other => failures.push(format!("{lines:?}: parse gave {other:?}, want {err}")),
            }
            continue;
        }
        if let Err(e) = parsed {
            failures.push(format!("{lines:?}: parse failed: {e}"));
            continue;
        }
        let mut check = |what: String, ok: bool| {
            checked += 1;
            if !ok {
                failures.push(format!("{lines:?}: {what}"));
            }
        };
        check(
            format!("str {:?} want {}", rp.to_string(), case["str"]),
            rp.to_string() == case["str"],
        );
        let maps = case["site_maps"].as_array().map(|m| {
            m.iter()
                .map(|s| s.as_str().expect("str").to_owned())
                .collect::<Vec<_>>()
        });
        check(
            format!("site_maps {:?} want {maps:?}", rp.site_maps()),
            rp.site_maps().map(<[String]>::to_vec) == maps,
        );
        for a in case["agents"].as_array().expect("agents") {
            let agent = a[0].as_str().expect("agent");
            let (delay, req) = (rp.crawl_delay(agent), rp.request_rate(agent));
            check(
                format!("crawl_delay({agent:?}) {delay:?} want {}", a[1]),
                delay == a[1].as_u64(),
            );
            check(
                format!("request_rate({agent:?}) {req:?} want {}", a[2]),
                req == rate(&a[2]),
            );
        }
        for (agent, row) in agents.iter().zip(strs(&case["can_fetch"])) {
            for (url, want) in urls.iter().zip(row.chars()) {
                let got = match rp.can_fetch(agent, url) {
                    Ok(true) => 'T',
                    Ok(false) => 'F',
                    Err(e) => {
                        let expected = url_errors.iter().find(|(u, _)| u == url).map(|(_, m)| *m);
                        if expected != Some(e.to_string().as_str())
                            || e.kind() != ErrorKind::ValueError
                        {
                            '?'
                        } else {
                            'E'
                        }
                    }
                };
                check(
                    format!("can_fetch({agent:?}, {url:?}) {got} want {want}"),
                    got == want,
                );
            }
        }
    }
    assert!(
        cases.len() > 50 && checked > 50_000,
        "too few vectors: {checked}"
    );
    assert!(
        failures.is_empty(),
        "{} of {checked} checks differ from CPython 3.13:\n{}",
        failures.len(),
        failures[..failures.len().min(40)].join("\n")
    );
}

#[test]
fn before_read_and_set_url_match_cpython() {
    let v = vectors();
    let before = &v["before_read"][0];
    let rp = RobotFileParser::new();
    assert_eq!(rp.can_fetch("*", "/").ok(), before["can_fetch"].as_bool());
    assert_eq!(rp.crawl_delay("*"), before["crawl_delay"].as_u64());
    assert_eq!(rp.request_rate("*"), rate(&before["request_rate"]));
    assert_eq!(rp.site_maps(), None);
    assert_eq!(rp.to_string(), before["str"]);
    for case in v["set_url"].as_array().expect("set_url") {
        let url = case[0].as_str().expect("url");
        let mut rp = RobotFileParser::new();
        match (rp.set_url(url), case[1].get("ok")) {
            (Ok(()), Some(ok)) => assert_eq!([rp.url(), rp.host(), rp.path()].as_slice(), strs(ok)),
            (Err(e), None) => assert_eq!(e.to_string(), case[1]["error"]["message"]),
            (got, _) => panic!("set_url({url:?}) gave {got:?}, want {}", case[1]),
        }
    }
}

/// A server answering `count` requests with `status` and `body`; its URL.
fn serve(
    status: &'static str,
    body: &'static [u8],
    count: usize,
) -> (String, thread::JoinHandle<()>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("http://{}/robots.txt", listener.local_addr().expect("addr"));
    let handle = thread::spawn(move || {
        for _ in 0..count {
            let Ok((stream, _)) = listener.accept() else {
                return;
            };
            let mut reader = BufReader::new(stream.try_clone().expect("clone"));
            let mut line = String::new();
            while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                line.clear();
            }
            let mut out = stream;
            let head = format!(
                "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = out.write_all(head.as_bytes());
            let _ = out.write_all(body);
        }
    });
    (url, handle)
}

#[test]
fn read_fetches_over_http_as_cpython() {
    // Python: rp.set_url(url); rp.read() on a server that sends the file
    let (url, server) = serve(
        "200 OK",
        b"User-agent: *\r\nDisallow: /private/\r\nCrawl-delay: 3\r\n",
        1,
    );
    let mut rp = RobotFileParser::with_url(&url).expect("url");
    rp.read().expect("read");
    server.join().expect("server");
    assert!(
        !rp.can_fetch("bot", &url.replace("robots.txt", "private/x"))
            .expect("can_fetch")
    );
    assert!(rp.can_fetch("bot", "/public").expect("can_fetch"));
    assert_eq!(rp.crawl_delay("bot"), Some(3));

    // 401/403: nothing allowed; other 4xx: everything; 5xx: unread (nothing).
    for (status, want) in [
        ("403 Forbidden", false),
        ("401 Unauthorized", false),
        ("404 Not Found", true),
        ("500 Internal Server Error", false),
    ] {
        let (url, server) = serve(status, b"", 1);
        let mut rp = RobotFileParser::with_url(&url).expect("url");
        rp.read().expect("read");
        server.join().expect("server");
        assert_eq!(rp.can_fetch("*", "/").expect("can_fetch"), want, "{status}");
    }

    // Python: UnicodeDecodeError: 'utf-8' codec can't decode byte 0xff in position 0: invalid start byte
    let (url, server) = serve("200 OK", b"\xffUser-agent: *", 1);
    let err = RobotFileParser::with_url(&url)
        .expect("url")
        .read()
        .unwrap_err();
    server.join().expect("server");
    assert_eq!(
        (err.python_class(), err.to_string().as_str()),
        (
            "UnicodeDecodeError",
            "'utf-8' codec can't decode byte 0xff in position 0: invalid start byte"
        )
    );

    // Python: URLError: <urlopen error [Errno 111] Connection refused>
    let port = TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr")
        .port();
    let err = RobotFileParser::with_url(&format!("http://127.0.0.1:{port}/robots.txt"))
        .expect("url")
        .read()
        .unwrap_err();
    assert_eq!(
        (err.python_class(), err.to_string().as_str()),
        (
            "urllib.error.URLError",
            "<urlopen error [Errno 111] Connection refused>"
        )
    );
    assert_eq!(
        format!("{:?}", err.url_error().expect("URLError")),
        "URLError(ConnectionRefusedError(111, 'Connection refused'))"
    );
}

#[test]
fn read_gives_up_on_a_server_that_never_answers() {
    // Python's read() would wait for as long as the connection stays open;
    // ours stops after its timeout with urlopen's `timed out`.
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("http://{}/robots.txt", listener.local_addr().expect("addr"));
    // Accepts the connection (and keeps it open) but never answers.
    let silent = thread::spawn(move || listener.accept().map(|(stream, _)| stream));
    let mut rp = RobotFileParser::with_url(&url).expect("url");
    rp.set_timeout(std::time::Duration::from_millis(300));
    let started = std::time::Instant::now();
    let err = rp.read().unwrap_err();
    let waited = started.elapsed();
    assert!(
        waited < std::time::Duration::from_secs(5),
        "read waited {waited:?}"
    );
    assert_eq!(
        (err.python_class(), err.to_string().as_str()),
        ("urllib.error.URLError", "<urlopen error timed out>")
    );
    assert!(!rp.can_fetch("*", "/").expect("can_fetch"));
    drop(silent.join().expect("accept thread"));
}

/// The `probe` differences of `robotparser_expected_differences.json`.
#[test]
fn expected_differences_still_differ() {
    vectors::ExpectedDifferences::load("robotparser").check_probes(&[(
        "numbers-above-u64",
        || {
            // Python: rp.parse(['User-agent: *', 'Crawl-delay: 99999999999999999999']); rp.crawl_delay('*')
            let mut rp = RobotFileParser::new();
            rp.parse(["User-agent: *", "Crawl-delay: 99999999999999999999"])
                .expect("digits int() reads");
            rp.crawl_delay("*")
                .map_or("None".to_owned(), |d| d.to_string())
        },
    )]);
}
