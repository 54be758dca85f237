//! `urllib::parse` against the CPython 3.13 vectors in
//! `tests/vectors/urllib_parse.json` (written by `gen_urllib_parse.py`).
//! Every section collects all its mismatches before failing, so one run
//! shows the whole picture.

#[path = "common/vectors.rs"]
mod vectors;

use std::fmt::Debug;

use netlib::urllib::parse::{
    self, Error, ParseResult, SplitResult, parse_qs_with, parse_qsl_with, quote_plus_with,
    quote_with, unquote, unquote_plus, unquote_to_bytes, urldefrag, urlencode, urljoin_with,
    urlparse_with, urlsplit_with, urlunparse, urlunsplit,
};
use serde_json::Value;

fn vectors() -> Value {
    vectors::load("urllib_parse.json")
}

fn cases<'a>(v: &'a Value, section: &str) -> &'a [Value] {
    v[section].as_array().expect("section is a list")
}

fn s(v: &Value) -> &str {
    v.as_str().expect("string in vector")
}

/// Gathers mismatches; panics at the end with all of them.
#[derive(Default)]
struct Report {
    checked: usize,
    failures: Vec<String>,
}

impl Report {
    fn check(&mut self, what: impl FnOnce() -> String, ok: bool) {
        self.checked += 1;
        if !ok {
            self.failures.push(what());
        }
    }

    fn eq<T: PartialEq + Debug>(&mut self, what: &dyn Fn() -> String, got: T, want: T) {
        self.check(
            || format!("{}: got {got:?}, want {want:?}", what()),
            got == want,
        );
    }

    fn finish(self, section: &str) {
        assert!(self.checked > 0, "{section}: no vectors checked");
        if !self.failures.is_empty() {
            let shown: Vec<&String> = self.failures.iter().take(60).collect();
            panic!(
                "{section}: {} of {} checks differ from CPython 3.13:\n{}",
                self.failures.len(),
                self.checked,
                shown
                    .iter()
                    .map(|f| f.as_str())
                    .collect::<Vec<_>>()
                    .join("\n")
            );
        }
        eprintln!("{section}: {} checks match CPython 3.13", self.checked);
    }
}

/// `{"ok": value}` or `{"error": {"class", "message"}}` as a comparable pair.
fn expected(v: &Value) -> Result<Value, (String, String)> {
    match v.get("ok") {
        Some(ok) => Ok(ok.clone()),
        None => Err((
            s(&v["error"]["class"]).to_owned(),
            s(&v["error"]["message"]).to_owned(),
        )),
    }
}

fn got<T: Into<Value>>(r: Result<T, Error>) -> Result<Value, (String, String)> {
    r.map(Into::into)
        .map_err(|e| (e.python_class().to_owned(), e.to_string()))
}

fn opt(o: Option<String>) -> Value {
    o.map_or(Value::Null, Value::from)
}

macro_rules! check_attributes {
    ($report:expr, $what:expr, $r:expr, $want:expr) => {{
        let (r, want, what) = ($r, $want, $what);
        $report.eq(
            &|| format!("{what} repr"),
            format!("{r:?}"),
            s(&want["repr"]).to_owned(),
        );
        $report.eq(
            &|| format!("{what} geturl"),
            r.geturl(),
            s(&want["geturl"]).to_owned(),
        );
        // Python's str() of a named tuple is its repr() (checked against
        // CPython in tests/python_habits.rs).
        $report.eq(
            &|| format!("{what} Display"),
            r.to_string(),
            s(&want["repr"]).to_owned(),
        );
        $report.eq(
            &|| format!("{what} username"),
            Ok(opt(r.username())),
            expected(&want["username"]),
        );
        $report.eq(
            &|| format!("{what} password"),
            Ok(opt(r.password())),
            expected(&want["password"]),
        );
        $report.eq(
            &|| format!("{what} hostname"),
            Ok(opt(r.hostname())),
            expected(&want["hostname"]),
        );
        $report.eq(
            &|| format!("{what} port"),
            got(r.port().map(|p| p.map_or(Value::Null, Value::from))),
            expected(&want["port"]),
        );
    }};
}

fn split_fields(r: &SplitResult) -> Value {
    serde_json::json!({
        "scheme": r.scheme, "netloc": r.netloc, "path": r.path,
        "query": r.query, "fragment": r.fragment,
    })
}

fn parse_fields(r: &ParseResult) -> Value {
    serde_json::json!({
        "scheme": r.scheme, "netloc": r.netloc, "path": r.path, "params": r.params,
        "query": r.query, "fragment": r.fragment,
    })
}

fn only(want: &Value, keys: &[&str]) -> Value {
    Value::Object(
        keys.iter()
            .map(|k| ((*k).to_owned(), want[*k].clone()))
            .collect(),
    )
}

#[test]
fn urlsplit_and_urlparse_match_cpython() {
    let v = vectors();
    let mut report = Report::default();
    let mut sources = std::collections::BTreeMap::<String, usize>::new();
    for case in cases(&v, "split") {
        *sources.entry(s(&case["source"]).to_owned()).or_default() += 1;
        let (url, scheme) = (s(&case["url"]), s(&case["scheme"]));
        let allow = case["allow_fragments"].as_bool().unwrap_or(true);
        let what = format!("urlsplit({url:?}, {scheme:?}, {allow})");
        let split_keys = ["scheme", "netloc", "path", "query", "fragment"];
        match (
            urlsplit_with(url, scheme, allow),
            expected(&case["urlsplit"]),
        ) {
            (Ok(r), Ok(want)) => {
                report.eq(&|| what.clone(), split_fields(&r), only(&want, &split_keys));
                check_attributes!(report, &what, &r, &want);
            }
            (r, want) => report.eq(&|| what.clone(), got(r.map(|r| split_fields(&r))), want),
        }
        let what = format!("urlparse({url:?}, {scheme:?}, {allow})");
        let parse_keys = ["scheme", "netloc", "path", "params", "query", "fragment"];
        match (
            urlparse_with(url, scheme, allow),
            expected(&case["urlparse"]),
        ) {
            (Ok(r), Ok(want)) => {
                report.eq(&|| what.clone(), parse_fields(&r), only(&want, &parse_keys));
                check_attributes!(report, &what, &r, &want);
            }
            (r, want) => report.eq(&|| what.clone(), got(r.map(|r| parse_fields(&r))), want),
        }
    }
    eprintln!("split inputs by source: {sources:?}");
    assert!(cases(&v, "split").len() >= 300);
    report.finish("urlsplit/urlparse");
}

#[test]
fn urljoin_matches_cpython() {
    let v = vectors();
    let mut report = Report::default();
    for case in cases(&v, "join") {
        let (base, url) = (s(&case["base"]), s(&case["url"]));
        let allow = case["allow_fragments"].as_bool().unwrap_or(true);
        report.eq(
            &|| format!("urljoin({base:?}, {url:?}, {allow})"),
            got(urljoin_with(base, url, allow)),
            expected(&case["result"]),
        );
    }
    report.finish("urljoin");
}

#[test]
fn urldefrag_matches_cpython() {
    let v = vectors();
    let mut report = Report::default();
    for case in cases(&v, "defrag") {
        let url = s(&case["url"]);
        let result = urldefrag(url).map(|d| {
            serde_json::json!({
                "url": d.url, "fragment": d.fragment, "repr": format!("{d:?}"), "geturl": d.geturl(),
            })
        });
        report.eq(
            &|| format!("urldefrag({url:?})"),
            got(result),
            expected(&case["result"]),
        );
    }
    report.finish("urldefrag");
}

#[test]
fn urlunsplit_and_urlunparse_match_cpython() {
    let v = vectors();
    let mut report = Report::default();
    for case in cases(&v, "unsplit") {
        let parts: Vec<&str> = case["parts"]
            .as_array()
            .expect("parts")
            .iter()
            .map(s)
            .collect();
        let got = match (s(&case["function"]), parts.as_slice()) {
            ("urlunsplit", &[a, b, c, d, e]) => urlunsplit((a, b, c, d, e)),
            ("urlunparse", &[a, b, c, d, e, f]) => urlunparse([a, b, c, d, e, f]),
            other => panic!("bad vector {other:?}"),
        };
        report.eq(
            &|| format!("{}({parts:?})", s(&case["function"])),
            got,
            s(&case["result"]).to_owned(),
        );
    }
    report.finish("urlunsplit/urlunparse");
}

#[test]
fn quote_matches_cpython() {
    let v = vectors();
    let mut report = Report::default();
    for case in cases(&v, "quote") {
        let (text, safe) = (s(&case["s"]), s(&case["safe"]));
        report.eq(
            &|| format!("quote({text:?}, {safe:?})"),
            quote_with(text, safe),
            s(&case["quote"]).to_owned(),
        );
        report.eq(
            &|| format!("quote_plus({text:?}, {safe:?})"),
            quote_plus_with(text, safe),
            s(&case["quote_plus"]).to_owned(),
        );
    }
    report.finish("quote");
}

#[test]
fn unquote_matches_cpython() {
    let v = vectors();
    let mut report = Report::default();
    for case in cases(&v, "unquote") {
        let text = s(&case["s"]);
        report.eq(
            &|| format!("unquote({text:?})"),
            unquote(text),
            s(&case["unquote"]).to_owned(),
        );
        report.eq(
            &|| format!("unquote_plus({text:?})"),
            unquote_plus(text),
            s(&case["unquote_plus"]).to_owned(),
        );
        report.eq(
            &|| format!("unquote_to_bytes({text:?})"),
            netlib::binascii::hexlify(&unquote_to_bytes(text)),
            s(&case["unquote_to_bytes"]).to_owned(),
        );
    }
    report.finish("unquote");
}

#[test]
fn query_strings_match_cpython() {
    let v = vectors();
    let mut report = Report::default();
    for case in cases(&v, "qsl") {
        let qs = s(&case["qs"]);
        let keep = case["keep_blank_values"].as_bool().unwrap_or(false);
        let strict = case["strict_parsing"].as_bool().unwrap_or(false);
        let max = case["max_num_fields"]
            .as_u64()
            .map(|n| usize::try_from(n).unwrap_or(usize::MAX));
        let sep = s(&case["separator"]);
        let what = || format!("parse_qsl({qs:?}, {keep}, {strict}, {max:?}, {sep:?})");
        let pairs = parse_qsl_with(qs, keep, strict, max, sep)
            .map(|p| serde_json::to_value(p).unwrap_or_default());
        report.eq(&what, got(pairs), expected(&case["parse_qsl"]));
        let grouped = parse_qs_with(qs, keep, strict, max, sep)
            .map(|p| serde_json::to_value(p).unwrap_or_default());
        report.eq(&what, got(grouped), expected(&case["parse_qs"]));
    }
    for case in cases(&v, "urlencode") {
        let pairs: Vec<(String, String)> =
            serde_json::from_value(case["pairs"].clone()).expect("pairs");
        report.eq(
            &|| format!("urlencode({pairs:?})"),
            urlencode(pairs.iter().map(|(k, v)| (k, v))),
            s(&case["result"]).to_owned(),
        );
    }
    report.finish("parse_qsl/parse_qs/urlencode");
}

/// Every code point, not only the sampled ones: exactly those CPython
/// rejects make a netloc fail the NFKC check.
#[test]
fn nfkc_netloc_check_matches_cpython_for_every_code_point() {
    let v = vectors();
    let rejects: Vec<u32> = v["nfkc_rejects"]
        .as_array()
        .expect("nfkc_rejects")
        .iter()
        .filter_map(Value::as_u64)
        .filter_map(|n| u32::try_from(n).ok())
        .collect();
    let mut report = Report::default();
    for c in (0x80..=0x10_ffff).filter_map(char::from_u32) {
        let url = format!("http://a{c}b/");
        let failed = matches!(
            parse::urlsplit(&url),
            Err(e) if e.message().ends_with("contains invalid characters under NFKC normalization")
        );
        report.check(
            || format!("U+{:04X}: netlib rejects={failed}", c as u32),
            failed == rejects.contains(&(c as u32)),
        );
    }
    report.finish("NFKC netloc check");
}

/// `hostname()` lower-cases every code point as CPython 3.13 (Unicode 15.1)
/// does, although Rust's own tables are newer.
#[test]
fn hostname_lowercases_every_code_point_like_cpython() {
    let v = vectors();
    let lower: std::collections::HashMap<u32, &str> = v["lower_map"]
        .as_array()
        .expect("lower_map")
        .iter()
        .filter_map(|pair| {
            let cp = u32::try_from(pair[0].as_u64()?).ok()?;
            Some((cp, pair[1].as_str()?))
        })
        .collect();
    let mut report = Report::default();
    for c in (0..=0x10_ffff_u32).filter_map(char::from_u32) {
        // Delimiters, removed characters and brackets do not stay in a host.
        if "/?#@:[]\t\r\n%".contains(c) || c <= ' ' {
            continue;
        }
        let url = format!("http://{c}/");
        let Ok(split) = parse::urlsplit(&url) else {
            continue;
        };
        let want = lower
            .get(&(c as u32))
            .map_or(c.to_string(), |l| (*l).to_owned());
        report.eq(
            &|| format!("hostname of U+{:04X}", c as u32),
            split.hostname(),
            Some(want),
        );
    }
    report.finish("hostname lower-casing");
}

#[test]
fn lesson_example() {
    // Python: o = urlparse('http://www.cwi.nl:80/%7Eguido/Python.html'); print(o)
    let o = parse::urlparse("http://www.cwi.nl:80/%7Eguido/Python.html").expect("valid URL");
    assert_eq!(
        format!("{o:?}"),
        "ParseResult(scheme='http', netloc='www.cwi.nl:80', path='/%7Eguido/Python.html', params='', query='', fragment='')"
    );
    assert_eq!(o.scheme, "http");
    assert_eq!(o.port(), Ok(Some(80)));
    assert_eq!(o.path, "/%7Eguido/Python.html");
    assert_eq!(o.geturl(), "http://www.cwi.nl:80/%7Eguido/Python.html");
}

/// `urllib_parse_expected_differences.json` holds only `api` entries.
#[test]
fn expected_differences_still_differ() {
    vectors::ExpectedDifferences::load("urllib_parse").check_probes(&[]);
}
