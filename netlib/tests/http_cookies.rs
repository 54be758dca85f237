//! `http::cookies` against the CPython 3.13 vectors in
//! `tests/vectors/http_cookies.json` (written by `gen_http_cookies.py`).

#[path = "common/vectors.rs"]
mod vectors;

use netlib::http::cookies::{AttrValue, SimpleCookie};
use serde_json::Value;

fn vectors() -> Value {
    vectors::load("http_cookies.json")
}

fn attr_json(v: &AttrValue) -> Value {
    match v {
        AttrValue::Str(s) => Value::from(s.as_str()),
        AttrValue::Bool(b) => Value::from(*b),
        AttrValue::Int(n) => Value::from(*n),
        AttrValue::None => Value::Null,
    }
}

fn attr_value(v: &Value) -> AttrValue {
    match v {
        Value::Bool(b) => AttrValue::Bool(*b),
        Value::String(s) => AttrValue::from(s.as_str()),
        other => panic!("unexpected attribute value {other}"),
    }
}

/// Everything the vectors record about a cookie after the operation.
fn compare(
    what: &str,
    c: &SimpleCookie,
    result: Result<(), String>,
    want: &Value,
    reserved: &[&str],
    failures: &mut Vec<String>,
) {
    let mut diff = |field: &str, got: Value, expected: &Value| {
        if &got != expected {
            failures.push(format!("{what}: {field} {got} want {expected}"));
        }
    };
    match (result, want.get("error")) {
        (Ok(()), None) => {}
        (Err(e), Some(err)) => diff("error", Value::from(e), &err["message"]),
        (got, _) => diff(
            "outcome",
            Value::from(format!("{got:?}")),
            &Value::from(format!("{:?}", want.get("error"))),
        ),
    }
    diff("repr", Value::from(format!("{c:?}")), &want["repr"]);
    diff("output", Value::from(c.output()), &want["output"]);
    diff(
        "output_cookie",
        Value::from(c.output_with(None, "Cookie:", "; ")),
        &want["output_cookie"],
    );
    diff(
        "output_attrs",
        Value::from(c.output_with(Some(&["path", "httponly"]), "Set-Cookie:", "\r\n")),
        &want["output_attrs"],
    );
    diff(
        "js_output",
        Value::from(c.js_output(None)),
        &want["js_output"],
    );
    let morsels = want["morsels"].as_array().expect("morsels");
    diff("len", Value::from(c.len()), &Value::from(morsels.len()));
    for (m, w) in c.values().zip(morsels) {
        diff("key", Value::from(m.key()), &w["key"]);
        diff("value", Value::from(m.value()), &w["value"]);
        diff(
            "coded_value",
            Value::from(m.coded_value()),
            &w["coded_value"],
        );
        diff("morsel repr", Value::from(format!("{m:?}")), &w["repr"]);
        diff(
            "OutputString",
            Value::from(m.output_string()),
            &w["OutputString"],
        );
        diff("str", Value::from(m.to_string()), &w["str"]);
        let attrs: Vec<Value> = reserved
            .iter()
            .map(|a| {
                Value::from(vec![
                    Value::from(*a),
                    m.get(a).map_or(Value::Null, attr_json),
                ])
            })
            .collect();
        diff("attrs", Value::from(attrs), &w["attrs"]);
    }
}

#[test]
fn simple_cookie_matches_cpython() {
    let v = vectors();
    let reserved: Vec<&str> = v["reserved"]
        .as_array()
        .expect("reserved")
        .iter()
        .map(|s| s.as_str().expect("str"))
        .collect();
    let mut failures = Vec::new();
    let mut checked = 0;
    for case in v["load"].as_array().expect("load") {
        let text = case[0].as_str().expect("text");
        let mut c = SimpleCookie::new();
        let r = c.load(text).map_err(|e| e.to_string());
        compare(
            &format!("load({text:?})"),
            &c,
            r,
            &case[1],
            &reserved,
            &mut failures,
        );
        checked += 1;
    }
    for case in v["set"].as_array().expect("set") {
        let (key, value) = (
            case[0].as_str().expect("key"),
            case[1].as_str().expect("value"),
        );
        let mut c = SimpleCookie::new();
        let r = c.set(key, value).map_err(|e| e.to_string());
        compare(
            &format!("C[{key:?}] = {value:?}"),
            &c,
            r,
            &case[2],
            &reserved,
            &mut failures,
        );
        checked += 1;
    }
    for case in v["attrs"].as_array().expect("attrs") {
        let attr = case[0].as_str().expect("attr");
        let mut c = SimpleCookie::new();
        c.set("k", "v").expect("legal key");
        let morsel = c.get_mut("k").expect("set");
        let r = morsel
            .set_attr(attr, attr_value(&case[1]))
            .map_err(|e| e.to_string());
        compare(
            &format!("C['k'][{attr:?}] = {}", case[1]),
            &c,
            r,
            &case[2],
            &reserved,
            &mut failures,
        );
        checked += 1;
    }
    assert!(checked > 400, "too few vectors: {checked}");
    assert!(
        failures.is_empty(),
        "{} differences from CPython 3.13:\n{}",
        failures.len(),
        failures[..failures.len().min(40)].join("\n")
    );
}

#[test]
fn int_attributes_as_cpython_writes_them() {
    let mut c = SimpleCookie::parse("a=b").expect("load");
    let m = c.get_mut("a").expect("a");
    // Python: m['max-age'] = 60; m['secure'] = 0 (false: left out); m['version'] = 1
    m.set_attr("max-age", 60).expect("attr");
    m.set_attr("secure", 0).expect("attr");
    m.set_attr("version", 1).expect("attr");
    assert_eq!(m.output_string(), "a=b; Max-Age=60; Version=1");
    // Python: m['expires'] = 0  ->  'expires=<now as a cookie date>'
    m.set_attr("expires", 0).expect("attr");
    let out = m.output_string();
    let date = out
        .split("expires=")
        .nth(1)
        .and_then(|s| s.split(';').next())
        .expect("expires");
    assert!(date.ends_with(" GMT") && date.len() == 29, "{date}");
}

/// `http_cookies_expected_differences.json` holds only `api` entries.
#[test]
fn expected_differences_still_differ() {
    vectors::ExpectedDifferences::load("http_cookies").check_probes(&[]);
}
