//! Python's `urllib.error`: the exceptions `urlopen` raises, `HTTPError`
//! (the server answered with an error status) and `URLError` (no answer:
//! refused, unknown host, timeout), with Python's texts.
//!
//! In Rust the request is made by `ureq`; [`Error::from_ureq`] turns its
//! error into the one Python would have raised for the same request.

use crate::repr::str_repr;
use crate::socket;

/// What a `URLError` wraps: Python's `e.reason`.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Reason {
    /// An `OSError` (its class, errno and strerror) from the socket.
    Os(socket::Error),
    /// A text, as in `URLError('unknown url type: ftp')`, or an `HTTPError`'s phrase.
    Text(String),
}

impl Default for Reason {
    fn default() -> Self {
        Reason::Text(String::new())
    }
}

crate::exception::python_error! {
    /// Which of Python's two exceptions an [`Error`] is.
    pub enum ErrorKind {
        /// `urllib.error.URLError`: the request got no HTTP answer.
        URLError => "urllib.error.URLError",
        /// `urllib.error.HTTPError` (a subclass of `URLError`): the server
        /// answered with a status of 400 or more (or a redirect not followed).
        HTTPError => "urllib.error.HTTPError",
    }

    /// An exception of `urllib.error`. `Display` is Python's `str(exc)`, `Debug`
    /// its `repr(exc)`.
    ///
    /// ```
    /// use netlib::urllib::error::Error;
    ///
    /// // Python: e = HTTPError(url, 404, 'Not Found', hdrs, fp); str(e), repr(e)
    /// let e = Error::http("http://127.0.0.1/missing", 404, "Not Found");
    /// assert_eq!(e.to_string(), "HTTP Error 404: Not Found");
    /// assert_eq!(format!("{e:?}"), "<HTTPError 404: 'Not Found'>");
    /// assert_eq!((e.code(), e.reason()), (Some(404), "Not Found".to_string()));
    /// ```
    pub struct Error {
        code: u16,
        reason: Reason,
        url: String,
    }
    debug: custom,
    example: {
        module: netlib::urllib::error,
        python: "HTTPError('http://h/', 500, 'Internal Server Error', None, None)",
        rust: Err::<(), _>(Error::http("http://h/", 500, "Internal Server Error")),
        kind: HTTPError,
        class: "urllib.error.HTTPError",
        message: "HTTP Error 500: Internal Server Error",
    }
}

impl Error {
    /// Python's `HTTPError(url, code, msg, hdrs, fp)`.
    ///
    /// ```
    /// use netlib::urllib::error::Error;
    /// // Python: HTTPError('http://h/', 403, 'Forbidden', None, None).code  ->  403
    /// assert_eq!(Error::http("http://h/", 403, "Forbidden").code(), Some(403));
    /// ```
    pub fn http(url: &str, code: u16, reason: &str) -> Error {
        Error {
            code,
            reason: Reason::Text(reason.to_owned()),
            url: url.to_owned(),
            ..Error::new(ErrorKind::HTTPError, format!("HTTP Error {code}: {reason}"))
        }
    }

    /// Python's `URLError(reason)` for a socket's `OSError`, as `urlopen`
    /// raises it when the connection fails.
    ///
    /// ```
    /// use netlib::{socket, urllib::error::Error};
    /// // Python: URLError(ConnectionRefusedError(111, 'Connection refused'))
    /// let io = std::io::Error::from_raw_os_error(111);
    /// let e = Error::url(socket::py_error(&io));
    /// assert_eq!(e.to_string(), "<urlopen error [Errno 111] Connection refused>");
    /// assert_eq!(format!("{e:?}"), "URLError(ConnectionRefusedError(111, 'Connection refused'))");
    /// ```
    pub fn url(reason: socket::Error) -> Error {
        let message = format!("<urlopen error {reason}>");
        Error {
            reason: Reason::Os(reason),
            ..Error::new(ErrorKind::URLError, message)
        }
    }

    /// Python's `URLError('some text')`.
    ///
    /// ```
    /// use netlib::urllib::error::Error;
    /// // Python: urlopen('ftp://x')  ->  URLError: <urlopen error unknown url type: ftp>
    /// let e = Error::url_text("unknown url type: ftp");
    /// assert_eq!(e.to_string(), "<urlopen error unknown url type: ftp>");
    /// assert_eq!(format!("{e:?}"), "URLError('unknown url type: ftp')");
    /// ```
    pub fn url_text(reason: &str) -> Error {
        Error {
            reason: Reason::Text(reason.to_owned()),
            ..Error::new(ErrorKind::URLError, format!("<urlopen error {reason}>"))
        }
    }

    /// The exception Python's `urlopen(url)` raises where `ureq` returned
    /// `e` (an agent with the default `http_status_as_error(true)`):
    ///
    /// - a status ≥ 400 becomes `HTTPError` with the phrase Python's
    ///   `http.server` sends for it ([`crate::http::client::responses`]:
    ///   ureq keeps the code, not the server's phrase);
    /// - a socket error becomes `URLError` around the `OSError` Python's
    ///   socket raises ([`socket::py_error`]), e.g. `[Errno 111] Connection refused`;
    /// - an unknown host becomes `URLError` around `socket.gaierror`
    ///   `[Errno -2] Name or service not known`; a timeout `timed out`;
    /// - anything else keeps ureq's text.
    ///
    /// ```no_run
    /// use netlib::urllib::error::Error;
    /// // Python: urllib.request.urlopen('http://127.0.0.1:9/')
    /// //         URLError: <urlopen error [Errno 111] Connection refused>
    /// let e = ureq::get("http://127.0.0.1:9/").call().unwrap_err();
    /// println!("{}", Error::from_ureq(&e, "http://127.0.0.1:9/"));
    /// ```
    pub fn from_ureq(e: &ureq::Error, url: &str) -> Error {
        match e {
            ureq::Error::StatusCode(code) => Error::http(
                url,
                *code,
                crate::http::client::responses(*code).unwrap_or(""),
            ),
            ureq::Error::Io(io) => Error::url(socket::py_error(io)),
            ureq::Error::HostNotFound => Error::url(socket::Error::gai(libc::EAI_NONAME, 0)),
            ureq::Error::Timeout(_) => Error::url(socket::py_error(&std::io::Error::from(
                std::io::ErrorKind::TimedOut,
            ))),
            other => Error::url_text(&other.to_string()),
        }
    }

    /// `e.code` of an `HTTPError` (`None` for a `URLError`, which has no `code`).
    ///
    /// ```
    /// use netlib::urllib::error::Error;
    /// assert_eq!(Error::url_text("x").code(), None);
    /// ```
    pub fn code(&self) -> Option<u16> {
        (self.kind == ErrorKind::HTTPError).then_some(self.code)
    }

    /// `str(e.reason)`: the phrase of an `HTTPError`, the socket error's text
    /// of a `URLError`.
    ///
    /// ```
    /// use netlib::urllib::error::Error;
    /// // Python: e.reason  ->  'Not Found'
    /// assert_eq!(Error::http("http://h/", 404, "Not Found").reason(), "Not Found");
    /// ```
    pub fn reason(&self) -> String {
        match &self.reason {
            Reason::Os(e) => e.to_string(),
            Reason::Text(t) => t.clone(),
        }
    }

    /// `e.url` of an `HTTPError` (`e.filename`); empty for a `URLError`.
    ///
    /// ```
    /// use netlib::urllib::error::Error;
    /// assert_eq!(Error::http("http://h/x", 404, "Not Found").url_of(), "http://h/x");
    /// ```
    pub fn url_of(&self) -> &str {
        &self.url
    }
}

/// `repr(exc)`: `HTTPError`'s own form, `URLError(reason)` with the reason's repr.
///
/// ```
/// use netlib::urllib::error::Error;
/// // Python: repr(URLError('unknown url type: ftp'))
/// assert_eq!(format!("{:?}", Error::url_text("unknown url type: ftp")), "URLError('unknown url type: ftp')");
/// ```
impl std::fmt::Debug for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (&self.kind, &self.reason) {
            (ErrorKind::HTTPError, _) => {
                write!(f, "<HTTPError {}: {}>", self.code, str_repr(&self.reason()))
            }
            (ErrorKind::URLError, Reason::Text(t)) => write!(f, "URLError({})", str_repr(t)),
            // socket::Error's Debug is Python's repr of the OSError.
            (ErrorKind::URLError, Reason::Os(e)) => write!(f, "URLError({e:?})"),
        }
    }
}
