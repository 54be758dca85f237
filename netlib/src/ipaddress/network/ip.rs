//! [`IpNetwork`], either version: dispatch to the version's own method, and conversions.

use super::*;

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
