//! netlib's operators and trait impls against what CPython 3.13 gives for
//! the Python expressions they stand for (`tests/vectors/python_habits.json`,
//! written by `gen_python_habits.py`): arithmetic and comparisons on
//! `num_addresses` with every Rust integer type on either side, `address ±
//! n`, `network[i]`, iteration, `int(count)` into fixed-size integers,
//! and `sum()` (`display_is_str.rs` reads the same file's `display`
//! section). All mismatches of a section are reported together.

#[path = "common/vectors.rs"]
mod vectors;

use std::fmt::{Debug, Display};

use netlib::ipaddress::{self, AddressCount, IpAddress, IpNetwork, ip_address, ip_network};
use serde_json::Value;

fn vectors() -> &'static Value {
    static V: std::sync::OnceLock<Value> = std::sync::OnceLock::new();
    V.get_or_init(|| vectors::load("python_habits.json"))
}

fn list<'a>(v: &'a Value, key: &str) -> &'a [Value] {
    v[key].as_array().map_or(&[], Vec::as_slice)
}

fn s(v: &Value) -> &str {
    v.as_str().expect("string in vector")
}

/// Python's class name without its module (`ipaddress.AddressValueError`
/// and netlib's `binascii.Error` compare by the last part).
fn class(name: &str) -> String {
    name.rsplit('.').next().unwrap_or(name).to_owned()
}

type Outcome = Result<String, (String, String)>;

/// `{"ok": text}` or `{"error": {"class", "message"}}`.
fn expected(v: &Value) -> Outcome {
    match v.get("ok") {
        Some(ok) => Ok(s(ok).to_owned()),
        None => Err((
            class(s(&v["error"]["class"])),
            s(&v["error"]["message"]).to_owned(),
        )),
    }
}

fn shown<T: Display>(r: Result<T, ipaddress::Error>) -> Outcome {
    r.map(|x| x.to_string())
        .map_err(|e| (class(e.python_class()), e.to_string()))
}

fn repr<T: Debug>(r: Result<T, ipaddress::Error>) -> Outcome {
    r.map(|x| format!("{x:?}"))
        .map_err(|e| (class(e.python_class()), e.to_string()))
}

/// A count as Python shows an int, or the exception it stands for.
fn count(c: AddressCount) -> Outcome {
    shown(c.check())
}

#[derive(Default)]
struct Report {
    checked: usize,
    failures: Vec<String>,
}

impl Report {
    fn eq<T: PartialEq + Debug>(&mut self, what: &dyn Fn() -> String, want: T, got: T) {
        self.checked += 1;
        if want != got {
            self.failures.push(format!(
                "{}\n    python: {want:?}\n    netlib: {got:?}",
                what()
            ));
        }
    }

    fn finish(self, section: &str) {
        assert!(self.checked > 0, "{section}: no checks ran");
        let shown: Vec<_> = self.failures.iter().take(40).map(String::as_str).collect();
        assert!(
            self.failures.is_empty(),
            "{section}: {} of {} checks differ from CPython 3.13:\n{}",
            self.failures.len(),
            self.checked,
            shown.join("\n")
        );
        eprintln!("{section}: {} checks match CPython 3.13", self.checked);
    }
}

fn net(text: &str) -> IpNetwork {
    ip_network(text).expect("vector network is valid")
}

/// Runs `$body` once for every Rust integer type that can hold `$text`,
/// with `$k` bound to the value in that type; evaluates to how many did.
macro_rules! each_int {
    (@ $text:ident, $types:ident, $k:ident, $body:block; $($t:ty),*) => {$(
        if let Ok($k) = $text.parse::<$t>() {
            $types += 1;
            $body
        }
    )*};
    ($text:expr, |$k:ident| $body:block) => {{
        let text: &str = $text;
        let mut types = 0;
        each_int!(@ text, types, $k, $body; u8, u16, u32, u64, u128, usize, i8, i16, i32, i64, i128, isize);
        types
    }};
}

/// The five operators and comparisons of `$a` with `$b` against a record
/// of `arithmetic(a, b)` in the generator.
macro_rules! check_arithmetic {
    ($r:expr, $ctx:expr, $rec:expr, $a:expr, $b:expr) => {{
        let (a, b, rec, ctx) = ($a, $b, $rec, $ctx);
        $r.eq(&|| format!("{ctx} +"), expected(&rec["add"]), count(a + b));
        $r.eq(&|| format!("{ctx} -"), expected(&rec["sub"]), count(a - b));
        $r.eq(&|| format!("{ctx} *"), expected(&rec["mul"]), count(a * b));
        $r.eq(
            &|| format!("{ctx} //"),
            expected(&rec["floordiv"]),
            count(a / b),
        );
        $r.eq(&|| format!("{ctx} %"), expected(&rec["mod"]), count(a % b));
        let want: Vec<bool> = rec["cmp"]
            .as_array()
            .expect("cmp")
            .iter()
            .map(|b| b.as_bool().expect("bool"))
            .collect();
        $r.eq(
            &|| format!("{ctx} == < <= > >="),
            want,
            vec![a == b, a < b, a <= b, a > b, a >= b],
        );
    }};
}

#[test]
fn count_arithmetic_with_every_integer_type_matches_cpython() {
    let mut r = Report::default();
    for rec in list(vectors(), "counts") {
        let c = net(s(&rec["net"])).num_addresses();
        let k_text = s(&rec["int"]);
        let types = each_int!(k_text, |k| {
            let ctx = format!(
                "num_addresses({}) op {k_text} ({})",
                s(&rec["net"]),
                std::any::type_name_of_val(&k)
            );
            check_arithmetic!(r, &ctx, &rec["count_op_int"], c, k);
            let ctx = format!(
                "{k_text} ({}) op num_addresses({})",
                std::any::type_name_of_val(&k),
                s(&rec["net"])
            );
            check_arithmetic!(r, &ctx, &rec["int_op_count"], k, c);
            // Python: n = net.num_addresses; n += k  (and the other op=)
            let mut x = c;
            x += k;
            x -= k;
            x *= k;
            r.eq(&|| format!("{ctx} op="), count(c * k), count(x));
            let (mut q, mut m) = (c, c);
            q /= k;
            m %= k;
            r.eq(
                &|| format!("{ctx} /= %="),
                (count(c / k), count(c % k)),
                (count(q), count(m)),
            );
        });
        assert!(types > 0, "{k_text} fits no Rust integer type");
    }
    r.finish("counts");
}

#[test]
fn count_with_count_matches_cpython() {
    let mut r = Report::default();
    for rec in list(vectors(), "count_pairs") {
        let (a, b) = (
            net(s(&rec["a"])).num_addresses(),
            net(s(&rec["b"])).num_addresses(),
        );
        let ctx = format!("{} op {}", s(&rec["a"]), s(&rec["b"]));
        check_arithmetic!(r, &ctx, &rec["ops"], a, b);
        let ctx = format!("({} - 2) op {}", s(&rec["a"]), s(&rec["b"]));
        check_arithmetic!(r, &ctx, &rec["minus_two"], a - 2, b);
    }
    r.finish("count_pairs");
}

/// `int(value)` into a fixed-size type, as `u8::try_from(value)` gives it.
fn converted<T: Display>(r: Result<T, ipaddress::Error>) -> Outcome {
    shown(r)
}

#[test]
fn conversions_match_cpython() {
    assert_eq!(
        usize::BITS,
        64,
        "the vectors' u64/i64 stand for usize/isize"
    );
    let mut r = Report::default();
    for rec in list(vectors(), "conversions") {
        let c = net(s(&rec["net"])).num_addresses();
        let expr = s(&rec["expr"]);
        let v = match expr {
            "c" => c,
            "c-1" => c - 1,
            "c-2" => c - 2,
            "-c" => -c,
            "-c-1" => -c - 1,
            "c*c" => c * c,
            other => panic!("unknown expression {other}"),
        };
        let ctx = format!("{expr} for {}", s(&rec["net"]));
        r.eq(
            &|| format!("str({ctx})"),
            s(&rec["value"]).to_owned(),
            v.to_string(),
        );
        let want: f64 = s(&rec["float"]).parse().expect("Python float repr");
        r.eq(
            &|| format!("float({ctx})"),
            want.to_bits(),
            f64::from(v).to_bits(),
        );
        let want = |t: &str| expected(&rec[t]);
        r.eq(
            &|| format!("u8({ctx})"),
            want("u8"),
            converted(u8::try_from(v)),
        );
        r.eq(
            &|| format!("u16({ctx})"),
            want("u16"),
            converted(u16::try_from(v)),
        );
        r.eq(
            &|| format!("u32({ctx})"),
            want("u32"),
            converted(u32::try_from(v)),
        );
        r.eq(
            &|| format!("u64({ctx})"),
            want("u64"),
            converted(u64::try_from(v)),
        );
        r.eq(
            &|| format!("usize({ctx})"),
            want("u64"),
            converted(usize::try_from(v)),
        );
        r.eq(
            &|| format!("u128({ctx})"),
            want("u128"),
            converted(u128::try_from(v)),
        );
        r.eq(
            &|| format!("i8({ctx})"),
            want("i8"),
            converted(i8::try_from(v)),
        );
        r.eq(
            &|| format!("i16({ctx})"),
            want("i16"),
            converted(i16::try_from(v)),
        );
        r.eq(
            &|| format!("i32({ctx})"),
            want("i32"),
            converted(i32::try_from(v)),
        );
        r.eq(
            &|| format!("i64({ctx})"),
            want("i64"),
            converted(i64::try_from(v)),
        );
        r.eq(
            &|| format!("isize({ctx})"),
            want("i64"),
            converted(isize::try_from(v)),
        );
        r.eq(
            &|| format!("i128({ctx})"),
            want("i128"),
            converted(i128::try_from(v)),
        );
        // to_u128 is the infallible form of u128::try_from.
        r.eq(
            &|| format!("to_u128({ctx})"),
            u128::try_from(v).ok(),
            v.to_u128(),
        );
    }
    for rec in list(vectors(), "sums") {
        let nets: Vec<IpNetwork> = rec["nets"]
            .as_array()
            .expect("nets")
            .iter()
            .map(|n| net(s(n)))
            .collect();
        let counts: Vec<AddressCount> = nets.iter().map(IpNetwork::num_addresses).collect();
        let ctx = || format!("sum({:?})", rec["nets"]);
        r.eq(
            &ctx,
            s(&rec["sum"]).to_owned(),
            counts.iter().copied().sum::<AddressCount>().to_string(),
        );
        r.eq(
            &ctx,
            s(&rec["sum"]).to_owned(),
            counts.iter().sum::<AddressCount>().to_string(),
        );
    }
    r.finish("conversions");
}

#[test]
fn address_plus_integer_matches_cpython() {
    let mut r = Report::default();
    for rec in list(vectors(), "address_ops") {
        if let Some(text) = rec["address"].as_str() {
            let a = ip_address(text).expect("vector address is valid");
            let k_text = s(&rec["int"]);
            each_int!(k_text, |k| {
                let ctx = format!("{text} ± {k_text} ({})", std::any::type_name_of_val(&k));
                let (add, sub) = (expected(&rec["add"]), expected(&rec["sub"]));
                r.eq(
                    &|| format!("{ctx} IpAddress +"),
                    add.clone(),
                    repr(a.clone() + k),
                );
                r.eq(&|| format!("{ctx} &IpAddress +"), add.clone(), repr(&a + k));
                r.eq(
                    &|| format!("{ctx} IpAddress -"),
                    sub.clone(),
                    repr(a.clone() - k),
                );
                r.eq(&|| format!("{ctx} &IpAddress -"), sub.clone(), repr(&a - k));
                r.eq(
                    &|| format!("{ctx} + count"),
                    add.clone(),
                    repr(&a + AddressCount::from(k)),
                );
                match &a {
                    IpAddress::V4(v4) => {
                        r.eq(
                            &|| format!("{ctx} Ipv4Address +"),
                            add.clone(),
                            repr(*v4 + k),
                        );
                        r.eq(
                            &|| format!("{ctx} &Ipv4Address -"),
                            sub.clone(),
                            repr(v4 - k),
                        );
                    }
                    IpAddress::V6(v6) => {
                        r.eq(
                            &|| format!("{ctx} Ipv6Address +"),
                            add.clone(),
                            repr(v6.clone() + k),
                        );
                        r.eq(
                            &|| format!("{ctx} &Ipv6Address -"),
                            sub.clone(),
                            repr(v6 - k),
                        );
                    }
                }
            });
        } else {
            // Python: net.network_address + (net.num_addresses - k)
            let n = net(s(&rec["net"]));
            let k = rec["count_minus"].as_u64().expect("count_minus");
            let ctx = || {
                format!(
                    "{}: network_address + (num_addresses - {k})",
                    s(&rec["net"])
                )
            };
            r.eq(
                &ctx,
                expected(&rec["add"]),
                repr(n.network_address() + (n.num_addresses() - k)),
            );
        }
    }
    r.finish("address_ops");
}

#[test]
fn network_indexing_matches_cpython() {
    let mut r = Report::default();
    for rec in list(vectors(), "getitem") {
        let text = s(&rec["net"]);
        let n = net(text);
        let want = expected(&rec["item"]);
        if let Some(k_text) = rec["index"].as_str() {
            each_int!(k_text, |k| {
                let ctx = || format!("{text}[{k_text}] ({})", std::any::type_name_of_val(&k));
                r.eq(&ctx, want.clone(), repr(n.get(k)));
                let typed = match &n {
                    IpNetwork::V4(v4) => repr(v4.get(k)),
                    IpNetwork::V6(v6) => repr(v6.get(k)),
                };
                r.eq(&ctx, want.clone(), typed);
            });
        } else if let Some(k) = rec["count_plus"].as_i64() {
            let ctx = || format!("{text}[num_addresses + {k}]");
            r.eq(&ctx, want, repr(n.get(n.num_addresses() + k)));
        } else {
            let k = rec["minus_count_plus"].as_i64().expect("minus_count_plus");
            let ctx = || format!("{text}[-num_addresses + {k}]");
            r.eq(&ctx, want, repr(n.get(-n.num_addresses() + k)));
        }
    }
    // Python raises the ZeroDivisionError before indexing.
    let n = net("10.0.0.0/8");
    r.eq(
        &|| "net[net.num_addresses // 0]".into(),
        Err((
            "ZeroDivisionError".into(),
            "integer division or modulo by zero".into(),
        )),
        repr(n.get(n.num_addresses() / 0)),
    );
    r.finish("getitem");
}

/// Python's `next(islice(it, i, None))`: `None` where it raises StopIteration.
fn nth_expected(v: &Value) -> Option<String> {
    v.get("ok").map(|ok| s(ok).to_owned())
}

#[test]
fn iteration_matches_cpython() {
    let mut r = Report::default();
    for rec in list(vectors(), "iteration") {
        let text = s(&rec["net"]);
        let n = net(text);
        for pair in rec["nth"].as_array().expect("nth") {
            let i = pair[0].as_u64().expect("index") as usize;
            r.eq(
                &|| format!("list({text})[{i}]"),
                nth_expected(&pair[1]),
                n.iter().nth(i).map(|a| format!("{a:?}")),
            );
            r.eq(
                &|| format!("(&{text}).into_iter().nth({i})"),
                nth_expected(&pair[1]),
                (&n).into_iter().nth(i).map(|a| format!("{a:?}")),
            );
        }
        for pair in rec["hosts_nth"].as_array().expect("hosts_nth") {
            let i = pair[0].as_u64().expect("index") as usize;
            r.eq(
                &|| format!("list({text}.hosts())[{i}]"),
                nth_expected(&pair[1]),
                n.hosts().nth(i).map(|a| format!("{a:?}")),
            );
        }
        if let Some(len) = rec["len"].as_u64() {
            r.eq(
                &|| format!("len(list({text}))"),
                len as usize,
                n.iter().count(),
            );
            r.eq(
                &|| format!("len(list({text}.hosts()))"),
                rec["hosts_len"].as_u64().map(|l| l as usize),
                Some(n.hosts().count()),
            );
            r.eq(
                &|| format!("list({text})[-1]"),
                rec["last"].as_str().map(str::to_owned),
                n.iter().last().map(|a| format!("{a:?}")),
            );
            r.eq(
                &|| format!("list({text}.hosts())[-1]"),
                rec["hosts_last"].as_str().map(str::to_owned),
                n.hosts().last().map(|a| format!("{a:?}")),
            );
            // The walked count agrees with the computed one.
            r.eq(
                &|| format!("walked len({text})"),
                len as usize,
                n.iter().fold(0, |k, _| k + 1),
            );
        }
        if let Some(items) = rec["list"].as_array() {
            let want: Vec<String> = items.iter().map(|a| s(a).to_owned()).collect();
            let mut seen = Vec::new();
            for a in &n {
                seen.push(a.to_string());
            }
            r.eq(&|| format!("[str(a) for a in {text}]"), want, seen);
        }
    }
    // ::/0 has more addresses than usize::MAX: count() saturates at once.
    r.eq(
        &|| "len(::/0)".into(),
        usize::MAX,
        net("::/0").iter().count(),
    );
    r.finish("iteration");
}

#[test]
fn count_error_values_behave_like_python_exceptions() {
    let c = net("10.0.0.0/24").num_addresses();
    // Python: c // 0, c % 0
    let div = c / 0;
    let rem = c % 0;
    assert_eq!(
        div.to_string(),
        "ZeroDivisionError: integer division or modulo by zero"
    );
    assert_eq!(
        format!("{rem:?}"),
        "ZeroDivisionError: integer modulo by zero"
    );
    // The first error is kept through further arithmetic, as Python stops at it.
    assert_eq!((div + 1 - rem) * 2, div);
    // An integer on the left needs its type for a method call (see AddressCount).
    assert_eq!((1u32 - rem).to_string(), rem.to_string());
    assert_eq!(-div, div);
    assert!(div != 0 && div > c && div > u128::MAX);
    let err = u128::try_from(div).unwrap_err();
    assert_eq!(
        (err.python_class(), err.to_string().as_str()),
        ("ZeroDivisionError", "integer division or modulo by zero")
    );
    assert!(!err.is_value_error());
    assert!(f64::from(div).is_nan());
    assert_eq!(div.to_u128(), None);
    // netlib's bound: |x| < 2**320; past it, an OverflowError value.
    let big = net("::/0").num_addresses();
    let cube = big * big * big;
    assert_eq!(cube.check().unwrap_err().python_class(), "OverflowError");
    assert_eq!(
        (big * big).to_string(),
        "115792089237316195423570985008687907853269984665640564039457584007913129639936"
    );
    // Formatting flags apply, as to Python's format(n, '>10').
    assert_eq!(format!("{:>6}|{:<6}|", c, c - 300), "   256|-44   |");
}
