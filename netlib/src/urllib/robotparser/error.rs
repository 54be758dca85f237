//! The one error type of `urllib::robotparser`.

use crate::urllib;

crate::exception::python_error! {
    /// Which Python exception an [`Error`] is.
    pub enum ErrorKind {
        /// `ValueError`: `urlparse` rejected a URL (`Invalid IPv6 URL`), or
        /// `int()` a `Crawl-delay` / `Request-rate` number (`'²'` is a digit
        /// for `isdigit()`, not for `int()`).
        ValueError => "ValueError",
        /// `UnicodeDecodeError`: [`read`](super::RobotFileParser::read) got a
        /// body that is not UTF-8.
        UnicodeDecodeError => "UnicodeDecodeError",
        /// `urllib.error.URLError`: `read` got no answer; [`Error::url_error`] has it.
        URLError => "urllib.error.URLError",
        /// `urllib.error.HTTPError`: an answer `read` does not handle itself
        /// ([`Error::url_error`] has it).
        HTTPError => "urllib.error.HTTPError",
    }

    /// The error of `urllib::robotparser`: `Display` is Python's `str(exc)`.
    ///
    /// ```
    /// use netlib::urllib::robotparser::{ErrorKind, RobotFileParser};
    ///
    /// let mut rp = RobotFileParser::new();
    /// // Python: rp.parse(['User-agent: *', 'Crawl-delay: ²'])
    /// //         ValueError: invalid literal for int() with base 10: '²'
    /// let err = rp.parse(["User-agent: *", "Crawl-delay: ²"]).unwrap_err();
    /// assert_eq!(err.kind(), ErrorKind::ValueError);
    /// assert_eq!(err.to_string(), "invalid literal for int() with base 10: '²'");
    /// ```
    pub struct Error {
        // Boxed: a URLError is large, and most errors here are not one.
        url_error: Option<Box<urllib::error::Error>>,
    }
    debug: custom,
    example: {
        module: netlib::urllib::robotparser,
        python: "RobotFileParser().set_url('http://[::1')",
        rust: RobotFileParser::new().set_url("http://[::1"),
        kind: ValueError,
        class: "ValueError",
        message: "Invalid IPv6 URL",
    }
}

impl Error {
    pub(super) fn value(message: String) -> Error {
        Error::new(ErrorKind::ValueError, message)
    }

    pub(super) fn unicode_decode(message: String) -> Error {
        Error::new(ErrorKind::UnicodeDecodeError, message)
    }

    /// The `urllib.error` exception behind a failed `read`.
    ///
    /// ```
    /// use netlib::urllib::robotparser::RobotFileParser;
    /// assert!(RobotFileParser::new().set_url("http://[::1").unwrap_err().url_error().is_none());
    /// ```
    pub fn url_error(&self) -> Option<&urllib::error::Error> {
        self.url_error.as_deref()
    }
}

impl From<urllib::parse::Error> for Error {
    fn from(e: urllib::parse::Error) -> Error {
        Error::value(e.to_string())
    }
}

impl From<urllib::error::Error> for Error {
    fn from(e: urllib::error::Error) -> Error {
        let kind = match e.kind() {
            urllib::error::ErrorKind::HTTPError => ErrorKind::HTTPError,
            _ => ErrorKind::URLError,
        };
        let message = e.to_string();
        Error {
            url_error: Some(Box::new(e)),
            ..Error::new(kind, message)
        }
    }
}

/// `repr(exc)`: the `urllib.error` exception's own repr for a failed `read`.
///
/// ```
/// use netlib::urllib::robotparser::RobotFileParser;
/// // Python: repr(e) of RobotFileParser().set_url('http://[::1')
/// let err = RobotFileParser::new().set_url("http://[::1").unwrap_err();
/// assert_eq!(format!("{err:?}"), "ValueError('Invalid IPv6 URL')");
/// ```
impl std::fmt::Debug for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.url_error {
            Some(e) => write!(f, "{e:?}"),
            None => write!(f, "{}({})", self.kind.python_name(), self.args_repr()),
        }
    }
}
