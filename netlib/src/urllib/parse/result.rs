//! The named tuples `urlsplit`, `urlparse` and `urldefrag` return, and the
//! netloc attributes (`username`, `password`, `hostname`, `port`) they share.

use std::fmt;

use super::error::Error;
use super::unsplit::{ParseParts, SplitParts, urlunparse, urlunsplit};
use crate::repr::str_repr;

/// Python's `ParseResult`: the six parts `urlparse` finds in
/// `scheme://netloc/path;params?query#fragment`.
///
/// The fields are the tuple's items. Python's `_replace` is Rust's struct
/// update syntax: `ParseResult { path: "/new".into(), ..old }`.
/// `Debug` prints Python's `repr()` and `Display` its `str()`, which for a
/// named tuple is the same text; the URL is [`geturl`](Self::geturl).
///
/// ```
/// use netlib::urllib::parse::{ParseResult, urlparse};
///
/// // Python: o = urlparse('http://www.cwi.nl:80/%7Eguido/Python.html'); print(o)
/// let o = urlparse("http://www.cwi.nl:80/%7Eguido/Python.html")?;
/// assert_eq!(
///     o.to_string(),
///     "ParseResult(scheme='http', netloc='www.cwi.nl:80', path='/%7Eguido/Python.html', params='', query='', fragment='')"
/// );
/// assert_eq!(format!("{o:?}"), o.to_string());
/// // Python: o._replace(path='/x').geturl()
/// let p = ParseResult { path: "/x".into(), ..o.clone() };
/// assert_eq!(p.geturl(), "http://www.cwi.nl:80/x");
/// # Ok::<(), netlib::urllib::parse::Error>(())
/// ```
#[doc(alias = "_replace")]
#[derive(Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ParseResult {
    /// URL scheme, lower-cased (`http`), or the default given to `urlparse_with`.
    pub scheme: String,
    /// Network location: `user:password@host:port`, as written.
    pub netloc: String,
    /// Hierarchical path, without the `;params` of its last segment.
    pub path: String,
    /// Parameters of the last path segment (after `;`).
    pub params: String,
    /// Query, without the `?`.
    pub query: String,
    /// Fragment identifier, without the `#`.
    pub fragment: String,
}

/// Python's `SplitResult`: like [`ParseResult`] without `params`, as
/// `urlsplit` returns it.
///
/// ```
/// use netlib::urllib::parse::urlsplit;
/// // Python: urlsplit('http://a/b;p?q#f')
/// let s = urlsplit("http://a/b;p?q#f")?;
/// assert_eq!(
///     format!("{s:?}"),
///     "SplitResult(scheme='http', netloc='a', path='/b;p', query='q', fragment='f')"
/// );
/// // Python: str(urlsplit('http://a/b;p?q#f'))  (a named tuple's str is its repr)
/// assert_eq!(s.to_string(), format!("{s:?}"));
/// # Ok::<(), netlib::urllib::parse::Error>(())
/// ```
#[derive(Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SplitResult {
    /// URL scheme, lower-cased, or the default given to `urlsplit_with`.
    pub scheme: String,
    /// Network location: `user:password@host:port`, as written.
    pub netloc: String,
    /// Path, `;params` included.
    pub path: String,
    /// Query, without the `?`.
    pub query: String,
    /// Fragment identifier, without the `#`.
    pub fragment: String,
}

/// Python's `DefragResult`, what `urldefrag` returns.
///
/// ```
/// use netlib::urllib::parse::urldefrag;
/// // Python: urldefrag('http://a/b#frag')
/// let d = urldefrag("http://a/b#frag")?;
/// assert_eq!(format!("{d:?}"), "DefragResult(url='http://a/b', fragment='frag')");
/// // Python: str(urldefrag('http://a/b#frag'))
/// assert_eq!(d.to_string(), "DefragResult(url='http://a/b', fragment='frag')");
/// # Ok::<(), netlib::urllib::parse::Error>(())
/// ```
#[derive(Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DefragResult {
    /// The URL without its fragment.
    pub url: String,
    /// The fragment, without the `#`; empty when there was none.
    pub fragment: String,
}

impl DefragResult {
    /// The URL with its fragment put back (`url#fragment`, or `url`).
    ///
    /// ```
    /// use netlib::urllib::parse::urldefrag;
    /// // Python: urldefrag('http://a/b#f').geturl()  ->  'http://a/b#f'
    /// assert_eq!(urldefrag("http://a/b#f")?.geturl(), "http://a/b#f");
    /// # Ok::<(), netlib::urllib::parse::Error>(())
    /// ```
    pub fn geturl(&self) -> String {
        if self.fragment.is_empty() {
            self.url.clone()
        } else {
            format!("{}#{}", self.url, self.fragment)
        }
    }
}

/// Python's `_userinfo`: the text before the last `@`, split at its first `:`.
fn userinfo(netloc: &str) -> (Option<&str>, Option<&str>) {
    match netloc.rsplit_once('@') {
        Some((info, _)) => match info.split_once(':') {
            Some((user, password)) => (Some(user), Some(password)),
            None => (Some(info), None),
        },
        None => (None, None),
    }
}

/// Python's `_hostinfo`: host and port text after the last `@`; a `[`
/// starts a bracketed host that runs to the next `]`.
fn hostinfo(netloc: &str) -> (&str, Option<&str>) {
    let hostinfo = netloc.rsplit_once('@').map_or(netloc, |(_, h)| h);
    let (host, port) = match hostinfo.split_once('[') {
        Some((_, bracketed)) => {
            let (host, after) = bracketed.split_once(']').unwrap_or((bracketed, ""));
            (host, after.split_once(':').map_or("", |(_, p)| p))
        }
        None => hostinfo.split_once(':').unwrap_or((hostinfo, "")),
    };
    (host, (!port.is_empty()).then_some(port))
}

fn hostname(netloc: &str) -> Option<String> {
    let (host, _) = hostinfo(netloc);
    if host.is_empty() {
        return None;
    }
    // A scoped IPv6 address keeps its zone id as written.
    Some(match host.split_once('%') {
        Some((addr, zone)) => format!("{}%{zone}", crate::pystr::lower(addr)),
        None => crate::pystr::lower(host),
    })
}

fn port(netloc: &str) -> Result<Option<u16>, Error> {
    let Some(text) = hostinfo(netloc).1 else {
        return Ok(None);
    };
    if !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Error::value(format!(
            "Port could not be cast to integer value as {}",
            str_repr(text)
        )));
    }
    // Python's int(): leading zeros are fine, but more than 4,300 digits
    // (zeros included) is its own ValueError, before the range check.
    let value = crate::pystr::int(text).map_err(Error::value)?;
    match value.and_then(|n| u16::try_from(n).ok()) {
        Some(n) => Ok(Some(n)),
        None => Err(Error::value("Port out of range 0-65535")),
    }
}

/// Netloc attributes shared by both result types; the doctests show them on
/// `ParseResult`, they behave the same on `SplitResult`.
macro_rules! netloc_attributes {
    ($ty:ty) => {
        impl $ty {
            /// User name: the netloc text before the last `@`, up to its
            /// first `:`; `None` without `@`.
            ///
            /// ```
            /// use netlib::urllib::parse::urlparse;
            /// // Python: urlparse('http://me:pw@host/').username  ->  'me'
            /// assert_eq!(urlparse("http://me:pw@host/")?.username().as_deref(), Some("me"));
            /// // Python: urlparse('http://host/').username  ->  None
            /// assert_eq!(urlparse("http://host/")?.username(), None);
            /// # Ok::<(), netlib::urllib::parse::Error>(())
            /// ```
            pub fn username(&self) -> Option<String> {
                userinfo(&self.netloc).0.map(str::to_owned)
            }

            /// Password: the text after the first `:` of the user info;
            /// `None` without `@` or without `:`.
            ///
            /// ```
            /// use netlib::urllib::parse::urlparse;
            /// // Python: urlparse('http://me:p@ss@host/').password  ->  'p@ss'
            /// assert_eq!(urlparse("http://me:p@ss@host/")?.password().as_deref(), Some("p@ss"));
            /// # Ok::<(), netlib::urllib::parse::Error>(())
            /// ```
            pub fn password(&self) -> Option<String> {
                userinfo(&self.netloc).1.map(str::to_owned)
            }

            /// Host name, lower-cased, without brackets; an IPv6 zone id
            /// (`%eth0`) keeps its case. `None` when the host is empty.
            ///
            /// ```
            /// use netlib::urllib::parse::urlparse;
            /// // Python: urlparse('http://[FE80::1%Eth0]:8080/').hostname  ->  'fe80::1%Eth0'
            /// assert_eq!(urlparse("http://[FE80::1%Eth0]:8080/")?.hostname().as_deref(), Some("fe80::1%Eth0"));
            /// // Python: urlparse('http://WWW.Example.COM/').hostname  ->  'www.example.com'
            /// assert_eq!(urlparse("http://WWW.Example.COM/")?.hostname().as_deref(), Some("www.example.com"));
            /// # Ok::<(), netlib::urllib::parse::Error>(())
            /// ```
            pub fn hostname(&self) -> Option<String> {
                hostname(&self.netloc)
            }

            /// Port number; `Ok(None)` when the netloc names none. Fails
            /// like Python for digits out of range or for any other text.
            ///
            /// ```
            /// use netlib::urllib::parse::urlparse;
            /// // Python: urlparse('http://www.cwi.nl:80/%7Eguido/Python.html').port  ->  80
            /// assert_eq!(urlparse("http://www.cwi.nl:80/%7Eguido/Python.html")?.port()?, Some(80));
            /// // Python: urlparse('http://host:http/').port
            /// //   ->  ValueError: Port could not be cast to integer value as 'http'
            /// assert_eq!(
            ///     urlparse("http://host:http/")?.port().unwrap_err().to_string(),
            ///     "Port could not be cast to integer value as 'http'"
            /// );
            /// // Python: urlparse('http://host:' + '0' * 4299 + '80/').port
            /// //   ->  ValueError: Exceeds the limit (4300 digits) for integer string conversion: …
            /// let long = format!("http://host:{}80/", "0".repeat(4299));
            /// assert!(urlparse(&long)?.port().unwrap_err().to_string().starts_with(
            ///     "Exceeds the limit (4300 digits) for integer string conversion: value has 4301 digits"
            /// ));
            /// # Ok::<(), netlib::urllib::parse::Error>(())
            /// ```
            pub fn port(&self) -> Result<Option<u16>, Error> {
                port(&self.netloc)
            }
        }
    };
}

netloc_attributes!(ParseResult);
netloc_attributes!(SplitResult);

impl ParseResult {
    /// The URL put back together (Python's `urlunparse(self)`). Redundant
    /// delimiters such as an empty `?` are dropped; nothing else changes,
    /// so `:80` stays.
    ///
    /// ```
    /// use netlib::urllib::parse::urlparse;
    /// // Python: urlparse('http://www.cwi.nl:80/%7Eguido/Python.html').geturl()
    /// let o = urlparse("http://www.cwi.nl:80/%7Eguido/Python.html")?;
    /// assert_eq!(o.geturl(), "http://www.cwi.nl:80/%7Eguido/Python.html");
    /// # Ok::<(), netlib::urllib::parse::Error>(())
    /// ```
    pub fn geturl(&self) -> String {
        urlunparse(self)
    }

    /// The WHATWG `url::Url` of [`geturl`](Self::geturl). Unlike `urlparse`
    /// it normalises: default ports disappear, hosts are lower-cased and
    /// IDNA-encoded, paths are percent-encoded and `..` resolved.
    ///
    /// ```
    /// use netlib::urllib::parse::urlparse;
    /// let url = urlparse("http://WWW.cwi.nl:80/%7Eguido/Python.html")?.to_url().unwrap();
    /// assert_eq!(url.as_str(), "http://www.cwi.nl/%7Eguido/Python.html");
    /// assert_eq!(url.port(), None);
    /// # Ok::<(), netlib::urllib::parse::Error>(())
    /// ```
    pub fn to_url(&self) -> Result<url::Url, url::ParseError> {
        url::Url::parse(&self.geturl())
    }
}

impl SplitResult {
    /// The URL put back together (Python's `urlunsplit(self)`).
    ///
    /// ```
    /// use netlib::urllib::parse::urlsplit;
    /// // Python: urlsplit('HTTP://a/b?#').geturl()  ->  'http://a/b'
    /// assert_eq!(urlsplit("HTTP://a/b?#")?.geturl(), "http://a/b");
    /// # Ok::<(), netlib::urllib::parse::Error>(())
    /// ```
    pub fn geturl(&self) -> String {
        urlunsplit(self)
    }

    /// The WHATWG `url::Url` of [`geturl`](Self::geturl); it normalises
    /// (see [`ParseResult::to_url`]).
    ///
    /// ```
    /// use netlib::urllib::parse::urlsplit;
    /// let url = urlsplit("https://example.com:443/a/../b")?.to_url().unwrap();
    /// assert_eq!(url.as_str(), "https://example.com/b");
    /// # Ok::<(), netlib::urllib::parse::Error>(())
    /// ```
    pub fn to_url(&self) -> Result<url::Url, url::ParseError> {
        url::Url::parse(&self.geturl())
    }
}

impl fmt::Debug for ParseResult {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "ParseResult(scheme={}, netloc={}, path={}, params={}, query={}, fragment={})",
            str_repr(&self.scheme),
            str_repr(&self.netloc),
            str_repr(&self.path),
            str_repr(&self.params),
            str_repr(&self.query),
            str_repr(&self.fragment)
        )
    }
}

impl fmt::Debug for SplitResult {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "SplitResult(scheme={}, netloc={}, path={}, query={}, fragment={})",
            str_repr(&self.scheme),
            str_repr(&self.netloc),
            str_repr(&self.path),
            str_repr(&self.query),
            str_repr(&self.fragment)
        )
    }
}

impl fmt::Debug for DefragResult {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "DefragResult(url={}, fragment={})",
            str_repr(&self.url),
            str_repr(&self.fragment)
        )
    }
}

/// Python's `str()` of a named tuple is its `repr()`, so `Display` prints
/// the same as `Debug`; the URL itself is [`geturl`](ParseResult::geturl).
impl fmt::Display for ParseResult {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self, f)
    }
}

/// Python's `str()`, the `repr()`; the URL is [`SplitResult::geturl`].
impl fmt::Display for SplitResult {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self, f)
    }
}

/// Python's `str()`, the `repr()`; the URL is [`DefragResult::geturl`].
impl fmt::Display for DefragResult {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self, f)
    }
}

impl ParseParts for ParseResult {
    fn parse_parts(&self) -> [&str; 6] {
        [
            &self.scheme,
            &self.netloc,
            &self.path,
            &self.params,
            &self.query,
            &self.fragment,
        ]
    }
}

impl SplitParts for SplitResult {
    fn split_parts(&self) -> [&str; 5] {
        [
            &self.scheme,
            &self.netloc,
            &self.path,
            &self.query,
            &self.fragment,
        ]
    }
}

/// Python's tuple unpacking: `scheme, netloc, path, params, query, fragment = o`.
impl From<ParseResult> for (String, String, String, String, String, String) {
    fn from(r: ParseResult) -> Self {
        (r.scheme, r.netloc, r.path, r.params, r.query, r.fragment)
    }
}

/// Python's tuple unpacking: `scheme, netloc, path, query, fragment = s`.
impl From<SplitResult> for (String, String, String, String, String) {
    fn from(r: SplitResult) -> Self {
        (r.scheme, r.netloc, r.path, r.query, r.fragment)
    }
}

/// Python's tuple unpacking: `url, fragment = d`.
impl From<DefragResult> for (String, String) {
    fn from(r: DefragResult) -> Self {
        (r.url, r.fragment)
    }
}
