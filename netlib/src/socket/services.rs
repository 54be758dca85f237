//! The services and protocols databases (`/etc/services`, `/etc/protocols`
//! through NSS): `getservbyname`, `getservbyport`, `getprotobyname`.
//!
//! CPython calls the non-reentrant `getservbyname()` & co. under the GIL;
//! the `_r` variants used here read the same databases and are safe to call
//! from several threads.

use std::ffi::CString;

use super::convert::c_arg;
use super::error::{Error, ErrorKind};
use super::ffi;

fn opt_arg(proto: Option<&str>) -> Result<Option<CString>, Error> {
    proto.map(c_arg).transpose()
}

/// Python `socket.getservbyname(servicename[, protocolname])`: the port of
/// a service. With `proto = None` any protocol matches.
///
/// ```
/// use netlib::socket;
///
/// // Python: socket.getservbyname('http')           → 80
/// assert_eq!(socket::getservbyname("http", None)?, 80);
/// // Python: socket.getservbyname('telnet', 'tcp')  → 23
/// assert_eq!(socket::getservbyname("telnet", Some("tcp"))?, 23);
/// // Python: socket.getservbyname('http', 'nope')   → OSError
/// assert_eq!(socket::getservbyname("http", Some("nope")).unwrap_err().to_string(),
///            "service/proto not found");
/// # Ok::<(), socket::Error>(())
/// ```
pub fn getservbyname(servicename: &str, protocolname: Option<&str>) -> Result<u16, Error> {
    let name = c_arg(servicename)?;
    let proto = opt_arg(protocolname)?;
    ffi::serv_by_name(&name, proto.as_deref())
        .map(|(_, port)| port)
        .ok_or_else(|| Error::new(ErrorKind::OSError, "service/proto not found"))
}

/// Python `socket.getservbyport(port[, protocolname])`: the service name of
/// a port.
///
/// `port` is any integer type that fits `i64` (`80`, `80u16`, `-1i64`, …),
/// so Python's checks can be mirrored: outside C `int` it fails as CPython's
/// argument parser does (`signed integer is greater than maximum`), outside
/// 0–65535 with `getservbyport: port must be 0-65535.`, both `OverflowError`.
///
/// ```
/// use netlib::socket;
///
/// // Python: socket.getservbyport(443)        → 'https'
/// assert_eq!(socket::getservbyport(443, None)?, "https");
/// // Python: socket.getservbyport(53, 'udp')  → 'domain'
/// assert_eq!(socket::getservbyport(53, Some("udp"))?, "domain");
/// // Python: socket.getservbyport(70000)      → OverflowError
/// let err = socket::getservbyport(70000, None).unwrap_err();
/// assert_eq!((err.python_class(), err.to_string().as_str()),
///            ("OverflowError", "getservbyport: port must be 0-65535."));
/// # Ok::<(), socket::Error>(())
/// ```
pub fn getservbyport(port: impl Into<i64>, protocolname: Option<&str>) -> Result<String, Error> {
    let port: i64 = port.into();
    // CPython's "i" converter runs first, then the "s" one, then the range check.
    let port = i32::try_from(port).map_err(|_| {
        let text = if port > 0 {
            "signed integer is greater than maximum"
        } else {
            "signed integer is less than minimum"
        };
        Error::new(ErrorKind::OverflowError, text)
    })?;
    let proto = opt_arg(protocolname)?;
    let Ok(port) = u16::try_from(port) else {
        return Err(Error::new(
            ErrorKind::OverflowError,
            "getservbyport: port must be 0-65535.",
        ));
    };
    ffi::serv_by_port(i32::from(port.to_be()), proto.as_deref())
        .ok_or_else(|| Error::new(ErrorKind::OSError, "port/proto not found"))
}

/// Python `socket.getprotobyname(name)`: a protocol's number.
///
/// ```
/// use netlib::socket;
///
/// // Python: socket.getprotobyname('tcp')   → 6
/// assert_eq!(socket::getprotobyname("tcp")?, 6);
/// // Python: socket.getprotobyname('icmp')  → 1
/// assert_eq!(socket::getprotobyname("icmp")?, 1);
/// // Python: socket.getprotobyname('nope')  → OSError
/// assert_eq!(socket::getprotobyname("nope").unwrap_err().to_string(), "protocol not found");
/// # Ok::<(), socket::Error>(())
/// ```
pub fn getprotobyname(name: &str) -> Result<i32, Error> {
    let name = c_arg(name)?;
    ffi::proto_by_name(&name).ok_or_else(|| Error::new(ErrorKind::OSError, "protocol not found"))
}
