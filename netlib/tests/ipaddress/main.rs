//! netlib's `ipaddress` against CPython 3.13's values, read from the
//! committed vectors (`tests/vectors/gen_ipaddress.py` → `ipaddress.json`).
//! Every mismatch is collected and reported at once.

#[macro_use]
#[path = "../common/props.rs"]
mod props;
#[path = "../common/vectors.rs"]
mod vectors;

use netlib::ipaddress::{
    self, Error, IntoIpAddress, IpAddress, IpInterface, IpNetwork, Ipv4Address, Ipv4Network,
    Ipv6Address, Ipv6Network, ip_address, ip_interface, ip_network, ip_network_loose,
};
use std::collections::HashMap;
use std::fmt::Debug;

use serde_json::{Value, json};
use vectors::ExpectedDifferences;

mod interfaces;
mod networks;

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
        let rules = ExpectedDifferences::load("ipaddress")
            .rules()
            .map(|(section, field, _)| (section.to_owned(), field.to_owned()))
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
    vectors::load("ipaddress.json")
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

#[test]
fn expected_differences_are_all_used() {
    // Each rule must match at least one vector; the per-section tests above
    // each report unused rules for their own section only, so tally here.
    let v = vectors();
    for (section, field, _) in ExpectedDifferences::load("ipaddress").rules() {
        let raised = list(&v, section).iter().any(|rec| {
            let rec = rec.get("strict").and_then(|s| s.get("ok")).unwrap_or(rec);
            rec[field].get("error_class").is_some()
        });
        assert!(raised, "rule {section}.{field} matches no vector");
    }
}

/// The `probe` differences of `ipaddress_expected_differences.json`: each
/// returns netlib's answer, which must still differ from CPython's.
#[test]
fn expected_differences_still_differ() {
    ExpectedDifferences::load("ipaddress").check_probes(&[
        ("ipv4-num-addresses-u128", || {
            // Python: IPv4Network('1.2.3.4/32').num_addresses - 2
            let n: Ipv4Network = "1.2.3.4/32".parse().expect("a network");
            format!("{:?}", n.num_addresses().checked_sub(2))
        }),
        ("scoped-ipv6-order", || {
            // Python: (a < b, b < a) for ::1 and ::1%eth0
            let (a, b) = (ip_address("::1"), ip_address("::1%eth0"));
            let (a, b) = (a.expect("::1"), b.expect("::1%eth0"));
            let py = |x: bool| if x { "True" } else { "False" };
            format!("({}, {})", py(a < b), py(b < a))
        }),
        ("mixed-version-order", || {
            // Python: ip_address('1.2.3.4') < ip_address('::1')
            let (a, b) = (ip_address("1.2.3.4"), ip_address("::1"));
            format!("{}", a.expect("1.2.3.4") < b.expect("::1"))
        }),
    ]);
}
