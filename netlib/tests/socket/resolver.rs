//! The resolver (gethostbyname*, gethostbyaddr, getaddrinfo, getnameinfo) against a live CPython on local names and addresses, and on names no resolver knows.

use super::*;

/// Names answered without DNS (this host, /etc/hosts, numeric forms) or
/// refused before any lookup; every resolver call runs on each of them.
fn local_resolver_inputs() -> Vec<String> {
    let mut names: Vec<String> = [
        "localhost",
        "LOCALHOST",
        "127.0.0.1",
        "127.1",
        "0x7f.1",
        "",
        "a..b",
        ".",
        "a\0b",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    names.push("x".repeat(64));
    names.push(format!("a.{}", "x".repeat(64)));
    if let Ok(host) = socket::gethostname() {
        names.push(host);
    }
    for words in data_lines("/etc/hosts") {
        names.extend(words);
    }
    names.sort();
    names.dedup();
    names
}

#[test]
fn resolver_matches_python_on_local_names() {
    let mut calls = vec![call("gethostname", vec![])];
    for name in local_resolver_inputs() {
        for func in [
            "gethostbyname",
            "gethostbyname_ex",
            "gethostbyaddr",
            "getfqdn",
        ] {
            calls.push(call(func, vec![json!(name)]));
        }
    }
    let t = Instant::now();
    let n = compare_live(&calls);
    eprintln!("local resolver: {n} calls compared in {:?}", t.elapsed());
}

#[test]
fn getaddrinfo_matches_python_on_local_names() {
    let (inet, inet6) = (libc::AF_INET, libc::AF_INET6);
    let (stream, dgram) = (libc::SOCK_STREAM, libc::SOCK_DGRAM);
    let mut calls = Vec::new();
    let mut hosts: Vec<Value> = local_resolver_inputs()
        .into_iter()
        .filter(|h| !h.contains('\0'))
        .map(Value::from)
        .collect();
    hosts.extend([
        json!(null),
        json!("::1"),
        json!("fe80::1%lo"),
        json!("0x7f.1"),
    ]);
    for host in &hosts {
        calls.push(call("getaddrinfo", vec![host.clone(), json!(80)]));
        calls.push(call(
            "getaddrinfo",
            vec![host.clone(), json!("http"), json!(inet), json!(stream)],
        ));
        calls.push(call(
            "getaddrinfo",
            vec![
                host.clone(),
                json!(null),
                json!(0),
                json!(0),
                json!(0),
                json!(libc::AI_CANONNAME),
            ],
        ));
        calls.push(call(
            "getaddrinfo",
            vec![
                host.clone(),
                json!("ssh"),
                json!(inet6),
                json!(dgram),
                json!(0),
                json!(libc::AI_NUMERICHOST),
            ],
        ));
        calls.push(call(
            "getaddrinfo",
            vec![
                host.clone(),
                json!(443),
                json!(0),
                json!(0),
                json!(0),
                json!(libc::AI_PASSIVE | libc::AI_V4MAPPED),
            ],
        ));
    }
    // Port forms on one host: numbers past 65535 and below 0, names, text with a NUL.
    for port in [
        json!(0),
        json!(-1),
        json!(65535),
        json!(70000),
        json!(i64::MAX),
        json!("80"),
        json!("domain"),
        json!("nope"),
        json!("ht\0tp"),
        json!(""),
        json!(null),
    ] {
        calls.push(call("getaddrinfo", vec![json!("localhost"), port.clone()]));
        calls.push(call(
            "getaddrinfo",
            vec![
                json!(null),
                port,
                json!(0),
                json!(stream),
                json!(0),
                json!(libc::AI_PASSIVE),
            ],
        ));
    }
    for (family, kind, proto) in [
        (0, 0, 6),
        (0, 0, 17),
        (inet, 0, 132),
        (inet6, stream, 0),
        (libc::AF_UNIX, 0, 0),
        (9999, 0, 0),
        (0, 9999, 0),
        (0, stream, 17),
    ] {
        calls.push(call(
            "getaddrinfo",
            vec![
                json!("localhost"),
                json!(80),
                json!(family),
                json!(kind),
                json!(proto),
            ],
        ));
    }
    for flags in [
        libc::AI_NUMERICSERV,
        libc::AI_ADDRCONFIG,
        libc::AI_ALL | libc::AI_V4MAPPED,
        -1,
        0x4000_0000,
    ] {
        calls.push(call(
            "getaddrinfo",
            vec![
                json!("localhost"),
                json!("http"),
                json!(0),
                json!(0),
                json!(0),
                json!(flags),
            ],
        ));
    }
    // Python's repr() of the whole list, enums and tuples included.
    for host in ["localhost", "127.0.0.1", "::1"] {
        calls.push(call("repr:getaddrinfo", vec![json!(host), json!(80)]));
        calls.push(call(
            "repr:getaddrinfo",
            vec![
                json!(host),
                json!(null),
                json!(0),
                json!(0),
                json!(0),
                json!(libc::AI_CANONNAME),
            ],
        ));
    }
    let t = Instant::now();
    let n = compare_live(&calls);
    eprintln!("getaddrinfo: {n} calls compared in {:?}", t.elapsed());
}

#[test]
fn getnameinfo_matches_python_on_local_addresses() {
    let mut addrs: Vec<String> = [
        "127.0.0.1",
        "::1",
        "0.0.0.0",
        "::",
        "fe80::1%lo",
        "::ffff:127.0.0.1",
        "127.1",
        "localhost",
        "1.2.3.4 ",
        "a\0",
        "",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    for words in data_lines("/etc/hosts") {
        addrs.extend(words.into_iter().take(1));
    }
    addrs.sort();
    addrs.dedup();
    let flags = [
        libc::NI_NUMERICHOST,
        libc::NI_NUMERICHOST | libc::NI_NUMERICSERV,
        libc::NI_NUMERICHOST | libc::NI_DGRAM,
    ];
    let mut calls = Vec::new();
    for addr in &addrs {
        for port in [
            json!(80),
            json!(53),
            json!(0),
            json!(99999),
            json!(-1),
            json!(1i64 << 31),
            json!(-(1i64 << 31) - 1),
        ] {
            for flag in flags {
                calls.push(call(
                    "getnameinfo",
                    vec![json!([addr, port.clone()]), json!(flag)],
                ));
            }
        }
        for (flow, scope) in [(0, 0), (5, 1), (0xfffff, 0), (0x100000, 0)] {
            calls.push(call(
                "getnameinfo",
                vec![json!([addr, 22, flow, scope]), json!(libc::NI_NUMERICHOST)],
            ));
        }
    }
    // Names from /etc/hosts: the reverse lookup stays local for its addresses.
    for words in data_lines("/etc/hosts") {
        if let Some(addr) = words.first() {
            for flag in [0, libc::NI_NAMEREQD, libc::NI_NOFQDN] {
                calls.push(call("getnameinfo", vec![json!([addr, 80]), json!(flag)]));
            }
        }
    }
    let t = Instant::now();
    let n = compare_live(&calls);
    eprintln!("getnameinfo: {n} calls compared in {:?}", t.elapsed());
}

/// Calls whose lookup reaches past /etc/hosts (unknown names, addresses with
/// no reverse entry, the lesson's `203.249.39.46`). Offline these fail as in
/// Python; a lookup can stall for the resolver's timeout when the DNS server
/// drops the query, so they are few and run in parallel.
#[test]
fn resolver_matches_python_on_unknown_names() {
    let calls: Vec<_> = [
        ("gethostbyname", "testname"),
        ("gethostbyname_ex", "testname"),
        ("gethostbyaddr", "testname"),
        ("getfqdn", "testname"),
        ("gethostbyname", "nonexistent.invalid"),
        ("gethostbyname", "localhost."),
        ("gethostbyname", " localhost "),
        ("getfqdn", " localhost "),
        ("gethostbyname", "한국.kr"),
        ("gethostbyname", &"x".repeat(63)),
        ("gethostbyaddr", "192.0.2.1"),
        ("getfqdn", "192.0.2.1"),
        ("gethostbyaddr", "203.249.39.46"),
        ("getfqdn", "203.249.39.46"),
        ("gethostbyaddr", "::1"),
        ("gethostbyname", "::1"),
        ("gethostbyname_ex", "::1"),
        ("gethostbyaddr", "::ffff:127.0.0.1"),
        ("gethostbyaddr", "fe80::1%lo"),
        ("gethostbyaddr", "0.0.0.0"),
        ("getfqdn", "0.0.0.0"),
        ("getfqdn", "::"),
        ("gethostbyname", "<broadcast>"),
        ("gethostbyname_ex", "<broadcast>"),
        ("gethostbyaddr", "255.255.255.255"),
        ("gethostbyname", "1.2.3.4 "),
        ("gethostbyname_ex", "1.2.3.4"),
    ]
    .iter()
    .map(|(f, n)| call(f, vec![json!(n)]))
    .collect();
    let t = Instant::now();
    let n = compare_live(&calls);
    eprintln!(
        "unknown-name resolver: {n} calls compared in {:?}",
        t.elapsed()
    );
}

#[test]
fn unknown_names_fail_fast_and_like_python() {
    // Python: socket.gethostbyname('testname')  →  gaierror [Errno -2]
    let t = Instant::now();
    let err = socket::gethostbyname("testname").unwrap_err();
    let took = t.elapsed();
    eprintln!("unknown-name lookup took {took:?}");
    assert_eq!(err.to_string(), "[Errno -2] Name or service not known");
    assert_eq!(err.python_class(), "gaierror");
    assert_eq!(err.errno(), Some(-2));
    assert_eq!(
        format!("{err:?}"),
        "gaierror(-2, 'Name or service not known')"
    );

    // Python: socket.gethostbyaddr('192.0.2.1')  →  herror [Errno 1]
    let err = socket::gethostbyaddr("192.0.2.1").unwrap_err();
    assert_eq!(
        (err.python_class(), err.to_string().as_str()),
        ("herror", "[Errno 1] Unknown host")
    );
    // Python: socket.gethostbyname('a\0b')  →  TypeError
    let err = socket::gethostbyname("a\0b").unwrap_err();
    assert_eq!(err.python_class(), "TypeError");
    assert_eq!(
        err.to_string(),
        "gethostbyname() argument 1 must be encoded string without null bytes, not str"
    );
}
