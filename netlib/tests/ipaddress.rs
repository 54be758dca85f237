//! netlib's `ipaddress` against CPython 3.13's values, read from the
//! committed vectors (`tests/vectors/gen_ipaddress.py` → `ipaddress.json`).
//! Every mismatch is collected and reported at once.

#[macro_use]
#[path = "common/props.rs"]
mod props;

use std::collections::HashMap;
use std::fmt::Debug;

use netlib::ipaddress::{
    self, Error, IntoIpAddress, IpAddress, IpInterface, IpNetwork, Ipv4Address, Ipv4Network,
    Ipv6Address, Ipv6Network, ip_address, ip_interface, ip_network, ip_network_loose,
};
use serde_json::{Value, json};

const VECTORS: &str = include_str!("vectors/ipaddress.json");
const DIFFERENCES: &str = include_str!("vectors/ipaddress_expected_differences.json");

#[derive(Default)]
struct Report {
    checks: usize,
    failures: Vec<String>,
    /// (section, field) → how often an expected-difference rule applied.
    rules_used: HashMap<(String, String), usize>,
    /// The (section, field) pairs of the expected-differences file.
    rules: Vec<(String, String)>,
}

impl Report {
    fn new() -> Self {
        let diffs: Value = serde_json::from_str(DIFFERENCES).expect("differences JSON");
        let rules = diffs["differences"]
            .as_array()
            .expect("differences list")
            .iter()
            .map(|d| {
                (
                    d["section"].as_str().unwrap_or_default().to_owned(),
                    d["field"].as_str().unwrap_or_default().to_owned(),
                )
            })
            .collect();
        Report {
            rules,
            ..Report::default()
        }
    }

    fn eq(&mut self, ctx: &str, field: &str, expected: &Value, actual: Value) {
        self.checks += 1;
        if *expected != actual {
            self.failures.push(format!(
                "{ctx} :: {field}\n    python: {expected}\n    netlib: {actual}"
            ));
        }
    }

    /// A field where an expected-difference rule may apply: Python raised,
    /// and netlib must give `allowed` instead.
    fn eq_or_rule(
        &mut self,
        section: &str,
        ctx: &str,
        field: &str,
        expected: &Value,
        actual: Value,
        allowed: Option<String>,
    ) {
        let key = (section.to_owned(), field.to_owned());
        if let Some(allowed) = allowed
            && expected.get("error_class").is_some()
            && self.rules.contains(&key)
        {
            *self.rules_used.entry(key).or_default() += 1;
            return self.eq(
                ctx,
                &format!("{field} (expected difference)"),
                &json!(allowed),
                actual,
            );
        }
        self.eq(ctx, field, expected, actual);
    }

    fn finish(self) {
        let failures = self.failures;
        assert!(
            failures.is_empty(),
            "{} of {} checks differ from CPython 3.13:\n{}",
            failures.len(),
            self.checks,
            failures.join("\n")
        );
        eprintln!(
            "{} checks match CPython 3.13 ({} via expected-difference rules)",
            self.checks,
            self.rules_used.values().sum::<usize>()
        );
    }
}

fn vectors() -> Value {
    serde_json::from_str(VECTORS).expect("vectors JSON")
}

fn list<'a>(v: &'a Value, key: &str) -> &'a Vec<Value> {
    v[key].as_array().unwrap_or_else(|| panic!("{key} list"))
}

fn err(e: &Error) -> Value {
    json!({"error_class": e.python_class(), "error": e.to_string()})
}

/// The five constructors on one integer, each against its CPython record
/// (negative integers come as `i128`, the others as `u128`).
fn int_constructors<N: IntoIpAddress + Copy>(r: &mut Report, ctx: &str, rec: &Value, n: N) {
    r.eq(
        ctx,
        "ip_address",
        &rec["ip_address"],
        repr_or_err(ip_address(n)),
    );
    r.eq(
        ctx,
        "IPv4Address",
        &rec["IPv4Address"],
        repr_or_err(Ipv4Address::new(n)),
    );
    r.eq(
        ctx,
        "IPv6Address",
        &rec["IPv6Address"],
        repr_or_err(Ipv6Address::new(n)),
    );
    r.eq(
        ctx,
        "ip_network",
        &rec["ip_network"],
        repr_or_err(ip_network(n)),
    );
    r.eq(
        ctx,
        "ip_interface",
        &rec["ip_interface"],
        repr_or_err(ip_interface(n)),
    );
}

fn repr_or_err<T: Debug>(r: Result<T, Error>) -> Value {
    match r {
        Ok(v) => json!(format!("{v:?}")),
        Err(e) => err(&e),
    }
}

fn str_or_err<T: ToString>(r: Result<T, Error>) -> Value {
    match r {
        Ok(v) => json!(v.to_string()),
        Err(e) => err(&e),
    }
}

fn opt_str<T: ToString>(o: Option<T>) -> Value {
    o.map_or(Value::Null, |v| json!(v.to_string()))
}

fn text<'a>(v: &'a Value, key: &str) -> &'a str {
    v[key].as_str().unwrap_or_default()
}

fn check_address(r: &mut Report, ctx: &str, rec: &Value, a: &IpAddress) {
    r.eq(ctx, "str", &rec["str"], json!(a.to_string()));
    r.eq(ctx, "repr", &rec["repr"], json!(format!("{a:?}")));
    r.eq(ctx, "version", &rec["version"], json!(a.version()));
    r.eq(
        ctx,
        "max_prefixlen",
        &rec["max_prefixlen"],
        json!(a.max_prefixlen()),
    );
    r.eq(ctx, "int", &rec["int"], json!(u128::from(a).to_string()));
    r.eq(
        ctx,
        "packed",
        &rec["packed"],
        json!(hex::encode(a.packed())),
    );
    r.eq(ctx, "compressed", &rec["compressed"], json!(a.compressed()));
    let scope = match a {
        IpAddress::V6(v6) => v6.scope_id().map(str::to_owned),
        IpAddress::V4(_) => None,
    };
    let allowed_exploded = scope
        .as_ref()
        .map(|s| format!("{}%{s}", text(rec, "unscoped_exploded")));
    r.eq_or_rule(
        "addresses",
        ctx,
        "exploded",
        &rec["exploded"],
        json!(a.exploded()),
        allowed_exploded,
    );
    let allowed_ptr = scope
        .as_ref()
        .map(|_| text(rec, "unscoped_reverse_pointer").to_owned());
    r.eq_or_rule(
        "addresses",
        ctx,
        "reverse_pointer",
        &rec["reverse_pointer"],
        json!(a.reverse_pointer()),
        allowed_ptr,
    );
    let props: [(&str, bool); 7] = python_props!(a);
    for (name, value) in props {
        r.eq(ctx, name, &rec[name], json!(value));
    }
    match a {
        IpAddress::V6(v6) => {
            r.eq(
                ctx,
                "is_site_local",
                &rec["is_site_local"],
                json!(v6.is_site_local()),
            );
            r.eq(
                ctx,
                "ipv4_mapped",
                &rec["ipv4_mapped"],
                opt_str(v6.ipv4_mapped()),
            );
            r.eq(ctx, "sixtofour", &rec["sixtofour"], opt_str(v6.sixtofour()));
            let teredo = v6
                .teredo()
                .map_or(Value::Null, |(s, c)| json!([s.to_string(), c.to_string()]));
            r.eq(ctx, "teredo", &rec["teredo"], teredo);
            r.eq(ctx, "scope_id", &rec["scope_id"], json!(v6.scope_id()));
        }
        IpAddress::V4(v4) => {
            r.eq(
                ctx,
                "ipv6_mapped",
                &rec["ipv6_mapped"],
                json!(v4.ipv6_mapped().to_string()),
            );
            r.eq(ctx, "u32", &rec["int"], json!(u32::from(*v4).to_string()));
        }
    }
    r.eq(
        ctx,
        "plus_one",
        &rec["plus_one"],
        str_or_err(a.checked_add(1)),
    );
    r.eq(
        ctx,
        "minus_one",
        &rec["minus_one"],
        str_or_err(a.checked_sub(1)),
    );
}

#[test]
fn addresses_match_cpython() {
    let v = vectors();
    let mut r = Report::new();
    let records = list(&v, "addresses");
    assert!(records.len() >= 2000, "at least 2,000 address vectors");
    for rec in records {
        let input = text(rec, "input");
        let ctx = format!("ip_address({input:?})");
        match ip_address(input) {
            Ok(a) => {
                check_address(&mut r, &ctx, rec, &a);
                // Display parses back to the same address.
                r.eq(
                    &ctx,
                    "round trip",
                    &json!(true),
                    json!(ip_address(a.to_string()).ok() == Some(a.clone())),
                );
                // The version types parse the same text the same way.
                let typed = match &a {
                    IpAddress::V4(_) => input.parse::<Ipv4Address>().map(IpAddress::V4),
                    IpAddress::V6(_) => input.parse::<Ipv6Address>().map(IpAddress::V6),
                };
                r.eq(&ctx, "FromStr", &rec["repr"], repr_or_err(typed));
                r.eq(
                    &ctx,
                    "IpAddress::from_str",
                    &rec["repr"],
                    repr_or_err(input.parse::<IpAddress>()),
                );
                // Python: ip_address(int(a)) — small IPv6 values come back as IPv4.
                let n = u128::from(&a);
                let expected = match u32::try_from(n) {
                    Ok(small) => format!("{:?}", Ipv4Address::from(small)),
                    Err(_) => format!("{:?}", Ipv6Address::from(n)),
                };
                r.eq(
                    &ctx,
                    "ip_address(int)",
                    &json!(expected),
                    repr_or_err(ip_address(n)),
                );
            }
            Err(e) => r
                .failures
                .push(format!("{ctx}: netlib rejects a valid address: {e}")),
        }
    }
    r.finish();
}

#[test]
fn invalid_strings_match_cpython() {
    let v = vectors();
    let mut r = Report::new();
    for rec in list(&v, "invalid") {
        let input = text(rec, "input");
        let ctx = format!("{input:?}");
        r.eq(
            &ctx,
            "ip_address",
            &rec["ip_address"],
            repr_or_err(ip_address(input)),
        );
        r.eq(
            &ctx,
            "IPv4Address",
            &rec["IPv4Address"],
            repr_or_err(Ipv4Address::new(input)),
        );
        r.eq(
            &ctx,
            "IPv4Address (FromStr)",
            &rec["IPv4Address"],
            repr_or_err(input.parse::<Ipv4Address>()),
        );
        r.eq(
            &ctx,
            "IPv6Address",
            &rec["IPv6Address"],
            repr_or_err(Ipv6Address::new(input)),
        );
        r.eq(
            &ctx,
            "IPv6Address (FromStr)",
            &rec["IPv6Address"],
            repr_or_err(input.parse::<Ipv6Address>()),
        );
    }
    r.finish();
}

#[test]
fn integer_and_packed_inputs_match_cpython() {
    let v = vectors();
    let mut r = Report::new();
    for rec in list(&v, "ints") {
        let input = text(rec, "input");
        let ctx = format!("int {input}");
        if let Some(magnitude) = input.strip_prefix('-') {
            let n: i128 = -magnitude.parse::<i128>().expect("small negative");
            int_constructors(&mut r, &ctx, rec, n);
        } else {
            let n: u128 = input.parse().expect("u128");
            int_constructors(&mut r, &ctx, rec, n);
            if let Ok(small) = u64::try_from(n) {
                r.eq(
                    &ctx,
                    "ip_address(u64)",
                    &rec["ip_address"],
                    repr_or_err(ip_address(small)),
                );
            }
        }
    }
    for rec in list(&v, "packed") {
        let bytes = hex::decode(text(rec, "input")).expect("hex");
        let ctx = format!("bytes {}", text(rec, "input"));
        r.eq(
            &ctx,
            "ip_address",
            &rec["ip_address"],
            repr_or_err(ip_address(bytes.as_slice())),
        );
        r.eq(
            &ctx,
            "IPv4Address",
            &rec["IPv4Address"],
            repr_or_err(Ipv4Address::new(&bytes)),
        );
        r.eq(
            &ctx,
            "IPv6Address",
            &rec["IPv6Address"],
            repr_or_err(Ipv6Address::new(bytes.clone())),
        );
        r.eq(
            &ctx,
            "ip_network",
            &rec["ip_network"],
            repr_or_err(ip_network(bytes.as_slice())),
        );
    }
    for rec in list(&v, "arithmetic") {
        let a = ip_address(text(rec, "input")).expect("valid");
        let delta: i128 = text(rec, "delta").parse().unwrap_or(i128::MAX);
        let wide: Option<u128> = text(rec, "delta").parse().ok();
        let ctx = format!("{} ± {}", text(rec, "input"), text(rec, "delta"));
        match (wide, &a) {
            (Some(d), IpAddress::V4(v4)) => {
                r.eq(&ctx, "add", &rec["add"], repr_or_err(*v4 + d));
                r.eq(&ctx, "sub", &rec["sub"], repr_or_err(*v4 - d));
            }
            (Some(d), IpAddress::V6(v6)) => {
                r.eq(&ctx, "add", &rec["add"], repr_or_err(v6 + d));
                r.eq(&ctx, "sub", &rec["sub"], repr_or_err(v6 - d));
            }
            (None, _) => {}
        }
        if delta != i128::MAX {
            r.eq(
                &ctx,
                "checked_add",
                &rec["add"],
                repr_or_err(a.checked_add(delta)),
            );
            r.eq(
                &ctx,
                "checked_sub",
                &rec["sub"],
                repr_or_err(a.checked_sub(delta)),
            );
        }
    }
    r.finish();
}

fn check_network(r: &mut Report, ctx: &str, rec: &Value, n: &IpNetwork) {
    r.eq(ctx, "str", &rec["str"], json!(n.to_string()));
    r.eq(ctx, "repr", &rec["repr"], json!(format!("{n:?}")));
    r.eq(ctx, "version", &rec["version"], json!(n.version()));
    r.eq(
        ctx,
        "network_address",
        &rec["network_address"],
        json!(format!("{:?}", n.network_address())),
    );
    r.eq(
        ctx,
        "broadcast_address",
        &rec["broadcast_address"],
        json!(format!("{:?}", n.broadcast_address())),
    );
    r.eq(
        ctx,
        "netmask",
        &rec["netmask"],
        json!(format!("{:?}", n.netmask())),
    );
    r.eq(
        ctx,
        "hostmask",
        &rec["hostmask"],
        json!(format!("{:?}", n.hostmask())),
    );
    r.eq(ctx, "prefixlen", &rec["prefixlen"], json!(n.prefixlen()));
    r.eq(
        ctx,
        "num_addresses",
        &rec["num_addresses"],
        json!(n.num_addresses().to_string()),
    );
    r.eq(
        ctx,
        "with_prefixlen",
        &rec["with_prefixlen"],
        json!(n.with_prefixlen()),
    );
    r.eq(
        ctx,
        "with_netmask",
        &rec["with_netmask"],
        json!(n.with_netmask()),
    );
    r.eq(
        ctx,
        "with_hostmask",
        &rec["with_hostmask"],
        json!(n.with_hostmask()),
    );
    r.eq(ctx, "compressed", &rec["compressed"], json!(n.compressed()));
    let scope = text(rec, "str")
        .split_once('%')
        .map(|(_, rest)| rest.rsplit_once('/').map_or(rest, |(s, _)| s).to_owned());
    let allowed_exploded = scope.as_ref().map(|s| {
        let unscoped = text(rec, "unscoped_exploded");
        match unscoped.rsplit_once('/') {
            Some((addr, len)) => format!("{addr}%{s}/{len}"),
            None => unscoped.to_owned(),
        }
    });
    r.eq_or_rule(
        "networks",
        ctx,
        "exploded",
        &rec["exploded"],
        json!(n.exploded()),
        allowed_exploded,
    );
    let allowed_ptr = scope.map(|_| text(rec, "unscoped_reverse_pointer").to_owned());
    r.eq_or_rule(
        "networks",
        ctx,
        "reverse_pointer",
        &rec["reverse_pointer"],
        json!(n.reverse_pointer()),
        allowed_ptr,
    );
    let reprs = |it: &mut dyn Iterator<Item = IpAddress>, k: usize| -> Value {
        json!(it.take(k).map(|a| format!("{a:?}")).collect::<Vec<_>>())
    };
    r.eq(
        ctx,
        "first_hosts",
        &rec["first_hosts"],
        reprs(&mut n.hosts(), 3),
    );
    r.eq(
        ctx,
        "first_addresses",
        &rec["first_addresses"],
        reprs(&mut n.iter(), 3),
    );
    let strs = |res: Result<ipaddress::Iter<IpNetwork>, Error>, k: usize| -> Value {
        match res {
            Ok(it) => json!(it.take(k).map(|s| s.to_string()).collect::<Vec<_>>()),
            Err(e) => err(&e),
        }
    };
    r.eq(ctx, "subnets", &rec["subnets"], strs(n.subnets(1), 4));
    r.eq(
        ctx,
        "subnets_diff3",
        &rec["subnets_diff3"],
        strs(n.subnets(3), 4),
    );
    r.eq(
        ctx,
        "subnets_new_prefix_24",
        &rec["subnets_new_prefix_24"],
        strs(n.subnets_new_prefix(24), 3),
    );
    r.eq(ctx, "supernet", &rec["supernet"], str_or_err(n.supernet(1)));
    r.eq(
        ctx,
        "supernet_diff5",
        &rec["supernet_diff5"],
        str_or_err(n.supernet(5)),
    );
    r.eq(
        ctx,
        "supernet_new_prefix_16",
        &rec["supernet_new_prefix_16"],
        str_or_err(n.supernet_new_prefix(16)),
    );
    if let Some(count) = rec.get("hosts_count") {
        r.eq(ctx, "hosts_count", count, json!(n.hosts().count()));
        let mut last: Vec<String> = n.hosts().rev().take(3).map(|a| format!("{a:?}")).collect();
        last.reverse();
        r.eq(ctx, "last_hosts", &rec["last_hosts"], json!(last));
    }
    let props: [(&str, bool); 7] = python_props!(n);
    for (name, value) in props {
        r.eq(ctx, name, &rec[name], json!(value));
    }
    if n.version() == 6 {
        r.eq(
            ctx,
            "is_site_local",
            &rec["is_site_local"],
            json!(n.is_site_local()),
        );
    }
}

fn check_factory<T>(
    r: &mut Report,
    ctx: &str,
    expected: &Value,
    actual: Result<T, Error>,
    check: fn(&mut Report, &str, &Value, &T),
) {
    match (expected.get("ok"), actual) {
        (Some(rec), Ok(v)) => check(r, ctx, rec, &v),
        (None, Err(e)) => r.eq(ctx, "error", expected, err(&e)),
        (Some(_), Err(e)) => r.eq(ctx, "result", expected, err(&e)),
        (None, Ok(_)) => r.eq(ctx, "result", expected, json!("netlib accepted it")),
    }
}

#[test]
fn networks_match_cpython() {
    let v = vectors();
    let mut r = Report::new();
    for rec in list(&v, "networks") {
        let input = text(rec, "input");
        check_factory(
            &mut r,
            &format!("ip_network({input:?})"),
            &rec["strict"],
            ip_network(input),
            check_network,
        );
        check_factory(
            &mut r,
            &format!("ip_network({input:?}, strict=False)"),
            &rec["loose"],
            ip_network_loose(input),
            check_network,
        );
        let ctx = format!("{input:?}");
        r.eq(
            &ctx,
            "IPv4Network",
            &rec["IPv4Network"],
            repr_or_err(Ipv4Network::new(input, true)),
        );
        r.eq(
            &ctx,
            "IPv4Network (FromStr)",
            &rec["IPv4Network"],
            repr_or_err(input.parse::<Ipv4Network>()),
        );
        r.eq(
            &ctx,
            "IPv6Network",
            &rec["IPv6Network"],
            repr_or_err(Ipv6Network::new(input, true)),
        );
        r.eq(
            &ctx,
            "IPv6Network (FromStr)",
            &rec["IPv6Network"],
            repr_or_err(input.parse::<Ipv6Network>()),
        );
        r.eq(
            &ctx,
            "IpNetwork (FromStr)",
            &strict_repr(&rec["strict"]),
            repr_or_err(input.parse::<IpNetwork>()),
        );
    }
    for rec in list(&v, "pairs") {
        let addr = text(rec, "addr");
        let ctx = format!("({addr:?}, {})", rec["mask"]);
        if let Some(mask) = rec["mask"].as_u64() {
            let mask = u32::try_from(mask).expect("small mask");
            r.eq(
                &ctx,
                "ip_network",
                &rec["ip_network"],
                repr_or_err(ip_network((addr, mask))),
            );
            r.eq(
                &ctx,
                "ip_network_loose",
                &rec["ip_network_loose"],
                repr_or_err(ip_network_loose((addr, mask))),
            );
            r.eq(
                &ctx,
                "ip_interface",
                &rec["ip_interface"],
                repr_or_err(ip_interface((addr, mask))),
            );
            r.eq(
                &ctx,
                "ip_address",
                &rec["ip_address"],
                repr_or_err(ip_address((addr, mask))),
            );
        } else {
            let mask = text(rec, "mask");
            r.eq(
                &ctx,
                "ip_network",
                &rec["ip_network"],
                repr_or_err(ip_network((addr, mask))),
            );
            r.eq(
                &ctx,
                "ip_network_loose",
                &rec["ip_network_loose"],
                repr_or_err(ip_network_loose((addr, mask))),
            );
            r.eq(
                &ctx,
                "ip_interface",
                &rec["ip_interface"],
                repr_or_err(ip_interface((addr, mask))),
            );
            r.eq(
                &ctx,
                "ip_address",
                &rec["ip_address"],
                repr_or_err(ip_address((addr, mask))),
            );
        }
    }
    r.finish();
}

fn strict_repr(expected: &Value) -> Value {
    match expected.get("ok") {
        Some(rec) => rec["repr"].clone(),
        None => expected.clone(),
    }
}

#[test]
fn network_relations_match_cpython() {
    let v = vectors();
    let mut r = Report::new();
    for rec in list(&v, "relations") {
        let a = ip_network(text(rec, "a")).expect("a");
        let b = ip_network(text(rec, "b")).expect("b");
        let ctx = format!("{a} vs {b}");
        r.eq(&ctx, "overlaps", &rec["overlaps"], json!(a.overlaps(&b)));
        let boolean = |res: Result<bool, Error>| match res {
            Ok(x) => json!(x),
            Err(e) => err(&e),
        };
        r.eq(
            &ctx,
            "subnet_of",
            &rec["subnet_of"],
            boolean(a.subnet_of(&b)),
        );
        r.eq(
            &ctx,
            "supernet_of",
            &rec["supernet_of"],
            boolean(a.supernet_of(&b)),
        );
        let cmp = match a.compare_networks(&b) {
            Ok(o) => json!(o as i8),
            Err(e) => err(&e),
        };
        r.eq(&ctx, "compare_networks", &rec["compare_networks"], cmp);
        r.eq(
            &ctx,
            "contains_network_address",
            &rec["contains_network_address"],
            json!(a.contains(&b.network_address())),
        );
        r.eq(&ctx, "eq", &rec["eq"], json!(a == b));
        let excl = match a.address_exclude(&b) {
            Ok(list) => json!(list.iter().map(|n| n.to_string()).collect::<Vec<_>>()),
            Err(e) => err(&e),
        };
        r.eq(&ctx, "address_exclude", &rec["address_exclude"], excl);
    }
    r.finish();
}

fn check_interface(r: &mut Report, ctx: &str, rec: &Value, i: &IpInterface) {
    r.eq(ctx, "str", &rec["str"], json!(i.to_string()));
    r.eq(ctx, "repr", &rec["repr"], json!(format!("{i:?}")));
    r.eq(ctx, "version", &rec["version"], json!(i.version()));
    r.eq(ctx, "ip", &rec["ip"], json!(format!("{:?}", i.ip())));
    r.eq(
        ctx,
        "network",
        &rec["network"],
        json!(format!("{:?}", i.network())),
    );
    r.eq(
        ctx,
        "netmask",
        &rec["netmask"],
        json!(format!("{:?}", i.netmask())),
    );
    r.eq(
        ctx,
        "hostmask",
        &rec["hostmask"],
        json!(format!("{:?}", i.hostmask())),
    );
    r.eq(
        ctx,
        "with_prefixlen",
        &rec["with_prefixlen"],
        json!(i.with_prefixlen()),
    );
    r.eq(
        ctx,
        "with_netmask",
        &rec["with_netmask"],
        json!(i.with_netmask()),
    );
    r.eq(
        ctx,
        "with_hostmask",
        &rec["with_hostmask"],
        json!(i.with_hostmask()),
    );
    r.eq(ctx, "exploded", &rec["exploded"], json!(i.exploded()));
    r.eq(ctx, "compressed", &rec["compressed"], json!(i.compressed()));
    r.eq(
        ctx,
        "reverse_pointer",
        &rec["reverse_pointer"],
        json!(i.reverse_pointer()),
    );
    r.eq(
        ctx,
        "packed",
        &rec["packed"],
        json!(hex::encode(i.packed())),
    );
    r.eq(
        ctx,
        "int",
        &rec["int"],
        json!(u128::from(i.ip()).to_string()),
    );
    let props: [(&str, bool); 7] = python_props!(i);
    for (name, value) in props {
        r.eq(ctx, name, &rec[name], json!(value));
    }
    if let IpInterface::V6(v6) = i {
        r.eq(
            ctx,
            "is_site_local",
            &rec["is_site_local"],
            json!(v6.is_site_local()),
        );
        r.eq(ctx, "scope_id", &rec["scope_id"], json!(v6.scope_id()));
    }
}

#[test]
fn interfaces_match_cpython() {
    let v = vectors();
    let mut r = Report::new();
    for rec in list(&v, "interfaces") {
        let input = text(rec, "input");
        check_factory(
            &mut r,
            &format!("ip_interface({input:?})"),
            &rec["result"],
            ip_interface(input),
            check_interface,
        );
    }
    r.finish();
}

#[test]
fn expected_differences_are_all_used() {
    // Each rule must match at least one vector; the per-section tests above
    // each report unused rules for their own section only, so tally here.
    let v = vectors();
    let diffs: Value = serde_json::from_str(DIFFERENCES).expect("differences JSON");
    for d in diffs["differences"].as_array().expect("list") {
        let section = d["section"].as_str().unwrap_or_default();
        let field = d["field"].as_str().unwrap_or_default();
        let raised = list(&v, section).iter().any(|rec| {
            let rec = rec.get("strict").and_then(|s| s.get("ok")).unwrap_or(rec);
            rec[field].get("error_class").is_some()
        });
        assert!(raised, "rule {section}.{field} matches no vector");
    }
}
