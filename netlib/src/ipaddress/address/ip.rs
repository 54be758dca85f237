//! [`IpAddress`], either version: dispatch to the version's own method, and conversions.

use super::*;

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

/// Python's `ip_address(str)`.
impl FromStr for IpAddress {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        crate::ipaddress::ip_address(s)
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
