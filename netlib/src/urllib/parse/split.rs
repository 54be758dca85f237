//! Splitting a URL into its parts (`urlsplit`, `urlparse`, `urldefrag`).

use std::borrow::Cow;

use super::error::Error;
use super::netloc_check::{check_bracketed_host, check_netloc_nfkc};
use super::result::{DefragResult, ParseResult, SplitResult};
use super::schemes::USES_PARAMS;
use super::unsplit::urlunparse;

/// WHATWG's "C0 control or space": U+0000 to U+0020.
fn is_c0_or_space(c: char) -> bool {
    c <= ' '
}

/// WHATWG removes tab and newlines anywhere in a URL; so does Python.
fn remove_unsafe(s: &str) -> Cow<'_, str> {
    // Almost no URL has them: borrow rather than copy char by char.
    // (A byte scan: an ASCII byte is never part of a longer UTF-8 char.)
    if !s.bytes().any(|b| matches!(b, b'\t' | b'\r' | b'\n')) {
        return Cow::Borrowed(s);
    }
    s.chars()
        .filter(|c| !matches!(c, '\t' | '\r' | '\n'))
        .collect()
}

fn is_scheme_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.')
}

/// Split `url` into five parts, as Python's `urlsplit(url)` does: the
/// components of [RFC 3986 §3](https://www.rfc-editor.org/rfc/rfc3986#section-3), by CPython's rules.
///
/// Leading C0 controls and spaces are stripped, tabs and newlines removed
/// everywhere; the scheme is lower-cased; nothing else is normalised.
///
/// ```
/// use netlib::urllib::parse::urlsplit;
/// // Python: urlsplit('https://user@[::1]:8443/p;x?q=1#top')
/// let s = urlsplit("https://user@[::1]:8443/p;x?q=1#top")?;
/// assert_eq!((s.scheme.as_str(), s.netloc.as_str()), ("https", "user@[::1]:8443"));
/// assert_eq!((s.path.as_str(), s.query.as_str(), s.fragment.as_str()), ("/p;x", "q=1", "top"));
/// assert_eq!(s.port()?, Some(8443));
/// # Ok::<(), netlib::urllib::parse::Error>(())
/// ```
pub fn urlsplit(url: &str) -> Result<SplitResult, Error> {
    urlsplit_with(url, "", true)
}

/// `urlsplit(url, scheme, allow_fragments)`: `scheme` is used when `url`
/// has none; with `allow_fragments` false a `#` stays in the path or query.
///
/// ```
/// use netlib::urllib::parse::urlsplit_with;
/// // Python: urlsplit('//host/p#f', 'https', allow_fragments=False)
/// let s = urlsplit_with("//host/p#f", "https", false)?;
/// assert_eq!(s.geturl(), "https://host/p#f");
/// assert_eq!(s.path, "/p#f");
/// # Ok::<(), netlib::urllib::parse::Error>(())
/// ```
#[doc(alias = "urlsplit")]
pub fn urlsplit_with(url: &str, scheme: &str, allow_fragments: bool) -> Result<SplitResult, Error> {
    let url = remove_unsafe(url.trim_start_matches(is_c0_or_space));
    let mut scheme = remove_unsafe(scheme.trim_matches(is_c0_or_space)).into_owned();
    let mut rest = &*url;

    if let Some(colon) = rest.find(':') {
        let candidate = &rest[..colon];
        let starts_alpha = candidate
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_alphabetic());
        if starts_alpha && candidate.bytes().all(is_scheme_char) {
            scheme = candidate.to_ascii_lowercase();
            rest = &rest[colon + 1..];
        }
    }

    let mut netloc = "";
    if let Some(after) = rest.strip_prefix("//") {
        // One byte scan for the netloc's end and its brackets (an ASCII byte
        // is never part of a longer UTF-8 character, so the indices are
        // char boundaries).
        let (mut end, mut open, mut close) = (after.len(), None, false);
        for (i, b) in after.bytes().enumerate() {
            match b {
                b'/' | b'?' | b'#' => {
                    end = i;
                    break;
                }
                b'[' => {
                    open.get_or_insert(i);
                }
                b']' => close = true,
                _ => {}
            }
        }
        netloc = &after[..end];
        rest = &after[end..];
        if open.is_some() != close {
            return Err(Error::value("Invalid IPv6 URL"));
        }
        if let Some(i) = open {
            let bracketed = &netloc[i + 1..];
            let host = bracketed.split_once(']').map_or(bracketed, |(h, _)| h);
            check_bracketed_host(host)?;
        }
    }

    // Python splits off the fragment at the first '#', then the query at
    // the first '?' before it; one scan for whichever comes first does both.
    let (mut query, mut fragment) = ("", "");
    if let Some(i) = rest
        .bytes()
        .position(|b| b == b'?' || (allow_fragments && b == b'#'))
    {
        let after = &rest[i + 1..];
        if rest[i..].starts_with('#') {
            fragment = after;
        } else if let Some((q, f)) = after.split_once('#').filter(|_| allow_fragments) {
            query = q;
            fragment = f;
        } else {
            query = after;
        }
        rest = &rest[..i];
    }
    check_netloc_nfkc(netloc)?;
    Ok(SplitResult {
        scheme,
        netloc: netloc.to_owned(),
        path: rest.to_owned(),
        query: query.to_owned(),
        fragment: fragment.to_owned(),
    })
}

/// Split `url` into six parts, as Python's `urlparse(url)` does: like
/// [`urlsplit`], and the last path segment's `;params` go to `params` for
/// the schemes that use them (`http`, `https`, `ftp`, none, …).
///
/// ```
/// use netlib::urllib::parse::urlparse;
/// // Python: o = urlparse('http://www.cwi.nl:80/%7Eguido/Python.html')
/// let o = urlparse("http://www.cwi.nl:80/%7Eguido/Python.html")?;
/// assert_eq!(o.scheme, "http");     // Python: o.scheme
/// assert_eq!(o.port()?, Some(80));  // Python: o.port
/// assert_eq!(o.path, "/%7Eguido/Python.html");
/// // Python: urlparse('http://h/a;x/b;y?q').params  ->  'y'
/// assert_eq!(urlparse("http://h/a;x/b;y?q")?.params, "y");
/// # Ok::<(), netlib::urllib::parse::Error>(())
/// ```
pub fn urlparse(url: &str) -> Result<ParseResult, Error> {
    urlparse_with(url, "", true)
}

/// `urlparse(url, scheme, allow_fragments)`; see [`urlsplit_with`].
///
/// ```
/// use netlib::urllib::parse::urlparse_with;
/// // Python: urlparse('path;p?q#f', 'http', False)
/// let o = urlparse_with("path;p?q#f", "http", false)?;
/// assert_eq!((o.scheme.as_str(), o.path.as_str(), o.params.as_str()), ("http", "path", "p"));
/// assert_eq!((o.query.as_str(), o.fragment.as_str()), ("q#f", ""));
/// # Ok::<(), netlib::urllib::parse::Error>(())
/// ```
#[doc(alias = "urlparse")]
pub fn urlparse_with(url: &str, scheme: &str, allow_fragments: bool) -> Result<ParseResult, Error> {
    let split = urlsplit_with(url, scheme, allow_fragments)?;
    let mut path = split.path;
    let mut params = String::new();
    if USES_PARAMS.contains(&split.scheme.as_str()) {
        // In place: the path is already an owned copy.
        let (before, after) = split_params(&path);
        let (path_len, params_from) = (before.len(), path.len() - after.len());
        if params_from > path_len {
            params = path[params_from..].to_owned();
            path.truncate(path_len);
        }
    }
    Ok(ParseResult {
        path,
        params,
        scheme: split.scheme,
        netloc: split.netloc,
        query: split.query,
        fragment: split.fragment,
    })
}

/// Python's `_splitparams`: `;params` of the last segment only.
fn split_params(path: &str) -> (&str, &str) {
    let from = path.rfind('/').unwrap_or(0);
    match path[from..].find(';') {
        Some(i) => (&path[..from + i], &path[from + i + 1..]),
        None => (path, ""),
    }
}

/// Split off the fragment, as Python's `urldefrag(url)`. Only a URL with a
/// `#` is re-parsed (and so can fail); its other parts come back through
/// `urlunparse`, which may drop an empty `?`.
///
/// ```
/// use netlib::urllib::parse::urldefrag;
/// // Python: urldefrag('http://a/b?#')  ->  DefragResult(url='http://a/b', fragment='')
/// let d = urldefrag("http://a/b?#")?;
/// assert_eq!((d.url.as_str(), d.fragment.as_str()), ("http://a/b", ""));
/// # Ok::<(), netlib::urllib::parse::Error>(())
/// ```
pub fn urldefrag(url: &str) -> Result<DefragResult, Error> {
    if !url.contains('#') {
        return Ok(DefragResult {
            url: url.to_owned(),
            fragment: String::new(),
        });
    }
    let parsed = urlparse(url)?;
    let url = urlunparse([
        parsed.scheme.as_str(),
        &parsed.netloc,
        &parsed.path,
        &parsed.params,
        &parsed.query,
        "",
    ]);
    Ok(DefragResult {
        url,
        fragment: parsed.fragment,
    })
}
