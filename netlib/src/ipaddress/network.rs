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

/// An IPv4 network, Python's `ipaddress.IPv4Network` (RFC 4632 CIDR).
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

/// An IPv6 network, Python's `ipaddress.IPv6Network` (RFC 4291). The
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

macro_rules! common_network {
    ($Net:ident, $Addr:ident, $max:expr, $ver:expr, $ex:literal, $inside:literal, $outside:literal) => {
        impl $Net {
            fn max() -> u8 {
                $max
            }

            fn base(&self) -> u128 {
                u128::from(&self.network_address)
            }

            fn last(&self) -> u128 {
                self.base() | (all_ones($max) ^ mask_bits(self.prefixlen, $max))
            }

            fn make(bits: u128, prefixlen: u8) -> Self {
                $Net {
                    network_address: Self::addr(bits, 0),
                    prefixlen,
                }
            }

            /// Python's `IPvXNetwork(address, strict)`: a string
            /// (`addr/len`, `addr/netmask`, `addr/hostmask`, bare
            /// address), an integer, packed bytes or an `(address, mask)`
            /// pair. With `strict`, host bits set is a `ValueError`.
            ///
            /// ```
            #[doc = concat!("use netlib::ipaddress::", stringify!($Net), ";")]
            ///
            #[doc = concat!("// Python: ipaddress.", stringify!($Net), "('", $ex, "', strict=True)")]
            #[doc = concat!("let net = ", stringify!($Net), "::new(\"", $ex, "\", true)?;")]
            #[doc = concat!("assert_eq!(net.to_string(), \"", $ex, "\");")]
            /// # Ok::<(), netlib::ipaddress::Error>(())
            /// ```
            pub fn new(address: impl IntoIpAddress, strict: bool) -> Result<Self, Error> {
                Self::from_arg(&address.into_arg(), strict)
            }

            /// Always the IP version: Python's `version`.
            ///
            /// ```
            #[doc = concat!("// Python: ipaddress.ip_network('", $ex, "').version")]
            #[doc = concat!("let net: netlib::ipaddress::", stringify!($Net), " = \"", $ex, "\".parse()?;")]
            #[doc = concat!("assert_eq!(net.version(), ", stringify!($ver), ");")]
            /// # Ok::<(), netlib::ipaddress::Error>(())
            /// ```
            pub fn version(&self) -> u8 {
                $ver
            }

            /// Python's `max_prefixlen` (32 or 128).
            ///
            /// ```
            #[doc = concat!("// Python: ipaddress.ip_network('", $ex, "').max_prefixlen")]
            #[doc = concat!("let net: netlib::ipaddress::", stringify!($Net), " = \"", $ex, "\".parse()?;")]
            #[doc = concat!("assert_eq!(net.max_prefixlen(), ", stringify!($max), ");")]
            /// # Ok::<(), netlib::ipaddress::Error>(())
            /// ```
            pub fn max_prefixlen(&self) -> u8 {
                $max
            }

            /// The first address, Python's `network_address`.
            ///
            /// ```
            #[doc = concat!("// Python: ipaddress.ip_network('", $ex, "').network_address")]
            #[doc = concat!("let net: netlib::ipaddress::", stringify!($Net), " = \"", $ex, "\".parse()?;")]
            #[doc = concat!("assert_eq!(net.with_prefixlen(), format!(\"{}/{}\", net.network_address(), net.prefixlen()));")]
            /// # Ok::<(), netlib::ipaddress::Error>(())
            /// ```
            pub fn network_address(&self) -> $Addr {
                self.network_address.clone()
            }

            /// Python's `prefixlen`.
            ///
            /// ```
            #[doc = concat!("// Python: ipaddress.ip_network('", $ex, "').prefixlen")]
            #[doc = concat!("let net: netlib::ipaddress::", stringify!($Net), " = \"", $ex, "\".parse()?;")]
            #[doc = concat!("assert!(net.prefixlen() <= ", stringify!($max), ");")]
            /// # Ok::<(), netlib::ipaddress::Error>(())
            /// ```
            pub fn prefixlen(&self) -> u8 {
                self.prefixlen
            }

            /// The mask with `prefixlen` leading ones, Python's `netmask`.
            ///
            /// ```
            #[doc = concat!("// Python: ipaddress.ip_network('", $ex, "').netmask")]
            #[doc = concat!("let net: netlib::ipaddress::", stringify!($Net), " = \"", $ex, "\".parse()?;")]
            /// assert_eq!(u128::from(net.netmask()).leading_zeros() as u8, 128 - net.max_prefixlen());
            /// # Ok::<(), netlib::ipaddress::Error>(())
            /// ```
            pub fn netmask(&self) -> $Addr {
                Self::addr(mask_bits(self.prefixlen, $max), 0)
            }

            /// The inverted netmask, Python's `hostmask`.
            ///
            /// ```
            #[doc = concat!("// Python: ipaddress.ip_network('", $ex, "').hostmask")]
            #[doc = concat!("let net: netlib::ipaddress::", stringify!($Net), " = \"", $ex, "\".parse()?;")]
            /// assert_eq!(u128::from(net.hostmask()) & u128::from(net.netmask()), 0);
            /// # Ok::<(), netlib::ipaddress::Error>(())
            /// ```
            pub fn hostmask(&self) -> $Addr {
                Self::addr(all_ones($max) ^ mask_bits(self.prefixlen, $max), 0)
            }

            /// The last address, Python's `broadcast_address`.
            ///
            /// ```
            #[doc = concat!("// Python: ipaddress.ip_network('", $ex, "').broadcast_address")]
            #[doc = concat!("let net: netlib::ipaddress::", stringify!($Net), " = \"", $ex, "\".parse()?;")]
            /// assert!(net.contains(&net.broadcast_address()));
            /// # Ok::<(), netlib::ipaddress::Error>(())
            /// ```
            pub fn broadcast_address(&self) -> $Addr {
                Self::addr(self.last(), 0)
            }

            /// Every address, network and broadcast included: Python's
            /// `iter(network)` / `list(network)`.
            ///
            /// ```
            #[doc = concat!("// Python: next(iter(ipaddress.ip_network('", $ex, "')))")]
            #[doc = concat!("let net: netlib::ipaddress::", stringify!($Net), " = \"", $ex, "\".parse()?;")]
            /// assert_eq!(net.iter().next(), Some(net.network_address()));
            /// # Ok::<(), netlib::ipaddress::Error>(())
            /// ```
            pub fn iter(&self) -> Iter<$Addr> {
                Iter::range(self.base(), self.last(), 1, 0, Self::addr)
            }

            /// The networks `prefixlen_diff` bits longer that make up this
            /// one; a network of maximal length yields itself. Python's
            /// `subnets(prefixlen_diff=...)`.
            ///
            /// ```
            #[doc = concat!("// Python: list(ipaddress.ip_network('", $ex, "').subnets())")]
            #[doc = concat!("let net: netlib::ipaddress::", stringify!($Net), " = \"", $ex, "\".parse()?;")]
            /// let halves: Vec<_> = net.subnets(1)?.collect();
            /// assert_eq!(halves.len(), 2);
            /// assert_eq!(halves[0].prefixlen(), net.prefixlen() + 1);
            /// // Python: list(ipaddress.ip_network(...).subnets(prefixlen_diff=200))
            /// assert!(net.subnets(200).is_err());
            /// # Ok::<(), netlib::ipaddress::Error>(())
            /// ```
            pub fn subnets(&self, prefixlen_diff: u32) -> Result<Iter<Self>, Error> {
                if self.prefixlen == $max {
                    return Ok(Iter::single(self.clone(), Self::make));
                }
                let new = u64::from(self.prefixlen) + u64::from(prefixlen_diff);
                let new = u8::try_from(new).ok().filter(|&p| p <= $max).ok_or_else(|| {
                    Error::value(format!("prefix length diff {new} is invalid for netblock {self}"))
                })?;
                let host = all_ones($max) ^ mask_bits(new, $max);
                let step = host.checked_add(1).unwrap_or(u128::MAX);
                Ok(Iter::range(self.base(), self.last() & !host, step, new, Self::make))
            }

            /// Python's `subnets(new_prefix=...)`.
            ///
            /// ```
            #[doc = concat!("// Python: ipaddress.ip_network('", $ex, "').subnets(new_prefix=1)")]
            #[doc = concat!("let net: netlib::ipaddress::", stringify!($Net), " = \"", $ex, "\".parse()?;")]
            /// assert_eq!(net.subnets_new_prefix(1).unwrap_err().to_string(), "new prefix must be longer");
            /// # Ok::<(), netlib::ipaddress::Error>(())
            /// ```
            pub fn subnets_new_prefix(&self, new_prefix: u32) -> Result<Iter<Self>, Error> {
                if self.prefixlen == $max {
                    return Ok(Iter::single(self.clone(), Self::make));
                }
                let diff = new_prefix
                    .checked_sub(u32::from(self.prefixlen))
                    .ok_or_else(|| Error::value("new prefix must be longer"))?;
                self.subnets(diff)
            }

            /// The network `prefixlen_diff` bits shorter containing this
            /// one; a `/0` is its own supernet. Python's
            /// `supernet(prefixlen_diff=...)`.
            ///
            /// ```
            #[doc = concat!("// Python: ipaddress.ip_network('", $ex, "').supernet()")]
            #[doc = concat!("let net: netlib::ipaddress::", stringify!($Net), " = \"", $ex, "\".parse()?;")]
            /// let sup = net.supernet(1)?;
            /// assert!(sup.supernet_of(&net));
            /// # Ok::<(), netlib::ipaddress::Error>(())
            /// ```
            pub fn supernet(&self, prefixlen_diff: u32) -> Result<Self, Error> {
                if self.prefixlen == 0 {
                    return Ok(self.clone());
                }
                let new = u32::from(self.prefixlen)
                    .checked_sub(prefixlen_diff)
                    .and_then(|p| u8::try_from(p).ok())
                    .ok_or_else(|| {
                        Error::value(format!(
                            "current prefixlen is {}, cannot have a prefixlen_diff of {}",
                            self.prefixlen, prefixlen_diff
                        ))
                    })?;
                Ok(Self::make(self.base() & mask_bits(new, $max), new))
            }

            /// Python's `supernet(new_prefix=...)`.
            ///
            /// ```
            #[doc = concat!("// Python: ipaddress.ip_network('", $ex, "').supernet(new_prefix=0)")]
            #[doc = concat!("let net: netlib::ipaddress::", stringify!($Net), " = \"", $ex, "\".parse()?;")]
            /// assert_eq!(net.supernet_new_prefix(0)?.prefixlen(), 0);
            /// # Ok::<(), netlib::ipaddress::Error>(())
            /// ```
            pub fn supernet_new_prefix(&self, new_prefix: u32) -> Result<Self, Error> {
                if self.prefixlen == 0 {
                    return Ok(self.clone());
                }
                let diff = u32::from(self.prefixlen)
                    .checked_sub(new_prefix)
                    .ok_or_else(|| Error::value("new prefix must be shorter"))?;
                self.supernet(diff)
            }

            /// Python's `address in network` (the scope id is ignored).
            ///
            /// ```
            #[doc = concat!("// Python: ipaddress.ip_address('", $inside, "') in ipaddress.ip_network('", $ex, "')")]
            #[doc = concat!("let net: netlib::ipaddress::", stringify!($Net), " = \"", $ex, "\".parse()?;")]
            #[doc = concat!("assert!(net.contains(&\"", $inside, "\".parse()?));")]
            #[doc = concat!("assert!(!net.contains(&\"", $outside, "\".parse()?));")]
            /// # Ok::<(), netlib::ipaddress::Error>(())
            /// ```
            pub fn contains(&self, address: &$Addr) -> bool {
                u128::from(address) & mask_bits(self.prefixlen, $max) == self.base()
            }

            /// Whether the two networks share an address, Python's `overlaps`.
            ///
            /// ```
            #[doc = concat!("// Python: ipaddress.ip_network('", $ex, "').overlaps(ipaddress.ip_network('", $ex, "'))")]
            #[doc = concat!("let net: netlib::ipaddress::", stringify!($Net), " = \"", $ex, "\".parse()?;")]
            /// assert!(net.overlaps(&net));
            /// # Ok::<(), netlib::ipaddress::Error>(())
            /// ```
            pub fn overlaps(&self, other: &Self) -> bool {
                self.contains(&other.network_address)
                    || self.contains(&other.broadcast_address())
                    || other.contains(&self.network_address)
                    || other.contains(&self.broadcast_address())
            }

            /// Python's `subnet_of`: inside `other` (or equal).
            ///
            /// ```
            #[doc = concat!("// Python: ipaddress.ip_network('", $ex, "').subnet_of(ipaddress.ip_network('", $ex, "').supernet())")]
            #[doc = concat!("let net: netlib::ipaddress::", stringify!($Net), " = \"", $ex, "\".parse()?;")]
            /// assert!(net.subnet_of(&net.supernet(1)?));
            /// # Ok::<(), netlib::ipaddress::Error>(())
            /// ```
            pub fn subnet_of(&self, other: &Self) -> bool {
                // Python compares with `<=`, which for addresses means
                // "lower, or equal including the scope id".
                let start_ok = other.base() < self.base()
                    || other.network_address == self.network_address;
                start_ok && other.last() >= self.last()
            }

            /// Python's `supernet_of`: contains `other` (or equal).
            ///
            /// ```
            #[doc = concat!("// Python: ipaddress.ip_network('", $ex, "').supernet().supernet_of(ipaddress.ip_network('", $ex, "'))")]
            #[doc = concat!("let net: netlib::ipaddress::", stringify!($Net), " = \"", $ex, "\".parse()?;")]
            /// assert!(net.supernet(1)?.supernet_of(&net));
            /// # Ok::<(), netlib::ipaddress::Error>(())
            /// ```
            pub fn supernet_of(&self, other: &Self) -> bool {
                other.subnet_of(self)
            }

            /// This network minus `other`, as the fewest CIDR blocks, in
            /// Python's order: Python's `address_exclude`.
            ///
            /// ```
            #[doc = concat!("// Python: list(ipaddress.ip_network('", $ex, "').address_exclude(ipaddress.ip_network('", $ex, "')))")]
            #[doc = concat!("let net: netlib::ipaddress::", stringify!($Net), " = \"", $ex, "\".parse()?;")]
            /// assert!(net.address_exclude(&net)?.is_empty());
            /// assert_eq!(net.address_exclude(&net.subnets(1)?.next().unwrap())?.len(), 1);
            /// # Ok::<(), netlib::ipaddress::Error>(())
            /// ```
            pub fn address_exclude(&self, other: &Self) -> Result<Vec<Self>, Error> {
                if !other.subnet_of(self) {
                    return Err(Error::value(format!("{other} not contained in {self}")));
                }
                let mut out = Vec::new();
                if other == self {
                    return Ok(out);
                }
                // Python's walk, with its scope-aware equality: a scoped
                // `other` never equals an (unscoped) half, which ends in
                // CPython's AssertionError; netlib reports the same.
                let halves = |n: &Self| -> Result<(Self, Self), Error> {
                    if n.prefixlen >= $max {
                        return Err(Error::value("not enough values to unpack (expected 2, got 1)"));
                    }
                    let p = n.prefixlen + 1;
                    Ok((Self::make(n.base(), p), Self::make(n.base() | (1u128 << ($max - p)), p)))
                };
                let (mut s1, mut s2) = halves(self)?;
                while s1 != *other && s2 != *other {
                    if other.subnet_of(&s1) {
                        let next = halves(&s1)?;
                        out.push(s2);
                        (s1, s2) = next;
                    } else if other.subnet_of(&s2) {
                        let next = halves(&s2)?;
                        out.push(s1);
                        (s1, s2) = next;
                    } else {
                        return Err(Error::new(
                            ErrorKind::AssertionError,
                            format!("Error performing exclusion: s1: {s1} s2: {s2} other: {other}"),
                        ));
                    }
                }
                out.push(if s1 == *other { s2 } else { s1 });
                Ok(out)
            }

            /// Python's `compare_networks`: by network address, then
            /// netmask. As in Python, two addresses that differ only in
            /// their scope id compare as "greater" both ways.
            ///
            /// ```
            /// use std::cmp::Ordering;
            #[doc = concat!("// Python: ipaddress.ip_network('", $ex, "').compare_networks(ipaddress.ip_network('", $ex, "'))")]
            #[doc = concat!("let net: netlib::ipaddress::", stringify!($Net), " = \"", $ex, "\".parse()?;")]
            /// assert_eq!(net.compare_networks(&net), Ordering::Equal);
            /// # Ok::<(), netlib::ipaddress::Error>(())
            /// ```
            pub fn compare_networks(&self, other: &Self) -> Ordering {
                if self.base() < other.base() {
                    Ordering::Less
                } else if self.network_address != other.network_address {
                    // Python's `>` is "not < and !=", scope id included.
                    Ordering::Greater
                } else {
                    self.prefixlen.cmp(&other.prefixlen)
                }
            }

            /// `address/prefixlen`, Python's `with_prefixlen`.
            ///
            /// ```
            #[doc = concat!("// Python: ipaddress.ip_network('", $ex, "').with_prefixlen")]
            #[doc = concat!("let net: netlib::ipaddress::", stringify!($Net), " = \"", $ex, "\".parse()?;")]
            #[doc = concat!("assert_eq!(net.with_prefixlen(), \"", $ex, "\");")]
            /// # Ok::<(), netlib::ipaddress::Error>(())
            /// ```
            pub fn with_prefixlen(&self) -> String {
                format!("{}/{}", self.network_address, self.prefixlen)
            }

            /// `address/netmask`, Python's `with_netmask`.
            ///
            /// ```
            #[doc = concat!("// Python: ipaddress.ip_network('", $ex, "').with_netmask")]
            #[doc = concat!("let net: netlib::ipaddress::", stringify!($Net), " = \"", $ex, "\".parse()?;")]
            /// assert_eq!(net.with_netmask(), format!("{}/{}", net.network_address(), net.netmask()));
            /// # Ok::<(), netlib::ipaddress::Error>(())
            /// ```
            pub fn with_netmask(&self) -> String {
                format!("{}/{}", self.network_address, self.netmask())
            }

            /// `address/hostmask`, Python's `with_hostmask`.
            ///
            /// ```
            #[doc = concat!("// Python: ipaddress.ip_network('", $ex, "').with_hostmask")]
            #[doc = concat!("let net: netlib::ipaddress::", stringify!($Net), " = \"", $ex, "\".parse()?;")]
            /// assert_eq!(net.with_hostmask(), format!("{}/{}", net.network_address(), net.hostmask()));
            /// # Ok::<(), netlib::ipaddress::Error>(())
            /// ```
            pub fn with_hostmask(&self) -> String {
                format!("{}/{}", self.network_address, self.hostmask())
            }

            /// Same as `Display`, Python's `compressed`.
            ///
            /// ```
            #[doc = concat!("// Python: ipaddress.ip_network('", $ex, "').compressed")]
            #[doc = concat!("let net: netlib::ipaddress::", stringify!($Net), " = \"", $ex, "\".parse()?;")]
            #[doc = concat!("assert_eq!(net.compressed(), \"", $ex, "\");")]
            /// # Ok::<(), netlib::ipaddress::Error>(())
            /// ```
            pub fn compressed(&self) -> String {
                self.to_string()
            }

            /// Both ends are reserved addresses, Python's `is_reserved`.
            ///
            /// ```
            #[doc = concat!("// Python: ipaddress.ip_network('", $ex, "').is_reserved")]
            #[doc = concat!("let net: netlib::ipaddress::", stringify!($Net), " = \"", $ex, "\".parse()?;")]
            /// assert_eq!(net.is_reserved(), net.network_address().is_reserved() && net.broadcast_address().is_reserved());
            /// # Ok::<(), netlib::ipaddress::Error>(())
            /// ```
            pub fn is_reserved(&self) -> bool {
                self.network_address.is_reserved() && self.broadcast_address().is_reserved()
            }

            /// Both ends are multicast, Python's `is_multicast`.
            ///
            /// ```
            #[doc = concat!("// Python: ipaddress.ip_network('", $ex, "').is_multicast")]
            #[doc = concat!("let net: netlib::ipaddress::", stringify!($Net), " = \"", $ex, "\".parse()?;")]
            /// assert!(!net.is_multicast());
            /// # Ok::<(), netlib::ipaddress::Error>(())
            /// ```
            pub fn is_multicast(&self) -> bool {
                self.network_address.is_multicast() && self.broadcast_address().is_multicast()
            }

            /// Both ends are loopback, Python's `is_loopback`.
            ///
            /// ```
            #[doc = concat!("// Python: ipaddress.ip_network('", $ex, "').is_loopback")]
            #[doc = concat!("let net: netlib::ipaddress::", stringify!($Net), " = \"", $ex, "\".parse()?;")]
            /// assert!(!net.is_loopback());
            /// # Ok::<(), netlib::ipaddress::Error>(())
            /// ```
            pub fn is_loopback(&self) -> bool {
                self.network_address.is_loopback() && self.broadcast_address().is_loopback()
            }

            /// Both ends are link-local, Python's `is_link_local`.
            ///
            /// ```
            #[doc = concat!("// Python: ipaddress.ip_network('", $ex, "').is_link_local")]
            #[doc = concat!("let net: netlib::ipaddress::", stringify!($Net), " = \"", $ex, "\".parse()?;")]
            /// assert!(!net.is_link_local());
            /// # Ok::<(), netlib::ipaddress::Error>(())
            /// ```
            pub fn is_link_local(&self) -> bool {
                self.network_address.is_link_local() && self.broadcast_address().is_link_local()
            }

            /// Both ends unspecified (only the all-zero single-address
            /// network), Python's `is_unspecified`.
            ///
            /// ```
            #[doc = concat!("// Python: ipaddress.ip_network('", $ex, "').is_unspecified")]
            #[doc = concat!("let net: netlib::ipaddress::", stringify!($Net), " = \"", $ex, "\".parse()?;")]
            /// assert!(!net.is_unspecified());
            /// # Ok::<(), netlib::ipaddress::Error>(())
            /// ```
            pub fn is_unspecified(&self) -> bool {
                self.network_address.is_unspecified() && self.broadcast_address().is_unspecified()
            }
        }

        impl fmt::Display for $Net {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.pad(&format!("{}/{}", self.network_address, self.prefixlen))
            }
        }

        impl fmt::Debug for $Net {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({})", concat!("IPv", stringify!($ver), "Network"), str_repr(&self.to_string()))
            }
        }

        /// Python's strict `IPvXNetwork(str)`.
        impl FromStr for $Net {
            type Err = Error;
            fn from_str(s: &str) -> Result<Self, Error> {
                Self::from_arg(&Arg::text(s), true)
            }
        }
    };
}

common_network!(
    Ipv4Network,
    Ipv4Address,
    32,
    4,
    "192.0.2.0/24",
    "192.0.2.7",
    "192.0.3.7"
);
common_network!(
    Ipv6Network,
    Ipv6Address,
    128,
    6,
    "2001:db8::/32",
    "2001:db8::7",
    "2001:db9::7"
);

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
    /// single one (RFC 3021), as in Python's `hosts()`.
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

impl From<Ipv4Network> for IpNetwork {
    fn from(n: Ipv4Network) -> Self {
        IpNetwork::V4(n)
    }
}

impl From<Ipv6Network> for IpNetwork {
    fn from(n: Ipv6Network) -> Self {
        IpNetwork::V6(n)
    }
}

impl From<IpNetwork> for ipnet::IpNet {
    fn from(n: IpNetwork) -> Self {
        match n {
            IpNetwork::V4(n) => ipnet::IpNet::V4(n.into()),
            IpNetwork::V6(n) => ipnet::IpNet::V6(n.into()),
        }
    }
}

impl From<ipnet::IpNet> for IpNetwork {
    fn from(n: ipnet::IpNet) -> Self {
        match n {
            ipnet::IpNet::V4(n) => IpNetwork::V4(n.into()),
            ipnet::IpNet::V6(n) => IpNetwork::V6(n.into()),
        }
    }
}

macro_rules! dispatch {
    ($self:ident, $n:ident => $e:expr) => {
        match $self {
            IpNetwork::V4($n) => $e,
            IpNetwork::V6($n) => $e,
        }
    };
}

fn mixed(a: &IpNetwork, b: &IpNetwork) -> Error {
    Error::type_error(format!("{a} and {b} are not of the same version"))
}

impl IpNetwork {
    pub(crate) fn from_arg(arg: &Arg, strict: bool) -> Result<Self, Error> {
        let recoverable = |e: &Error| {
            matches!(
                e.kind(),
                ErrorKind::AddressValueError | ErrorKind::NetmaskValueError
            )
        };
        match Ipv4Network::from_arg(arg, strict) {
            Ok(n) => return Ok(IpNetwork::V4(n)),
            Err(e) if !recoverable(&e) => return Err(e),
            Err(_) => {}
        }
        match Ipv6Network::from_arg(arg, strict) {
            Ok(n) => return Ok(IpNetwork::V6(n)),
            Err(e) if !recoverable(&e) => return Err(e),
            Err(_) => {}
        }
        Err(Error::value(format!(
            "{} does not appear to be an IPv4 or IPv6 network",
            arg.repr()
        )))
    }

    /// 4 or 6.
    ///
    /// ```
    /// // Python: ipaddress.ip_network('10.0.0.0/8').version
    /// assert_eq!(netlib::ipaddress::ip_network("10.0.0.0/8")?.version(), 4);
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn version(&self) -> u8 {
        dispatch!(self, n => n.version())
    }

    /// 32 or 128.
    ///
    /// ```
    /// // Python: ipaddress.ip_network('::/0').max_prefixlen
    /// assert_eq!(netlib::ipaddress::ip_network("::/0")?.max_prefixlen(), 128);
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn max_prefixlen(&self) -> u8 {
        dispatch!(self, n => n.max_prefixlen())
    }

    /// Python's `network_address`.
    ///
    /// ```
    /// // Python: ipaddress.ip_network('10.0.0.0/8').network_address
    /// let net = netlib::ipaddress::ip_network("10.0.0.0/8")?;
    /// assert_eq!(format!("{:?}", net.network_address()), "IPv4Address('10.0.0.0')");
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn network_address(&self) -> IpAddress {
        dispatch!(self, n => n.network_address().into())
    }

    /// Python's `broadcast_address`.
    ///
    /// ```
    /// // Python: ipaddress.ip_network('10.0.0.0/8').broadcast_address
    /// let net = netlib::ipaddress::ip_network("10.0.0.0/8")?;
    /// assert_eq!(net.broadcast_address().to_string(), "10.255.255.255");
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn broadcast_address(&self) -> IpAddress {
        dispatch!(self, n => n.broadcast_address().into())
    }

    /// Python's `netmask`.
    ///
    /// ```
    /// // Python: ipaddress.ip_network('10.0.0.0/8').netmask
    /// assert_eq!(netlib::ipaddress::ip_network("10.0.0.0/8")?.netmask().to_string(), "255.0.0.0");
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn netmask(&self) -> IpAddress {
        dispatch!(self, n => n.netmask().into())
    }

    /// Python's `hostmask`.
    ///
    /// ```
    /// // Python: ipaddress.ip_network('10.0.0.0/8').hostmask
    /// assert_eq!(netlib::ipaddress::ip_network("10.0.0.0/8")?.hostmask().to_string(), "0.255.255.255");
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn hostmask(&self) -> IpAddress {
        dispatch!(self, n => n.hostmask().into())
    }

    /// Python's `prefixlen`.
    ///
    /// ```
    /// // Python: ipaddress.ip_network('10.0.0.0/8').prefixlen
    /// assert_eq!(netlib::ipaddress::ip_network("10.0.0.0/8")?.prefixlen(), 8);
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn prefixlen(&self) -> u8 {
        dispatch!(self, n => n.prefixlen())
    }

    /// Python's `num_addresses`.
    ///
    /// ```
    /// // Python: ipaddress.ip_network('192.168.0.0/24').num_addresses
    /// assert_eq!(netlib::ipaddress::ip_network("192.168.0.0/24")?.num_addresses(), 256);
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn num_addresses(&self) -> AddressCount {
        match self {
            IpNetwork::V4(n) => AddressCount::new(Some(n.num_addresses())),
            IpNetwork::V6(n) => n.num_addresses(),
        }
    }

    /// Python's `hosts()`; see [`Ipv4Network::hosts`] and
    /// [`Ipv6Network::hosts`] for the /31, /32, /127 and /128 rules.
    ///
    /// ```
    /// // Python: list(ipaddress.ip_network('192.168.0.0/30').hosts())
    /// let net = netlib::ipaddress::ip_network("192.168.0.0/30")?;
    /// assert_eq!(net.hosts().count(), 2);
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn hosts(&self) -> Iter<IpAddress> {
        match self {
            IpNetwork::V4(n) => n
                .hosts()
                .map_into(|b, _| IpAddress::V4(Ipv4Network::addr(b, 0)), IpAddress::V4),
            IpNetwork::V6(n) => n
                .hosts()
                .map_into(|b, _| IpAddress::V6(Ipv6Network::addr(b, 0)), IpAddress::V6),
        }
    }

    /// Every address: Python's `iter(network)`.
    ///
    /// ```
    /// // Python: list(ipaddress.ip_network('192.168.0.0/30'))
    /// assert_eq!(netlib::ipaddress::ip_network("192.168.0.0/30")?.iter().count(), 4);
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn iter(&self) -> Iter<IpAddress> {
        match self {
            IpNetwork::V4(n) => n
                .iter()
                .map_into(|b, _| IpAddress::V4(Ipv4Network::addr(b, 0)), IpAddress::V4),
            IpNetwork::V6(n) => n
                .iter()
                .map_into(|b, _| IpAddress::V6(Ipv6Network::addr(b, 0)), IpAddress::V6),
        }
    }

    /// Python's `subnets(prefixlen_diff=...)`.
    ///
    /// ```
    /// // Python: [str(n) for n in ipaddress.ip_network('10.0.0.0/8').subnets(prefixlen_diff=2)]
    /// let subs: Vec<String> = netlib::ipaddress::ip_network("10.0.0.0/8")?
    ///     .subnets(2)?.map(|n| n.to_string()).collect();
    /// assert_eq!(subs, ["10.0.0.0/10", "10.64.0.0/10", "10.128.0.0/10", "10.192.0.0/10"]);
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn subnets(&self, prefixlen_diff: u32) -> Result<Iter<IpNetwork>, Error> {
        Ok(match self {
            IpNetwork::V4(n) => n
                .subnets(prefixlen_diff)?
                .map_into(|b, p| IpNetwork::V4(Ipv4Network::make(b, p)), IpNetwork::V4),
            IpNetwork::V6(n) => n
                .subnets(prefixlen_diff)?
                .map_into(|b, p| IpNetwork::V6(Ipv6Network::make(b, p)), IpNetwork::V6),
        })
    }

    /// Python's `subnets(new_prefix=...)`.
    ///
    /// ```
    /// // Python: len(list(ipaddress.ip_network('10.0.0.0/8').subnets(new_prefix=16)))
    /// assert_eq!(netlib::ipaddress::ip_network("10.0.0.0/8")?.subnets_new_prefix(16)?.count(), 256);
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn subnets_new_prefix(&self, new_prefix: u32) -> Result<Iter<IpNetwork>, Error> {
        Ok(match self {
            IpNetwork::V4(n) => n
                .subnets_new_prefix(new_prefix)?
                .map_into(|b, p| IpNetwork::V4(Ipv4Network::make(b, p)), IpNetwork::V4),
            IpNetwork::V6(n) => n
                .subnets_new_prefix(new_prefix)?
                .map_into(|b, p| IpNetwork::V6(Ipv6Network::make(b, p)), IpNetwork::V6),
        })
    }

    /// Python's `supernet(prefixlen_diff=...)`.
    ///
    /// ```
    /// // Python: ipaddress.ip_network('10.0.0.0/8').supernet(prefixlen_diff=2)
    /// assert_eq!(netlib::ipaddress::ip_network("10.0.0.0/8")?.supernet(2)?.to_string(), "8.0.0.0/6");
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn supernet(&self, prefixlen_diff: u32) -> Result<IpNetwork, Error> {
        Ok(match self {
            IpNetwork::V4(n) => IpNetwork::V4(n.supernet(prefixlen_diff)?),
            IpNetwork::V6(n) => IpNetwork::V6(n.supernet(prefixlen_diff)?),
        })
    }

    /// Python's `supernet(new_prefix=...)`.
    ///
    /// ```
    /// // Python: ipaddress.ip_network('10.0.0.0/8').supernet(new_prefix=4)
    /// assert_eq!(netlib::ipaddress::ip_network("10.0.0.0/8")?.supernet_new_prefix(4)?.to_string(), "0.0.0.0/4");
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn supernet_new_prefix(&self, new_prefix: u32) -> Result<IpNetwork, Error> {
        Ok(match self {
            IpNetwork::V4(n) => IpNetwork::V4(n.supernet_new_prefix(new_prefix)?),
            IpNetwork::V6(n) => IpNetwork::V6(n.supernet_new_prefix(new_prefix)?),
        })
    }

    /// Python's `address in network`: `false` across versions.
    ///
    /// ```
    /// use netlib::ipaddress::{ip_address, ip_network};
    ///
    /// // Python: ipaddress.ip_address('10.1.2.3') in ipaddress.ip_network('10.0.0.0/8')
    /// assert!(ip_network("10.0.0.0/8")?.contains(&ip_address("10.1.2.3")?));
    /// assert!(!ip_network("10.0.0.0/8")?.contains(&ip_address("::1")?));
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn contains(&self, address: &IpAddress) -> bool {
        match (self, address) {
            (IpNetwork::V4(n), IpAddress::V4(a)) => n.contains(a),
            (IpNetwork::V6(n), IpAddress::V6(a)) => n.contains(a),
            _ => false,
        }
    }

    /// Python's `overlaps`: `false` across versions.
    ///
    /// ```
    /// use netlib::ipaddress::ip_network;
    ///
    /// // Python: ipaddress.ip_network('10.0.0.0/8').overlaps(ipaddress.ip_network('10.1.0.0/16'))
    /// assert!(ip_network("10.0.0.0/8")?.overlaps(&ip_network("10.1.0.0/16")?));
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn overlaps(&self, other: &IpNetwork) -> bool {
        match (self, other) {
            (IpNetwork::V4(a), IpNetwork::V4(b)) => a.overlaps(b),
            (IpNetwork::V6(a), IpNetwork::V6(b)) => a.overlaps(b),
            _ => false,
        }
    }

    /// Python's `subnet_of`; mixing versions is a `TypeError`.
    ///
    /// ```
    /// use netlib::ipaddress::ip_network;
    ///
    /// // Python: ipaddress.ip_network('10.1.0.0/16').subnet_of(ipaddress.ip_network('10.0.0.0/8'))
    /// assert!(ip_network("10.1.0.0/16")?.subnet_of(&ip_network("10.0.0.0/8")?)?);
    /// // Python: ipaddress.ip_network('10.1.0.0/16').subnet_of(ipaddress.ip_network('::/0'))
    /// assert_eq!(ip_network("10.1.0.0/16")?.subnet_of(&ip_network("::/0")?).unwrap_err().to_string(),
    ///            "10.1.0.0/16 and ::/0 are not of the same version");
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn subnet_of(&self, other: &IpNetwork) -> Result<bool, Error> {
        match (self, other) {
            (IpNetwork::V4(a), IpNetwork::V4(b)) => Ok(a.subnet_of(b)),
            (IpNetwork::V6(a), IpNetwork::V6(b)) => Ok(a.subnet_of(b)),
            _ => Err(mixed(self, other)),
        }
    }

    /// Python's `supernet_of`; mixing versions is a `TypeError`.
    ///
    /// ```
    /// use netlib::ipaddress::ip_network;
    ///
    /// // Python: ipaddress.ip_network('10.0.0.0/8').supernet_of(ipaddress.ip_network('10.1.0.0/16'))
    /// assert!(ip_network("10.0.0.0/8")?.supernet_of(&ip_network("10.1.0.0/16")?)?);
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn supernet_of(&self, other: &IpNetwork) -> Result<bool, Error> {
        match (self, other) {
            (IpNetwork::V4(a), IpNetwork::V4(b)) => Ok(a.supernet_of(b)),
            (IpNetwork::V6(a), IpNetwork::V6(b)) => Ok(a.supernet_of(b)),
            _ => Err(Error::type_error(format!(
                "{other} and {self} are not of the same version"
            ))),
        }
    }

    /// Python's `address_exclude`.
    ///
    /// ```
    /// use netlib::ipaddress::ip_network;
    ///
    /// // Python: list(ipaddress.ip_network('192.0.2.0/28').address_exclude(ipaddress.ip_network('192.0.2.1/32')))
    /// let rest: Vec<String> = ip_network("192.0.2.0/28")?
    ///     .address_exclude(&ip_network("192.0.2.1/32")?)?
    ///     .iter().map(|n| n.to_string()).collect();
    /// assert_eq!(rest, ["192.0.2.8/29", "192.0.2.4/30", "192.0.2.2/31", "192.0.2.0/32"]);
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn address_exclude(&self, other: &IpNetwork) -> Result<Vec<IpNetwork>, Error> {
        match (self, other) {
            (IpNetwork::V4(a), IpNetwork::V4(b)) => Ok(a
                .address_exclude(b)?
                .into_iter()
                .map(IpNetwork::V4)
                .collect()),
            (IpNetwork::V6(a), IpNetwork::V6(b)) => Ok(a
                .address_exclude(b)?
                .into_iter()
                .map(IpNetwork::V6)
                .collect()),
            _ => Err(mixed(self, other)),
        }
    }

    /// Python's `compare_networks`; mixing versions is a `TypeError`
    /// (whose text says "type", as Python's does).
    ///
    /// ```
    /// use std::cmp::Ordering;
    /// use netlib::ipaddress::ip_network;
    ///
    /// // Python: ipaddress.ip_network('10.0.0.0/8').compare_networks(ipaddress.ip_network('11.0.0.0/8'))
    /// assert_eq!(ip_network("10.0.0.0/8")?.compare_networks(&ip_network("11.0.0.0/8")?)?, Ordering::Less);
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn compare_networks(&self, other: &IpNetwork) -> Result<Ordering, Error> {
        match (self, other) {
            (IpNetwork::V4(a), IpNetwork::V4(b)) => Ok(a.compare_networks(b)),
            (IpNetwork::V6(a), IpNetwork::V6(b)) => Ok(a.compare_networks(b)),
            _ => Err(Error::type_error(format!(
                "{self} and {other} are not of the same type"
            ))),
        }
    }

    /// Python's `with_prefixlen`.
    ///
    /// ```
    /// // Python: ipaddress.ip_network('10.0.0.0/8').with_prefixlen
    /// assert_eq!(netlib::ipaddress::ip_network("10.0.0.0/8")?.with_prefixlen(), "10.0.0.0/8");
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn with_prefixlen(&self) -> String {
        dispatch!(self, n => n.with_prefixlen())
    }

    /// Python's `with_netmask`.
    ///
    /// ```
    /// // Python: ipaddress.ip_network('10.0.0.0/8').with_netmask
    /// assert_eq!(netlib::ipaddress::ip_network("10.0.0.0/8")?.with_netmask(), "10.0.0.0/255.0.0.0");
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn with_netmask(&self) -> String {
        dispatch!(self, n => n.with_netmask())
    }

    /// Python's `with_hostmask`.
    ///
    /// ```
    /// // Python: ipaddress.ip_network('10.0.0.0/8').with_hostmask
    /// assert_eq!(netlib::ipaddress::ip_network("10.0.0.0/8")?.with_hostmask(), "10.0.0.0/0.255.255.255");
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn with_hostmask(&self) -> String {
        dispatch!(self, n => n.with_hostmask())
    }

    /// Python's `exploded`.
    ///
    /// ```
    /// // Python: ipaddress.ip_network('2001:db8::/32').exploded
    /// assert_eq!(netlib::ipaddress::ip_network("2001:db8::/32")?.exploded(),
    ///            "2001:0db8:0000:0000:0000:0000:0000:0000/32");
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn exploded(&self) -> String {
        dispatch!(self, n => n.exploded())
    }

    /// Python's `compressed` (same as `Display`).
    ///
    /// ```
    /// // Python: ipaddress.ip_network('2001:0db8::/32').compressed
    /// assert_eq!(netlib::ipaddress::ip_network("2001:0db8::/32")?.compressed(), "2001:db8::/32");
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn compressed(&self) -> String {
        self.to_string()
    }

    /// Python's `reverse_pointer` of a network.
    ///
    /// ```
    /// // Python: ipaddress.ip_network('10.0.0.0/8').reverse_pointer
    /// assert_eq!(netlib::ipaddress::ip_network("10.0.0.0/8")?.reverse_pointer(), "0/8.0.0.10.in-addr.arpa");
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn reverse_pointer(&self) -> String {
        dispatch!(self, n => n.reverse_pointer())
    }

    /// Python's `is_private`.
    ///
    /// ```
    /// // Python: ipaddress.ip_network('10.0.0.0/8').is_private
    /// assert!(netlib::ipaddress::ip_network("10.0.0.0/8")?.is_private());
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn is_private(&self) -> bool {
        dispatch!(self, n => n.is_private())
    }

    /// Python's `is_global`.
    ///
    /// ```
    /// // Python: ipaddress.ip_network('8.8.8.0/24').is_global
    /// assert!(netlib::ipaddress::ip_network("8.8.8.0/24")?.is_global());
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn is_global(&self) -> bool {
        dispatch!(self, n => n.is_global())
    }

    /// Python's `is_reserved`.
    ///
    /// ```
    /// // Python: ipaddress.ip_network('240.0.0.0/4').is_reserved
    /// assert!(netlib::ipaddress::ip_network("240.0.0.0/4")?.is_reserved());
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn is_reserved(&self) -> bool {
        dispatch!(self, n => n.is_reserved())
    }

    /// Python's `is_multicast`.
    ///
    /// ```
    /// // Python: ipaddress.ip_network('224.0.0.0/4').is_multicast
    /// assert!(netlib::ipaddress::ip_network("224.0.0.0/4")?.is_multicast());
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn is_multicast(&self) -> bool {
        dispatch!(self, n => n.is_multicast())
    }

    /// Python's `is_loopback`.
    ///
    /// ```
    /// // Python: ipaddress.ip_network('127.0.0.0/8').is_loopback
    /// assert!(netlib::ipaddress::ip_network("127.0.0.0/8")?.is_loopback());
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn is_loopback(&self) -> bool {
        dispatch!(self, n => n.is_loopback())
    }

    /// Python's `is_link_local`.
    ///
    /// ```
    /// // Python: ipaddress.ip_network('169.254.0.0/16').is_link_local
    /// assert!(netlib::ipaddress::ip_network("169.254.0.0/16")?.is_link_local());
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn is_link_local(&self) -> bool {
        dispatch!(self, n => n.is_link_local())
    }

    /// Python's `is_unspecified`.
    ///
    /// ```
    /// // Python: ipaddress.ip_network('0.0.0.0/32').is_unspecified
    /// assert!(netlib::ipaddress::ip_network("0.0.0.0/32")?.is_unspecified());
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn is_unspecified(&self) -> bool {
        dispatch!(self, n => n.is_unspecified())
    }

    /// [`Ipv6Network::is_site_local`]; `false` for IPv4 (no such
    /// attribute in Python).
    ///
    /// ```
    /// // Python: ipaddress.ip_network('fec0::/10').is_site_local
    /// assert!(netlib::ipaddress::ip_network("fec0::/10")?.is_site_local());
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn is_site_local(&self) -> bool {
        match self {
            IpNetwork::V4(_) => false,
            IpNetwork::V6(n) => n.is_site_local(),
        }
    }
}

impl fmt::Display for IpNetwork {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        dispatch!(self, n => fmt::Display::fmt(n, f))
    }
}

impl fmt::Debug for IpNetwork {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        dispatch!(self, n => fmt::Debug::fmt(n, f))
    }
}

/// Python's strict `ip_network(str)`.
impl FromStr for IpNetwork {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        Self::from_arg(&Arg::text(s), true)
    }
}
