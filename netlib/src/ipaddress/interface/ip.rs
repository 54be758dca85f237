//! [`IpInterface`], either version: dispatch to the version's own method, and conversions.

use super::*;

impl IpInterface {
    pub(crate) fn from_arg(arg: &Arg) -> Result<Self, Error> {
        let recoverable = |e: &Error| {
            matches!(
                e.kind(),
                ErrorKind::AddressValueError | ErrorKind::NetmaskValueError
            )
        };
        match Ipv4Interface::from_arg(arg) {
            Ok(i) => return Ok(IpInterface::V4(i)),
            Err(e) if !recoverable(&e) => return Err(e),
            Err(_) => {}
        }
        match Ipv6Interface::from_arg(arg) {
            Ok(i) => return Ok(IpInterface::V6(i)),
            Err(e) if !recoverable(&e) => return Err(e),
            Err(_) => {}
        }
        Err(Error::value(format!(
            "{} does not appear to be an IPv4 or IPv6 interface",
            arg.repr()
        )))
    }

    /// Python's `ip` (without scope id).
    ///
    /// ```
    /// // Python: ipaddress.ip_interface('10.1.2.3/8').ip
    /// assert_eq!(netlib::ipaddress::ip_interface("10.1.2.3/8")?.ip().to_string(), "10.1.2.3");
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn ip(&self) -> IpAddress {
        dispatch!(self, i => i.ip().into())
    }

    /// Python's `network`.
    ///
    /// ```
    /// // Python: ipaddress.ip_interface('10.1.2.3/8').network
    /// assert_eq!(netlib::ipaddress::ip_interface("10.1.2.3/8")?.network().to_string(), "10.0.0.0/8");
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn network(&self) -> IpNetwork {
        dispatch!(self, i => i.network().into())
    }

    /// Python's `netmask`.
    ///
    /// ```
    /// // Python: ipaddress.ip_interface('10.1.2.3/8').netmask
    /// assert_eq!(netlib::ipaddress::ip_interface("10.1.2.3/8")?.netmask().to_string(), "255.0.0.0");
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn netmask(&self) -> IpAddress {
        dispatch!(self, i => i.netmask().into())
    }

    /// Python's `hostmask`.
    ///
    /// ```
    /// // Python: ipaddress.ip_interface('10.1.2.3/8').hostmask
    /// assert_eq!(netlib::ipaddress::ip_interface("10.1.2.3/8")?.hostmask().to_string(), "0.255.255.255");
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn hostmask(&self) -> IpAddress {
        dispatch!(self, i => i.hostmask().into())
    }

    /// Python's `with_prefixlen`.
    ///
    /// ```
    /// // Python: ipaddress.ip_interface('10.1.2.3/8').with_prefixlen
    /// assert_eq!(netlib::ipaddress::ip_interface("10.1.2.3/8")?.with_prefixlen(), "10.1.2.3/8");
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn with_prefixlen(&self) -> String {
        dispatch!(self, i => i.with_prefixlen())
    }

    /// Python's `with_netmask`.
    ///
    /// ```
    /// // Python: ipaddress.ip_interface('10.1.2.3/8').with_netmask
    /// assert_eq!(netlib::ipaddress::ip_interface("10.1.2.3/8")?.with_netmask(), "10.1.2.3/255.0.0.0");
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn with_netmask(&self) -> String {
        dispatch!(self, i => i.with_netmask())
    }

    /// Python's `with_hostmask`.
    ///
    /// ```
    /// // Python: ipaddress.ip_interface('10.1.2.3/8').with_hostmask
    /// assert_eq!(netlib::ipaddress::ip_interface("10.1.2.3/8")?.with_hostmask(), "10.1.2.3/0.255.255.255");
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn with_hostmask(&self) -> String {
        dispatch!(self, i => i.with_hostmask())
    }

    /// Python's `exploded`.
    ///
    /// ```
    /// // Python: ipaddress.ip_interface('10.1.2.3/8').exploded
    /// assert_eq!(netlib::ipaddress::ip_interface("10.1.2.3/8")?.exploded(), "10.1.2.3/8");
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn exploded(&self) -> String {
        dispatch!(self, i => i.exploded())
    }

    /// Python's `compressed` (same as `Display`).
    ///
    /// ```
    /// // Python: ipaddress.ip_interface('10.1.2.3/8').compressed
    /// assert_eq!(netlib::ipaddress::ip_interface("10.1.2.3/8")?.compressed(), "10.1.2.3/8");
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn compressed(&self) -> String {
        self.to_string()
    }

    /// Python's `reverse_pointer` of an interface.
    ///
    /// ```
    /// // Python: ipaddress.ip_interface('10.1.2.3/8').reverse_pointer
    /// assert_eq!(netlib::ipaddress::ip_interface("10.1.2.3/8")?.reverse_pointer(), "3/8.2.1.10.in-addr.arpa");
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn reverse_pointer(&self) -> String {
        dispatch!(self, i => i.reverse_pointer())
    }

    /// 4 or 6.
    ///
    /// ```
    /// // Python: ipaddress.ip_interface('10.1.2.3/8').version
    /// assert_eq!(netlib::ipaddress::ip_interface("10.1.2.3/8")?.version(), 4);
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn version(&self) -> u8 {
        dispatch!(self, i => i.version())
    }

    /// Python's `is_private` (of the address).
    ///
    /// ```
    /// // Python: ipaddress.ip_interface('10.1.2.3/8').is_private
    /// assert!(netlib::ipaddress::ip_interface("10.1.2.3/8")?.is_private());
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn is_private(&self) -> bool {
        dispatch!(self, i => i.is_private())
    }

    /// Python's `is_global` (of the address).
    ///
    /// ```
    /// // Python: ipaddress.ip_interface('8.8.8.8/24').is_global
    /// assert!(netlib::ipaddress::ip_interface("8.8.8.8/24")?.is_global());
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn is_global(&self) -> bool {
        dispatch!(self, i => i.is_global())
    }

    /// Python's `is_loopback` (IPv6: address and network).
    ///
    /// ```
    /// // Python: ipaddress.ip_interface('127.0.0.1/8').is_loopback
    /// assert!(netlib::ipaddress::ip_interface("127.0.0.1/8")?.is_loopback());
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn is_loopback(&self) -> bool {
        dispatch!(self, i => i.is_loopback())
    }

    /// Python's `is_unspecified`: always `false` for IPv4 interfaces,
    /// address and network `::` for IPv6 (see the version types).
    ///
    /// ```
    /// // Python: ipaddress.ip_interface('::/128').is_unspecified
    /// assert!(netlib::ipaddress::ip_interface("::/128")?.is_unspecified());
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn is_unspecified(&self) -> bool {
        dispatch!(self, i => i.is_unspecified())
    }

    /// Python's `is_multicast` (of the address).
    ///
    /// ```
    /// // Python: ipaddress.ip_interface('224.0.0.1/4').is_multicast
    /// assert!(netlib::ipaddress::ip_interface("224.0.0.1/4")?.is_multicast());
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn is_multicast(&self) -> bool {
        dispatch!(self, i => i.is_multicast())
    }

    /// Python's `is_reserved` (of the address).
    ///
    /// ```
    /// // Python: ipaddress.ip_interface('240.0.0.1/4').is_reserved
    /// assert!(netlib::ipaddress::ip_interface("240.0.0.1/4")?.is_reserved());
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn is_reserved(&self) -> bool {
        dispatch!(self, i => i.is_reserved())
    }

    /// Python's `is_link_local` (of the address).
    ///
    /// ```
    /// // Python: ipaddress.ip_interface('fe80::1/64').is_link_local
    /// assert!(netlib::ipaddress::ip_interface("fe80::1/64")?.is_link_local());
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn is_link_local(&self) -> bool {
        dispatch!(self, i => i.is_link_local())
    }

    /// Python's `packed` (of the address).
    ///
    /// ```
    /// // Python: ipaddress.ip_interface('10.1.2.3/8').packed
    /// assert_eq!(netlib::ipaddress::ip_interface("10.1.2.3/8")?.packed(), [10, 1, 2, 3]);
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn packed(&self) -> Vec<u8> {
        dispatch!(self, i => i.packed())
    }
}

impl fmt::Display for IpInterface {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        dispatch!(self, i => fmt::Display::fmt(i, f))
    }
}

impl fmt::Debug for IpInterface {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        dispatch!(self, i => fmt::Debug::fmt(i, f))
    }
}

/// Python's `ip_interface(str)`.
impl FromStr for IpInterface {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        Self::from_arg(&Arg::text(s))
    }
}

impl From<Ipv4Interface> for IpInterface {
    fn from(i: Ipv4Interface) -> Self {
        IpInterface::V4(i)
    }
}

impl From<Ipv6Interface> for IpInterface {
    fn from(i: Ipv6Interface) -> Self {
        IpInterface::V6(i)
    }
}
