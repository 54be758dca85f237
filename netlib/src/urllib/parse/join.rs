//! Resolving a relative URL against a base.

use super::error::Error;
use super::schemes::{USES_NETLOC, USES_RELATIVE};
use super::split::urlparse_with;
use super::unsplit::urlunparse;

/// Resolve `url` against `base`, as Python's `urljoin(base, url)`
/// ([RFC 3986 §5.2](https://www.rfc-editor.org/rfc/rfc3986#section-5.2), with CPython's quirks: `..` above the root is dropped,
/// schemes outside its "relative" list are not resolved).
///
/// Fails only where `urlparse` of either argument fails.
///
/// ```
/// use netlib::urllib::parse::urljoin;
/// // Python: urljoin('http://a/b/c/d;p?q', '../g')  ->  'http://a/b/g'
/// assert_eq!(urljoin("http://a/b/c/d;p?q", "../g")?, "http://a/b/g");
/// // Python: urljoin('http://www.cwi.nl/%7Eguido/Python.html', 'FAQ.html')
/// assert_eq!(
///     urljoin("http://www.cwi.nl/%7Eguido/Python.html", "FAQ.html")?,
///     "http://www.cwi.nl/%7Eguido/FAQ.html"
/// );
/// # Ok::<(), netlib::urllib::parse::Error>(())
/// ```
pub fn urljoin(base: &str, url: &str) -> Result<String, Error> {
    urljoin_with(base, url, true)
}

/// `urljoin(base, url, allow_fragments)`: with `allow_fragments` false a `#`
/// is an ordinary character of the path or query.
///
/// ```
/// use netlib::urllib::parse::urljoin_with;
/// // Python: urljoin('http://a/b/c', 'd#e', allow_fragments=False)  ->  'http://a/b/d#e'
/// assert_eq!(urljoin_with("http://a/b/c", "d#e", false)?, "http://a/b/d#e");
/// # Ok::<(), netlib::urllib::parse::Error>(())
/// ```
#[doc(alias = "urljoin")]
pub fn urljoin_with(base: &str, url: &str, allow_fragments: bool) -> Result<String, Error> {
    if base.is_empty() {
        return Ok(url.to_owned());
    }
    if url.is_empty() {
        return Ok(base.to_owned());
    }
    let b = urlparse_with(base, "", allow_fragments)?;
    let r = urlparse_with(url, &b.scheme, allow_fragments)?;
    let scheme = r.scheme.as_str();
    if scheme != b.scheme || !USES_RELATIVE.contains(&scheme) {
        return Ok(url.to_owned());
    }
    let mut netloc = r.netloc.as_str();
    if USES_NETLOC.contains(&scheme) {
        if !netloc.is_empty() {
            return Ok(urlunparse(&r));
        }
        netloc = &b.netloc;
    }
    if r.path.is_empty() && r.params.is_empty() {
        let query = if r.query.is_empty() {
            &b.query
        } else {
            &r.query
        };
        return Ok(urlunparse([
            scheme,
            netloc,
            &b.path,
            &b.params,
            query,
            &r.fragment,
        ]));
    }

    let segments: Vec<&str> = if r.path.starts_with('/') {
        r.path.split('/').collect()
    } else {
        let mut base_parts: Vec<&str> = b.path.split('/').collect();
        // The base's last segment is a file name, not a directory, unless
        // the base path ends with '/'.
        if base_parts.last().is_some_and(|s| !s.is_empty()) {
            base_parts.pop();
        }
        let mut all: Vec<&str> = base_parts.into_iter().chain(r.path.split('/')).collect();
        // Empty inner segments would double the slashes when joined again.
        if all.len() > 2 {
            let last = all.len() - 1;
            let inner: Vec<&str> = all[1..last]
                .iter()
                .copied()
                .filter(|s| !s.is_empty())
                .collect();
            all.splice(1..last, inner);
        }
        all
    };

    let mut resolved: Vec<&str> = Vec::with_capacity(segments.len());
    for &seg in &segments {
        match seg {
            ".." => {
                resolved.pop();
            }
            "." => {}
            _ => resolved.push(seg),
        }
    }
    if segments.last().is_some_and(|s| *s == "." || *s == "..") {
        resolved.push("");
    }
    let joined = resolved.join("/");
    let path = if joined.is_empty() { "/" } else { &joined };
    Ok(urlunparse([
        scheme,
        netloc,
        path,
        &r.params,
        &r.query,
        &r.fragment,
    ]))
}
