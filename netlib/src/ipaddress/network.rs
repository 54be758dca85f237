//! Networks: [`Ipv4Network`], [`Ipv6Network`], [`IpNetwork`].

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use ipnet::{Ipv4Net, Ipv6Net};

use super::address::{IpAddress, Ipv4Address, Ipv6Address};
use super::convert::{Arg, IntoIpAddress};
use super::count::AddressCount;
use super::error::{Error, ErrorKind};
use super::iter::Iter;
use super::parse::{self, Mask};
use super::special::{self, v4_in};
use super::text;
use crate::repr::str_repr;

mod common;
mod ip;

/// An IPv4 network, Python's `ipaddress.IPv4Network` ([RFC 4632](https://www.rfc-editor.org/rfc/rfc4632) CIDR).
///
/// Convert to and from [`ipnet::Ipv4Net`] with `From`.
///
/// ```
/// use netlib::ipaddress::Ipv4Network;
///
/// // Python: ipaddress.IPv4Network('192.168.0.0/24')
/// let net: Ipv4Network = "192.168.0.0/24".parse()?;
/// assert_eq!(format!("{net:?}"), "IPv4Network('192.168.0.0/24')");
/// assert_eq!(net.num_addresses(), 256);
/// # Ok::<(), netlib::ipaddress::Error>(())
/// ```
#[doc(alias = "IPv4Network")]
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Ipv4Network {
    network_address: Ipv4Address,
    prefixlen: u8,
}

/// An IPv6 network, Python's `ipaddress.IPv6Network` ([RFC 4291](https://www.rfc-editor.org/rfc/rfc4291)). The
/// network address may carry a scope id (`fe80::%eth0/64`).
///
/// ```
/// use netlib::ipaddress::Ipv6Network;
///
/// // Python: ipaddress.IPv6Network('2001:db8::/32')
/// let net: Ipv6Network = "2001:db8::/32".parse()?;
/// assert_eq!(format!("{net:?}"), "IPv6Network('2001:db8::/32')");
/// # Ok::<(), netlib::ipaddress::Error>(())
/// ```
#[doc(alias = "IPv6Network")]
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Ipv6Network {
    network_address: Ipv6Address,
    prefixlen: u8,
}

/// Either network version, what Python's `ip_network()` returns.
///
/// ```
/// use netlib::ipaddress::{ip_network, IpNetwork};
///
/// // Python: ipaddress.ip_network('10.0.0.0/8')
/// assert!(matches!(ip_network("10.0.0.0/8")?, IpNetwork::V4(_)));
/// # Ok::<(), netlib::ipaddress::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum IpNetwork {
    /// An `IPv4Network`.
    V4(Ipv4Network),
    /// An `IPv6Network`.
    V6(Ipv6Network),
}

/// `(address argument, mask)` as Python's `_split_addr_prefix` returns it.
pub(crate) fn split_addr_prefix(arg: &Arg, max: u8) -> Result<(Arg, Mask), Error> {
    Ok(match arg {
        Arg::Int { .. } | Arg::Bytes(_) => (arg.clone(), Mask::Int(i128::from(max))),
        Arg::Pair(addr, mask) => ((**addr).clone(), mask.clone()),
        Arg::Text { text, .. } => {
            let (addr, mask) = parse::split_optional_netmask(text)?;
            let mask = match mask {
                Some(m) => Mask::Text(m.to_owned()),
                None => Mask::Int(i128::from(max)),
            };
            (Arg::text(addr), mask)
        }
    })
}

pub(crate) fn all_ones(max: u8) -> u128 {
    u128::MAX >> (128 - u32::from(max))
}

pub(crate) fn mask_bits(prefixlen: u8, max: u8) -> u128 {
    let all = all_ones(max);
    all ^ all.checked_shr(u32::from(prefixlen)).unwrap_or(0)
}

impl Ipv4Network {
    fn addr(bits: u128, _: u8) -> Ipv4Address {
        // Callers pass values below 2^32.
        Ipv4Address::from(bits as u32)
    }

    pub(crate) fn from_arg(arg: &Arg, strict: bool) -> Result<Self, Error> {
        let (addr, mask) = split_addr_prefix(arg, Self::max())?;
        let address = Ipv4Address::from_arg(&addr)?;
        let prefixlen = parse::v4_prefix(&mask)?;
        let bits = u128::from(address);
        let masked = bits & mask_bits(prefixlen, 32);
        if masked != bits && strict {
            return Err(Error::value(format!(
                "{address}/{prefixlen} has host bits set"
            )));
        }
        Ok(Self::make(masked, prefixlen))
    }

    /// The usable hosts: all but the network and broadcast addresses,
    /// except that a `/31` yields both of its addresses and a `/32` its
    /// single one ([RFC 3021](https://www.rfc-editor.org/rfc/rfc3021)), as in Python's `hosts()`.
    ///
    /// ```
    /// use netlib::ipaddress::Ipv4Network;
    ///
    /// // Python: list(ipaddress.IPv4Network('10.0.0.0/31').hosts())
    /// let net: Ipv4Network = "10.0.0.0/31".parse()?;
    /// assert_eq!(net.hosts().count(), 2);
    /// // Python: list(ipaddress.IPv4Network('10.0.0.0/30').hosts())
    /// let net: Ipv4Network = "10.0.0.0/30".parse()?;
    /// assert_eq!(net.hosts().map(|h| h.to_string()).collect::<Vec<_>>(), ["10.0.0.1", "10.0.0.2"]);
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn hosts(&self) -> Iter<Ipv4Address> {
        match self.prefixlen {
            31 | 32 => self.iter(),
            _ => Iter::range(self.base() + 1, self.last() - 1, 1, 0, Self::addr),
        }
    }

    /// Python's `num_addresses`.
    ///
    /// ```
    /// // Python: ipaddress.IPv4Network('0.0.0.0/0').num_addresses
    /// let net: netlib::ipaddress::Ipv4Network = "0.0.0.0/0".parse()?;
    /// assert_eq!(net.num_addresses(), 1 << 32);
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn num_addresses(&self) -> u128 {
        self.last() - self.base() + 1
    }

    /// Python's `is_private`: both ends inside one of the not-globally-
    /// reachable blocks and outside the exceptions.
    ///
    /// ```
    /// // Python: ipaddress.IPv4Network('192.168.0.0/24').is_private
    /// assert!("192.168.0.0/24".parse::<netlib::ipaddress::Ipv4Network>()?.is_private());
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn is_private(&self) -> bool {
        special::v4_private(self.base() as u32, self.last() as u32)
    }

    /// Python's `is_global`: not private and not inside `100.64.0.0/10`.
    ///
    /// ```
    /// // Python: ipaddress.IPv4Network('100.64.0.0/16').is_global
    /// assert!(!"100.64.0.0/16".parse::<netlib::ipaddress::Ipv4Network>()?.is_global());
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn is_global(&self) -> bool {
        let shared = v4_in(self.base() as u32, special::V4_SHARED)
            && v4_in(self.last() as u32, special::V4_SHARED);
        !shared && !self.is_private()
    }

    /// Python's `exploded`: same as `Display` for IPv4.
    ///
    /// ```
    /// // Python: ipaddress.IPv4Network('10.0.0.0/8').exploded
    /// assert_eq!("10.0.0.0/8".parse::<netlib::ipaddress::Ipv4Network>()?.exploded(), "10.0.0.0/8");
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn exploded(&self) -> String {
        self.to_string()
    }

    /// Python's `reverse_pointer` of a network, which reverses the
    /// dot-separated pieces of `str(network)` (`0/24.2.0.192.in-addr.arpa`).
    ///
    /// ```
    /// // Python: ipaddress.IPv4Network('192.0.2.0/24').reverse_pointer
    /// let net: netlib::ipaddress::Ipv4Network = "192.0.2.0/24".parse()?;
    /// assert_eq!(net.reverse_pointer(), "0/24.2.0.192.in-addr.arpa");
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn reverse_pointer(&self) -> String {
        text::v4_reverse_of(&self.to_string())
    }
}

impl Ipv6Network {
    fn addr(bits: u128, _: u8) -> Ipv6Address {
        Ipv6Address::from(bits)
    }

    pub(crate) fn from_arg(arg: &Arg, strict: bool) -> Result<Self, Error> {
        let (addr, mask) = split_addr_prefix(arg, Self::max())?;
        let address = Ipv6Address::from_arg(&addr)?;
        let prefixlen = parse::v6_prefix(&mask)?;
        let bits = address.bits();
        let masked = bits & mask_bits(prefixlen, 128);
        if masked == bits {
            return Ok(Ipv6Network {
                network_address: address,
                prefixlen,
            });
        }
        if strict {
            return Err(Error::value(format!(
                "{address}/{prefixlen} has host bits set"
            )));
        }
        // Python rebuilds the address from an integer here: the scope id goes.
        Ok(Self::make(masked, prefixlen))
    }

    /// The usable hosts: every address but the Subnet-Router anycast
    /// (the first); a `/127` yields both addresses and a `/128` its single
    /// one, as in Python's `IPv6Network.hosts()`.
    ///
    /// ```
    /// use netlib::ipaddress::Ipv6Network;
    ///
    /// // Python: list(ipaddress.IPv6Network('2001:db8::/126').hosts())
    /// let net: Ipv6Network = "2001:db8::/126".parse()?;
    /// assert_eq!(net.hosts().map(|h| h.to_string()).collect::<Vec<_>>(),
    ///            ["2001:db8::1", "2001:db8::2", "2001:db8::3"]);
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn hosts(&self) -> Iter<Ipv6Address> {
        match self.prefixlen {
            127 => self.iter(),
            128 => Iter::single(self.network_address.clone(), Self::addr),
            _ => Iter::range(self.base() + 1, self.last(), 1, 0, Self::addr),
        }
    }

    /// Python's `num_addresses` (exact even for `::/0`).
    ///
    /// ```
    /// // Python: ipaddress.IPv6Network('2001:db8::/64').num_addresses
    /// let net: netlib::ipaddress::Ipv6Network = "2001:db8::/64".parse()?;
    /// assert_eq!(net.num_addresses(), 1u128 << 64);
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn num_addresses(&self) -> AddressCount {
        AddressCount::new((self.last() - self.base()).checked_add(1))
    }

    /// Python's `is_private` on raw bits (an IPv4-mapped network is
    /// private as part of `::ffff:0:0/96`).
    ///
    /// ```
    /// // Python: ipaddress.IPv6Network('fd00::/8').is_private
    /// assert!("fd00::/8".parse::<netlib::ipaddress::Ipv6Network>()?.is_private());
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn is_private(&self) -> bool {
        special::v6_private(self.base(), self.last())
    }

    /// `not is_private`, Python's `is_global`.
    ///
    /// ```
    /// // Python: ipaddress.IPv6Network('2600::/16').is_global
    /// assert!("2600::/16".parse::<netlib::ipaddress::Ipv6Network>()?.is_global());
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn is_global(&self) -> bool {
        !self.is_private()
    }

    /// Both ends site-local, Python's `is_site_local`.
    ///
    /// ```
    /// // Python: ipaddress.IPv6Network('fec0::/64').is_site_local
    /// assert!("fec0::/64".parse::<netlib::ipaddress::Ipv6Network>()?.is_site_local());
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn is_site_local(&self) -> bool {
        self.network_address.is_site_local() && self.broadcast_address().is_site_local()
    }

    /// Eight full hextets and the prefix length, Python's `exploded`.
    /// With a scope id CPython 3.13.0 raises (gh-88178); netlib writes
    /// `…%scope/len`.
    ///
    /// ```
    /// // Python: ipaddress.IPv6Network('2001:db8::/32').exploded
    /// let net: netlib::ipaddress::Ipv6Network = "2001:db8::/32".parse()?;
    /// assert_eq!(net.exploded(), "2001:0db8:0000:0000:0000:0000:0000:0000/32");
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn exploded(&self) -> String {
        let mut out = text::v6_exploded_hex(self.base());
        if let Some(scope) = self.network_address.scope_id() {
            out.push('%');
            out.push_str(scope);
        }
        format!("{out}/{}", self.prefixlen)
    }

    /// Python's `reverse_pointer` of a network: the reversed characters of
    /// `exploded`, prefix length included (scope id left out).
    ///
    /// ```
    /// // Python: ipaddress.IPv6Network('2001:db8::/64').reverse_pointer
    /// let net: netlib::ipaddress::Ipv6Network = "2001:db8::/64".parse()?;
    /// assert!(net.reverse_pointer().starts_with("4.6./.0.0."));
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn reverse_pointer(&self) -> String {
        let exploded = format!("{}/{}", text::v6_exploded_hex(self.base()), self.prefixlen);
        text::v6_reverse_of(&exploded)
    }
}

impl From<Ipv4Network> for Ipv4Net {
    fn from(n: Ipv4Network) -> Self {
        Ipv4Net::new(n.network_address.into(), n.prefixlen).unwrap_or_default()
    }
}

/// Like Python's non-strict constructor: host bits are cleared.
impl From<Ipv4Net> for Ipv4Network {
    fn from(n: Ipv4Net) -> Self {
        Ipv4Network {
            network_address: n.network().into(),
            prefixlen: n.prefix_len(),
        }
    }
}

/// Drops a scope id.
impl From<Ipv6Network> for Ipv6Net {
    fn from(n: Ipv6Network) -> Self {
        Ipv6Net::new(n.network_address.into(), n.prefixlen).unwrap_or_default()
    }
}

/// Like Python's non-strict constructor: host bits are cleared.
impl From<Ipv6Net> for Ipv6Network {
    fn from(n: Ipv6Net) -> Self {
        Ipv6Network {
            network_address: n.network().into(),
            prefixlen: n.prefix_len(),
        }
    }
}
