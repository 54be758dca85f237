//! The one error type of `urllib::robotparser`.

use std::fmt;

use crate::urllib;

/// Which Python exception an [`Error`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// `ValueError`: `urlparse` rejected a URL (`Invalid IPv6 URL`), or
    /// `int()` a `Crawl-delay` / `Request-rate` number (`'²'` is a digit
    /// for `isdigit()`, not for `int()`).
    ValueError,
    /// `UnicodeDecodeError`: [`read`](super::RobotFileParser::read) got a
    /// body that is not UTF-8.
    UnicodeDecodeError,
    /// `urllib.error.URLError`: `read` got no answer; [`Error::url_error`] has it.
    URLError,
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
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
    message: String,
    // Boxed: a URLError is large, and most errors here are not one.
    url_error: Option<Box<urllib::error::Error>>,
}

impl Error {
    pub(super) fn value(message: String) -> Error {
        Error {
            kind: ErrorKind::ValueError,
            message,
            url_error: None,
        }
    }

    pub(super) fn unicode_decode(message: String) -> Error {
        Error {
            kind: ErrorKind::UnicodeDecodeError,
            message,
            url_error: None,
        }
    }

    /// Which exception this is.
    ///
    /// ```
    /// use netlib::urllib::robotparser::{ErrorKind, RobotFileParser};
    /// // Python: RobotFileParser().can_fetch('*', 'http://[::1/x')  ->  ValueError: Invalid IPv6 URL
    /// let mut rp = RobotFileParser::new();
    /// rp.parse(["User-agent: *"])?;
    /// assert_eq!(rp.can_fetch("*", "http://[::1/x").unwrap_err().kind(), ErrorKind::ValueError);
    /// # Ok::<(), netlib::urllib::robotparser::Error>(())
    /// ```
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The Python class: `ValueError`, `UnicodeDecodeError` or `urllib.error.URLError`.
    ///
    /// ```
    /// use netlib::urllib::robotparser::RobotFileParser;
    /// let err = RobotFileParser::new().set_url("http://[::1").unwrap_err();
    /// assert_eq!(err.python_class(), "ValueError");
    /// ```
    pub fn python_class(&self) -> &'static str {
        match &self.url_error {
            Some(e) => e.python_class(),
            None => match self.kind {
                ErrorKind::UnicodeDecodeError => "UnicodeDecodeError",
                _ => "ValueError",
            },
        }
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
        Error {
            kind: ErrorKind::URLError,
            message: e.to_string(),
            url_error: Some(Box::new(e)),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}
