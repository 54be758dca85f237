//! `Display` is Python's `str()` and `Debug` its `repr()`, for every public
//! netlib type that has a `Display`, against CPython 3.13's answers in the
//! `display` section of `tests/vectors/python_habits.json` (written by
//! `gen_python_habits.py`). An input Python rejects compares the error's
//! `Display` with `str(exc)` and its class.

#[path = "common/vectors.rs"]
mod vectors;

use std::fmt::{Debug, Display};

use netlib::ipaddress::{
    self, IpAddress, IpInterface, IpNetwork, ip_address, ip_interface, ip_network,
};
use netlib::urllib::parse::{urldefrag, urlparse, urlsplit};
use netlib::{binascii, socket};
use serde_json::Value;

fn s(v: &Value) -> &str {
    v.as_str().expect("string in vector")
}

/// Python's class name without its module (netlib's `binascii.Error` is
/// Python's `Error`, as `type(exc).__name__` gives it).
fn class(name: &str) -> String {
    name.rsplit('.').next().unwrap_or(name).to_owned()
}

/// `(str, repr)` of a value, or `(str(exc), class)` of an error.
fn both<T: Display + Debug, E: Display>(
    r: Result<T, E>,
    class_of: impl Fn(&E) -> String,
) -> (String, String) {
    match r {
        Ok(x) => (x.to_string(), format!("{x:?}")),
        Err(e) => (e.to_string(), class_of(&e)),
    }
}

#[test]
fn display_is_python_str_for_every_public_type() {
    let v: Value = vectors::load("python_habits.json");
    let (mut checked, mut failures) = (0, Vec::new());
    let mut eq = |what: String, want: (String, String), got: (String, String)| {
        checked += 1;
        if want != got {
            failures.push(format!("{what}\n    python: {want:?}\n    netlib: {got:?}"));
        }
    };
    let ip_class = |e: &ipaddress::Error| class(e.python_class());
    let sock_class = |e: &socket::Error| class(e.python_class());
    let url_class = |e: &netlib::urllib::parse::Error| class(e.python_class());
    let hex_class = |e: &binascii::Error| class(e.python_class());
    for rec in v["display"].as_array().expect("display section") {
        let (kind, input) = (s(&rec["kind"]), s(&rec["input"]));
        let want = (
            s(&rec["str"]).to_owned(),
            match rec["repr"].as_str() {
                Some(repr) => repr.to_owned(),
                None => class(s(&rec["class"])),
            },
        );
        let ctx = || format!("{kind}({input:?})");
        let got = match kind {
            "ip_address" => {
                let a = ip_address(input);
                if let Ok(a) = &a {
                    let inner = match a {
                        IpAddress::V4(v) => (v.to_string(), format!("{v:?}")),
                        IpAddress::V6(v) => (v.to_string(), format!("{v:?}")),
                    };
                    eq(ctx(), want.clone(), inner);
                }
                both(a, ip_class)
            }
            "ip_network" => {
                let n = ip_network(input);
                if let Ok(n) = &n {
                    let inner = match n {
                        IpNetwork::V4(v) => (v.to_string(), format!("{v:?}")),
                        IpNetwork::V6(v) => (v.to_string(), format!("{v:?}")),
                    };
                    eq(ctx(), want.clone(), inner);
                }
                both(n, ip_class)
            }
            "ip_interface" => {
                let i = ip_interface(input);
                if let Ok(i) = &i {
                    let inner = match i {
                        IpInterface::V4(v) => (v.to_string(), format!("{v:?}")),
                        IpInterface::V6(v) => (v.to_string(), format!("{v:?}")),
                    };
                    eq(ctx(), want.clone(), inner);
                }
                both(i, ip_class)
            }
            "num_addresses" => both(ip_network(input).map(|n| n.num_addresses()), ip_class),
            "urlparse" => both(urlparse(input), url_class),
            "urlsplit" => both(urlsplit(input), url_class),
            "urldefrag" => both(urldefrag(input), url_class),
            "getattr" => {
                let c = socket::getattr(input).expect("known constant");
                if let Some(af) = socket::AddressFamily::from_name(input) {
                    eq(ctx(), want.clone(), (af.to_string(), format!("{af:?}")));
                }
                if let Some(kind) = socket::SocketKind::from_name(input) {
                    eq(ctx(), want.clone(), (kind.to_string(), format!("{kind:?}")));
                }
                (c.to_string(), format!("{c:?}"))
            }
            "getaddrinfo" => both(
                socket::getaddrinfo_with(input, 80, socket::AF_UNSPEC, socket::SOCK_STREAM, 0, 0)
                    .map(|infos| infos[0].clone()),
                sock_class,
            ),
            "inet_aton" => both(socket::inet_aton(input).map(|b| b[0]), sock_class),
            "getservbyname" => both(socket::getservbyname(input, None), sock_class),
            "unhexlify" => both(binascii::unhexlify(input).map(|b| b.len()), hex_class),
            other => panic!("unknown kind {other}"),
        };
        eq(ctx(), want, got);
    }
    assert!(checked > 50, "display: only {checked} checks ran");
    assert!(
        failures.is_empty(),
        "display: {} of {checked} differ from CPython 3.13:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
