//! Python's [`ipaddress`](https://docs.python.org/3.13/library/ipaddress.html)
//! module: IPv4/IPv6 addresses, networks and interfaces with CPython 3.13's
//! parsing rules, text forms, error messages and special-purpose tables.
//!
//! | Python | netlib |
//! |---|---|
//! | `ipaddress.ip_address('192.0.0.1')` | [`ip_address("192.0.0.1")`](ip_address) → `Result<IpAddress, Error>` |
//! | `ipaddress.ip_address(3221225985)` | `ip_address(3221225985u32)` (see [`IntoIpAddress`] for the suffix) |
//! | `ipaddress.ip_network('10.0.0.0/8')` | [`ip_network("10.0.0.0/8")`](ip_network) (strict) |
//! | `ipaddress.ip_network('10.1.1.5/24', strict=False)` | [`ip_network_loose("10.1.1.5/24")`](ip_network_loose) |
//! | `ipaddress.ip_interface('10.1.1.5/24')` | [`ip_interface("10.1.1.5/24")`](ip_interface) |
//! | `ipaddress.IPv4Address('1.2.3.4')` | `"1.2.3.4".parse::<Ipv4Address>()` or [`Ipv4Address::new`] |
//! | `str(x)` / `repr(x)` | `x.to_string()` / `format!("{x:?}")` |
//! | `int(addr)` | `u128::from(addr)` (`u32::from` for IPv4) |
//! | `addr + 1`, `addr - n` | `(addr + 1)?`, `(addr - n)?` with any Rust integer or an [`AddressCount`]; `Err` is Python's `AddressValueError` (also `addr.checked_add(1)?`) |
//! | `net.num_addresses - 2`, `n // 4`, `n < 300`, `int(n)` | `net.num_addresses() - 2`, `n / 4`, `n < 300`, `u128::try_from(n)?`: exact, see [`AddressCount`] |
//! | `net[0]`, `net[-1]` | [`net.get(0)?`](IpNetwork::get), `net.get(-1)?` (`IndexError` past the ends) |
//! | `for addr in net:`, `len(list(net.hosts()))` | `for addr in &net`, `net.hosts().count()` (counted, not walked) |
//! | attributes (`addr.is_private`, `net.netmask`, …) | methods of the same names |
//! | `AddressValueError`, `NetmaskValueError`, `ValueError`, `TypeError` | [`Error`] with [`Error::python_class`] |
//!
//! ```
//! use netlib::ipaddress::{ip_address, ip_network};
//!
//! // Python: ipaddress.ip_address('192.0.0.1')
//! let addr = ip_address("192.0.0.1")?;
//! assert_eq!(format!("{addr:?}"), "IPv4Address('192.0.0.1')");
//! // Python: ipaddress.ip_address('192.0.0.1').is_private
//! assert!(addr.is_private());
//! // Python: ipaddress.ip_network('192.168.0.0/24').num_addresses
//! assert_eq!(ip_network("192.168.0.0/24")?.num_addresses(), 256);
//! # Ok::<(), netlib::ipaddress::Error>(())
//! ```
//!
//! # CPython 3.13 versus 3.11
//! netlib follows 3.13.0. Compared with 3.11:
//! - `is_private`/`is_global` use the 2024 tables (e.g. `192.0.0.9`,
//!   `2001:1::1` and `2001:4:112::/48` are global now; `64:ff9b:1::/48`
//!   is private).
//! - IPv4-mapped IPv6 addresses print as `::ffff:192.0.2.1`, and their
//!   `is_private`, `is_global` and `is_loopback` answer for the IPv4
//!   address (`is_global` as `not is_private`, so `::ffff:100.64.0.1` is
//!   global while `100.64.0.1` is not — 3.13.0's own behaviour).
//!
//! # Known difference from CPython 3.13.0
//! `exploded` and `reverse_pointer` of an IPv6 address or network that has a
//! scope id raise `AddressValueError` in 3.13.0 (CPython bug gh-88178).
//! netlib returns the exploded text with `%scope` appended, as the upstream
//! fix does, and a reverse pointer without the scope id. The test vectors
//! record both sides (`tests/vectors/ipaddress_expected_differences.json`).

/// The same code on either version of an [`IpAddress`], [`IpNetwork`] or
/// [`IpInterface`], as std's `IpAddr` methods do with one `match self`:
/// `dispatch!(self, a => a.version())` inside an `impl` of the enum. Defined
/// before the submodules so that every one of them sees it.
macro_rules! dispatch {
    ($self:ident, $v:ident => $e:expr) => {
        match $self {
            Self::V4($v) => $e,
            Self::V6($v) => $e,
        }
    };
}

mod address;
mod arith;
mod convert;
mod count;
mod error;
mod interface;
mod iter;
mod network;
mod parse;
mod sequence;
mod special;
mod text;

pub use address::{IpAddress, Ipv4Address, Ipv6Address};
use convert::Arg;
pub use convert::IntoIpAddress;
pub use count::AddressCount;
pub use error::{Error, ErrorKind};
pub use interface::{IpInterface, Ipv4Interface, Ipv6Interface};
pub use iter::Iter;
pub use network::{IpNetwork, Ipv4Network, Ipv6Network};

/// Python's `ipaddress.ip_address(address)`: an IPv4 address if the value
/// parses as one, else an IPv6 address, else Python's `ValueError`.
///
/// Accepts `&str`/`String`, integers (value ≤ 2^32-1 is IPv4), `[u8; 4]`,
/// `[u8; 16]`, `&[u8]`, `std::net` addresses and netlib's types; see
/// [`IntoIpAddress`].
///
/// ```
/// use netlib::ipaddress::ip_address;
///
/// // Python: ipaddress.ip_address('192.0.0.1')
/// assert_eq!(format!("{:?}", ip_address("192.0.0.1")?), "IPv4Address('192.0.0.1')");
/// // Python: ipaddress.ip_address('2001:DB8::1')
/// assert_eq!(format!("{:?}", ip_address("2001:DB8::1")?), "IPv6Address('2001:db8::1')");
/// // Python: ipaddress.ip_address(3221225985)
/// assert_eq!(ip_address(3221225985u32)?.to_string(), "192.0.2.1");
/// // Python: ipaddress.ip_address('300.1.1.1')
/// assert_eq!(ip_address("300.1.1.1").unwrap_err().to_string(),
///            "'300.1.1.1' does not appear to be an IPv4 or IPv6 address");
/// # Ok::<(), netlib::ipaddress::Error>(())
/// ```
pub fn ip_address(address: impl IntoIpAddress) -> Result<IpAddress, Error> {
    let arg = address.into_arg();
    if let Arg::Text { text, .. } = &arg {
        // The common case, a well-formed address, without the IPv4 error
        // text that Python's order (IPv4 first) would build and drop for
        // every IPv6 address; text with a ':' is never IPv4.
        if let Some(v4) = parse::v4_quick(text) {
            return Ok(IpAddress::V4(Ipv4Address::from(v4)));
        }
        if text.contains(':')
            && let Ok(v6) = Ipv6Address::from_arg(&arg)
        {
            return Ok(IpAddress::V6(v6));
        }
    }
    if let Ok(v4) = Ipv4Address::from_arg(&arg) {
        return Ok(IpAddress::V4(v4));
    }
    if let Ok(v6) = Ipv6Address::from_arg(&arg) {
        return Ok(IpAddress::V6(v6));
    }
    Err(Error::value(format!(
        "{} does not appear to be an IPv4 or IPv6 address",
        arg.repr()
    )))
}

/// Python's `ipaddress.ip_network(address)` (strict): host bits set is a
/// `ValueError`.
///
/// ```
/// use netlib::ipaddress::ip_network;
///
/// // Python: ipaddress.ip_network('192.168.0.0/255.255.255.0')
/// assert_eq!(ip_network("192.168.0.0/255.255.255.0")?.to_string(), "192.168.0.0/24");
/// // Python: ipaddress.ip_network('10.1.1.5/24')
/// assert_eq!(ip_network("10.1.1.5/24").unwrap_err().to_string(), "10.1.1.5/24 has host bits set");
/// // Python: ipaddress.ip_network(('10.0.0.0', 8))
/// assert_eq!(ip_network(("10.0.0.0", 8))?.to_string(), "10.0.0.0/8");
/// # Ok::<(), netlib::ipaddress::Error>(())
/// ```
pub fn ip_network(address: impl IntoIpAddress) -> Result<IpNetwork, Error> {
    IpNetwork::from_arg(&address.into_arg(), true)
}

/// Python's `ipaddress.ip_network(address, strict=False)`: host bits are
/// cleared.
///
/// ```
/// use netlib::ipaddress::ip_network_loose;
///
/// // Python: ipaddress.ip_network('10.1.1.5/24', strict=False)
/// assert_eq!(ip_network_loose("10.1.1.5/24")?.to_string(), "10.1.1.0/24");
/// # Ok::<(), netlib::ipaddress::Error>(())
/// ```
#[doc(alias = "strict")]
pub fn ip_network_loose(address: impl IntoIpAddress) -> Result<IpNetwork, Error> {
    IpNetwork::from_arg(&address.into_arg(), false)
}

/// Python's `ipaddress.ip_interface(address)`.
///
/// ```
/// use netlib::ipaddress::ip_interface;
///
/// // Python: ipaddress.ip_interface('192.168.100.10/24')
/// let iface = ip_interface("192.168.100.10/24")?;
/// assert_eq!(format!("{iface:?}"), "IPv4Interface('192.168.100.10/24')");
/// assert_eq!(iface.network().to_string(), "192.168.100.0/24");
/// # Ok::<(), netlib::ipaddress::Error>(())
/// ```
pub fn ip_interface(address: impl IntoIpAddress) -> Result<IpInterface, Error> {
    IpInterface::from_arg(&address.into_arg())
}
