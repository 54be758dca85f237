//! The one error type of `urllib::parse`.

crate::exception::python_error! {
    /// Which Python exception an [`Error`] is: every `urllib.parse` failure is
    /// a `ValueError`; the message tells them apart, as in Python.
    ///
    /// ```
    /// use netlib::urllib::parse::{ErrorKind, urlsplit};
    /// // Python: urlsplit('http://[127.0.0.1]/')  ->  ValueError: An IPv4 address cannot be in brackets
    /// let err = urlsplit("http://[127.0.0.1]/").unwrap_err();
    /// assert_eq!(err.kind(), ErrorKind::ValueError);
    /// assert_eq!(err.to_string(), "An IPv4 address cannot be in brackets");
    /// ```
    pub enum ErrorKind {
        /// `ValueError`: `Invalid IPv6 URL`, a bracketed host that is not IPv6
        /// or IPvFuture, a non-ASCII netloc whose NFKC form holds `/ ? # @ :`,
        /// a port that is not an integer, above 65535 or of more than 4,300
        /// digits (`int()`'s limit), the `parse_qsl` argument checks.
        ValueError => "ValueError",
    }

    /// The error of every fallible `urllib::parse` function.
    ///
    /// `Display` prints Python's `str(exc)`; every failure is a `ValueError` in
    /// Python, which [`python_class`](Error::python_class) reports.
    ///
    /// ```
    /// use netlib::urllib::parse::{ErrorKind, urlparse};
    ///
    /// // Python: urlparse('http://[::1/')  ->  ValueError: Invalid IPv6 URL
    /// let err = urlparse("http://[::1/").unwrap_err();
    /// assert_eq!(err.to_string(), "Invalid IPv6 URL");
    /// assert_eq!(err.python_class(), "ValueError");
    /// assert_eq!(err.kind(), ErrorKind::ValueError);
    /// ```
    #[derive(Hash)]
    pub struct Error {}
    debug: "ValueError('Invalid IPv6 URL')",
    example: {
        module: netlib::urllib::parse,
        python: "urlparse('http://[::1/')",
        rust: urlparse("http://[::1/"),
        kind: ValueError,
        class: "ValueError",
        message: "Invalid IPv6 URL",
    }
}

impl Error {
    /// Python's `ValueError(message)`, the only class `urllib.parse` raises.
    pub(super) fn value(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::ValueError, message)
    }
}
