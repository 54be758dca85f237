//! Joining parts back into a URL: `urlunsplit`, `urlunparse` and the
//! traits naming what they accept.

use super::schemes::USES_NETLOC;

/// Anything [`urlunparse`] can join: a [`ParseResult`](super::ParseResult) or six strings (an
/// array or a tuple), in Python's order. Python takes any 6-item iterable.
///
/// ```
/// use netlib::urllib::parse::{ParseParts, urlparse};
/// // Python: tuple(urlparse('http://h/p;x?q#f'))
/// let o = urlparse("http://h/p;x?q#f")?;
/// assert_eq!(o.parse_parts(), ["http", "h", "/p", "x", "q", "f"]);
/// # Ok::<(), netlib::urllib::parse::Error>(())
/// ```
pub trait ParseParts {
    /// `(scheme, netloc, path, params, query, fragment)`.
    ///
    /// ```
    /// use netlib::urllib::parse::ParseParts;
    /// // Python: scheme, netloc, path, params, query, fragment = ('http', 'h', '/', '', 'q', '')
    /// assert_eq!(("http", "h", "/", "", "q", "").parse_parts()[4], "q");
    /// ```
    fn parse_parts(&self) -> [&str; 6];
}

/// Anything [`urlunsplit`] can join: a [`SplitResult`](super::SplitResult) or five strings.
///
/// ```
/// use netlib::urllib::parse::{SplitParts, urlsplit};
/// // Python: tuple(urlsplit('http://h/p;x?q#f'))
/// let s = urlsplit("http://h/p;x?q#f")?;
/// assert_eq!(s.split_parts(), ["http", "h", "/p;x", "q", "f"]);
/// # Ok::<(), netlib::urllib::parse::Error>(())
/// ```
pub trait SplitParts {
    /// `(scheme, netloc, path, query, fragment)`.
    ///
    /// ```
    /// use netlib::urllib::parse::SplitParts;
    /// // Python: scheme, netloc, path, query, fragment = ['ftp', 'h', '/f', '', '']
    /// assert_eq!(["ftp", "h", "/f", "", ""].split_parts()[0], "ftp");
    /// ```
    fn split_parts(&self) -> [&str; 5];
}

impl<T: ParseParts + ?Sized> ParseParts for &T {
    fn parse_parts(&self) -> [&str; 6] {
        (**self).parse_parts()
    }
}

impl<T: SplitParts + ?Sized> SplitParts for &T {
    fn split_parts(&self) -> [&str; 5] {
        (**self).split_parts()
    }
}

impl<S: AsRef<str>> ParseParts for [S; 6] {
    fn parse_parts(&self) -> [&str; 6] {
        self.each_ref().map(AsRef::as_ref)
    }
}

impl<S: AsRef<str>> SplitParts for [S; 5] {
    fn split_parts(&self) -> [&str; 5] {
        self.each_ref().map(AsRef::as_ref)
    }
}

impl<A, B, C, D, E, F> ParseParts for (A, B, C, D, E, F)
where
    A: AsRef<str>,
    B: AsRef<str>,
    C: AsRef<str>,
    D: AsRef<str>,
    E: AsRef<str>,
    F: AsRef<str>,
{
    fn parse_parts(&self) -> [&str; 6] {
        [
            self.0.as_ref(),
            self.1.as_ref(),
            self.2.as_ref(),
            self.3.as_ref(),
            self.4.as_ref(),
            self.5.as_ref(),
        ]
    }
}

impl<A, B, C, D, E> SplitParts for (A, B, C, D, E)
where
    A: AsRef<str>,
    B: AsRef<str>,
    C: AsRef<str>,
    D: AsRef<str>,
    E: AsRef<str>,
{
    fn split_parts(&self) -> [&str; 5] {
        [
            self.0.as_ref(),
            self.1.as_ref(),
            self.2.as_ref(),
            self.3.as_ref(),
            self.4.as_ref(),
        ]
    }
}

/// Join six parts into a URL, as Python's `urlunparse(parts)`: `params`
/// goes after a `;`, empty query and fragment leave no `?`/`#`.
///
/// ```
/// use netlib::urllib::parse::urlunparse;
/// // Python: urlunparse(('http', 'www.cwi.nl:80', '/%7Eguido/Python.html', '', '', ''))
/// assert_eq!(
///     urlunparse(("http", "www.cwi.nl:80", "/%7Eguido/Python.html", "", "", "")),
///     "http://www.cwi.nl:80/%7Eguido/Python.html"
/// );
/// // Python: urlunparse(['http', 'h', 'p', 'x', 'q', ''])  ->  'http://h/p;x?q'
/// assert_eq!(urlunparse(["http", "h", "p", "x", "q", ""]), "http://h/p;x?q");
/// ```
pub fn urlunparse(parts: impl ParseParts) -> String {
    let [scheme, netloc, path, params, query, fragment] = parts.parse_parts();
    if params.is_empty() {
        urlunsplit([scheme, netloc, path, query, fragment])
    } else {
        let path = format!("{path};{params}");
        urlunsplit([scheme, netloc, &path, query, fragment])
    }
}

/// Join five parts into a URL, as Python's `urlunsplit(parts)`.
///
/// ```
/// use netlib::urllib::parse::urlunsplit;
/// // Python: urlunsplit(('https', 'host', 'a/b', 'q=1', ''))  ->  'https://host/a/b?q=1'
/// assert_eq!(urlunsplit(("https", "host", "a/b", "q=1", "")), "https://host/a/b?q=1");
/// // Python: urlunsplit(('file', '', '/tmp/x', '', ''))  ->  'file:///tmp/x'
/// assert_eq!(urlunsplit(["file", "", "/tmp/x", "", ""]), "file:///tmp/x");
/// ```
pub fn urlunsplit(parts: impl SplitParts) -> String {
    let [scheme, netloc, path, query, fragment] = parts.split_parts();
    let mut url = String::with_capacity(
        scheme.len() + netloc.len() + path.len() + query.len() + fragment.len() + 6,
    );
    if !scheme.is_empty() {
        url.push_str(scheme);
        url.push(':');
    }
    if !netloc.is_empty() {
        url.push_str("//");
        url.push_str(netloc);
        if !path.is_empty() && !path.starts_with('/') {
            url.push('/');
        }
    } else if path.starts_with("//")
        || (!scheme.is_empty()
            && USES_NETLOC.contains(&scheme)
            && (path.is_empty() || path.starts_with('/')))
    {
        // An empty netloc must still be written when the path would
        // otherwise be read back as one, or the scheme expects one.
        url.push_str("//");
    }
    url.push_str(path);
    if !query.is_empty() {
        url.push('?');
        url.push_str(query);
    }
    if !fragment.is_empty() {
        url.push('#');
        url.push_str(fragment);
    }
    url
}
