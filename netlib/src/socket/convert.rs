//! Address text ↔ packed bytes (`inet_aton`, `inet_ntoa`, `inet_pton`,
//! `inet_ntop`) and byte-order swaps (`htons`, …).

use std::ffi::{CStr, CString};

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
    // Address text is short: a NUL-terminated copy on the stack spares the
    // CString's allocation. Longer text, or text holding a NUL (the error
    // case), takes c_arg's path.
    let mut stack = [0u8; 64];
    let heap;
    let c = match stack.get_mut(..ip_string.len()) {
        Some(dst) if ip_string.len() < 64 && !ip_string.contains('\0') => {
            dst.copy_from_slice(ip_string.as_bytes());
            CStr::from_bytes_until_nul(&stack).ok()
        }
        _ => None,
    };
    let c = match c {
        Some(c) => c,
        None => {
            heap = c_arg(ip_string)?;
            heap.as_c_str()
        }
    };
    ffi::aton(c).ok_or_else(|| {
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
        Ok(octets) => Ok(dotted_quad(octets)),
        Err(_) => Err(Error::new(
            ErrorKind::OSError,
            "packed IP wrong length for inet_ntoa",
        )),
    }
}

/// `a.b.c.d` without the formatting machinery `Ipv4Addr::to_string` goes
/// through (a third of `inet_ntoa`'s time).
fn dotted_quad(octets: [u8; 4]) -> String {
    let mut text = String::with_capacity(15);
    for (i, octet) in octets.into_iter().enumerate() {
        if i > 0 {
            text.push('.');
        }
        if octet >= 100 {
            text.push(char::from(b'0' + octet / 100));
        }
        if octet >= 10 {
            text.push(char::from(b'0' + octet / 10 % 10));
        }
        text.push(char::from(b'0' + octet % 10));
    }
    text
}

/// Python `socket.inet_pton(family, ip)`: strict text to packed bytes
/// (4 for `AF_INET`, 16 for `AF_INET6`; the IPv6 text forms of
/// [RFC 4291 §2.2](https://www.rfc-editor.org/rfc/rfc4291#section-2.2)). `family` is an [`AddressFamily`]
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
/// the C library's formatting (`::ffff:1.2.3.4`, `::1.2.3.4`; the longest
/// run of zeros compressed, as [RFC 5952 §4.2](https://www.rfc-editor.org/rfc/rfc5952#section-4.2) recommends).
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dotted_quad_is_std_display() {
        for n in 0..=255u8 {
            let octets = [n, 255 - n, n / 3, n.wrapping_mul(7)];
            assert_eq!(
                dotted_quad(octets),
                std::net::Ipv4Addr::from(octets).to_string()
            );
        }
    }

    #[test]
    fn inet_aton_stack_and_heap_paths_agree() {
        let long = format!("1.2.3.4 {}", "x".repeat(80));
        for text in [
            "127.1",
            "1.2.3.4 trailing",
            long.as_str(),
            "1.2.3.256",
            "",
            "1.2\0.3.4",
        ] {
            let heap = c_arg(text).map(|c| ffi::aton(&c));
            match inet_aton(text) {
                Ok(packed) => assert_eq!(heap.ok().flatten(), Some(packed), "{text:?}"),
                Err(e) => assert!(
                    heap.is_err() || heap.is_ok_and(|p| p.is_none()),
                    "{text:?}: {e}"
                ),
            }
        }
        assert_eq!(inet_aton(&long).ok(), Some([1, 2, 3, 4]));
        assert_eq!(
            inet_aton("1.2\0.3.4").unwrap_err().to_string(),
            "embedded null character"
        );
    }
}
