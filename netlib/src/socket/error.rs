//! `socket::Error`: one type for every exception Python's `socket` functions
//! raise, printing what `str(exc)` prints.

use crate::repr::str_repr;

crate::exception::python_error! {
    /// The Python exception class an [`Error`] stands for.
    pub enum ErrorKind {
        /// `socket.gaierror`: a `getaddrinfo()`/`getnameinfo()` failure, errno
        /// is the `EAI_*` code (`-2` = `EAI_NONAME`).
        Gaierror => "gaierror",
        /// `socket.herror`: a `gethostbyname_r()`/`gethostbyaddr_r()` failure,
        /// errno is the `h_errno` code (`1` = `HOST_NOT_FOUND`).
        Herror => "herror",
        /// `OSError`, with or without an errno (`service/proto not found` has none).
        OSError => "OSError",
        /// `ValueError` (`embedded null character`, bad packed length, …).
        ValueError => "ValueError",
        /// `OverflowError` (`getservbyport: port must be 0-65535.`).
        OverflowError => "OverflowError",
        /// `TypeError` (a host name holding a NUL byte).
        TypeError => "TypeError",
        /// `UnicodeEncodeError` from the `idna` codec Python runs on host names.
        UnicodeEncodeError => "UnicodeEncodeError",
        /// `TimeoutError`: `ETIMEDOUT`, or a socket timeout (`timed out`, no errno).
        TimeoutError => "TimeoutError",
        /// `ConnectionRefusedError` (`ECONNREFUSED`).
        ConnectionRefusedError => "ConnectionRefusedError",
        /// `ConnectionResetError` (`ECONNRESET`).
        ConnectionResetError => "ConnectionResetError",
        /// `ConnectionAbortedError` (`ECONNABORTED`).
        ConnectionAbortedError => "ConnectionAbortedError",
        /// `BrokenPipeError` (`EPIPE`, `ESHUTDOWN`).
        BrokenPipeError => "BrokenPipeError",
        /// `BlockingIOError` (`EAGAIN`, `EALREADY`, `EINPROGRESS`).
        BlockingIOError => "BlockingIOError",
        /// `InterruptedError` (`EINTR`).
        InterruptedError => "InterruptedError",
        /// `PermissionError` (`EACCES`, `EPERM`).
        PermissionError => "PermissionError",
        /// `FileNotFoundError` (`ENOENT`).
        FileNotFoundError => "FileNotFoundError",
        /// `FileExistsError` (`EEXIST`).
        FileExistsError => "FileExistsError",
        /// `IsADirectoryError` (`EISDIR`).
        IsADirectoryError => "IsADirectoryError",
        /// `NotADirectoryError` (`ENOTDIR`).
        NotADirectoryError => "NotADirectoryError",
        /// `ChildProcessError` (`ECHILD`).
        ChildProcessError => "ChildProcessError",
        /// `ProcessLookupError` (`ESRCH`).
        ProcessLookupError => "ProcessLookupError",
    }

    /// The error of every fallible `socket` function.
    ///
    /// `Display` is Python's `str(exc)`, `Debug` is Python's `repr(exc)`.
    ///
    /// ```
    /// use netlib::socket;
    ///
    /// // Python: socket.getaddrinfo('127.0.0.1', 'nope')
    /// //         socket.gaierror: [Errno -8] Servname not supported for ai_socktype
    /// let err = socket::getaddrinfo("127.0.0.1", "nope").unwrap_err();
    /// assert_eq!(err.to_string(), "[Errno -8] Servname not supported for ai_socktype");
    /// assert_eq!(err.python_class(), "gaierror");
    /// assert_eq!(err.errno(), Some(-8));
    /// assert_eq!(format!("{err:?}"), "gaierror(-8, 'Servname not supported for ai_socktype')");
    /// ```
    pub struct Error {
        /// `exc.errno`.
        errno: Option<i32>,
    }
    debug: "OSError('service/proto not found')",
    example: {
        module: netlib::socket,
        python: "socket.getservbyname('nope')",
        rust: socket::getservbyname("nope", None),
        kind: OSError,
        class: "OSError",
        message: "service/proto not found",
    }
}

/// The `OSError` subclass CPython's `OSError(errno, strerror)` becomes
/// (the `errnomap` of `Objects/exceptions.c`); plain `OSError` otherwise,
/// e.g. for `EADDRINUSE`.
fn class_of_errno(errno: i32) -> ErrorKind {
    match errno {
        libc::ETIMEDOUT => ErrorKind::TimeoutError,
        libc::ECONNREFUSED => ErrorKind::ConnectionRefusedError,
        libc::ECONNRESET => ErrorKind::ConnectionResetError,
        libc::ECONNABORTED => ErrorKind::ConnectionAbortedError,
        libc::EPIPE | libc::ESHUTDOWN => ErrorKind::BrokenPipeError,
        libc::EAGAIN | libc::EALREADY | libc::EINPROGRESS => ErrorKind::BlockingIOError,
        libc::EINTR => ErrorKind::InterruptedError,
        libc::EACCES | libc::EPERM => ErrorKind::PermissionError,
        libc::ENOENT => ErrorKind::FileNotFoundError,
        libc::EEXIST => ErrorKind::FileExistsError,
        libc::EISDIR => ErrorKind::IsADirectoryError,
        libc::ENOTDIR => ErrorKind::NotADirectoryError,
        libc::ECHILD => ErrorKind::ChildProcessError,
        libc::ESRCH => ErrorKind::ProcessLookupError,
        _ => ErrorKind::OSError,
    }
}

impl Error {
    /// An exception carrying `(errno, strerror)` as Python's `OSError`
    /// family does: `str()` is `[Errno N] text`.
    pub(crate) fn with_errno(kind: ErrorKind, errno: i32, strerror: impl Into<String>) -> Self {
        let strerror = strerror.into();
        let args = format!("{errno}, {}", str_repr(&strerror));
        Error {
            errno: Some(errno),
            ..Error::new(kind, format!("[Errno {errno}] {strerror}")).with_args(args)
        }
    }

    /// `OSError` from a C `errno`, with the C library's text as Python
    /// gets it from `strerror()`; the class is the subclass CPython's
    /// `OSError(errno, …)` picks (`ECONNREFUSED` → `ConnectionRefusedError`).
    pub(crate) fn from_errno(errno: i32) -> Self {
        Error::with_errno(
            class_of_errno(errno),
            errno,
            crate::exception::strerror(errno),
        )
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
        let args = format!(
            "'idna', {}, {start}, {end}, {}",
            str_repr(input),
            str_repr(reason)
        );
        Error::new(ErrorKind::UnicodeEncodeError, message).with_args(args)
    }

    /// Python's `exc.errno`: the `EAI_*` code of a `gaierror`, the `h_errno`
    /// of an `herror`, the C `errno` of an `OSError`; `None` where Python
    /// has `None`.
    ///
    /// ```
    /// // Python: socket.getaddrinfo('127.0.0.1', 'nope')  →  gaierror: [Errno -8] …; e.errno
    /// let err = netlib::socket::getaddrinfo("127.0.0.1", "nope").unwrap_err();
    /// assert_eq!(err.errno(), Some(-8));
    /// ```
    pub fn errno(&self) -> Option<i32> {
        self.errno
    }

    /// Python's `exc.strerror` for errors that carry an errno, else the
    /// single message.
    ///
    /// ```
    /// // Python: e.strerror  →  'Servname not supported for ai_socktype'
    /// let err = netlib::socket::getaddrinfo("127.0.0.1", "nope").unwrap_err();
    /// assert_eq!(err.strerror(), "Servname not supported for ai_socktype");
    /// ```
    pub fn strerror(&self) -> &str {
        // str() of an exception with an errno is `[Errno N] strerror`.
        let prefix = self.errno.map(|n| format!("[Errno {n}] "));
        prefix
            .and_then(|p| self.message.strip_prefix(&p))
            .unwrap_or(&self.message)
    }
}
