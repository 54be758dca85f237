//! The one error type of `urllib::parse`.

use std::fmt;

/// What went wrong in a `urllib::parse` call; see [`Error::kind`].
///
/// ```
/// use netlib::urllib::parse::{ErrorKind, urlsplit};
/// // Python: urlsplit('http://[127.0.0.1]/')  ->  ValueError: An IPv4 address cannot be in brackets
/// let err = urlsplit("http://[127.0.0.1]/").unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::InvalidBracketedHost);
/// assert_eq!(err.to_string(), "An IPv4 address cannot be in brackets");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// `Invalid IPv6 URL`: a netloc with `[` but no `]`, or the reverse.
    InvalidIpv6Url,
    /// The text between `[` and `]` is neither an IPv6 address nor a valid
    /// `vX.…` IPvFuture literal (Python asks `ipaddress.ip_address`).
    InvalidBracketedHost,
    /// A non-ASCII netloc whose NFKC form holds `/ ? # @ :` (`℀` is `a/c`).
    NfkcNetloc,
    /// `port` is not made of ASCII digits.
    PortNotInteger,
    /// `port` is a number above 65535.
    PortOutOfRange,
    /// `port` has more than 4,300 digits, `int()`'s limit
    /// (`sys.get_int_max_str_digits()`).
    IntMaxStrDigits,
    /// `parse_qsl(..., strict_parsing=True)` met a field without `=`.
    BadQueryField,
    /// `parse_qsl(..., max_num_fields=n)` counted more than `n` fields.
    MaxNumFieldsExceeded,
    /// `parse_qsl(..., separator='')`.
    BadSeparator,
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
/// assert_eq!(err.kind(), ErrorKind::InvalidIpv6Url);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Error {
    kind: ErrorKind,
    message: String,
}

impl Error {
    pub(super) fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error {
            kind,
            message: message.into(),
        }
    }

    /// Which failure this is.
    ///
    /// ```
    /// use netlib::urllib::parse::{ErrorKind, urlparse};
    /// // Python: urlparse('http://h:99999').port  ->  ValueError: Port out of range 0-65535
    /// let err = urlparse("http://h:99999")?.port().unwrap_err();
    /// assert_eq!(err.kind(), ErrorKind::PortOutOfRange);
    /// # Ok::<(), netlib::urllib::parse::Error>(())
    /// ```
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The Python exception class, always `ValueError` here.
    ///
    /// ```
    /// use netlib::urllib::parse::urlsplit;
    /// // Python: urlsplit('http://[abc]')  ->  ValueError: 'abc' does not appear to be an IPv4 or IPv6 address
    /// assert_eq!(urlsplit("http://[abc]").unwrap_err().python_class(), "ValueError");
    /// ```
    pub fn python_class(&self) -> &'static str {
        "ValueError"
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}
