//! [`py_error`]: a `std::io::Error` from a socket call, as the exception
//! Python's `socket` methods raise for the same failure.

use std::io;

use super::error::{Error, ErrorKind};

/// The exception Python raises where Rust's socket call returned `e`, for a
/// socket with a timeout (Python's `settimeout`, Rust's `set_read_timeout`):
/// `Display` is `str(exc)`, [`Error::python_class`] its class.
///
/// - An OS error becomes `OSError(errno, strerror(errno))`, of the subclass
///   CPython picks: `ECONNREFUSED` → `ConnectionRefusedError: [Errno 111]
///   Connection refused`, `EADDRINUSE` → plain `OSError: [Errno 98] Address
///   already in use`.
/// - A read or write timeout (Rust: `EAGAIN`, [`io::ErrorKind::WouldBlock`];
///   or [`io::ErrorKind::TimedOut`] without an errno, as from
///   `connect_timeout`) becomes Python's `TimeoutError: timed out`, no errno.
/// - Any other error (e.g. `read_exact`'s `UnexpectedEof`) becomes `OSError`
///   with Rust's message.
///
/// For a non-blocking socket (Python `setblocking(False)`) use
/// [`py_error_nonblocking`].
///
/// ```
/// use std::io::Read;
/// use std::net::{TcpListener, TcpStream};
/// use std::time::Duration;
/// use netlib::socket;
///
/// // Python: port = socket.create_server(('127.0.0.1', 0)); s.close()
/// //         socket.create_connection(('127.0.0.1', port))
/// //         ConnectionRefusedError: [Errno 111] Connection refused
/// let port = TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
/// let e = socket::py_error(&TcpStream::connect(("127.0.0.1", port)).unwrap_err());
/// assert_eq!(format!("{}: {e}", e.python_class()), "ConnectionRefusedError: [Errno 111] Connection refused");
/// assert_eq!(e.errno(), Some(111));
///
/// // Python: conn.settimeout(0.05); conn.recv(10)  →  TimeoutError: timed out
/// let server = TcpListener::bind("127.0.0.1:0")?;
/// let mut conn = TcpStream::connect(server.local_addr()?)?;
/// conn.set_read_timeout(Some(Duration::from_millis(50)))?;
/// let e = socket::py_error(&conn.read(&mut [0; 10]).unwrap_err());
/// assert_eq!((e.python_class(), e.to_string(), e.errno()), ("TimeoutError", "timed out".into(), None));
///
/// // Python: sock.bind(('127.0.0.1', port)) twice  →  OSError: [Errno 98] Address already in use
/// let e = socket::py_error(&TcpListener::bind(server.local_addr()?).unwrap_err());
/// assert_eq!(format!("{}: {e}", e.python_class()), "OSError: [Errno 98] Address already in use");
/// # Ok::<(), std::io::Error>(())
/// ```
pub fn py_error(e: &io::Error) -> Error {
    match e.raw_os_error() {
        Some(libc::EAGAIN) => timed_out(),
        Some(n) => Error::from_errno(n),
        None if matches!(
            e.kind(),
            io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
        ) =>
        {
            timed_out()
        }
        None => Error::new(ErrorKind::OSError, e.to_string()),
    }
}

/// As [`py_error`], for a non-blocking socket (Python `setblocking(False)`,
/// Rust `set_nonblocking(true)`): `EAGAIN` is then Python's
/// `BlockingIOError: [Errno 11] Resource temporarily unavailable`.
///
/// ```
/// use std::io::Read;
/// use std::net::{TcpListener, TcpStream};
///
/// // Python: sock.setblocking(False); sock.recv(10)
/// //         BlockingIOError: [Errno 11] Resource temporarily unavailable
/// let server = TcpListener::bind("127.0.0.1:0")?;
/// let mut sock = TcpStream::connect(server.local_addr()?)?;
/// sock.set_nonblocking(true)?;
/// let e = netlib::socket::py_error_nonblocking(&sock.read(&mut [0; 10]).unwrap_err());
/// assert_eq!(format!("{}: {e}", e.python_class()), "BlockingIOError: [Errno 11] Resource temporarily unavailable");
/// # Ok::<(), std::io::Error>(())
/// ```
pub fn py_error_nonblocking(e: &io::Error) -> Error {
    match e.raw_os_error() {
        Some(n) => Error::from_errno(n),
        None => py_error(e),
    }
}

fn timed_out() -> Error {
    Error::new(ErrorKind::TimeoutError, "timed out")
}

/// `?` on an `io::Result` in a function returning `socket::Error`: the
/// error as [`py_error`] turns it.
///
/// ```
/// use std::net::TcpListener;
///
/// // Python: socket.create_server(('127.0.0.1', 0)).getsockname()[1]
/// fn port() -> Result<u16, netlib::socket::Error> {
///     Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
/// }
/// assert!(port()? > 0);
/// # Ok::<(), netlib::socket::Error>(())
/// ```
impl From<io::Error> for Error {
    fn from(e: io::Error) -> Self {
        py_error(&e)
    }
}
