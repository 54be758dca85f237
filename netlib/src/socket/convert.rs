//! Address text ↔ packed bytes (`inet_aton`, `inet_ntoa`, `inet_pton`,
//! `inet_ntop`) and byte-order swaps (`htons`, …).

use std::ffi::CString;

use super::constants::AddressFamily;
use super::error::{Error, ErrorKind};
use super::ffi;

/// Python's `"s"` argument converter: a `str` holding NUL is refused.
pub(crate) fn c_arg(s: &str) -> Result<CString, Error> {
    CString::new(s).map_err(|_| Error::new(ErrorKind::ValueError, "embedded null character"))
}

/// Python `socket.inet_aton(ip)`: the C library's `inet_aton`, so the
/// classic short forms work (`127.1`, `0x7f.1`, `017.0.0.1` is octal) and
/// anything after the address and a space is ignored, exactly as in C.
///
/// ```
/// use netlib::socket;
///
/// // Python: socket.inet_aton('203.249.39.46')  → b'\xcb\xf9\x27\x2e'
/// assert_eq!(socket::inet_aton("203.249.39.46")?, [0xcb, 0xf9, 0x27, 0x2e]);
/// // Python: socket.inet_aton('127.1')          → b'\x7f\x00\x00\x01'
/// assert_eq!(socket::inet_aton("127.1")?, [127, 0, 0, 1]);
/// // Python: socket.inet_aton('1.2.3.256')      → OSError
/// assert_eq!(socket::inet_aton("1.2.3.256").unwrap_err().to_string(),
///            "illegal IP address string passed to inet_aton");
/// # Ok::<(), socket::Error>(())
/// ```
pub fn inet_aton(ip_string: &str) -> Result<[u8; 4], Error> {
    let c = c_arg(ip_string)?;
    ffi::aton(&c).ok_or_else(|| {
        Error::new(
            ErrorKind::OSError,
            "illegal IP address string passed to inet_aton",
        )
    })
}

/// Python `socket.inet_ntoa(packed)`: four bytes to dotted-quad text.
///
/// ```
/// use netlib::socket;
///
/// // Python: socket.inet_ntoa(b'\x7f\x00\x00\x01')  → '127.0.0.1'
/// assert_eq!(socket::inet_ntoa(&[127, 0, 0, 1])?, "127.0.0.1");
/// // Python: socket.inet_ntoa(b'123')               → OSError
/// assert_eq!(socket::inet_ntoa(b"123").unwrap_err().to_string(),
///            "packed IP wrong length for inet_ntoa");
/// # Ok::<(), socket::Error>(())
/// ```
pub fn inet_ntoa(packed_ip: &[u8]) -> Result<String, Error> {
    match <[u8; 4]>::try_from(packed_ip) {
        Ok(octets) => Ok(std::net::Ipv4Addr::from(octets).to_string()),
        Err(_) => Err(Error::new(
            ErrorKind::OSError,
            "packed IP wrong length for inet_ntoa",
        )),
    }
}

/// Python `socket.inet_pton(family, ip)`: strict text to packed bytes
/// (4 for `AF_INET`, 16 for `AF_INET6`). `family` is an [`AddressFamily`]
/// or a plain `i32`, as Python takes any `int`.
///
/// ```
/// use netlib::socket;
///
/// // Python: socket.inet_pton(socket.AF_INET6, '::1')
/// assert_eq!(socket::inet_pton(socket::AF_INET6, "::1")?.last(), Some(&1));
/// // Python: socket.inet_pton(socket.AF_INET, '127.1')  → OSError (no short forms)
/// assert_eq!(socket::inet_pton(socket::AF_INET, "127.1").unwrap_err().to_string(),
///            "illegal IP address string passed to inet_pton");
/// // Python: socket.inet_pton(99, '1.2.3.4')            → OSError(97, ...)
/// assert_eq!(socket::inet_pton(99, "1.2.3.4").unwrap_err().errno(), Some(97));
/// # Ok::<(), socket::Error>(())
/// ```
pub fn inet_pton(family: impl Into<AddressFamily>, ip_string: &str) -> Result<Vec<u8>, Error> {
    let af = family.into().value();
    let c = c_arg(ip_string)?;
    match ffi::pton(af, &c) {
        Err(errno) => Err(Error::from_errno(errno)),
        Ok(None) => Err(Error::new(
            ErrorKind::OSError,
            "illegal IP address string passed to inet_pton",
        )),
        Ok(Some(bytes)) => match af {
            libc::AF_INET => Ok(bytes[..4].to_vec()),
            libc::AF_INET6 => Ok(bytes.to_vec()),
            _ => Err(Error::new(ErrorKind::OSError, "unknown address family")),
        },
    }
}

/// Python `socket.inet_ntop(family, packed)`: packed bytes to text, with
/// the C library's formatting (`::ffff:1.2.3.4`, `::1.2.3.4`).
///
/// ```
/// use netlib::socket;
///
/// // Python: socket.inet_ntop(socket.AF_INET6, bytes(16))  → '::'
/// assert_eq!(socket::inet_ntop(socket::AF_INET6, &[0; 16])?, "::");
/// // Python: socket.inet_ntop(socket.AF_INET, b'123')      → ValueError
/// assert_eq!(socket::inet_ntop(socket::AF_INET, b"123").unwrap_err().to_string(),
///            "invalid length of packed IP address string");
/// // Python: socket.inet_ntop(99, b'1234')                 → ValueError
/// assert_eq!(socket::inet_ntop(99, b"1234").unwrap_err().to_string(),
///            "unknown address family 99");
/// # Ok::<(), socket::Error>(())
/// ```
pub fn inet_ntop(family: impl Into<AddressFamily>, packed_ip: &[u8]) -> Result<String, Error> {
    let af = family.into().value();
    let need = match af {
        libc::AF_INET => 4,
        libc::AF_INET6 => 16,
        _ => {
            return Err(Error::new(
                ErrorKind::ValueError,
                format!("unknown address family {af}"),
            ));
        }
    };
    if packed_ip.len() != need {
        return Err(Error::new(
            ErrorKind::ValueError,
            "invalid length of packed IP address string",
        ));
    }
    ffi::ntop(af, packed_ip).map_err(Error::from_errno)
}

/// Python `socket.htons(x)`: host to network (big-endian) order, 16 bits.
///
/// ```
/// // Python: hex(socket.htons(1234))  → '0xd204'  (on a little-endian host)
/// # #[cfg(target_endian = "little")]
/// assert_eq!(netlib::socket::htons(1234), 0xd204);
/// ```
pub const fn htons(x: u16) -> u16 {
    x.to_be()
}

/// Python `socket.ntohs(x)`: network to host order, 16 bits.
///
/// ```
/// // Python: hex(socket.ntohs(socket.htons(1234)))  → '0x4d2'
/// use netlib::socket::{htons, ntohs};
/// assert_eq!(ntohs(htons(1234)), 0x4d2);
/// ```
pub const fn ntohs(x: u16) -> u16 {
    u16::from_be(x)
}

/// Python `socket.htonl(x)`: host to network order, 32 bits.
///
/// ```
/// // Python: hex(socket.htonl(1))  → '0x1000000'  (on a little-endian host)
/// # #[cfg(target_endian = "little")]
/// assert_eq!(netlib::socket::htonl(1), 0x0100_0000);
/// ```
pub const fn htonl(x: u32) -> u32 {
    x.to_be()
}

/// Python `socket.ntohl(x)`: network to host order, 32 bits.
///
/// ```
/// // Python: socket.ntohl(socket.htonl(3232235535))  → 3232235535
/// use netlib::socket::{htonl, ntohl};
/// assert_eq!(ntohl(htonl(3_232_235_535)), 3_232_235_535);
/// ```
pub const fn ntohl(x: u32) -> u32 {
    u32::from_be(x)
}
