//! What `IPv4Network` and `IPv6Network` share (Python's `_BaseNetwork`), written once for both.

use super::*;

macro_rules! common_network {
    ($Net:ident, $Addr:ident, $max:expr, $ver:expr, $ex:literal, $inside:literal, $outside:literal) => {
        impl $Net {
            pub(super) fn max() -> u8 {
                $max
            }

            pub(super) fn base(&self) -> u128 {
                u128::from(&self.network_address)
            }

            pub(super) fn last(&self) -> u128 {
                self.base() | (all_ones($max) ^ mask_bits(self.prefixlen, $max))
            }

            pub(super) fn make(bits: u128, prefixlen: u8) -> Self {
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
