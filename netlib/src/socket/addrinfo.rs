//! `getaddrinfo` and `getnameinfo`, the resolver calls behind Python's
//! `socket.create_connection()` and friends, with CPython's argument rules:
//! a host goes through the `idna` codec, a number port becomes its decimal
//! text, a string is cut at its first NUL as C sees it, and `getnameinfo`
//! resolves its sockaddr numerically first, as `socket_getnameinfo()` does.

use std::ffi::{CStr, CString};
use std::fmt;
use std::net::{SocketAddr, SocketAddrV4, SocketAddrV6};

use super::constants::{AddressFamily, SocketKind};
use super::error::{Error, ErrorKind};
use super::ffi;
use super::idna;
use crate::repr::str_repr;

/// Python `socket.AI_PASSIVE`: a `None` host means "any address" (for `bind`).
///
/// ```
/// // Python: socket.AI_PASSIVE → <AddressInfo.AI_PASSIVE: 1>
/// assert_eq!(netlib::socket::AI_PASSIVE, 1);
/// ```
pub const AI_PASSIVE: i32 = libc::AI_PASSIVE;
/// Python `socket.AI_CANONNAME`: fill in the canonical name of the host.
///
/// ```
/// // Python: socket.AI_CANONNAME → <AddressInfo.AI_CANONNAME: 2>
/// assert_eq!(netlib::socket::AI_CANONNAME, 2);
/// ```
pub const AI_CANONNAME: i32 = libc::AI_CANONNAME;
/// Python `socket.AI_NUMERICHOST`: the host must be a numeric address.
///
/// ```
/// // Python: socket.AI_NUMERICHOST → <AddressInfo.AI_NUMERICHOST: 4>
/// assert_eq!(netlib::socket::AI_NUMERICHOST, 4);
/// ```
pub const AI_NUMERICHOST: i32 = libc::AI_NUMERICHOST;
/// Python `socket.AI_NUMERICSERV`: the port must be a number.
///
/// ```
/// // Python: socket.AI_NUMERICSERV → <AddressInfo.AI_NUMERICSERV: 1024>
/// assert_eq!(netlib::socket::AI_NUMERICSERV, 1024);
/// ```
pub const AI_NUMERICSERV: i32 = libc::AI_NUMERICSERV;
/// Python `socket.AI_V4MAPPED`: IPv4 answers as `::ffff:` addresses when
/// asking for IPv6.
///
/// ```
/// // Python: socket.AI_V4MAPPED → <AddressInfo.AI_V4MAPPED: 8>
/// assert_eq!(netlib::socket::AI_V4MAPPED, 8);
/// ```
pub const AI_V4MAPPED: i32 = libc::AI_V4MAPPED;
/// Python `socket.AI_ALL`: with `AI_V4MAPPED`, both IPv6 and mapped IPv4.
///
/// ```
/// // Python: socket.AI_ALL → <AddressInfo.AI_ALL: 16>
/// assert_eq!(netlib::socket::AI_ALL, 16);
/// ```
pub const AI_ALL: i32 = libc::AI_ALL;
/// Python `socket.AI_ADDRCONFIG`: only families this machine has an
/// address of.
///
/// ```
/// // Python: socket.AI_ADDRCONFIG → <AddressInfo.AI_ADDRCONFIG: 32>
/// assert_eq!(netlib::socket::AI_ADDRCONFIG, 32);
/// ```
pub const AI_ADDRCONFIG: i32 = libc::AI_ADDRCONFIG;
/// Python `socket.NI_NUMERICHOST`: `getnameinfo` gives the address, not a name.
///
/// ```
/// // Python: socket.NI_NUMERICHOST → 1
/// assert_eq!(netlib::socket::NI_NUMERICHOST, 1);
/// ```
pub const NI_NUMERICHOST: i32 = libc::NI_NUMERICHOST;
/// Python `socket.NI_NUMERICSERV`: `getnameinfo` gives the port number, not
/// a service name.
///
/// ```
/// // Python: socket.NI_NUMERICSERV → 2
/// assert_eq!(netlib::socket::NI_NUMERICSERV, 2);
/// ```
pub const NI_NUMERICSERV: i32 = libc::NI_NUMERICSERV;
/// Python `socket.NI_NOFQDN`: local hosts by their short name.
///
/// ```
/// // Python: socket.NI_NOFQDN → 4
/// assert_eq!(netlib::socket::NI_NOFQDN, 4);
/// ```
pub const NI_NOFQDN: i32 = libc::NI_NOFQDN;
/// Python `socket.NI_NAMEREQD`: fail when the address has no name.
///
/// ```
/// // Python: socket.NI_NAMEREQD → 8
/// assert_eq!(netlib::socket::NI_NAMEREQD, 8);
/// ```
pub const NI_NAMEREQD: i32 = libc::NI_NAMEREQD;
/// Python `socket.NI_DGRAM`: look the port up as a UDP service.
///
/// ```
/// // Python: socket.NI_DGRAM → 16
/// assert_eq!(netlib::socket::NI_DGRAM, 16);
/// ```
pub const NI_DGRAM: i32 = libc::NI_DGRAM;

/// One entry of Python's `socket.getaddrinfo()` list, the tuple
/// `(family, type, proto, canonname, sockaddr)`.
///
/// `Debug` prints Python's `repr()` of that tuple, so a `Vec<AddrInfo>`
/// prints like Python's list; `Display` prints its `str()`, the same text
/// (`for info in getaddrinfo(...): print(info)`).
///
/// ```
/// use netlib::socket;
///
/// // Python: socket.getaddrinfo('127.0.0.1', 80, type=socket.SOCK_STREAM)[0]
/// let info = &socket::getaddrinfo_with("127.0.0.1", 80, socket::AF_UNSPEC, socket::SOCK_STREAM, 0, 0)?[0];
/// assert_eq!(
///     format!("{info:?}"),
///     "(<AddressFamily.AF_INET: 2>, <SocketKind.SOCK_STREAM: 1>, 6, '', ('127.0.0.1', 80))"
/// );
/// // Python: print(info)  (a tuple's str is its repr)
/// assert_eq!(info.to_string(), format!("{info:?}"));
/// let (family, kind, proto, canonname, sockaddr) = info.clone().into_tuple();
/// assert_eq!((family, kind, proto), (socket::AF_INET, socket::SOCK_STREAM, 6));
/// assert!(canonname.is_empty());
/// assert_eq!(sockaddr.to_string(), "127.0.0.1:80");
/// # Ok::<(), socket::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct AddrInfo {
    /// Python `family`: `AF_INET` or `AF_INET6`.
    pub family: AddressFamily,
    /// Python `type`: `SOCK_STREAM`, `SOCK_DGRAM`, `SOCK_RAW`, …
    #[doc(alias = "type")]
    pub socktype: SocketKind,
    /// Python `proto`: the protocol number (`6` = TCP, `17` = UDP).
    pub proto: i32,
    /// Python `canonname`: the host's canonical name when `AI_CANONNAME` was
    /// asked for (first entry only), else `''`.
    pub canonname: String,
    /// Python `sockaddr`: `(host, port)` for IPv4, `(host, port, flowinfo,
    /// scope_id)` for IPv6 — a `std::net::SocketAddr` holds the same.
    pub sockaddr: SocketAddr,
}

impl AddrInfo {
    /// The five fields in Python's order, for `let (family, kind, proto,
    /// canonname, sockaddr) = info.into_tuple();` (Python:
    /// `family, type, proto, canonname, sockaddr = info`).
    ///
    /// ```
    /// use netlib::socket;
    /// // Python: family, type, proto, canonname, sockaddr = socket.getaddrinfo('::1', 22)[0]
    /// let (family, _kind, _proto, _canonname, sockaddr) =
    ///     socket::getaddrinfo("::1", 22)?[0].clone().into_tuple();
    /// assert_eq!(family, socket::AF_INET6);
    /// assert_eq!(sockaddr.port(), 22);
    /// # Ok::<(), socket::Error>(())
    /// ```
    pub fn into_tuple(self) -> (AddressFamily, SocketKind, i32, String, SocketAddr) {
        (
            self.family,
            self.socktype,
            self.proto,
            self.canonname,
            self.sockaddr,
        )
    }
}

/// Python's `repr()` of a sockaddr tuple: `('127.0.0.1', 80)` or
/// `('::1', 80, 0, 0)`.
pub(crate) fn sockaddr_repr(sa: &SocketAddr) -> String {
    match sa {
        SocketAddr::V4(a) => format!("({}, {})", str_repr(&a.ip().to_string()), a.port()),
        SocketAddr::V6(a) => format!(
            "({}, {}, {}, {})",
            str_repr(&a.ip().to_string()),
            a.port(),
            a.flowinfo(),
            a.scope_id()
        ),
    }
}

/// Python `repr()` of the tuple.
impl fmt::Debug for AddrInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "({:?}, {:?}, {}, {}, {})",
            self.family,
            self.socktype,
            self.proto,
            str_repr(&self.canonname),
            sockaddr_repr(&self.sockaddr)
        )
    }
}

/// Python `str()` of the tuple: the same as its `repr()`.
impl fmt::Display for AddrInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self, f)
    }
}

/// The `host` argument of [`getaddrinfo`]: a name or an address as `&str`
/// or `String`, or `None` (Python `None`: the loopback address, or with
/// `AI_PASSIVE` the wildcard address). A bare `None` needs its type:
/// `None::<&str>`.
///
/// ```
/// use netlib::socket;
/// // Python: socket.getaddrinfo(None, 80, flags=socket.AI_PASSIVE)
/// let any = socket::getaddrinfo_with(None::<&str>, 80, 0, 0, 0, socket::AI_PASSIVE)?;
/// assert!(any.iter().any(|a| a.sockaddr.to_string() == "0.0.0.0:80"));
/// # Ok::<(), socket::Error>(())
/// ```
pub trait HostArg {
    /// The host as Python gets it, `None` for Python's `None`.
    fn host(&self) -> Option<&str>;
}

impl HostArg for &str {
    fn host(&self) -> Option<&str> {
        Some(self)
    }
}

impl HostArg for String {
    fn host(&self) -> Option<&str> {
        Some(self)
    }
}

impl HostArg for &String {
    fn host(&self) -> Option<&str> {
        Some(self)
    }
}

impl<T: HostArg> HostArg for Option<T> {
    fn host(&self) -> Option<&str> {
        self.as_ref().and_then(HostArg::host)
    }
}

/// The `port` argument of [`getaddrinfo`]: a number (any integer type, as
/// Python's `int`; the C library reads it modulo 65536), a service name or
/// number as text (`"http"`, `"8080"`), or `None` (port 0).
///
/// ```
/// use netlib::socket;
/// // Python: socket.getaddrinfo('127.0.0.1', 'http')[0][4]
/// assert_eq!(socket::getaddrinfo("127.0.0.1", "http")?[0].sockaddr.port(), 80);
/// // Python: socket.getaddrinfo('127.0.0.1', None)[0][4]
/// assert_eq!(socket::getaddrinfo("127.0.0.1", None::<u16>)?[0].sockaddr.port(), 0);
/// # Ok::<(), socket::Error>(())
/// ```
pub trait PortArg {
    /// The service text passed to C (`None` = `NULL`).
    fn service(&self) -> Option<String>;
}

macro_rules! int_port {
    ($($t:ty),*) => {$(
        impl PortArg for $t {
            fn service(&self) -> Option<String> {
                Some(self.to_string())
            }
        }
    )*};
}
int_port!(u8, u16, u32, u64, i8, i16, i32, i64, usize, isize);

impl PortArg for &str {
    fn service(&self) -> Option<String> {
        Some((*self).to_string())
    }
}

impl PortArg for String {
    fn service(&self) -> Option<String> {
        Some(self.clone())
    }
}

impl<T: PortArg> PortArg for Option<T> {
    fn service(&self) -> Option<String> {
        self.as_ref().and_then(PortArg::service)
    }
}

/// `getaddrinfo(3)` with CPython's `set_gaierror()` on failure; every
/// `getaddrinfo` of this module (`gethostbyname`'s included) goes through it.
pub(super) fn c_getaddrinfo(
    host: Option<&CStr>,
    service: Option<&CStr>,
    hints: (i32, i32, i32, i32),
) -> Result<Vec<ffi::AddrInfoEnt>, Error> {
    ffi::getaddrinfo(host, service, hints).map_err(|(code, errno)| Error::gai(code, errno))
}

/// A C string as C reads Python's buffer: up to the first NUL.
fn c_text(text: &str) -> CString {
    let bytes = text.as_bytes();
    let end = bytes.iter().position(|&b| b == 0).unwrap_or(bytes.len());
    // Cut before the first NUL, so there is none left.
    CString::new(&bytes[..end]).unwrap_or_default()
}

/// Python `socket.getaddrinfo(host, port)`: every address the resolver
/// gives for `host`, with `port` in each sockaddr, for every socket type
/// (the C call of [RFC 3493 §6.1](https://www.rfc-editor.org/rfc/rfc3493#section-6.1)).
///
/// ```
/// use netlib::socket;
///
/// // Python: socket.getaddrinfo('localhost', 80)
/// let found = socket::getaddrinfo("localhost", 80)?;
/// assert!(found.iter().any(|a| format!("{a:?}")
///     == "(<AddressFamily.AF_INET: 2>, <SocketKind.SOCK_STREAM: 1>, 6, '', ('127.0.0.1', 80))"));
/// // Python: socket.getaddrinfo('127.0.0.1', 'nope') → socket.gaierror
/// let err = socket::getaddrinfo("127.0.0.1", "nope").unwrap_err();
/// assert_eq!(err.to_string(), "[Errno -8] Servname not supported for ai_socktype");
/// # Ok::<(), socket::Error>(())
/// ```
///
/// ```no_run
/// // no_run: the answer comes from a DNS server (a machine without one says
/// // [Errno -3] Temporary failure in name resolution), and cargo test must
/// // not depend on the network.
/// use netlib::socket;
///
/// // Python: socket.getaddrinfo('testname', 80) → socket.gaierror
/// let err = socket::getaddrinfo("testname", 80).unwrap_err();
/// assert_eq!(err.to_string(), "[Errno -2] Name or service not known");
/// ```
pub fn getaddrinfo(host: impl HostArg, port: impl PortArg) -> Result<Vec<AddrInfo>, Error> {
    getaddrinfo_with(host, port, 0, 0, 0, 0)
}

/// Python `socket.getaddrinfo(host, port, family, type, proto, flags)`:
/// [`getaddrinfo`] with the hints Python takes as arguments (`0` for "any").
///
/// ```
/// use netlib::socket;
///
/// // Python: socket.getaddrinfo('localhost', 'http', socket.AF_INET, socket.SOCK_STREAM)
/// let found = socket::getaddrinfo_with("localhost", "http", socket::AF_INET, socket::SOCK_STREAM, 0, 0)?;
/// assert_eq!(format!("{found:?}"),
///     "[(<AddressFamily.AF_INET: 2>, <SocketKind.SOCK_STREAM: 1>, 6, '', ('127.0.0.1', 80))]");
/// // Python: socket.getaddrinfo('localhost', 'nope') → socket.gaierror
/// let err = socket::getaddrinfo_with("localhost", "nope", 0, 0, 0, 0).unwrap_err();
/// assert_eq!(err.to_string(), "[Errno -8] Servname not supported for ai_socktype");
/// # Ok::<(), socket::Error>(())
/// ```
pub fn getaddrinfo_with(
    host: impl HostArg,
    port: impl PortArg,
    family: impl Into<AddressFamily>,
    socktype: impl Into<SocketKind>,
    proto: i32,
    flags: i32,
) -> Result<Vec<AddrInfo>, Error> {
    let host = match host.host() {
        Some(name) => Some(c_text(&idna::encode(name)?)),
        None => None,
    };
    let service = port.service().map(|s| c_text(&s));
    let hints = (family.into().value(), socktype.into().value(), proto, flags);
    let found = c_getaddrinfo(host.as_deref(), service.as_deref(), hints)?;
    Ok(found
        .into_iter()
        .filter_map(|e| {
            Some(AddrInfo {
                family: AddressFamily::from(e.family),
                socktype: SocketKind::from(e.socktype),
                proto: e.protocol,
                canonname: e.canonname,
                sockaddr: e.addr?,
            })
        })
        .collect())
}

/// The `sockaddr` argument of [`getnameinfo`]: Python's `(host, port)` or
/// `(host, port, flowinfo, scope_id)` tuple, or a `std::net::SocketAddr`.
///
/// ```
/// use netlib::socket;
/// // Python: socket.getnameinfo(('127.0.0.1', 80), socket.NI_NUMERICSERV)
/// let addr: std::net::SocketAddr = "127.0.0.1:80".parse().unwrap();
/// assert_eq!(socket::getnameinfo(addr, socket::NI_NUMERICSERV)?.1, "80");
/// assert_eq!(socket::getnameinfo(("127.0.0.1", 80), socket::NI_NUMERICSERV)?.1, "80");
/// # Ok::<(), socket::Error>(())
/// ```
pub trait SockAddrArg {
    /// `(host, port, Some((flowinfo, scope_id)))` for a 4-tuple, `None` for a pair.
    fn parts(&self) -> (String, i64, Option<(u32, u32)>);
}

impl<H: AsRef<str>, P: Into<i64> + Copy> SockAddrArg for (H, P) {
    fn parts(&self) -> (String, i64, Option<(u32, u32)>) {
        (self.0.as_ref().to_string(), self.1.into(), None)
    }
}

impl<H: AsRef<str>, P: Into<i64> + Copy> SockAddrArg for (H, P, u32, u32) {
    fn parts(&self) -> (String, i64, Option<(u32, u32)>) {
        (
            self.0.as_ref().to_string(),
            self.1.into(),
            Some((self.2, self.3)),
        )
    }
}

impl SockAddrArg for SocketAddrV4 {
    fn parts(&self) -> (String, i64, Option<(u32, u32)>) {
        (self.ip().to_string(), i64::from(self.port()), None)
    }
}

impl SockAddrArg for SocketAddrV6 {
    fn parts(&self) -> (String, i64, Option<(u32, u32)>) {
        (
            self.ip().to_string(),
            i64::from(self.port()),
            Some((self.flowinfo(), self.scope_id())),
        )
    }
}

impl SockAddrArg for SocketAddr {
    fn parts(&self) -> (String, i64, Option<(u32, u32)>) {
        match self {
            SocketAddr::V4(a) => a.parts(),
            SocketAddr::V6(a) => a.parts(),
        }
    }
}

/// Python `socket.getnameinfo(sockaddr, flags)`: the host name and the
/// service name of a socket address, as `(host, port)` strings (the C call
/// of [RFC 3493 §6.2](https://www.rfc-editor.org/rfc/rfc3493#section-6.2)).
///
/// The host must be a numeric address (CPython resolves it with
/// `AI_NUMERICHOST`); an IPv4 address takes a pair, not a 4-tuple.
///
/// ```
/// use netlib::socket;
///
/// // Python: socket.getnameinfo(('127.0.0.1', 80), 0)
/// assert_eq!(socket::getnameinfo(("127.0.0.1", 80), 0)?, ("localhost".to_string(), "http".to_string()));
/// // Python: socket.getnameinfo(('127.0.0.1', 80, 0, 0), 0) → OSError
/// let err = socket::getnameinfo(("127.0.0.1", 80, 0, 0), 0).unwrap_err();
/// assert_eq!(err.to_string(), "IPv4 sockaddr must be 2 tuple");
/// // Python: socket.getnameinfo(('localhost', 80), 0) → socket.gaierror
/// let err = socket::getnameinfo(("localhost", 80), 0).unwrap_err();
/// assert_eq!(err.to_string(), "[Errno -2] Name or service not known");
/// # Ok::<(), socket::Error>(())
/// ```
pub fn getnameinfo(sockaddr: impl SockAddrArg, flags: i32) -> Result<(String, String), Error> {
    let (host, port, v6) = sockaddr.parts();
    // The "si|II" argument format: no NUL in the host, a C int port.
    if host.contains('\0') {
        return Err(Error::new(ErrorKind::ValueError, "embedded null character"));
    }
    let port = i32::try_from(port).map_err(|_| {
        Error::new(
            ErrorKind::OverflowError,
            if port > 0 {
                "signed integer is greater than maximum"
            } else {
                "signed integer is less than minimum"
            },
        )
    })?;
    let (flowinfo, scope_id) = v6.unwrap_or((0, 0));
    if flowinfo > 0xfffff {
        return Err(Error::new(
            ErrorKind::OverflowError,
            "getnameinfo(): flowinfo must be 0-1048575.",
        ));
    }
    let host = c_text(&host);
    let service = c_text(&port.to_string());
    let hints = (libc::AF_UNSPEC, libc::SOCK_DGRAM, 0, libc::AI_NUMERICHOST);
    let found = c_getaddrinfo(Some(&host), Some(&service), hints)?;
    if found.len() > 1 {
        return Err(Error::new(
            ErrorKind::OSError,
            "sockaddr resolved to multiple addresses",
        ));
    }
    let Some(mut addr) = found.into_iter().next().and_then(|e| e.addr) else {
        return Err(Error::gai(libc::EAI_FAMILY, 0));
    };
    match &mut addr {
        SocketAddr::V4(_) if v6.is_some() => {
            return Err(Error::new(
                ErrorKind::OSError,
                "IPv4 sockaddr must be 2 tuple",
            ));
        }
        SocketAddr::V4(_) => {}
        SocketAddr::V6(a) => {
            a.set_flowinfo(flowinfo);
            a.set_scope_id(scope_id);
        }
    }
    dns_lookup::getnameinfo(&addr, flags).map_err(|err| {
        let code = err.error_num();
        let io: std::io::Error = err.into();
        Error::gai(code, io.raw_os_error().unwrap_or(0))
    })
}
