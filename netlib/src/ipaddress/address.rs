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

/// An IPv4 address, Python's `ipaddress.IPv4Address` (RFC 791).
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
/// `ipaddress.IPv6Address` (RFC 4291; scope ids per RFC 4007).
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

    /// In `240.0.0.0/4` (RFC 1112 "future use").
    ///
    /// ```
    /// // Python: ipaddress.IPv4Address('240.0.0.1').is_reserved
    /// assert!("240.0.0.1".parse::<netlib::ipaddress::Ipv4Address>()?.is_reserved());
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn is_reserved(&self) -> bool {
        v4_in(self.0, special::V4_RESERVED)
    }

    /// In `224.0.0.0/4` (RFC 3171).
    ///
    /// ```
    /// // Python: ipaddress.IPv4Address('224.0.0.1').is_multicast
    /// assert!("224.0.0.1".parse::<netlib::ipaddress::Ipv4Address>()?.is_multicast());
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn is_multicast(&self) -> bool {
        v4_in(self.0, special::V4_MULTICAST)
    }

    /// In `127.0.0.0/8` (RFC 3330).
    ///
    /// ```
    /// // Python: ipaddress.IPv4Address('127.0.0.1').is_loopback
    /// assert!("127.0.0.1".parse::<netlib::ipaddress::Ipv4Address>()?.is_loopback());
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn is_loopback(&self) -> bool {
        v4_in(self.0, special::V4_LOOPBACK)
    }

    /// In `169.254.0.0/16` (RFC 3927).
    ///
    /// ```
    /// // Python: ipaddress.IPv4Address('169.254.1.1').is_link_local
    /// assert!("169.254.1.1".parse::<netlib::ipaddress::Ipv4Address>()?.is_link_local());
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn is_link_local(&self) -> bool {
        v4_in(self.0, special::V4_LINK_LOCAL)
    }

    /// `0.0.0.0` (RFC 5735).
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

    /// The reverse-DNS name (RFC 1035 §3.5).
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

    /// The IPv4-mapped IPv6 address `::ffff:a.b.c.d` (RFC 4291 §2.5.5.2).
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

impl Ipv6Address {
    /// Python's `IPv6Address(address)`: a string (optionally with
    /// `%scope`), an integer or 16 packed bytes.
    ///
    /// ```
    /// use netlib::ipaddress::Ipv6Address;
    ///
    /// // Python: ipaddress.IPv6Address(42540766411282592856903984951653826561)
    /// let addr = Ipv6Address::new(42540766411282592856903984951653826561u128)?;
    /// assert_eq!(addr.to_string(), "2001:db8::1");
    /// // Python: ipaddress.IPv6Address('1::2::3')
    /// assert_eq!(Ipv6Address::new("1::2::3").unwrap_err().to_string(),
    ///            "At most one '::' permitted in '1::2::3'");
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
                    Err(int_error(true, false, *magnitude, 6))
                } else {
                    Ok(Ipv6Address::from(*magnitude))
                }
            }
            Arg::Bytes(bytes) => <[u8; 16]>::try_from(bytes.as_slice())
                .map(Ipv6Address::from)
                .map_err(|_| packed_error(bytes, 16, 6)),
            Arg::Text { text, .. } => Self::from_text(text),
            Arg::Pair(..) => Self::from_text(&arg.str_text()),
        }
    }

    fn from_text(text: &str) -> Result<Self, Error> {
        let (ip, scope) = parse::v6_address_from_str(text)?;
        Ok(Ipv6Address { ip, scope })
    }

    pub(crate) fn bits(&self) -> u128 {
        self.ip
    }

    /// Always 6: Python's `version`.
    ///
    /// ```
    /// // Python: ipaddress.IPv6Address('::1').version
    /// assert_eq!("::1".parse::<netlib::ipaddress::Ipv6Address>()?.version(), 6);
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn version(&self) -> u8 {
        6
    }

    /// Always 128: Python's `max_prefixlen`.
    ///
    /// ```
    /// // Python: ipaddress.IPv6Address('::1').max_prefixlen
    /// assert_eq!("::1".parse::<netlib::ipaddress::Ipv6Address>()?.max_prefixlen(), 128);
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn max_prefixlen(&self) -> u8 {
        128
    }

    /// The zone after `%` (RFC 4007), Python's `scope_id`.
    ///
    /// ```
    /// // Python: ipaddress.IPv6Address('fe80::1%eth0').scope_id
    /// let addr: netlib::ipaddress::Ipv6Address = "fe80::1%eth0".parse()?;
    /// assert_eq!(addr.scope_id(), Some("eth0"));
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn scope_id(&self) -> Option<&str> {
        self.scope.as_deref()
    }

    /// Not globally reachable per the IANA IPv6 special-purpose registry
    /// (CPython 3.13 table). Since 3.13 an IPv4-mapped address answers as
    /// its IPv4 address does.
    ///
    /// ```
    /// use netlib::ipaddress::Ipv6Address;
    ///
    /// // Python: ipaddress.IPv6Address('fd00::1').is_private
    /// assert!("fd00::1".parse::<Ipv6Address>()?.is_private());
    /// // Python: ipaddress.IPv6Address('::ffff:8.8.8.8').is_private  (3.13: False)
    /// assert!(!"::ffff:8.8.8.8".parse::<Ipv6Address>()?.is_private());
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn is_private(&self) -> bool {
        match self.ipv4_mapped() {
            Some(v4) => v4.is_private(),
            None => special::v6_private(self.ip, self.ip),
        }
    }

    /// `not is_private` (CPython 3.13.0 defines it so for IPv6, IPv4-mapped
    /// addresses included: `::ffff:100.64.0.1` is global there).
    ///
    /// ```
    /// // Python: ipaddress.IPv6Address('2606:4700::1111').is_global
    /// assert!("2606:4700::1111".parse::<netlib::ipaddress::Ipv6Address>()?.is_global());
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn is_global(&self) -> bool {
        !self.is_private()
    }

    /// In one of the blocks RFC 4291 leaves unassigned.
    ///
    /// ```
    /// // Python: ipaddress.IPv6Address('4000::1').is_reserved
    /// assert!("4000::1".parse::<netlib::ipaddress::Ipv6Address>()?.is_reserved());
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn is_reserved(&self) -> bool {
        special::V6_RESERVED.iter().any(|&b| v6_in(self.ip, b))
    }

    /// In `ff00::/8` (RFC 2373 §2.7).
    ///
    /// ```
    /// // Python: ipaddress.IPv6Address('ff02::1').is_multicast
    /// assert!("ff02::1".parse::<netlib::ipaddress::Ipv6Address>()?.is_multicast());
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn is_multicast(&self) -> bool {
        v6_in(self.ip, special::V6_MULTICAST)
    }

    /// `::1`, or (3.13) an IPv4-mapped loopback like `::ffff:127.0.0.1`.
    ///
    /// ```
    /// // Python: ipaddress.IPv6Address('::1').is_loopback
    /// assert!("::1".parse::<netlib::ipaddress::Ipv6Address>()?.is_loopback());
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn is_loopback(&self) -> bool {
        match self.ipv4_mapped() {
            Some(v4) => v4.is_loopback(),
            None => self.ip == 1,
        }
    }

    /// In `fe80::/10` (RFC 4291).
    ///
    /// ```
    /// // Python: ipaddress.IPv6Address('fe80::1').is_link_local
    /// assert!("fe80::1".parse::<netlib::ipaddress::Ipv6Address>()?.is_link_local());
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn is_link_local(&self) -> bool {
        v6_in(self.ip, special::V6_LINK_LOCAL)
    }

    /// In the deprecated site-local `fec0::/10` (RFC 3513 §2.5.6).
    ///
    /// ```
    /// // Python: ipaddress.IPv6Address('fec0::1').is_site_local
    /// assert!("fec0::1".parse::<netlib::ipaddress::Ipv6Address>()?.is_site_local());
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn is_site_local(&self) -> bool {
        v6_in(self.ip, special::V6_SITE_LOCAL)
    }

    /// `::` (RFC 2373 §2.5.2).
    ///
    /// ```
    /// // Python: ipaddress.IPv6Address('::').is_unspecified
    /// assert!("::".parse::<netlib::ipaddress::Ipv6Address>()?.is_unspecified());
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn is_unspecified(&self) -> bool {
        self.ip == 0
    }

    /// The 16 bytes in network order, Python's `packed`.
    ///
    /// ```
    /// // Python: ipaddress.IPv6Address('::1').packed
    /// let addr: netlib::ipaddress::Ipv6Address = "::1".parse()?;
    /// assert_eq!(addr.packed(), b"\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x01");
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn packed(&self) -> Vec<u8> {
        self.octets().to_vec()
    }

    /// The 16 bytes in network order, as an array.
    ///
    /// ```
    /// // Python: tuple(ipaddress.IPv6Address('::1').packed)
    /// let addr: netlib::ipaddress::Ipv6Address = "::1".parse()?;
    /// assert_eq!(addr.octets()[15], 1);
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn octets(&self) -> [u8; 16] {
        self.ip.to_be_bytes()
    }

    /// All eight hextets written out (IPv4-mapped addresses keep their
    /// dotted tail, as in 3.13).
    ///
    /// Difference from CPython 3.13.0: with a scope id Python raises
    /// `AddressValueError` (bug gh-88178, fixed upstream later); netlib
    /// returns the exploded address followed by `%scope`, as the fix does.
    ///
    /// ```
    /// // Python: ipaddress.IPv6Address('2001:db8::1').exploded
    /// let addr: netlib::ipaddress::Ipv6Address = "2001:db8::1".parse()?;
    /// assert_eq!(addr.exploded(), "2001:0db8:0000:0000:0000:0000:0000:0001");
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn exploded(&self) -> String {
        let mut out = self.exploded_unscoped();
        if let Some(scope) = &self.scope {
            out.push('%');
            out.push_str(scope);
        }
        out
    }

    pub(crate) fn exploded_unscoped(&self) -> String {
        let hex = text::v6_exploded_hex(self.ip);
        match self.ipv4_mapped() {
            // The first 30 characters are `0000:0000:0000:0000:0000:ffff:`.
            Some(v4) => format!("{}{v4}", hex.get(..30).unwrap_or_default()),
            None => hex,
        }
    }

    /// Same as `Display` (Python's `compressed`).
    ///
    /// ```
    /// // Python: ipaddress.IPv6Address('2001:0db8::0001').compressed
    /// let addr: netlib::ipaddress::Ipv6Address = "2001:0db8::0001".parse()?;
    /// assert_eq!(addr.compressed(), "2001:db8::1");
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn compressed(&self) -> String {
        self.to_string()
    }

    /// The `ip6.arpa` reverse-DNS name (RFC 3596 §2.5). The scope id is
    /// left out (CPython 3.13.0 raises for scoped addresses, see
    /// [`exploded`](Self::exploded)).
    ///
    /// ```
    /// // Python: ipaddress.ip_address('2001:db8::1').reverse_pointer
    /// let addr: netlib::ipaddress::Ipv6Address = "2001:db8::1".parse()?;
    /// assert_eq!(addr.reverse_pointer(),
    ///     "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa");
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn reverse_pointer(&self) -> String {
        text::v6_reverse_of(&text::v6_exploded_hex(self.ip))
    }

    /// The embedded IPv4 address of `::ffff:a.b.c.d`, else `None`.
    ///
    /// ```
    /// // Python: ipaddress.IPv6Address('::ffff:192.0.2.1').ipv4_mapped
    /// let addr: netlib::ipaddress::Ipv6Address = "::ffff:192.0.2.1".parse()?;
    /// assert_eq!(addr.ipv4_mapped().map(|v4| v4.to_string()).as_deref(), Some("192.0.2.1"));
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn ipv4_mapped(&self) -> Option<Ipv4Address> {
        (self.ip >> 32 == 0xffff).then_some(Ipv4Address(self.ip as u32))
    }

    /// The embedded IPv4 address of a 6to4 address (`2002::/16`, RFC 3056).
    ///
    /// ```
    /// // Python: ipaddress.IPv6Address('2002:c000:204::1').sixtofour
    /// let addr: netlib::ipaddress::Ipv6Address = "2002:c000:204::1".parse()?;
    /// assert_eq!(addr.sixtofour().map(|v4| v4.to_string()).as_deref(), Some("192.0.2.4"));
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn sixtofour(&self) -> Option<Ipv4Address> {
        (self.ip >> 112 == 0x2002).then_some(Ipv4Address((self.ip >> 80) as u32))
    }

    /// The `(server, client)` IPv4 addresses of a Teredo address
    /// (`2001::/32`, RFC 4380).
    ///
    /// ```
    /// // Python: ipaddress.IPv6Address('2001:0:4136:e378:8000:63bf:3fff:fdd2').teredo
    /// let addr: netlib::ipaddress::Ipv6Address = "2001:0:4136:e378:8000:63bf:3fff:fdd2".parse()?;
    /// let (server, client) = addr.teredo().unwrap();
    /// assert_eq!((server.to_string(), client.to_string()),
    ///            ("65.54.227.120".to_string(), "192.0.2.45".to_string()));
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn teredo(&self) -> Option<(Ipv4Address, Ipv4Address)> {
        (self.ip >> 96 == 0x2001_0000).then_some((
            Ipv4Address((self.ip >> 64) as u32),
            Ipv4Address(!(self.ip as u32)),
        ))
    }

    /// `self + n` with Python's `AddressValueError` out of range; like
    /// Python, the result has no scope id. A negative `n` subtracts.
    ///
    /// ```
    /// // Python: ipaddress.IPv6Address('::1') + 1
    /// let addr: netlib::ipaddress::Ipv6Address = "::1".parse()?;
    /// assert_eq!(addr.checked_add(1)?.to_string(), "::2");
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn checked_add(&self, n: i128) -> Result<Self, Error> {
        self.offset_by(n.unsigned_abs(), n < 0)
    }

    /// `self - n` with Python's `AddressValueError` below `::`.
    ///
    /// ```
    /// // Python: ipaddress.IPv6Address('::1') - 2
    /// let addr: netlib::ipaddress::Ipv6Address = "::1".parse()?;
    /// assert_eq!(addr.checked_sub(2).unwrap_err().to_string(),
    ///            "-1 (< 0) is not permitted as an IPv6 address");
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn checked_sub(&self, n: i128) -> Result<Self, Error> {
        self.offset_by(n.unsigned_abs(), n >= 0)
    }

    fn offset_by(&self, delta: u128, subtract: bool) -> Result<Self, Error> {
        match offset(self.ip, delta, subtract) {
            (true, _, low) => Err(int_error(true, false, low, 6)),
            (false, true, low) => Err(int_error(false, true, low, 6)),
            (false, false, low) => Ok(Ipv6Address::from(low)),
        }
    }
}

macro_rules! dispatch {
    ($self:ident, $a:ident => $e:expr) => {
        match $self {
            IpAddress::V4($a) => $e,
            IpAddress::V6($a) => $e,
        }
    };
}

impl IpAddress {
    /// 4 or 6: Python's `version`.
    ///
    /// ```
    /// // Python: ipaddress.ip_address('192.168.0.15').version
    /// assert_eq!(netlib::ipaddress::ip_address("192.168.0.15")?.version(), 4);
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn version(&self) -> u8 {
        dispatch!(self, a => a.version())
    }

    /// 32 or 128: Python's `max_prefixlen`.
    ///
    /// ```
    /// // Python: ipaddress.ip_address('::1').max_prefixlen
    /// assert_eq!(netlib::ipaddress::ip_address("::1")?.max_prefixlen(), 128);
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn max_prefixlen(&self) -> u8 {
        dispatch!(self, a => a.max_prefixlen())
    }

    /// See [`Ipv4Address::is_private`] and [`Ipv6Address::is_private`].
    ///
    /// ```
    /// // Python: ipaddress.ip_address('192.168.0.15').is_private
    /// assert!(netlib::ipaddress::ip_address("192.168.0.15")?.is_private());
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn is_private(&self) -> bool {
        dispatch!(self, a => a.is_private())
    }

    /// See [`Ipv4Address::is_global`] and [`Ipv6Address::is_global`].
    ///
    /// ```
    /// // Python: ipaddress.ip_address('8.8.8.8').is_global
    /// assert!(netlib::ipaddress::ip_address("8.8.8.8")?.is_global());
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn is_global(&self) -> bool {
        dispatch!(self, a => a.is_global())
    }

    /// See [`Ipv4Address::is_reserved`] and [`Ipv6Address::is_reserved`].
    ///
    /// ```
    /// // Python: ipaddress.ip_address('240.0.0.1').is_reserved
    /// assert!(netlib::ipaddress::ip_address("240.0.0.1")?.is_reserved());
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn is_reserved(&self) -> bool {
        dispatch!(self, a => a.is_reserved())
    }

    /// See [`Ipv4Address::is_multicast`] and [`Ipv6Address::is_multicast`].
    ///
    /// ```
    /// // Python: ipaddress.ip_address('ff02::1').is_multicast
    /// assert!(netlib::ipaddress::ip_address("ff02::1")?.is_multicast());
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn is_multicast(&self) -> bool {
        dispatch!(self, a => a.is_multicast())
    }

    /// See [`Ipv4Address::is_loopback`] and [`Ipv6Address::is_loopback`].
    ///
    /// ```
    /// // Python: ipaddress.ip_address('127.0.0.1').is_loopback
    /// assert!(netlib::ipaddress::ip_address("127.0.0.1")?.is_loopback());
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn is_loopback(&self) -> bool {
        dispatch!(self, a => a.is_loopback())
    }

    /// See [`Ipv4Address::is_link_local`] and [`Ipv6Address::is_link_local`].
    ///
    /// ```
    /// // Python: ipaddress.ip_address('fe80::1').is_link_local
    /// assert!(netlib::ipaddress::ip_address("fe80::1")?.is_link_local());
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn is_link_local(&self) -> bool {
        dispatch!(self, a => a.is_link_local())
    }

    /// See [`Ipv4Address::is_unspecified`] and [`Ipv6Address::is_unspecified`].
    ///
    /// ```
    /// // Python: ipaddress.ip_address('0.0.0.0').is_unspecified
    /// assert!(netlib::ipaddress::ip_address("0.0.0.0")?.is_unspecified());
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn is_unspecified(&self) -> bool {
        dispatch!(self, a => a.is_unspecified())
    }

    /// [`Ipv6Address::is_site_local`]; `false` for IPv4 (Python's
    /// `IPv4Address` has no such attribute).
    ///
    /// ```
    /// // Python: ipaddress.ip_address('fec0::1').is_site_local
    /// assert!(netlib::ipaddress::ip_address("fec0::1")?.is_site_local());
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn is_site_local(&self) -> bool {
        match self {
            IpAddress::V4(_) => false,
            IpAddress::V6(a) => a.is_site_local(),
        }
    }

    /// Network-order bytes (4 or 16), Python's `packed`.
    ///
    /// ```
    /// // Python: ipaddress.ip_address('192.168.0.15').packed
    /// assert_eq!(netlib::ipaddress::ip_address("192.168.0.15")?.packed(), [192, 168, 0, 15]);
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn packed(&self) -> Vec<u8> {
        dispatch!(self, a => a.packed())
    }

    /// See [`Ipv6Address::exploded`].
    ///
    /// ```
    /// // Python: ipaddress.ip_address('::1').exploded
    /// assert_eq!(netlib::ipaddress::ip_address("::1")?.exploded(),
    ///            "0000:0000:0000:0000:0000:0000:0000:0001");
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn exploded(&self) -> String {
        dispatch!(self, a => a.exploded())
    }

    /// Same as `Display`.
    ///
    /// ```
    /// // Python: ipaddress.ip_address('2001:DB8::1').compressed
    /// assert_eq!(netlib::ipaddress::ip_address("2001:DB8::1")?.compressed(), "2001:db8::1");
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn compressed(&self) -> String {
        self.to_string()
    }

    /// The reverse-DNS name.
    ///
    /// ```
    /// // Python: ipaddress.ip_address('127.0.0.1').reverse_pointer
    /// assert_eq!(netlib::ipaddress::ip_address("127.0.0.1")?.reverse_pointer(),
    ///            "1.0.0.127.in-addr.arpa");
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn reverse_pointer(&self) -> String {
        dispatch!(self, a => a.reverse_pointer())
    }

    /// [`Ipv6Address::ipv4_mapped`]; `None` for IPv4 (Python's
    /// `IPv4Address` has no such attribute).
    ///
    /// ```
    /// // Python: ipaddress.ip_address('::ffff:10.0.0.1').ipv4_mapped
    /// let addr = netlib::ipaddress::ip_address("::ffff:10.0.0.1")?;
    /// assert_eq!(format!("{:?}", addr.ipv4_mapped()), "Some(IPv4Address('10.0.0.1'))");
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn ipv4_mapped(&self) -> Option<Ipv4Address> {
        match self {
            IpAddress::V4(_) => None,
            IpAddress::V6(a) => a.ipv4_mapped(),
        }
    }

    /// `self + n`, keeping the version (Python's `addr + n`).
    ///
    /// ```
    /// // Python: ipaddress.ip_address('10.0.0.1') + 2
    /// let addr = netlib::ipaddress::ip_address("10.0.0.1")?;
    /// assert_eq!(addr.checked_add(2)?.to_string(), "10.0.0.3");
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn checked_add(&self, n: i128) -> Result<Self, Error> {
        Ok(match self {
            IpAddress::V4(a) => IpAddress::V4(a.checked_add(n)?),
            IpAddress::V6(a) => IpAddress::V6(a.checked_add(n)?),
        })
    }

    /// `self - n`, keeping the version (Python's `addr - n`).
    ///
    /// ```
    /// // Python: ipaddress.ip_address('10.0.0.1') - 2
    /// let addr = netlib::ipaddress::ip_address("10.0.0.1")?;
    /// assert_eq!(addr.checked_sub(2)?.to_string(), "9.255.255.255");
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn checked_sub(&self, n: i128) -> Result<Self, Error> {
        Ok(match self {
            IpAddress::V4(a) => IpAddress::V4(a.checked_sub(n)?),
            IpAddress::V6(a) => IpAddress::V6(a.checked_sub(n)?),
        })
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

impl Ipv6Address {
    /// Python's `str()` without the scope id.
    pub(crate) fn unscoped_text(&self) -> String {
        match self.ipv4_mapped() {
            // `_ipv4_mapped_ipv6_to_str`: the high 96 bits are always ::ffff.
            Some(v4) => format!("::ffff:{v4}"),
            None => text::v6_compressed(self.ip),
        }
    }
}

impl fmt::Display for Ipv6Address {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = self.unscoped_text();
        if let Some(scope) = &self.scope {
            out.push('%');
            out.push_str(scope);
        }
        f.pad(&out)
    }
}

impl fmt::Debug for Ipv6Address {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "IPv6Address({})", str_repr(&self.to_string()))
    }
}

impl fmt::Display for IpAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        dispatch!(self, a => fmt::Display::fmt(a, f))
    }
}

impl fmt::Debug for IpAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        dispatch!(self, a => fmt::Debug::fmt(a, f))
    }
}

/// Python's `IPv4Address(str)`, errors as `AddressValueError`.
impl FromStr for Ipv4Address {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        parse::v4_address_from_str(s).map(Ipv4Address)
    }
}

/// Python's `IPv6Address(str)`, errors as `AddressValueError`.
impl FromStr for Ipv6Address {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        Self::from_text(s)
    }
}

/// Python's `ip_address(str)`.
impl FromStr for IpAddress {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        super::ip_address(s)
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

impl From<u128> for Ipv6Address {
    fn from(ip: u128) -> Self {
        Ipv6Address { ip, scope: None }
    }
}

impl From<[u8; 16]> for Ipv6Address {
    fn from(b: [u8; 16]) -> Self {
        Ipv6Address::from(u128::from_be_bytes(b))
    }
}

impl From<Ipv6Addr> for Ipv6Address {
    fn from(a: Ipv6Addr) -> Self {
        Ipv6Address::from(a.to_bits())
    }
}

/// Drops the scope id (std's `Ipv6Addr` has none).
impl From<Ipv6Address> for Ipv6Addr {
    fn from(a: Ipv6Address) -> Self {
        Ipv6Addr::from_bits(a.ip)
    }
}

/// Python's `int(addr)`.
impl From<Ipv6Address> for u128 {
    fn from(a: Ipv6Address) -> Self {
        a.ip
    }
}

/// Python's `int(addr)`.
impl From<&Ipv6Address> for u128 {
    fn from(a: &Ipv6Address) -> Self {
        a.ip
    }
}

/// Python's `int(addr)`.
impl From<IpAddress> for u128 {
    fn from(a: IpAddress) -> Self {
        u128::from(&a)
    }
}

/// Python's `int(addr)`.
impl From<&IpAddress> for u128 {
    fn from(a: &IpAddress) -> Self {
        match a {
            IpAddress::V4(v4) => u128::from(*v4),
            IpAddress::V6(v6) => v6.ip,
        }
    }
}

impl From<Ipv4Address> for IpAddress {
    fn from(a: Ipv4Address) -> Self {
        IpAddress::V4(a)
    }
}

impl From<Ipv6Address> for IpAddress {
    fn from(a: Ipv6Address) -> Self {
        IpAddress::V6(a)
    }
}

impl From<IpAddr> for IpAddress {
    fn from(a: IpAddr) -> Self {
        match a {
            IpAddr::V4(v4) => IpAddress::V4(v4.into()),
            IpAddr::V6(v6) => IpAddress::V6(v6.into()),
        }
    }
}

/// Drops an IPv6 scope id.
impl From<IpAddress> for IpAddr {
    fn from(a: IpAddress) -> Self {
        match a {
            IpAddress::V4(v4) => IpAddr::V4(v4.into()),
            IpAddress::V6(v6) => IpAddr::V6(v6.into()),
        }
    }
}
