//! Interfaces (an address on its network): [`Ipv4Interface`],
//! [`Ipv6Interface`], [`IpInterface`].

use std::fmt;
use std::str::FromStr;

use super::address::{IpAddress, Ipv4Address, Ipv6Address};
use super::convert::{Arg, IntoIpAddress};
use super::error::{Error, ErrorKind};
use super::network::{IpNetwork, Ipv4Network, Ipv6Network, split_addr_prefix};
use super::text;
use crate::repr::str_repr;

mod ip;

/// An IPv4 address with its network, Python's `ipaddress.IPv4Interface`.
///
/// Ordering and equality look at the network first, then the address,
/// as in Python.
///
/// ```
/// use netlib::ipaddress::Ipv4Interface;
///
/// // Python: ipaddress.IPv4Interface('192.168.100.10/24')
/// let iface: Ipv4Interface = "192.168.100.10/24".parse()?;
/// assert_eq!(format!("{iface:?}"), "IPv4Interface('192.168.100.10/24')");
/// assert_eq!(iface.network().to_string(), "192.168.100.0/24");
/// # Ok::<(), netlib::ipaddress::Error>(())
/// ```
#[doc(alias = "IPv4Interface")]
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Ipv4Interface {
    network: Ipv4Network,
    ip: Ipv4Address,
}

/// An IPv6 address (optionally scoped) with its network, Python's
/// `ipaddress.IPv6Interface`.
///
/// ```
/// use netlib::ipaddress::Ipv6Interface;
///
/// // Python: ipaddress.IPv6Interface('2001:db8::1/64')
/// let iface: Ipv6Interface = "2001:db8::1/64".parse()?;
/// assert_eq!(format!("{iface:?}"), "IPv6Interface('2001:db8::1/64')");
/// # Ok::<(), netlib::ipaddress::Error>(())
/// ```
#[doc(alias = "IPv6Interface")]
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Ipv6Interface {
    network: Ipv6Network,
    ip: Ipv6Address,
}

/// Either interface version, what Python's `ip_interface()` returns.
///
/// ```
/// use netlib::ipaddress::{ip_interface, IpInterface};
///
/// // Python: ipaddress.ip_interface('10.1.2.3/8')
/// assert!(matches!(ip_interface("10.1.2.3/8")?, IpInterface::V4(_)));
/// # Ok::<(), netlib::ipaddress::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum IpInterface {
    /// An `IPv4Interface`.
    V4(Ipv4Interface),
    /// An `IPv6Interface`.
    V6(Ipv6Interface),
}

impl Ipv4Interface {
    /// Python's `IPv4Interface(address)`: like the network constructor
    /// but host bits are kept in `ip` and cleared in `network`.
    ///
    /// ```
    /// use netlib::ipaddress::Ipv4Interface;
    ///
    /// // Python: ipaddress.IPv4Interface('10.1.1.5/24')
    /// assert_eq!(Ipv4Interface::new("10.1.1.5/24")?.to_string(), "10.1.1.5/24");
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn new(address: impl IntoIpAddress) -> Result<Self, Error> {
        Self::from_arg(&address.into_arg())
    }

    pub(crate) fn from_arg(arg: &Arg) -> Result<Self, Error> {
        let (addr, mask) = split_addr_prefix(arg, 32)?;
        let ip = Ipv4Address::from_arg(&addr)?;
        let network = Ipv4Network::from_arg(&Arg::Pair(Box::new(addr), mask), false)?;
        Ok(Ipv4Interface { network, ip })
    }

    /// The address alone, Python's `ip`.
    ///
    /// ```
    /// // Python: ipaddress.IPv4Interface('10.1.1.5/24').ip
    /// let iface: netlib::ipaddress::Ipv4Interface = "10.1.1.5/24".parse()?;
    /// assert_eq!(format!("{:?}", iface.ip()), "IPv4Address('10.1.1.5')");
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn ip(&self) -> Ipv4Address {
        self.ip
    }

    /// Python's `network`.
    ///
    /// ```
    /// // Python: ipaddress.IPv4Interface('10.1.1.5/24').network
    /// let iface: netlib::ipaddress::Ipv4Interface = "10.1.1.5/24".parse()?;
    /// assert_eq!(format!("{:?}", iface.network()), "IPv4Network('10.1.1.0/24')");
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn network(&self) -> Ipv4Network {
        self.network
    }

    /// Python's `netmask`.
    ///
    /// ```
    /// // Python: ipaddress.IPv4Interface('10.1.1.5/24').netmask
    /// let iface: netlib::ipaddress::Ipv4Interface = "10.1.1.5/24".parse()?;
    /// assert_eq!(iface.netmask().to_string(), "255.255.255.0");
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn netmask(&self) -> Ipv4Address {
        self.network.netmask()
    }

    /// Python's `hostmask`.
    ///
    /// ```
    /// // Python: ipaddress.IPv4Interface('10.1.1.5/24').hostmask
    /// let iface: netlib::ipaddress::Ipv4Interface = "10.1.1.5/24".parse()?;
    /// assert_eq!(iface.hostmask().to_string(), "0.0.0.255");
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn hostmask(&self) -> Ipv4Address {
        self.network.hostmask()
    }

    /// Python's `with_prefixlen`.
    ///
    /// ```
    /// // Python: ipaddress.IPv4Interface('10.1.1.5/24').with_prefixlen
    /// let iface: netlib::ipaddress::Ipv4Interface = "10.1.1.5/24".parse()?;
    /// assert_eq!(iface.with_prefixlen(), "10.1.1.5/24");
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn with_prefixlen(&self) -> String {
        format!("{}/{}", self.ip, self.network.prefixlen())
    }

    /// Python's `with_netmask`.
    ///
    /// ```
    /// // Python: ipaddress.IPv4Interface('10.1.1.5/24').with_netmask
    /// let iface: netlib::ipaddress::Ipv4Interface = "10.1.1.5/24".parse()?;
    /// assert_eq!(iface.with_netmask(), "10.1.1.5/255.255.255.0");
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn with_netmask(&self) -> String {
        format!("{}/{}", self.ip, self.netmask())
    }

    /// Python's `with_hostmask`.
    ///
    /// ```
    /// // Python: ipaddress.IPv4Interface('10.1.1.5/24').with_hostmask
    /// let iface: netlib::ipaddress::Ipv4Interface = "10.1.1.5/24".parse()?;
    /// assert_eq!(iface.with_hostmask(), "10.1.1.5/0.0.0.255");
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn with_hostmask(&self) -> String {
        format!("{}/{}", self.ip, self.hostmask())
    }

    /// Python's `exploded` (same as `Display` for IPv4).
    ///
    /// ```
    /// // Python: ipaddress.IPv4Interface('10.1.1.5/24').exploded
    /// let iface: netlib::ipaddress::Ipv4Interface = "10.1.1.5/24".parse()?;
    /// assert_eq!(iface.exploded(), "10.1.1.5/24");
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn exploded(&self) -> String {
        self.to_string()
    }

    /// Python's `compressed` (same as `Display`).
    ///
    /// ```
    /// // Python: ipaddress.IPv4Interface('10.1.1.5/24').compressed
    /// let iface: netlib::ipaddress::Ipv4Interface = "10.1.1.5/24".parse()?;
    /// assert_eq!(iface.compressed(), "10.1.1.5/24");
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn compressed(&self) -> String {
        self.to_string()
    }

    /// Python's `reverse_pointer` of an interface, which reverses the
    /// pieces of `str(interface)`, prefix length included.
    ///
    /// ```
    /// // Python: ipaddress.IPv4Interface('1.2.3.4/24').reverse_pointer
    /// let iface: netlib::ipaddress::Ipv4Interface = "1.2.3.4/24".parse()?;
    /// assert_eq!(iface.reverse_pointer(), "4/24.3.2.1.in-addr.arpa");
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn reverse_pointer(&self) -> String {
        text::v4_reverse_of(&self.to_string())
    }
}

impl Ipv4Interface {
    /// Always `false`, as in CPython 3.13: `IPv4Interface` inherits
    /// `is_unspecified` from `IPv4Address`, which compares `self` with
    /// `IPv4Address('0.0.0.0')`, and an interface never equals a bare
    /// address.
    ///
    /// ```
    /// // Python: ipaddress.IPv4Interface('0.0.0.0/8').is_unspecified
    /// let iface: netlib::ipaddress::Ipv4Interface = "0.0.0.0/8".parse()?;
    /// assert!(!iface.is_unspecified());
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn is_unspecified(&self) -> bool {
        false
    }
}

impl Ipv6Interface {
    /// Python's `IPv6Interface(address)`.
    ///
    /// ```
    /// use netlib::ipaddress::Ipv6Interface;
    ///
    /// // Python: ipaddress.IPv6Interface('fe80::1%eth0/64')
    /// let iface = Ipv6Interface::new("fe80::1%eth0/64")?;
    /// assert_eq!(iface.to_string(), "fe80::1%eth0/64");
    /// assert_eq!(iface.network().to_string(), "fe80::/64");
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn new(address: impl IntoIpAddress) -> Result<Self, Error> {
        Self::from_arg(&address.into_arg())
    }

    pub(crate) fn from_arg(arg: &Arg) -> Result<Self, Error> {
        let (addr, mask) = split_addr_prefix(arg, 128)?;
        let ip = Ipv6Address::from_arg(&addr)?;
        let network = Ipv6Network::from_arg(&Arg::Pair(Box::new(addr), mask), false)?;
        Ok(Ipv6Interface { network, ip })
    }

    /// The address alone, Python's `ip`. Python builds it from the
    /// integer, so the scope id is not kept.
    ///
    /// ```
    /// // Python: ipaddress.IPv6Interface('fe80::1%eth0/64').ip
    /// let iface: netlib::ipaddress::Ipv6Interface = "fe80::1%eth0/64".parse()?;
    /// assert_eq!(format!("{:?}", iface.ip()), "IPv6Address('fe80::1')");
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn ip(&self) -> Ipv6Address {
        Ipv6Address::from(self.ip.bits())
    }

    /// The scope id of the address, Python's `scope_id`.
    ///
    /// ```
    /// // Python: ipaddress.IPv6Interface('fe80::1%eth0/64').scope_id
    /// let iface: netlib::ipaddress::Ipv6Interface = "fe80::1%eth0/64".parse()?;
    /// assert_eq!(iface.scope_id(), Some("eth0"));
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn scope_id(&self) -> Option<&str> {
        self.ip.scope_id()
    }

    /// Python's `network`.
    ///
    /// ```
    /// // Python: ipaddress.IPv6Interface('2001:db8::1/64').network
    /// let iface: netlib::ipaddress::Ipv6Interface = "2001:db8::1/64".parse()?;
    /// assert_eq!(format!("{:?}", iface.network()), "IPv6Network('2001:db8::/64')");
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn network(&self) -> Ipv6Network {
        self.network.clone()
    }

    /// Python's `netmask`.
    ///
    /// ```
    /// // Python: ipaddress.IPv6Interface('2001:db8::1/64').netmask
    /// let iface: netlib::ipaddress::Ipv6Interface = "2001:db8::1/64".parse()?;
    /// assert_eq!(iface.netmask().to_string(), "ffff:ffff:ffff:ffff::");
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn netmask(&self) -> Ipv6Address {
        self.network.netmask()
    }

    /// Python's `hostmask`.
    ///
    /// ```
    /// // Python: ipaddress.IPv6Interface('2001:db8::1/64').hostmask
    /// let iface: netlib::ipaddress::Ipv6Interface = "2001:db8::1/64".parse()?;
    /// assert_eq!(iface.hostmask().to_string(), "::ffff:ffff:ffff:ffff");
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn hostmask(&self) -> Ipv6Address {
        self.network.hostmask()
    }

    /// Python's `with_prefixlen`, which writes the address in plain
    /// compressed hex: no dotted IPv4-mapped tail, no scope id.
    ///
    /// ```
    /// // Python: ipaddress.IPv6Interface('::ffff:1.2.3.4/96').with_prefixlen
    /// let iface: netlib::ipaddress::Ipv6Interface = "::ffff:1.2.3.4/96".parse()?;
    /// assert_eq!(iface.with_prefixlen(), "::ffff:102:304/96");
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn with_prefixlen(&self) -> String {
        format!(
            "{}/{}",
            text::v6_compressed(self.ip.bits()),
            self.network.prefixlen()
        )
    }

    /// Python's `with_netmask` (address written as in `with_prefixlen`).
    ///
    /// ```
    /// // Python: ipaddress.IPv6Interface('2001:db8::1/64').with_netmask
    /// let iface: netlib::ipaddress::Ipv6Interface = "2001:db8::1/64".parse()?;
    /// assert_eq!(iface.with_netmask(), "2001:db8::1/ffff:ffff:ffff:ffff::");
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn with_netmask(&self) -> String {
        format!("{}/{}", text::v6_compressed(self.ip.bits()), self.netmask())
    }

    /// Python's `with_hostmask` (address written as in `with_prefixlen`).
    ///
    /// ```
    /// // Python: ipaddress.IPv6Interface('2001:db8::1/64').with_hostmask
    /// let iface: netlib::ipaddress::Ipv6Interface = "2001:db8::1/64".parse()?;
    /// assert_eq!(iface.with_hostmask(), "2001:db8::1/::ffff:ffff:ffff:ffff");
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn with_hostmask(&self) -> String {
        format!(
            "{}/{}",
            text::v6_compressed(self.ip.bits()),
            self.hostmask()
        )
    }

    /// Python's `exploded`: full hextets and `/len`, except that an
    /// IPv4-mapped interface gives only the exploded address (3.13 quirk).
    ///
    /// ```
    /// // Python: ipaddress.IPv6Interface('2001:db8::1/64').exploded
    /// let iface: netlib::ipaddress::Ipv6Interface = "2001:db8::1/64".parse()?;
    /// assert_eq!(iface.exploded(), "2001:0db8:0000:0000:0000:0000:0000:0001/64");
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn exploded(&self) -> String {
        let ip = self.ip();
        match ip.ipv4_mapped() {
            Some(_) => ip.exploded_unscoped(),
            None => format!("{}/{}", ip.exploded_unscoped(), self.network.prefixlen()),
        }
    }

    /// Python's `compressed` (same as `Display`).
    ///
    /// ```
    /// // Python: ipaddress.IPv6Interface('2001:0db8::1/64').compressed
    /// let iface: netlib::ipaddress::Ipv6Interface = "2001:0db8::1/64".parse()?;
    /// assert_eq!(iface.compressed(), "2001:db8::1/64");
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn compressed(&self) -> String {
        self.to_string()
    }

    /// Python's `reverse_pointer` of an interface: the reversed
    /// characters of `exploded` (so `/len` appears as `n.n./`), except for
    /// IPv4-mapped interfaces, which give the address's pointer.
    ///
    /// ```
    /// // Python: ipaddress.IPv6Interface('2001:db8::1/64').reverse_pointer
    /// let iface: netlib::ipaddress::Ipv6Interface = "2001:db8::1/64".parse()?;
    /// assert!(iface.reverse_pointer().starts_with("4.6./.1.0.0.0."));
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn reverse_pointer(&self) -> String {
        let ip = self.ip();
        match ip.ipv4_mapped() {
            Some(_) => ip.reverse_pointer(),
            None => text::v6_reverse_of(&self.exploded()),
        }
    }

    /// Python's `IPv6Interface.is_unspecified`: the address and the whole
    /// network are `::`.
    ///
    /// ```
    /// // Python: ipaddress.IPv6Interface('::/0').is_unspecified
    /// let iface: netlib::ipaddress::Ipv6Interface = "::/0".parse()?;
    /// assert!(!iface.is_unspecified());
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn is_unspecified(&self) -> bool {
        self.ip.is_unspecified() && self.network.is_unspecified()
    }

    /// Python's `IPv6Interface.is_loopback`: the address and the whole
    /// network are loopback.
    ///
    /// ```
    /// // Python: ipaddress.IPv6Interface('::1/128').is_loopback
    /// let iface: netlib::ipaddress::Ipv6Interface = "::1/128".parse()?;
    /// assert!(iface.is_loopback());
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    pub fn is_loopback(&self) -> bool {
        self.ip.is_loopback() && self.network.is_loopback()
    }
}

macro_rules! address_props {
    ($Iface:ident, $Addr:ident, $ex:literal, $($name:ident : $ret:ty),*) => {
        impl $Iface {
            $(
                #[doc = concat!("The address's `", stringify!($name), "`, as Python's interface inherits it.")]
                ///
                /// ```
                #[doc = concat!("// Python: ipaddress.ip_interface('", $ex, "').", stringify!($name))]
                #[doc = concat!("let iface: netlib::ipaddress::", stringify!($Iface), " = \"", $ex, "\".parse()?;")]
                #[doc = concat!("let _ = iface.", stringify!($name), "();")]
                /// # Ok::<(), netlib::ipaddress::Error>(())
                /// ```
                pub fn $name(&self) -> $ret {
                    self.ip.$name()
                }
            )*
        }

        impl fmt::Display for $Iface {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.pad(&format!("{}/{}", self.ip, self.network.prefixlen()))
            }
        }

        impl fmt::Debug for $Iface {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({})", stringify!($Addr).replace("Ipv", "IPv").replace("Address", "Interface"), str_repr(&self.to_string()))
            }
        }

        /// Python's `IPvXInterface(str)`.
        impl FromStr for $Iface {
            type Err = Error;
            fn from_str(s: &str) -> Result<Self, Error> {
                Self::from_arg(&Arg::text(s))
            }
        }
    };
}

address_props!(Ipv4Interface, Ipv4Address, "192.168.0.15/24",
    version: u8, max_prefixlen: u8, is_private: bool, is_global: bool, is_reserved: bool,
    is_multicast: bool, is_loopback: bool, is_link_local: bool, packed: Vec<u8>);
address_props!(Ipv6Interface, Ipv6Address, "2001:db8::1/64",
    version: u8, max_prefixlen: u8, is_private: bool, is_global: bool, is_reserved: bool,
    is_multicast: bool, is_link_local: bool, is_site_local: bool, packed: Vec<u8>,
    ipv4_mapped: Option<Ipv4Address>, sixtofour: Option<Ipv4Address>,
    teredo: Option<(Ipv4Address, Ipv4Address)>);

/// Python's `int(interface)`: the address.
impl From<Ipv4Interface> for u128 {
    fn from(i: Ipv4Interface) -> Self {
        u128::from(i.ip)
    }
}

/// Python's `int(interface)`: the address.
impl From<&Ipv6Interface> for u128 {
    fn from(i: &Ipv6Interface) -> Self {
        i.ip.bits()
    }
}
