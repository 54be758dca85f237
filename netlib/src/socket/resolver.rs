//! Host names and addresses: `gethostname`, `gethostbyname`,
//! `gethostbyname_ex`, `gethostbyaddr`, `getfqdn`, following CPython's
//! `setipaddr()` / `gethost_common()` step by step so the same input fails
//! with the same exception.

use std::ffi::CStr;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use super::addrinfo::c_getaddrinfo;
use super::error::{Error, ErrorKind};
use super::ffi;
use super::idna::host_arg;

/// `herror` from an `h_errno` code, as CPython's `set_herror`.
fn h_error(code: i32) -> Error {
    Error::with_errno(ErrorKind::Herror, code, ffi::hstrerror(code))
}

/// CPython's `setipaddr()`: a host argument to one address of family `af`
/// (`AF_INET` or `AF_UNSPEC`).
fn setipaddr(name: &CStr, af: i32) -> Result<IpAddr, Error> {
    let bytes = name.to_bytes();
    if bytes.is_empty() {
        let hints = (af, libc::SOCK_DGRAM, 0, libc::AI_PASSIVE);
        let found = c_getaddrinfo(None, Some(c"0"), hints)?;
        let Some(addr) = found.first().and_then(|e| e.addr) else {
            return Err(Error::new(ErrorKind::OSError, "unsupported address family"));
        };
        if found.len() > 1 {
            return Err(Error::new(
                ErrorKind::OSError,
                "wildcard resolved to multiple address",
            ));
        }
        return Ok(addr.ip());
    }
    if bytes == b"255.255.255.255" || bytes == b"<broadcast>" {
        if af != libc::AF_INET && af != libc::AF_UNSPEC {
            return Err(Error::new(ErrorKind::OSError, "address family mismatched"));
        }
        return Ok(IpAddr::V4(Ipv4Addr::BROADCAST));
    }
    // Numeric addresses skip the resolver, as in CPython.
    if (af == libc::AF_INET || af == libc::AF_UNSPEC)
        && let Ok(Some(b)) = ffi::pton(libc::AF_INET, name)
    {
        return Ok(IpAddr::V4(Ipv4Addr::new(b[0], b[1], b[2], b[3])));
    }
    // A scope id (`%eth0`) needs getaddrinfo to map the interface name.
    if (af == libc::AF_INET6 || af == libc::AF_UNSPEC)
        && !bytes.contains(&b'%')
        && let Ok(Some(b)) = ffi::pton(libc::AF_INET6, name)
    {
        return Ok(IpAddr::V6(Ipv6Addr::from(b)));
    }
    let found = c_getaddrinfo(Some(name), None, (af, 0, 0, 0))?;
    match found.first().and_then(|e| e.addr) {
        Some(addr) => Ok(addr.ip()),
        None => Err(Error::new(ErrorKind::OSError, "unknown address family")),
    }
}

/// Text of an address as the C library's `inet_ntop` writes it.
fn ntop(af: i32, bytes: &[u8]) -> Result<String, Error> {
    ffi::ntop(af, bytes).map_err(Error::from_errno)
}

/// CPython's `gethost_common()`: a `hostent` (or the `h_errno` of a
/// failure) to `(name, aliases, addresses)`.
fn gethost_common(
    result: Result<ffi::HostEnt, i32>,
    af: i32,
) -> Result<(String, Vec<String>, Vec<String>), Error> {
    let h = result.map_err(h_error)?;
    if h.addrtype != af {
        return Err(Error::from_errno(libc::EAFNOSUPPORT));
    }
    let addrs = h
        .addrs
        .iter()
        .map(|a| ntop(af, a))
        .collect::<Result<Vec<_>, _>>()?;
    Ok((h.name, h.aliases, addrs))
}

fn family_and_bytes(ip: IpAddr) -> (i32, Vec<u8>) {
    match ip {
        IpAddr::V4(v4) => (libc::AF_INET, v4.octets().to_vec()),
        IpAddr::V6(v6) => (libc::AF_INET6, v6.octets().to_vec()),
    }
}

/// Python `socket.gethostname()`: this machine's host name.
///
/// ```
/// use netlib::socket;
///
/// // Python: socket.gethostname()
/// let host = socket::gethostname()?;
/// assert!(!host.is_empty());
/// # Ok::<(), socket::Error>(())
/// ```
pub fn gethostname() -> Result<String, Error> {
    dns_lookup::get_hostname().map_err(|e| match e.raw_os_error() {
        Some(n) => Error::from_errno(n),
        None => Error::new(ErrorKind::OSError, e.to_string()),
    })
}

/// Python `socket.gethostbyname(hostname)`: one IPv4 address, as text.
///
/// Numeric IPv4 text is returned without a lookup, `""` gives `0.0.0.0`,
/// `"<broadcast>"` gives `255.255.255.255`; names go to `getaddrinfo()` with
/// `AF_INET`, so an unknown name is `gaierror` `[Errno -2] Name or service
/// not known` and an IPv6 literal is `[Errno -9] Address family for hostname
/// not supported`.
///
/// ```
/// use netlib::socket;
///
/// // Python: socket.gethostbyname('localhost')  → '127.0.0.1'
/// assert_eq!(socket::gethostbyname("localhost")?, "127.0.0.1");
/// # Ok::<(), socket::Error>(())
/// ```
///
/// ```no_run
/// // no_run: the answer comes from a DNS server (a machine without one says
/// // [Errno -3] Temporary failure in name resolution), and cargo test must
/// // not depend on the network.
/// use netlib::socket;
///
/// // Python: socket.gethostbyname('testname')   → gaierror
/// assert_eq!(socket::gethostbyname("testname").unwrap_err().to_string(),
///            "[Errno -2] Name or service not known");
/// ```
pub fn gethostbyname(hostname: &str) -> Result<String, Error> {
    let name = host_arg("gethostbyname", hostname)?;
    let ip = setipaddr(&name, libc::AF_INET)?;
    let (af, bytes) = family_and_bytes(ip);
    ntop(af, &bytes)
}

/// Python `socket.gethostbyname_ex(hostname)`: `(name, aliases,
/// addresses)` for an IPv4 host, from `gethostbyname_r()`.
///
/// The name is first checked as [`gethostbyname`] does (so an unknown name
/// is a `gaierror`), then looked up again with `gethostbyname_r()`, whose
/// failures are `herror` (`""` gives `[Errno 3] Unknown server error`, as in
/// Python).
///
/// ```
/// use netlib::socket;
///
/// // Python: socket.gethostbyname_ex('localhost')  → ('localhost', [], ['127.0.0.1'])
/// let (name, aliases, addresses) = socket::gethostbyname_ex("localhost")?;
/// assert_eq!(name, "localhost");
/// assert!(addresses.contains(&"127.0.0.1".to_string()));
/// # let _ = aliases;
/// # Ok::<(), socket::Error>(())
/// ```
pub fn gethostbyname_ex(hostname: &str) -> Result<(String, Vec<String>, Vec<String>), Error> {
    let name = host_arg("gethostbyname_ex", hostname)?;
    let ip = setipaddr(&name, libc::AF_INET)?;
    let (af, _) = family_and_bytes(ip);
    gethost_common(ffi::host_by_name(&name), af)
}

/// Python `socket.gethostbyaddr(ip_address)`: `(name, aliases, addresses)`
/// from a reverse lookup with `gethostbyaddr_r()`.
///
/// The argument may be a name (it is resolved first, any family). An
/// address with no reverse entry is `herror` `[Errno 1] Unknown host`; an
/// unknown name is `gaierror` `[Errno -2] Name or service not known`.
///
/// ```
/// use netlib::socket;
///
/// // Python: socket.gethostbyaddr('127.0.0.1')  → ('localhost', [], ['127.0.0.1'])
/// let (name, _aliases, addresses) = socket::gethostbyaddr("127.0.0.1")?;
/// assert_eq!(addresses, ["127.0.0.1"]);
/// # let _ = name;
/// # Ok::<(), socket::Error>(())
/// ```
///
/// ```no_run
/// // no_run: the answer comes from a DNS server (a machine without one says
/// // [Errno 2] Host name lookup failure), and cargo test must
/// // not depend on the network.
/// use netlib::socket;
///
/// // Python: socket.gethostbyaddr('192.0.2.1')  → herror: [Errno 1] Unknown host
/// assert_eq!(socket::gethostbyaddr("192.0.2.1").unwrap_err().to_string(),
///            "[Errno 1] Unknown host");
/// ```
pub fn gethostbyaddr(ip_address: &str) -> Result<(String, Vec<String>, Vec<String>), Error> {
    let name = host_arg("gethostbyaddr", ip_address)?;
    let ip = setipaddr(&name, libc::AF_UNSPEC)?;
    let (af, bytes) = family_and_bytes(ip);
    gethost_common(ffi::host_by_addr(&bytes, af), af)
}

/// Python's `str.strip()` set: Unicode whitespace plus the separators
/// U+001C–U+001F that Python counts as space.
fn is_python_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// Python `socket.getfqdn(name)`: the first dotted name among the reverse
/// lookup's host name and aliases, following `Lib/socket.py`.
///
/// `name` is stripped; empty, `0.0.0.0` and `::` mean this host
/// ([`gethostname`]). When `gethostbyaddr` fails with an `OSError`
/// (`herror`, `gaierror`), the stripped name is returned unchanged; when no
/// name has a dot, the looked-up host name is. Python lets the argument
/// errors (`TypeError` for a NUL, `UnicodeEncodeError` from `idna`) through,
/// so this returns a `Result`, which is `Ok` for every other input.
///
/// ```
/// use netlib::socket;
///
/// // Python: socket.getfqdn('testname')   → 'testname'
/// assert_eq!(socket::getfqdn("testname")?, "testname");
/// // Python: socket.getfqdn('127.0.0.1')  → 'localhost'  (from /etc/hosts)
/// # if socket::gethostbyaddr("127.0.0.1").map(|h| h.0 == "localhost").unwrap_or(false) {
/// assert_eq!(socket::getfqdn("127.0.0.1")?, "localhost");
/// # }
/// # Ok::<(), socket::Error>(())
/// ```
pub fn getfqdn(name: &str) -> Result<String, Error> {
    let mut name = name.trim_matches(is_python_space).to_string();
    if name.is_empty() || name == "0.0.0.0" || name == "::" {
        name = gethostname()?;
    }
    match gethostbyaddr(&name) {
        Ok((hostname, aliases, _)) => Ok(std::iter::once(&hostname)
            .chain(aliases.iter())
            .find(|n| n.contains('.'))
            .unwrap_or(&hostname)
            .clone()),
        Err(e)
            if matches!(
                e.kind(),
                ErrorKind::Gaierror | ErrorKind::Herror | ErrorKind::OSError
            ) =>
        {
            Ok(name)
        }
        Err(e) => Err(e),
    }
}
