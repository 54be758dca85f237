//! The pictures (`netlib::display`) against CPython 3.13: every value a
//! picture's table or labels show is what Python's attribute gives, read from
//! the committed vectors (`tests/vectors/gen_display.py` → `display.json`);
//! and every picture is self-contained, theme-aware HTML that evcxr can carry
//! (balanced, one line, no external resource, every theme variable with a
//! fallback), whatever the input.

#[path = "common/vectors.rs"]
mod vectors;

use std::collections::BTreeMap;

use netlib::display::{RichDisplay, bundle, table};
use netlib::prelude::*;
use proptest::prelude::*;
use serde_json::Value;

/// Rows a picture may show that the vectors leave out: CPython cannot list
/// `hosts()` of a network with more than 2**16 addresses in a test's time.
const UNLISTED_FOR_LARGE: [&str; 2] = ["len(list(hosts()))", "list(hosts())[-1]"];

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#10;", "\n")
        .replace("&#13;", "\r")
        .replace("&amp;", "&")
}

/// The text between `open_end` (the end of an opening tag) and `close`,
/// for every occurrence after `from`.
fn contents<'a>(html: &'a str, marker: &str, close: &str) -> Vec<&'a str> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(marker) {
        let after = &rest[i + marker.len()..];
        let Some(gt) = after.find('>') else { break };
        let body = &after[gt + 1..];
        let Some(end) = body.find(close) else { break };
        out.push(&body[..end]);
        rest = &body[end..];
    }
    out
}

/// The key/value rows of a picture's table: `<th …>key</th><td …>value</td>`.
fn rows(html: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut rest = html;
    while let Some(i) = rest.find("<tr><th") {
        let row = &rest[i..];
        let end = row.find("</tr>").unwrap_or(row.len());
        let cells = &row[..end];
        let key = contents(cells, "<th", "</th>");
        let value = contents(cells, "<td", "</td>");
        if let (Some(k), Some(v)) = (key.first(), value.first()) {
            out.insert(unescape(k), unescape(v));
        }
        rest = &row[end..];
    }
    out
}

/// The True/False labels: `<span …border-radius:3px">name True</span>`.
fn flags(html: &str) -> BTreeMap<String, bool> {
    contents(html, "border-radius:3px", "</span>")
        .into_iter()
        .filter_map(|label| {
            let (name, value) = label.trim().rsplit_once(' ')?;
            Some((name.to_owned(), value == "True"))
        })
        .collect()
}

fn title(html: &str) -> String {
    unescape(
        contents(html, "margin-bottom:4px", "</div>")
            .first()
            .copied()
            .unwrap_or_default(),
    )
}

/// What every picture must be, whatever it shows.
fn check_well_formed(html: &str, what: &str) -> Result<(), String> {
    let kind_ok = html.starts_with("<div class=\"netlib-display netlib-");
    let one_line = !html.contains('\n') && !html.contains('\r');
    let balanced = ["div", "span", "table", "tr", "td", "th"]
        .iter()
        .all(|tag| {
            html.matches(&format!("<{tag}>")).count() + html.matches(&format!("<{tag} ")).count()
                == html.matches(&format!("</{tag}>")).count()
        });
    let external = [
        "<script", "<link", "<img", "<style", ":url(", " url(", " src=", " href=", "@import",
    ]
    .iter()
    .find(|bad| html.contains(**bad));
    let no_fallback = html.match_indices("var(--").find(|(i, _)| {
        html[*i..]
            .find(')')
            .is_none_or(|close| !html[*i..*i + close].contains(','))
    });
    match (kind_ok, one_line, balanced, external, no_fallback) {
        (true, true, true, None, None) => Ok(()),
        _ => Err(format!(
            "{what}: root {kind_ok}, one line {one_line}, balanced {balanced}, external {external:?}, \
             variable without fallback at {:?}",
            no_fallback.map(|(i, _)| &html[i..(i + 40).min(html.len())])
        )),
    }
}

fn picture(kind: &str, input: &str) -> Result<(String, String, String), String> {
    let err = |e: &dyn std::fmt::Display| format!("{kind} {input:?}: {e}");
    Ok(match kind {
        "address" => {
            let v = ip_address(input).map_err(|e| err(&e))?;
            (v.to_html(), format!("{v:?}"), bundle(&v))
        }
        "network" => {
            let v = ip_network(input).map_err(|e| err(&e))?;
            (v.to_html(), format!("{v:?}"), bundle(&v))
        }
        "interface" => {
            let v = ip_interface(input).map_err(|e| err(&e))?;
            (v.to_html(), format!("{v:?}"), bundle(&v))
        }
        "parse" => {
            let v = urlparse(input).map_err(|e| err(&e))?;
            (v.to_html(), format!("{v:?}"), bundle(&v))
        }
        "split" => {
            let v = urlsplit(input).map_err(|e| err(&e))?;
            (v.to_html(), format!("{v:?}"), bundle(&v))
        }
        other => return Err(format!("unknown kind {other}")),
    })
}

#[test]
fn pictures_show_cpythons_values() {
    let vectors: Value = vectors::load("display.json");
    let records = vectors["records"].as_array().expect("records");
    let mut failures = Vec::new();
    let mut checked = 0;
    for record in records {
        let kind = record["kind"].as_str().unwrap_or_default();
        let input = record["input"].as_str().unwrap_or_default();
        let (html, debug, bundled) = match picture(kind, input) {
            Ok(p) => p,
            Err(e) => {
                failures.push(e);
                continue;
            }
        };
        let what = format!("{kind} {input:?}");
        if let Err(e) = check_well_formed(&html, &what) {
            failures.push(e);
        }
        let repr = record["repr"].as_str().unwrap_or_default();
        if debug != repr || title(&html) != repr {
            failures.push(format!(
                "{what}: Debug {debug:?}, title {:?}, Python {repr:?}",
                title(&html)
            ));
        }
        if !bundled.starts_with(&format!(
            "EVCXR_BEGIN_CONTENT text/plain\n{repr}\nEVCXR_END_CONTENT\n"
        )) {
            failures.push(format!("{what}: the bundle's text/plain is not the repr"));
        }
        let shown = rows(&html);
        let expected = record["rows"].as_object().expect("rows");
        for (key, value) in expected {
            checked += 1;
            let value = value.as_str().unwrap_or_default();
            match shown.get(key) {
                Some(v) if v == value => {}
                other => failures.push(format!("{what}: {key} shows {other:?}, Python {value:?}")),
            }
        }
        for key in shown.keys() {
            if !expected.contains_key(key) && !UNLISTED_FOR_LARGE.contains(&key.as_str()) {
                failures.push(format!(
                    "{what}: shows {key}, which the vectors do not have"
                ));
            }
        }
        let shown_flags = flags(&html);
        let expected_flags: BTreeMap<String, bool> = record["flags"]
            .as_object()
            .expect("flags")
            .iter()
            .map(|(k, v)| (k.clone(), v.as_bool().unwrap_or_default()))
            .collect();
        checked += expected_flags.len();
        if shown_flags != expected_flags {
            failures.push(format!(
                "{what}: labels {shown_flags:?}, Python {expected_flags:?}"
            ));
        }
    }
    assert!(
        records.len() > 200 && checked > 2000,
        "{} records, {checked} checks",
        records.len()
    );
    assert!(
        failures.is_empty(),
        "{} of {checked} checks failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn a_network_picture_splits_the_bits_at_the_prefix() {
    let html = ip_network("192.168.96.0/20").unwrap().to_html();
    // 192 and 168 entirely network, 96 = 0110|0000 split after four bits.
    assert!(html.contains(">11000000</span>"), "{html}");
    assert!(html.contains(">0110</span><span"), "{html}");
    assert!(html.contains("네트워크 부분: 앞 20비트"), "{html}");
    assert!(html.contains("호스트 부분: 뒤 12비트"), "{html}");
}

#[test]
fn a_url_picture_labels_each_part() {
    let html = urlparse("https://user:pw@example.com:8443/a/b;p?q=1#frag")
        .unwrap()
        .to_html();
    let labels: Vec<String> = contents(&html, "font-size:85%;color:", "</span>")
        .into_iter()
        .map(unescape)
        .collect();
    assert_eq!(
        labels,
        [
            "scheme", "userinfo", "hostname", "port", "netloc", "path", "params", "query",
            "fragment"
        ]
    );
}

#[test]
fn resolver_tables_show_pythons_repr_as_text() {
    let entry = table((
        "localhost".to_owned(),
        vec!["a'b".to_owned()],
        vec!["127.0.0.1".to_owned()],
    ));
    assert_eq!(
        format!("{entry:?}"),
        r#"('localhost', ["a'b"], ['127.0.0.1'])"#
    );
    let html = entry.to_html();
    check_well_formed(&html, "host entry").unwrap();
    assert_eq!(
        rows(&html).get("ipaddrlist[0]").map(String::as_str),
        Some("'127.0.0.1'")
    );
    let families = table(AddressFamily::members());
    let html = families.to_html();
    check_well_formed(&html, "families").unwrap();
    assert!(html.contains(">AF_INET6</td>"), "{html}");
}

fn check_any<T: RichDisplay>(value: &T, what: &str) -> Result<(), TestCaseError> {
    let html = value.to_html();
    check_well_formed(&html, what).map_err(TestCaseError::fail)?;
    let text = format!("\n{value:?}\n");
    prop_assert!(
        bundle(value).contains(&text),
        "{}: text/plain is not Debug",
        what
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn any_network_or_interface_draws(bits in any::<u128>(), v4 in any::<bool>(), prefix in 0u8..=128) {
        let text = if v4 {
            format!("{}/{}", std::net::Ipv4Addr::from(bits as u32), prefix % 33)
        } else {
            format!("{}/{prefix}", std::net::Ipv6Addr::from(bits))
        };
        check_any(&ip_interface(text.as_str()).unwrap(), &text)?;
        check_any(&ip_network_loose(text.as_str()).unwrap(), &text)?;
        check_any(&ip_interface(text.as_str()).unwrap().ip(), &text)?;
    }

    #[test]
    fn any_url_draws(text in "\\PC{0,40}") {
        if let Ok(parsed) = urlparse(text.as_str()) {
            check_any(&parsed, &text)?;
        }
        if let Ok(split) = urlsplit(text.as_str()) {
            check_any(&split, &text)?;
        }
    }
}
