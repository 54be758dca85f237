//! Query strings: building them (`urlencode`) and reading them
//! (`parse_qsl`, `parse_qs`).

use std::collections::HashMap;

use super::error::Error;
use super::quote::{quote_plus_with, unquote_plus};
use crate::repr::str_repr;

/// Python's `urlencode(pairs)` for a sequence of `(key, value)` pairs (or a
/// dict's items): each side through `quote_plus`, joined by `=` and `&`.
///
/// ```
/// use netlib::urllib::parse::urlencode;
/// // Python: urlencode([('q', 'rust lang'), ('page', '2'), ('x', 'a&b')])
/// assert_eq!(
///     urlencode([("q", "rust lang"), ("page", "2"), ("x", "a&b")]),
///     "q=rust+lang&page=2&x=a%26b"
/// );
/// ```
pub fn urlencode<K, V>(pairs: impl IntoIterator<Item = (K, V)>) -> String
where
    K: AsRef<str>,
    V: AsRef<str>,
{
    let mut out = String::new();
    for (k, v) in pairs {
        if !out.is_empty() {
            out.push('&');
        }
        out.push_str(&quote_plus_with(k.as_ref(), ""));
        out.push('=');
        out.push_str(&quote_plus_with(v.as_ref(), ""));
    }
    out
}

/// Python's `parse_qsl(qs)`: the `name=value` fields of a query, decoded
/// with `unquote_plus`, in order; fields with an empty value are left out.
///
/// ```
/// use netlib::urllib::parse::parse_qsl;
/// // Python: parse_qsl('a=1&b=&c=x+y&a=%C3%A9')  ->  [('a', '1'), ('c', 'x y'), ('a', 'é')]
/// let expected = [("a", "1"), ("c", "x y"), ("a", "é")].map(|(k, v)| (k.to_string(), v.to_string()));
/// assert_eq!(parse_qsl("a=1&b=&c=x+y&a=%C3%A9"), expected);
/// ```
pub fn parse_qsl(qs: &str) -> Vec<(String, String)> {
    // These arguments cannot fail.
    parse_qsl_with(qs, false, false, None, "&").unwrap_or_default()
}

/// `parse_qsl(qs, keep_blank_values, strict_parsing, max_num_fields=...,
/// separator=...)`, with Python's errors.
///
/// ```
/// use netlib::urllib::parse::parse_qsl_with;
/// // Python: parse_qsl('a=1;b', keep_blank_values=True, separator=';')  ->  [('a', '1'), ('b', '')]
/// let pairs = parse_qsl_with("a=1;b", true, false, None, ";")?;
/// assert_eq!(pairs, [("a".to_string(), "1".to_string()), ("b".to_string(), String::new())]);
/// // Python: parse_qsl('a=1&b', strict_parsing=True)  ->  ValueError: bad query field: 'b'
/// let err = parse_qsl_with("a=1&b", false, true, None, "&").unwrap_err();
/// assert_eq!(err.to_string(), "bad query field: 'b'");
/// # Ok::<(), netlib::urllib::parse::Error>(())
/// ```
#[doc(alias = "parse_qsl")]
pub fn parse_qsl_with(
    qs: &str,
    keep_blank_values: bool,
    strict_parsing: bool,
    max_num_fields: Option<usize>,
    separator: &str,
) -> Result<Vec<(String, String)>, Error> {
    if separator.is_empty() {
        return Err(Error::value("Separator must be of type string or bytes."));
    }
    if qs.is_empty() {
        return Ok(Vec::new());
    }
    if let Some(max) = max_num_fields
        && max < 1 + qs.matches(separator).count()
    {
        return Err(Error::value("Max number of fields exceeded"));
    }
    let mut pairs = Vec::new();
    for field in qs.split(separator) {
        if field.is_empty() && !strict_parsing {
            continue;
        }
        let (name, value) = match field.split_once('=') {
            Some(pair) => pair,
            None if strict_parsing => {
                return Err(Error::value(format!(
                    "bad query field: {}",
                    str_repr(field)
                )));
            }
            None => (field, ""),
        };
        if !value.is_empty() || keep_blank_values {
            pairs.push((unquote_plus(name), unquote_plus(value)));
        }
    }
    Ok(pairs)
}

/// Python's `parse_qs(qs)`: like [`parse_qsl`], with the values of each
/// name gathered in a list. Python returns a dict; this returns the names
/// in the dict's order (first appearance).
///
/// ```
/// use netlib::urllib::parse::parse_qs;
/// // Python: parse_qs('a=1&b=2&a=3')  ->  {'a': ['1', '3'], 'b': ['2']}
/// let qs = parse_qs("a=1&b=2&a=3");
/// assert_eq!(qs[0], ("a".to_string(), vec!["1".to_string(), "3".to_string()]));
/// assert_eq!(qs[1], ("b".to_string(), vec!["2".to_string()]));
/// ```
pub fn parse_qs(qs: &str) -> Vec<(String, Vec<String>)> {
    group(parse_qsl(qs))
}

/// `parse_qs(qs, keep_blank_values, strict_parsing, max_num_fields=...,
/// separator=...)`; see [`parse_qsl_with`].
///
/// ```
/// use netlib::urllib::parse::parse_qs_with;
/// // Python: parse_qs('a=&a=1', keep_blank_values=True)  ->  {'a': ['', '1']}
/// let qs = parse_qs_with("a=&a=1", true, false, None, "&")?;
/// assert_eq!(qs, [("a".to_string(), vec![String::new(), "1".to_string()])]);
/// # Ok::<(), netlib::urllib::parse::Error>(())
/// ```
#[doc(alias = "parse_qs")]
pub fn parse_qs_with(
    qs: &str,
    keep_blank_values: bool,
    strict_parsing: bool,
    max_num_fields: Option<usize>,
    separator: &str,
) -> Result<Vec<(String, Vec<String>)>, Error> {
    parse_qsl_with(
        qs,
        keep_blank_values,
        strict_parsing,
        max_num_fields,
        separator,
    )
    .map(group)
}

fn group(pairs: Vec<(String, String)>) -> Vec<(String, Vec<String>)> {
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    for (name, value) in pairs {
        match index.get(&name) {
            Some(&i) => out[i].1.push(value),
            None => {
                index.insert(name.clone(), out.len());
                out.push((name, vec![value]));
            }
        }
    }
    out
}
