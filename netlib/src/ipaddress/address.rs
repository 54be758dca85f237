//! Single addresses: [`Ipv4Address`], [`Ipv6Address`], [`IpAddress`].

use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::str::FromStr;

use super::convert::{Arg, IntoIpAddress};
use super::error::Error;
use super::parse::{self, wide_int_text};
use super::special::{self, v4_in, v6_in};
use super::text;
use crate::repr::{bytes_repr, str_repr};

mod ip;
mod ipv6;

/// An IPv4 address, Python's `ipaddress.IPv4Address` ([RFC 791](https://www.rfc-editor.org/rfc/rfc791)).
///
/// `Display` is Python's `str()`, `Debug` its `repr()`.
///
/// ```
/// use netlib::ipaddress::Ipv4Address;
///
/// // Python: ipaddress.IPv4Address('192.168.0.15')
/// let addr: Ipv4Address = "192.168.0.15".parse()?;
/// assert_eq!(format!("{addr:?}"), "IPv4Address('192.168.0.15')");
/// assert_eq!(addr.to_string(), "192.168.0.15");
/// # Ok::<(), netlib::ipaddress::Error>(())
/// ```
#[doc(alias = "IPv4Address")]
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Ipv4Address(u32);

/// An IPv6 address with an optional scope id, Python's
/// `ipaddress.IPv6Address` ([RFC 4291](https://www.rfc-editor.org/rfc/rfc4291); scope ids per [RFC 4007](https://www.rfc-editor.org/rfc/rfc4007)).
///
/// Equality and hashing include the scope id, as in Python.
///
/// ```
/// use netlib::ipaddress::Ipv6Address;
///
/// // Python: ipaddress.IPv6Address('2001:DB8::1')
/// let addr: Ipv6Address = "2001:DB8::1".parse()?;
/// assert_eq!(format!("{addr:?}"), "IPv6Address('2001:db8::1')");
/// // Python: ipaddress.IPv6Address('fe80::1%eth0').scope_id
/// assert_eq!("fe80::1%eth0".parse::<Ipv6Address>()?.scope_id(), Some("eth0"));
/// # Ok::<(), netlib::ipaddress::Error>(())
/// ```
#[doc(alias = "IPv6Address")]
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Ipv6Address {
    ip: u128,
    scope: Option<Box<str>>,
}

/// Either address version, what Python's `ip_address()` returns.
///
/// Ordering puts every IPv4 address before every IPv6 address, like
/// Python's `ipaddress.get_mixed_type_key` (plain `<` between versions is
/// a `TypeError` in Python).
///
/// ```
/// use netlib::ipaddress::{ip_address, IpAddress};
///
/// // Python: ipaddress.ip_address('192.0.0.1')
/// let addr = ip_address("192.0.0.1")?;
/// assert!(matches!(addr, IpAddress::V4(_)));
/// # Ok::<(), netlib::ipaddress::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum IpAddress {
    /// An `IPv4Address`.
    V4(Ipv4Address),
    /// An `IPv6Address`.
    V6(Ipv6Address),
}

fn int_error(negative: bool, carry: bool, low: u128, version: u8) -> Error {
    let bits = if version == 4 { 32 } else { 128 };
    let n = wide_int_text(negative, carry, low);
    if negative {
        Error::address(format!(
            "{n} (< 0) is not permitted as an IPv{version} address"
        ))
    } else {
        Error::address(format!(
            "{n} (>= 2**{bits}) is not permitted as an IPv{version} address"
        ))
    }
}

fn packed_error(bytes: &[u8], expected: usize, version: u8) -> Error {
    Error::address(format!(
        "{} (len {} != {expected}) is not permitted as an IPv{version} address",
        bytes_repr(bytes),
        bytes.len()
    ))
}

/// `int(self) + other` for an address of `bits` value width: `(negative,
/// carry past 2**128, low bits)`.
fn offset(value: u128, delta: u128, subtract: bool) -> (bool, bool, u128) {
    if subtract {
        match value.checked_sub(delta) {
            Some(v) => (false, false, v),
            None => (true, false, delta - value),
        }
    } else {
        let (low, carry) = value.overflowing_add(delta);
        (false, carry, low)
    }
}

impl Ipv4Address {
    /// Python's `IPv4Address(address)`: a string, an integer or 4 packed
    /// bytes. Errors are Python's `AddressValueError`s.
    ///
    /// ```
    /// use netlib::ipaddress::Ipv4Address;
    ///
    /// // Python: ipaddress.IPv4Address(3221225985)
    /// assert_eq!(Ipv4Address::new(3221225985u32)?.to_string(), "192.0.2.1");
    /// // Python: ipaddress.IPv4Address('300.1.1.1')
    /// assert_eq!(
    ///     Ipv4Address::new("300.1.1.1").unwrap_err().to_string(),
    ///     "Octet 300 (> 255) not permitted in '300.1.1.1'"
    /// );
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn new(address: impl IntoIpAddress) -> Result<Self, Error> {
        Self::from_arg(&address.into_arg())
    }

    pub(crate) fn from_arg(arg: &Arg) -> Result<Self, Error> {
        match arg {
            Arg::Int {
                negative,
                magnitude,
            } => {
                if *negative && *magnitude != 0 {
                    return Err(int_error(true, false, *magnitude, 4));
                }
                u32::try_from(*magnitude)
                    .map(Ipv4Address)
                    .map_err(|_| int_error(false, false, *magnitude, 4))
            }
            Arg::Bytes(bytes) => <[u8; 4]>::try_from(bytes.as_slice())
                .map(Ipv4Address::from)
                .map_err(|_| packed_error(bytes, 4, 4)),
            Arg::Text { text, .. } => parse::v4_address_from_str(text).map(Ipv4Address),
            Arg::Pair(..) => parse::v4_address_from_str(&arg.str_text()).map(Ipv4Address),
        }
    }

    /// Always 4: Python's `version`.
    ///
    /// ```
    /// // Python: ipaddress.IPv4Address('10.0.0.1').version
    /// assert_eq!("10.0.0.1".parse::<netlib::ipaddress::Ipv4Address>()?.version(), 4);
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn version(&self) -> u8 {
        4
    }

    /// Always 32: Python's `max_prefixlen`.
    ///
    /// ```
    /// // Python: ipaddress.IPv4Address('10.0.0.1').max_prefixlen
    /// assert_eq!("10.0.0.1".parse::<netlib::ipaddress::Ipv4Address>()?.max_prefixlen(), 32);
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn max_prefixlen(&self) -> u8 {
        32
    }

    /// Not globally reachable per the IANA IPv4 special-purpose registry
    /// (CPython 3.13 table; `100.64.0.0/10` is neither private nor global).
    ///
    /// ```
    /// use netlib::ipaddress::Ipv4Address;
    ///
    /// // Python: ipaddress.IPv4Address('192.168.0.15').is_private
    /// assert!("192.168.0.15".parse::<Ipv4Address>()?.is_private());
    /// // Python: ipaddress.IPv4Address('192.0.0.9').is_private  (3.13: False)
    /// assert!(!"192.0.0.9".parse::<Ipv4Address>()?.is_private());
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn is_private(&self) -> bool {
        special::v4_private(self.0, self.0)
    }

    /// Globally reachable per the IANA registry: not private and not in
    /// the shared `100.64.0.0/10` block.
    ///
    /// ```
    /// use netlib::ipaddress::Ipv4Address;
    ///
    /// // Python: ipaddress.IPv4Address('8.8.8.8').is_global
    /// assert!("8.8.8.8".parse::<Ipv4Address>()?.is_global());
    /// // Python: ipaddress.IPv4Address('100.64.0.1').is_global
    /// assert!(!"100.64.0.1".parse::<Ipv4Address>()?.is_global());
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn is_global(&self) -> bool {
        !v4_in(self.0, special::V4_SHARED) && !self.is_private()
    }

    /// In `240.0.0.0/4` ([RFC 1112](https://www.rfc-editor.org/rfc/rfc1112) "future use").
    ///
    /// ```
    /// // Python: ipaddress.IPv4Address('240.0.0.1').is_reserved
    /// assert!("240.0.0.1".parse::<netlib::ipaddress::Ipv4Address>()?.is_reserved());
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn is_reserved(&self) -> bool {
        v4_in(self.0, special::V4_RESERVED)
    }

    /// In `224.0.0.0/4` ([RFC 3171](https://www.rfc-editor.org/rfc/rfc3171)).
    ///
    /// ```
    /// // Python: ipaddress.IPv4Address('224.0.0.1').is_multicast
    /// assert!("224.0.0.1".parse::<netlib::ipaddress::Ipv4Address>()?.is_multicast());
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn is_multicast(&self) -> bool {
        v4_in(self.0, special::V4_MULTICAST)
    }

    /// In `127.0.0.0/8` ([RFC 3330](https://www.rfc-editor.org/rfc/rfc3330)).
    ///
    /// ```
    /// // Python: ipaddress.IPv4Address('127.0.0.1').is_loopback
    /// assert!("127.0.0.1".parse::<netlib::ipaddress::Ipv4Address>()?.is_loopback());
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn is_loopback(&self) -> bool {
        v4_in(self.0, special::V4_LOOPBACK)
    }

    /// In `169.254.0.0/16` ([RFC 3927](https://www.rfc-editor.org/rfc/rfc3927)).
    ///
    /// ```
    /// // Python: ipaddress.IPv4Address('169.254.1.1').is_link_local
    /// assert!("169.254.1.1".parse::<netlib::ipaddress::Ipv4Address>()?.is_link_local());
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn is_link_local(&self) -> bool {
        v4_in(self.0, special::V4_LINK_LOCAL)
    }

    /// `0.0.0.0` ([RFC 5735](https://www.rfc-editor.org/rfc/rfc5735)).
    ///
    /// ```
    /// // Python: ipaddress.IPv4Address('0.0.0.0').is_unspecified
    /// assert!("0.0.0.0".parse::<netlib::ipaddress::Ipv4Address>()?.is_unspecified());
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn is_unspecified(&self) -> bool {
        self.0 == 0
    }

    /// The 4 bytes in network order, Python's `packed`.
    ///
    /// ```
    /// // Python: ipaddress.IPv4Address('192.168.0.15').packed
    /// let addr: netlib::ipaddress::Ipv4Address = "192.168.0.15".parse()?;
    /// assert_eq!(addr.packed(), b"\xc0\xa8\x00\x0f");
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn packed(&self) -> Vec<u8> {
        self.octets().to_vec()
    }

    /// The 4 bytes in network order, as an array.
    ///
    /// ```
    /// // Python: tuple(ipaddress.IPv4Address('10.0.0.1').packed)
    /// assert_eq!("10.0.0.1".parse::<netlib::ipaddress::Ipv4Address>()?.octets(), [10, 0, 0, 1]);
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn octets(&self) -> [u8; 4] {
        self.0.to_be_bytes()
    }

    /// Same as `Display` for IPv4 (Python's `exploded`).
    ///
    /// ```
    /// // Python: ipaddress.IPv4Address('10.0.0.1').exploded
    /// assert_eq!("10.0.0.1".parse::<netlib::ipaddress::Ipv4Address>()?.exploded(), "10.0.0.1");
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn exploded(&self) -> String {
        self.to_string()
    }

    /// Same as `Display` (Python's `compressed`).
    ///
    /// ```
    /// // Python: ipaddress.IPv4Address('10.0.0.1').compressed
    /// assert_eq!("10.0.0.1".parse::<netlib::ipaddress::Ipv4Address>()?.compressed(), "10.0.0.1");
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn compressed(&self) -> String {
        self.to_string()
    }

    /// The reverse-DNS name ([RFC 1035 §3.5](https://www.rfc-editor.org/rfc/rfc1035#section-3.5)).
    ///
    /// ```
    /// // Python: ipaddress.ip_address('127.0.0.1').reverse_pointer
    /// let addr: netlib::ipaddress::Ipv4Address = "127.0.0.1".parse()?;
    /// assert_eq!(addr.reverse_pointer(), "1.0.0.127.in-addr.arpa");
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn reverse_pointer(&self) -> String {
        text::v4_reverse_of(&self.to_string())
    }

    /// The IPv4-mapped IPv6 address `::ffff:a.b.c.d` ([RFC 4291 §2.5.5.2](https://www.rfc-editor.org/rfc/rfc4291#section-2.5.5.2)).
    ///
    /// ```
    /// // Python: ipaddress.IPv4Address('192.0.2.1').ipv6_mapped
    /// let v6 = "192.0.2.1".parse::<netlib::ipaddress::Ipv4Address>()?.ipv6_mapped();
    /// assert_eq!(format!("{v6:?}"), "IPv6Address('::ffff:192.0.2.1')");
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn ipv6_mapped(&self) -> Ipv6Address {
        Ipv6Address::from((0xffffu128 << 32) | u128::from(self.0))
    }

    /// `self + n` with Python's `AddressValueError` past `255.255.255.255`;
    /// a negative `n` subtracts.
    ///
    /// ```
    /// use netlib::ipaddress::Ipv4Address;
    ///
    /// // Python: ipaddress.IPv4Address('10.0.0.255') + 1
    /// let addr: Ipv4Address = "10.0.0.255".parse()?;
    /// assert_eq!(addr.checked_add(1)?.to_string(), "10.0.1.0");
    /// // Python: ipaddress.IPv4Address('255.255.255.255') + 1
    /// let top: Ipv4Address = "255.255.255.255".parse()?;
    /// assert_eq!(top.checked_add(1).unwrap_err().to_string(),
    ///            "4294967296 (>= 2**32) is not permitted as an IPv4 address");
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn checked_add(self, n: i128) -> Result<Self, Error> {
        let (negative, carry, low) = offset(u128::from(self.0), n.unsigned_abs(), n < 0);
        if negative {
            return Err(int_error(true, false, low, 4));
        }
        match u32::try_from(low) {
            Ok(v) if !carry => Ok(Ipv4Address(v)),
            _ => Err(int_error(false, carry, low, 4)),
        }
    }

    /// `self - n` with Python's `AddressValueError` below `0.0.0.0`.
    ///
    /// ```
    /// // Python: ipaddress.IPv4Address('0.0.0.0') - 1
    /// let zero: netlib::ipaddress::Ipv4Address = "0.0.0.0".parse()?;
    /// assert_eq!(zero.checked_sub(1).unwrap_err().to_string(),
    ///            "-1 (< 0) is not permitted as an IPv4 address");
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn checked_sub(self, n: i128) -> Result<Self, Error> {
        match n.checked_neg() {
            Some(m) => self.checked_add(m),
            // -i128::MIN overflows; that delta is far out of range anyway.
            None => Err(int_error(
                false,
                false,
                u128::from(self.0) + n.unsigned_abs(),
                4,
            )),
        }
    }
}

impl fmt::Display for Ipv4Address {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let [a, b, c, d] = self.octets();
        f.pad(&format!("{a}.{b}.{c}.{d}"))
    }
}

impl fmt::Debug for Ipv4Address {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "IPv4Address({})", str_repr(&self.to_string()))
    }
}

/// Python's `IPv4Address(str)`, errors as `AddressValueError`.
impl FromStr for Ipv4Address {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        parse::v4_address_from_str(s).map(Ipv4Address)
    }
}

impl From<u32> for Ipv4Address {
    fn from(n: u32) -> Self {
        Ipv4Address(n)
    }
}

impl From<[u8; 4]> for Ipv4Address {
    fn from(b: [u8; 4]) -> Self {
        Ipv4Address(u32::from_be_bytes(b))
    }
}

impl From<Ipv4Addr> for Ipv4Address {
    fn from(a: Ipv4Addr) -> Self {
        Ipv4Address(a.to_bits())
    }
}

impl From<Ipv4Address> for Ipv4Addr {
    fn from(a: Ipv4Address) -> Self {
        Ipv4Addr::from_bits(a.0)
    }
}

/// Python's `int(addr)`.
impl From<Ipv4Address> for u32 {
    fn from(a: Ipv4Address) -> Self {
        a.0
    }
}

/// Python's `int(addr)`.
impl From<Ipv4Address> for u128 {
    fn from(a: Ipv4Address) -> Self {
        u128::from(a.0)
    }
}

/// Python's `int(addr)`.
impl From<&Ipv4Address> for u128 {
    fn from(a: &Ipv4Address) -> Self {
        u128::from(a.0)
    }
}
