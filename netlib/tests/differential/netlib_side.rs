//! netlib's side of the differential test: for each op of
//! `tests/vectors/differential_cases.py`, the same fields
//! `differential_cpython.py` records, computed through netlib.

use std::fmt::{Debug, Display};

use netlib::binascii;
use netlib::ipaddress::{
    self, IntoIpAddress, IpAddress, IpInterface, IpNetwork, Ipv4Address, Ipv4Network, Ipv6Address,
    Ipv6Network, ip_address, ip_interface, ip_network, ip_network_loose,
};
use netlib::socket;
use netlib::urllib::parse as up;
use serde_json::{Map, Value, json};

/// Field name → value, as in the `"py"` object of a case.
pub type Record = Map<String, Value>;

/// What the four error types share: Python's class name and `str(exc)`.
trait PyError: Display {
    fn class(&self) -> &'static str;
}

impl PyError for ipaddress::Error {
    fn class(&self) -> &'static str {
        self.python_class()
    }
}

impl PyError for up::Error {
    fn class(&self) -> &'static str {
        self.python_class()
    }
}

impl PyError for socket::Error {
    fn class(&self) -> &'static str {
        self.python_class()
    }
}

impl PyError for binascii::Error {
    fn class(&self) -> &'static str {
        self.python_class()
    }
}

fn error(e: &impl PyError) -> Value {
    json!({"error": [e.class(), e.to_string()]})
}

fn attempt<T, E: PyError>(r: Result<T, E>, ok: impl FnOnce(T) -> Value) -> Value {
    r.map_or_else(|e| error(&e), ok)
}

fn repr(v: impl Debug) -> Value {
    Value::String(format!("{v:?}"))
}

fn text(v: impl Display) -> Value {
    Value::String(v.to_string())
}

fn opt_text(v: Option<impl Display>) -> Value {
    v.map_or(Value::Null, text)
}

fn hex_of(bytes: impl AsRef<[u8]>) -> Value {
    Value::String(hex::encode(bytes))
}

fn s<'a>(inp: &'a Value, key: &str) -> &'a str {
    inp[key]
        .as_str()
        .unwrap_or_else(|| panic!("input {key} is a string"))
}

fn flag(inp: &Value, key: &str) -> bool {
    inp[key]
        .as_bool()
        .unwrap_or_else(|| panic!("input {key} is a bool"))
}

fn bytes(inp: &Value, key: &str) -> Vec<u8> {
    hex::decode(s(inp, key)).expect("input bytes are hex")
}

fn strs(inp: &Value, key: &str) -> Vec<String> {
    inp[key]
        .as_array()
        .expect("input parts are a list")
        .iter()
        .map(|v| v.as_str().expect("part is a string").to_owned())
        .collect()
}

/// Puts fields under a prefix (`strict.`, `split.`, …).
struct Rec<'a> {
    map: &'a mut Record,
    prefix: &'static str,
}

fn rec<'a>(map: &'a mut Record, prefix: &'static str) -> Rec<'a> {
    Rec { map, prefix }
}

impl Rec<'_> {
    fn put(&mut self, key: &str, value: impl Into<Value>) {
        self.map
            .insert(format!("{}{key}", self.prefix), value.into());
    }

    fn props(&mut self, values: [(&str, bool); 7]) {
        for (name, value) in values {
            self.put(name, value);
        }
    }
}

fn address(mut r: Rec, a: &IpAddress) {
    r.put("repr", repr(a));
    r.put("str", text(a));
    r.put("version", a.version());
    r.put("int", u128::from(a).to_string());
    r.put("packed", hex_of(a.packed()));
    r.put("exploded", a.exploded());
    r.put("compressed", a.compressed());
    r.put("reverse_pointer", a.reverse_pointer());
    r.put("plus_one", attempt(a.checked_add(1), text));
    r.put("minus_one", attempt(a.checked_sub(1), text));
    r.props(python_props!(a));
    match a {
        IpAddress::V6(v6) => {
            r.put("is_site_local", v6.is_site_local());
            r.put("scope_id", v6.scope_id());
            r.put("ipv4_mapped", opt_text(v6.ipv4_mapped()));
            r.put("sixtofour", opt_text(v6.sixtofour()));
            let teredo = v6
                .teredo()
                .map(|(s, c)| json!([s.to_string(), c.to_string()]));
            r.put("teredo", teredo.unwrap_or(Value::Null));
        }
        IpAddress::V4(v4) => r.put("ipv6_mapped", text(v4.ipv6_mapped())),
    }
}

/// `diff` and `new_prefix` are the case's arguments of `subnets()` and `supernet()`.
fn network(mut r: Rec, n: &IpNetwork, diff: u32, new_prefix: u32) {
    r.put("repr", repr(n));
    r.put("str", text(n));
    r.put("version", n.version());
    r.put("network_address", repr(n.network_address()));
    r.put("broadcast_address", repr(n.broadcast_address()));
    r.put("netmask", repr(n.netmask()));
    r.put("hostmask", repr(n.hostmask()));
    r.put("prefixlen", n.prefixlen());
    r.put("num_addresses", text(n.num_addresses()));
    r.put("with_prefixlen", n.with_prefixlen());
    r.put("with_netmask", n.with_netmask());
    r.put("with_hostmask", n.with_hostmask());
    r.put("exploded", n.exploded());
    r.put("compressed", n.compressed());
    r.put("reverse_pointer", n.reverse_pointer());
    let hosts: Vec<Value> = n.hosts().take(2).map(repr).collect();
    r.put("first_hosts", hosts);
    let subnets = attempt(n.subnets(1), |it| {
        json!(it.take(2).map(text).collect::<Vec<_>>())
    });
    r.put("subnets", subnets);
    r.put("supernet", attempt(n.supernet(1), text));
    let two = |it: ipaddress::Iter<IpNetwork>| json!(it.take(2).map(text).collect::<Vec<_>>());
    r.put("subnets_diff", attempt(n.subnets(diff), two));
    r.put(
        "subnets_new",
        attempt(n.subnets_new_prefix(new_prefix), two),
    );
    r.put("supernet_diff", attempt(n.supernet(diff), text));
    r.put(
        "supernet_new",
        attempt(n.supernet_new_prefix(new_prefix), text),
    );
    if n.num_addresses() <= 4096 {
        r.put("hosts_count", n.hosts().count());
        r.put("last_host", n.hosts().next_back().map_or(Value::Null, repr));
    }
    r.props(python_props!(n));
    if n.version() == 6 {
        r.put("is_site_local", n.is_site_local());
    }
}

fn relation(mut r: Rec, a: &IpNetwork, b: &IpNetwork) {
    r.put("overlaps", a.overlaps(b));
    r.put("subnet_of", attempt(a.subnet_of(b), Value::from));
    r.put("supernet_of", attempt(a.supernet_of(b), Value::from));
    r.put(
        "compare_networks",
        attempt(a.compare_networks(b), |o| json!(o as i8)),
    );
    r.put("contains", a.contains(&b.network_address()));
    r.put("eq", a == b);
    let excluded = attempt(a.address_exclude(b), |list| {
        json!(list.iter().map(text).collect::<Vec<_>>())
    });
    r.put("address_exclude", excluded);
}

fn interface(mut r: Rec, i: &IpInterface) {
    r.put("repr", repr(i));
    r.put("str", text(i));
    r.put("version", i.version());
    r.put("ip", repr(i.ip()));
    r.put("network", repr(i.network()));
    r.put("netmask", repr(i.netmask()));
    r.put("hostmask", repr(i.hostmask()));
    r.put("with_prefixlen", i.with_prefixlen());
    r.put("with_netmask", i.with_netmask());
    r.put("with_hostmask", i.with_hostmask());
    r.put("exploded", i.exploded());
    r.put("compressed", i.compressed());
    r.put("reverse_pointer", i.reverse_pointer());
    r.put("packed", hex_of(i.packed()));
    r.put("int", u128::from(i.ip()).to_string());
    r.props(python_props!(i));
    if let IpInterface::V6(v6) = i {
        r.put("is_site_local", v6.is_site_local());
        r.put("scope_id", v6.scope_id());
    }
}

/// The named-tuple fields and attributes of a `urlsplit`/`urlparse` result.
macro_rules! url_result {
    ($r:expr, $res:expr, $unsplit:expr, [$($field:ident),*]) => {{
        let (r, res) = (&mut $r, &$res);
        $(r.put(stringify!($field), res.$field.clone());)*
        r.put("repr", repr(res));
        r.put("str", text(res));
        r.put("geturl", res.geturl());
        r.put("username", res.username());
        r.put("password", res.password());
        r.put("hostname", res.hostname());
        r.put("port", attempt(res.port(), |p| json!(p)));
        r.put("unsplit", $unsplit(res));
    }};
}

/// `ip_address(x)`, `IPv4Address(x)`, … of one integer or packed argument.
fn constructors<A: IntoIpAddress + Clone>(mut r: Rec, arg: A) {
    r.put("ip_address", attempt(ip_address(arg.clone()), repr));
    r.put("ip_network", attempt(ip_network(arg.clone()), repr));
    r.put("ip_interface", attempt(ip_interface(arg.clone()), repr));
    r.put("IPv4Address", attempt(Ipv4Address::new(arg.clone()), repr));
    r.put("IPv6Address", attempt(Ipv6Address::new(arg), repr));
}

/// The factories on an `(address, mask)` pair.
fn pair<A: IntoIpAddress + Clone>(r: &mut Rec, arg: A) {
    r.put("ip_network", attempt(ip_network(arg.clone()), repr));
    r.put(
        "ip_network_loose",
        attempt(ip_network_loose(arg.clone()), repr),
    );
    r.put("ip_interface", attempt(ip_interface(arg), repr));
}

/// The fields CPython's `evaluate(op, inp)` records, through netlib.
pub fn evaluate(op: &str, inp: &Value) -> Record {
    let mut map = Record::new();
    match op {
        "address" => {
            let t = s(inp, "text");
            match ip_address(t) {
                Ok(a) => address(rec(&mut map, ""), &a),
                Err(e) => rec(&mut map, "").put("ip_address", error(&e)),
            }
            rec(&mut map, "").put("IPv4Address", attempt(Ipv4Address::new(t), repr));
            rec(&mut map, "").put("IPv6Address", attempt(Ipv6Address::new(t), repr));
            let n = s(inp, "int");
            match n.parse::<u128>() {
                Ok(n) => constructors(rec(&mut map, "int."), n),
                Err(_) => constructors(rec(&mut map, "int."), n.parse::<i128>().expect("int")),
            }
            constructors(rec(&mut map, "packed."), bytes(inp, "packed"));
        }
        "network" => {
            let t = s(inp, "text");
            let arg = |key| u32::try_from(inp[key].as_u64().expect(key)).expect(key);
            let (diff, new_prefix) = (arg("diff"), arg("new_prefix"));
            for (prefix, key, res) in [
                ("strict.", "strict", ip_network(t)),
                ("loose.", "loose", ip_network_loose(t)),
            ] {
                match res {
                    Ok(n) => network(rec(&mut map, prefix), &n, diff, new_prefix),
                    Err(e) => rec(&mut map, "").put(key, error(&e)),
                }
            }
            let v4 = attempt(Ipv4Network::new(t, true), repr);
            rec(&mut map, "").put("IPv4Network", v4);
            let v6 = attempt(Ipv6Network::new(t, true), repr);
            rec(&mut map, "").put("IPv6Network", v6);
            let (addr, mask) = (
                inp["pair"][0].as_str().expect("pair address"),
                &inp["pair"][1],
            );
            let mut r = rec(&mut map, "pair.");
            match mask.as_u64() {
                Some(len) => pair(&mut r, (addr, u32::try_from(len).expect("small mask"))),
                None => pair(&mut r, (addr, mask.as_str().expect("mask text"))),
            }
            if let (Ok(a), Ok(b)) = (ip_network_loose(t), ip_network_loose(s(inp, "other"))) {
                relation(rec(&mut map, "rel."), &a, &b);
            }
        }
        "interface" => match ip_interface(s(inp, "text")) {
            Ok(i) => interface(rec(&mut map, ""), &i),
            Err(e) => rec(&mut map, "").put("ip_interface", error(&e)),
        },
        "url" => {
            let (url, scheme, frag) = (
                s(inp, "url"),
                s(inp, "scheme"),
                flag(inp, "allow_fragments"),
            );
            match up::urlsplit_with(url, scheme, frag) {
                Ok(res) => url_result!(
                    rec(&mut map, "split."),
                    res,
                    up::urlunsplit,
                    [scheme, netloc, path, query, fragment]
                ),
                Err(e) => rec(&mut map, "").put("split", error(&e)),
            }
            match up::urlparse_with(url, scheme, frag) {
                Ok(res) => url_result!(
                    rec(&mut map, "parse."),
                    res,
                    up::urlunparse,
                    [scheme, netloc, path, params, query, fragment]
                ),
                Err(e) => rec(&mut map, "").put("parse", error(&e)),
            }
            match up::urldefrag(url) {
                Ok(d) => {
                    let mut r = rec(&mut map, "defrag.");
                    r.put("url", d.url.clone());
                    r.put("fragment", d.fragment.clone());
                    r.put("repr", repr(&d));
                    r.put("str", text(&d));
                    r.put("geturl", d.geturl());
                }
                Err(e) => rec(&mut map, "").put("defrag", error(&e)),
            }
        }
        "unsplit" => {
            let split: [String; 5] = strs(inp, "split").try_into().expect("5 parts");
            let parse: [String; 6] = strs(inp, "parse").try_into().expect("6 parts");
            rec(&mut map, "").put("urlunsplit", up::urlunsplit(split));
            rec(&mut map, "").put("urlunparse", up::urlunparse(parse));
        }
        "join" => {
            let joined =
                up::urljoin_with(s(inp, "base"), s(inp, "url"), flag(inp, "allow_fragments"));
            rec(&mut map, "").put("urljoin", attempt(joined, Value::from));
        }
        "quote" => {
            let (t, safe, data) = (s(inp, "s"), s(inp, "safe"), bytes(inp, "bytes"));
            let mut r = rec(&mut map, "");
            r.put("quote", up::quote(t));
            r.put("quote_safe", up::quote_with(t, safe));
            r.put("quote_plus", up::quote_plus(t));
            r.put("quote_plus_safe", up::quote_plus_with(t, safe));
            r.put("unquote", up::unquote(t));
            r.put("unquote_plus", up::unquote_plus(t));
            r.put("unquote_to_bytes", hex_of(up::unquote_to_bytes(t)));
            r.put("quote_from_bytes", up::quote_from_bytes_with(&data, safe));
        }
        "qs" => {
            let (qs, sep) = (s(inp, "qs"), s(inp, "separator"));
            let (keep, strict) = (flag(inp, "keep_blank_values"), flag(inp, "strict_parsing"));
            let mut r = rec(&mut map, "");
            let max = inp["max_num_fields"].as_u64().map(|n| n as usize);
            let qsl = up::parse_qsl_with(qs, keep, strict, max, sep);
            r.put("parse_qsl", attempt(qsl, |pairs| json!(pairs)));
            let qs = up::parse_qs_with(qs, keep, strict, max, sep);
            r.put("parse_qs", attempt(qs, |pairs| json!(pairs)));
        }
        "inet" => {
            let (t, data) = (s(inp, "text"), bytes(inp, "bytes"));
            let (v4, v6) = (socket::AF_INET, socket::AF_INET6);
            let mut r = rec(&mut map, "");
            r.put("inet_aton", attempt(socket::inet_aton(t), hex_of));
            r.put("inet_pton4", attempt(socket::inet_pton(v4, t), hex_of));
            r.put("inet_pton6", attempt(socket::inet_pton(v6, t), hex_of));
            r.put("inet_ntoa", attempt(socket::inet_ntoa(&data), Value::from));
            r.put(
                "inet_ntop4",
                attempt(socket::inet_ntop(v4, &data), Value::from),
            );
            r.put(
                "inet_ntop6",
                attempt(socket::inet_ntop(v6, &data), Value::from),
            );
        }
        "hex" => {
            let (data, t) = (bytes(inp, "data"), s(inp, "text"));
            let sep = s(inp, "sep").chars().next().expect("one separator");
            let per = inp["bytes_per_sep"].as_i64().expect("bytes_per_sep") as i32;
            let mut r = rec(&mut map, "");
            r.put("hexlify", binascii::hexlify(&data));
            let sep = binascii::hexlify_sep(&data, sep, per);
            r.put("hexlify_sep", attempt(sep, Value::from));
            r.put("crc32", binascii::crc32(&data));
            r.put("unhexlify", attempt(binascii::unhexlify(t), hex_of));
            r.put("a2b_hex", attempt(binascii::a2b_hex(t), hex_of));
        }
        other => panic!("unknown op {other:?}"),
    }
    map
}
