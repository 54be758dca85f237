//! `socket::Error`: one type for every exception Python's `socket` functions
//! raise, printing what `str(exc)` prints.

use std::fmt;

use crate::repr::str_repr;

/// The Python exception class an [`Error`] stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// `socket.gaierror`: a `getaddrinfo()`/`getnameinfo()` failure, errno
    /// is the `EAI_*` code (`-2` = `EAI_NONAME`).
    Gaierror,
    /// `socket.herror`: a `gethostbyname_r()`/`gethostbyaddr_r()` failure,
    /// errno is the `h_errno` code (`1` = `HOST_NOT_FOUND`).
    Herror,
    /// `OSError`, with or without an errno (`service/proto not found` has none).
    OSError,
    /// `ValueError` (`embedded null character`, bad packed length, …).
    ValueError,
    /// `OverflowError` (`getservbyport: port must be 0-65535.`).
    OverflowError,
    /// `TypeError` (a host name holding a NUL byte).
    TypeError,
    /// `UnicodeEncodeError` from the `idna` codec Python runs on host names.
    UnicodeEncodeError,
    /// `TimeoutError`: `ETIMEDOUT`, or a socket timeout (`timed out`, no errno).
    TimeoutError,
    /// `ConnectionRefusedError` (`ECONNREFUSED`).
    ConnectionRefusedError,
    /// `ConnectionResetError` (`ECONNRESET`).
    ConnectionResetError,
    /// `ConnectionAbortedError` (`ECONNABORTED`).
    ConnectionAbortedError,
    /// `BrokenPipeError` (`EPIPE`, `ESHUTDOWN`).
    BrokenPipeError,
    /// `BlockingIOError` (`EAGAIN`, `EALREADY`, `EINPROGRESS`).
    BlockingIOError,
    /// `InterruptedError` (`EINTR`).
    InterruptedError,
    /// `PermissionError` (`EACCES`, `EPERM`).
    PermissionError,
    /// `FileNotFoundError` (`ENOENT`).
    FileNotFoundError,
    /// `FileExistsError` (`EEXIST`).
    FileExistsError,
    /// `IsADirectoryError` (`EISDIR`).
    IsADirectoryError,
    /// `NotADirectoryError` (`ENOTDIR`).
    NotADirectoryError,
    /// `ChildProcessError` (`ECHILD`).
    ChildProcessError,
    /// `ProcessLookupError` (`ESRCH`).
    ProcessLookupError,
}

impl ErrorKind {
    /// The class name Python shows, e.g. `gaierror`.
    pub fn python_name(self) -> &'static str {
        match self {
            ErrorKind::Gaierror => "gaierror",
            ErrorKind::Herror => "herror",
            ErrorKind::OSError => "OSError",
            ErrorKind::ValueError => "ValueError",
            ErrorKind::OverflowError => "OverflowError",
            ErrorKind::TypeError => "TypeError",
            ErrorKind::UnicodeEncodeError => "UnicodeEncodeError",
            ErrorKind::TimeoutError => "TimeoutError",
            ErrorKind::ConnectionRefusedError => "ConnectionRefusedError",
            ErrorKind::ConnectionResetError => "ConnectionResetError",
            ErrorKind::ConnectionAbortedError => "ConnectionAbortedError",
            ErrorKind::BrokenPipeError => "BrokenPipeError",
            ErrorKind::BlockingIOError => "BlockingIOError",
            ErrorKind::InterruptedError => "InterruptedError",
            ErrorKind::PermissionError => "PermissionError",
            ErrorKind::FileNotFoundError => "FileNotFoundError",
            ErrorKind::FileExistsError => "FileExistsError",
            ErrorKind::IsADirectoryError => "IsADirectoryError",
            ErrorKind::NotADirectoryError => "NotADirectoryError",
            ErrorKind::ChildProcessError => "ChildProcessError",
            ErrorKind::ProcessLookupError => "ProcessLookupError",
        }
    }
}

/// The error of every fallible `socket` function.
///
/// `Display` is Python's `str(exc)`, `Debug` is Python's `repr(exc)`.
///
/// ```
/// use netlib::socket;
///
/// // Python: socket.gethostbyname('testname')
/// //         socket.gaierror: [Errno -2] Name or service not known
/// let err = socket::gethostbyname("testname").unwrap_err();
/// assert_eq!(err.to_string(), "[Errno -2] Name or service not known");
/// assert_eq!(err.python_class(), "gaierror");
/// assert_eq!(err.errno(), Some(-2));
/// assert_eq!(format!("{err:?}"), "gaierror(-2, 'Name or service not known')");
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
    errno: Option<i32>,
    message: String,
    /// Python's `repr(exc.args)` without the parentheses, kept for `Debug`.
    args_repr: String,
}

impl Error {
    /// An exception carrying `(errno, strerror)` as Python's `OSError`
    /// family does: `str()` is `[Errno N] text`.
    pub(crate) fn with_errno(kind: ErrorKind, errno: i32, message: impl Into<String>) -> Self {
        let message = message.into();
        let args_repr = format!("{errno}, {}", str_repr(&message));
        Error {
            kind,
            errno: Some(errno),
            message,
            args_repr,
        }
    }

    /// An exception with one string argument.
    pub(crate) fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        let message = message.into();
        let args_repr = str_repr(&message);
        Error {
            kind,
            errno: None,
            message,
            args_repr,
        }
    }

    /// `OSError` from a C `errno`, with the C library's text as Python
    /// gets it from `strerror()`; the class is the subclass CPython's
    /// `OSError(errno, …)` picks (`ECONNREFUSED` → `ConnectionRefusedError`).
    pub(crate) fn from_errno(errno: i32) -> Self {
        let text = std::io::Error::from_raw_os_error(errno).to_string();
        // std appends " (os error N)"; Python shows strerror alone.
        let suffix = format!(" (os error {errno})");
        let text = text.strip_suffix(&suffix).unwrap_or(&text).to_string();
        Error::with_errno(super::oserror::class_of_errno(errno), errno, text)
    }

    /// CPython's `set_gaierror()`: `gaierror(code, gai_strerror(code))`, or
    /// for `EAI_SYSTEM` an `OSError` with the C `errno`.
    pub(crate) fn gai(code: i32, errno: i32) -> Self {
        if code == libc::EAI_SYSTEM {
            return Error::from_errno(if errno == 0 { libc::EIO } else { errno });
        }
        Error::with_errno(ErrorKind::Gaierror, code, super::ffi::gai_strerror(code))
    }

    /// `UnicodeEncodeError` raised by the `idna` codec; `start..end` are
    /// character positions in `input`.
    pub(crate) fn idna(input: &str, start: usize, end: usize, reason: &str) -> Self {
        let message = if end == start + 1 {
            let c = input.chars().nth(start).map_or(0, u32::from);
            let shown = if c <= 0xff {
                format!("\\x{c:02x}")
            } else if c <= 0xffff {
                format!("\\u{c:04x}")
            } else {
                format!("\\U{c:08x}")
            };
            format!("'idna' codec can't encode character '{shown}' in position {start}: {reason}")
        } else {
            format!(
                "'idna' codec can't encode characters in position {start}-{}: {reason}",
                end.saturating_sub(1)
            )
        };
        let args_repr = format!(
            "'idna', {}, {start}, {end}, {}",
            str_repr(input),
            str_repr(reason)
        );
        Error {
            kind: ErrorKind::UnicodeEncodeError,
            errno: None,
            message,
            args_repr,
        }
    }

    /// The Python exception class this error stands for.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The Python class name: `gaierror`, `herror`, `OSError`, `ValueError`,
    /// `OverflowError`, `TypeError`, `UnicodeEncodeError`, or for an
    /// [`io::Error`](std::io::Error) turned by [`py_error`](super::py_error) the
    /// `OSError` subclass CPython picks from the errno (`ConnectionRefusedError`, …).
    ///
    /// ```
    /// // Python: socket.getservbyname('nope')  →  OSError: service/proto not found
    /// let err = netlib::socket::getservbyname("nope", None).unwrap_err();
    /// assert_eq!(err.python_class(), "OSError");
    /// ```
    pub fn python_class(&self) -> &'static str {
        self.kind.python_name()
    }

    /// Python's `exc.errno`: the `EAI_*` code of a `gaierror`, the `h_errno`
    /// of an `herror`, the C `errno` of an `OSError`; `None` where Python
    /// has `None`.
    ///
    /// ```
    /// // Python: socket.gethostbyaddr('192.0.2.1')  →  herror: [Errno 1] Unknown host
    /// let err = netlib::socket::gethostbyaddr("192.0.2.1").unwrap_err();
    /// assert_eq!(err.errno(), Some(1));
    /// ```
    pub fn errno(&self) -> Option<i32> {
        self.errno
    }

    /// Python's `exc.strerror` for errors that carry an errno, else the
    /// single message.
    ///
    /// ```
    /// // Python: e.strerror  →  'Unknown host'
    /// let err = netlib::socket::gethostbyaddr("192.0.2.1").unwrap_err();
    /// assert_eq!(err.strerror(), "Unknown host");
    /// ```
    pub fn strerror(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.errno {
            Some(n) => write!(f, "[Errno {n}] {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}({})", self.kind.python_name(), self.args_repr)
    }
}

impl std::error::Error for Error {}
