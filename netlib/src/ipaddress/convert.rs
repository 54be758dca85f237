//! [`IntoIpAddress`]: everything Python's `ip_address()`, `ip_network()`
//! and `ip_interface()` accept, as one conversion trait.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use super::parse::Mask;
use super::{
    IpAddress, IpInterface, IpNetwork, Ipv4Address, Ipv4Interface, Ipv4Network, Ipv6Address,
    Ipv6Interface, Ipv6Network,
};
use crate::repr::{bytes_repr, str_repr};

/// The argument of a Python constructor, classified the way CPython's
/// `isinstance` checks classify it.
#[derive(Debug, Clone)]
pub enum Arg {
    /// A `str`, or an object whose `str()` is parsed.
    Text {
        /// What `str()` gives.
        text: String,
        /// What `repr()` gives, when it is not the `str` repr of `text`.
        repr: Option<String>,
    },
    /// A Python `int` within ±(2**128 - 1).
    Int {
        /// Below zero.
        negative: bool,
        /// Absolute value.
        magnitude: u128,
    },
    /// A Python `bytes` (packed address).
    Bytes(Vec<u8>),
    /// A `(address, mask)` tuple.
    Pair(Box<Arg>, Mask),
}

impl Arg {
    pub(crate) fn text(text: impl Into<String>) -> Self {
        Arg::Text {
            text: text.into(),
            repr: None,
        }
    }

    fn object(text: String, repr: String) -> Self {
        Arg::Text {
            text,
            repr: Some(repr),
        }
    }

    pub(crate) fn unsigned(n: u128) -> Self {
        Arg::Int {
            negative: false,
            magnitude: n,
        }
    }

    pub(crate) fn signed(n: i128) -> Self {
        Arg::Int {
            negative: n < 0,
            magnitude: n.unsigned_abs(),
        }
    }

    /// Python's `repr()` of the argument, used in the factories' messages.
    pub(crate) fn repr(&self) -> String {
        match self {
            Arg::Text { text, repr } => repr.clone().unwrap_or_else(|| str_repr(text)),
            Arg::Int {
                negative,
                magnitude,
            } => super::parse::wide_int_text(*negative, false, *magnitude),
            Arg::Bytes(b) => bytes_repr(b),
            Arg::Pair(addr, mask) => format!("({}, {})", addr.repr(), mask.repr()),
        }
    }

    /// Python's `str()` of the argument, what the string constructors parse.
    pub(crate) fn str_text(&self) -> String {
        match self {
            Arg::Text { text, .. } => text.clone(),
            Arg::Bytes(_) | Arg::Int { .. } | Arg::Pair(..) => self.repr(),
        }
    }
}

/// A value Python's `ipaddress` constructors and factories accept:
/// `str`/`String`, integers, packed bytes, std's address types, netlib's own
/// types, and `(address, prefix)` pairs for networks and interfaces.
///
/// Integer literals need a type suffix (`3221225985u32`,
/// `42540766411282592856903984951653826561u128`): the trait is implemented
/// for several integer types, and an unsuffixed literal defaults to `i32`,
/// which cannot hold most addresses. As in Python, the *value* decides the
/// version: any integer up to 2^32-1 is IPv4, whatever its Rust type.
///
/// ```
/// use netlib::ipaddress::ip_address;
///
/// // Python: ipaddress.ip_address(3221225985)
/// assert_eq!(ip_address(3221225985u32)?.to_string(), "192.0.2.1");
/// // Python: ipaddress.ip_address(42540766411282592856903984951653826561)
/// assert_eq!(ip_address(42540766411282592856903984951653826561u128)?.to_string(), "2001:db8::1");
/// // Python: ipaddress.ip_address(b'\xc0\xa8\x00\x0f')
/// assert_eq!(ip_address([192u8, 168, 0, 15])?.to_string(), "192.168.0.15");
/// // Python: ipaddress.ip_address(-1)
/// assert_eq!(ip_address(-1i64).unwrap_err().to_string(), "-1 does not appear to be an IPv4 or IPv6 address");
/// # Ok::<(), netlib::ipaddress::Error>(())
/// ```
pub trait IntoIpAddress {
    /// Classifies the value as Python would see it.
    #[doc(hidden)]
    fn into_arg(self) -> Arg;
}

impl IntoIpAddress for &str {
    fn into_arg(self) -> Arg {
        Arg::text(self)
    }
}

impl IntoIpAddress for String {
    fn into_arg(self) -> Arg {
        Arg::text(self)
    }
}

impl IntoIpAddress for &String {
    fn into_arg(self) -> Arg {
        Arg::text(self.as_str())
    }
}

macro_rules! unsigned_arg {
    ($($t:ty),*) => {$(
        impl IntoIpAddress for $t {
            fn into_arg(self) -> Arg {
                Arg::unsigned(u128::from(self))
            }
        }
    )*};
}
unsigned_arg!(u8, u16, u32, u64, u128);

macro_rules! signed_arg {
    ($($t:ty),*) => {$(
        impl IntoIpAddress for $t {
            fn into_arg(self) -> Arg {
                Arg::signed(i128::from(self))
            }
        }
    )*};
}
signed_arg!(i8, i16, i32, i64, i128);

impl IntoIpAddress for usize {
    fn into_arg(self) -> Arg {
        Arg::unsigned(self as u128)
    }
}

impl IntoIpAddress for [u8; 4] {
    fn into_arg(self) -> Arg {
        Arg::Bytes(self.to_vec())
    }
}

impl IntoIpAddress for [u8; 16] {
    fn into_arg(self) -> Arg {
        Arg::Bytes(self.to_vec())
    }
}

impl IntoIpAddress for &[u8] {
    fn into_arg(self) -> Arg {
        Arg::Bytes(self.to_vec())
    }
}

impl IntoIpAddress for Vec<u8> {
    fn into_arg(self) -> Arg {
        Arg::Bytes(self)
    }
}

impl IntoIpAddress for &Vec<u8> {
    fn into_arg(self) -> Arg {
        Arg::Bytes(self.clone())
    }
}

macro_rules! object_arg {
    ($($t:ty),*) => {$(
        impl IntoIpAddress for $t {
            fn into_arg(self) -> Arg {
                Arg::object(self.to_string(), format!("{self:?}"))
            }
        }
        impl IntoIpAddress for &$t {
            fn into_arg(self) -> Arg {
                Arg::object(self.to_string(), format!("{self:?}"))
            }
        }
    )*};
}
object_arg!(
    IpAddress,
    Ipv4Address,
    Ipv6Address,
    IpNetwork,
    Ipv4Network,
    Ipv6Network,
    IpInterface,
    Ipv4Interface,
    Ipv6Interface
);

// std's types have no Python counterpart; they act like the matching
// ipaddress objects.
impl IntoIpAddress for Ipv4Addr {
    fn into_arg(self) -> Arg {
        Ipv4Address::from(self).into_arg()
    }
}

impl IntoIpAddress for Ipv6Addr {
    fn into_arg(self) -> Arg {
        Ipv6Address::from(self).into_arg()
    }
}

impl IntoIpAddress for IpAddr {
    fn into_arg(self) -> Arg {
        IpAddress::from(self).into_arg()
    }
}

/// Python's `(address, prefixlen)` tuple: `ip_network(('10.0.0.0', 8))`.
/// Out-of-range lengths give Python's `NetmaskValueError`.
impl<A: IntoIpAddress> IntoIpAddress for (A, u32) {
    fn into_arg(self) -> Arg {
        Arg::Pair(Box::new(self.0.into_arg()), Mask::Int(i128::from(self.1)))
    }
}

/// Python's `(address, 'mask')` tuple: `ip_network(('10.0.0.0', '255.0.0.0'))`.
impl<A: IntoIpAddress> IntoIpAddress for (A, &str) {
    fn into_arg(self) -> Arg {
        Arg::Pair(Box::new(self.0.into_arg()), Mask::Text(self.1.to_owned()))
    }
}
