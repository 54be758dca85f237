//! A network as Python's sequence of addresses: `network[i]` is
//! [`get`](IpNetwork::get), `for address in network` is `for address in
//! &network` ([`IntoIterator`]).

use super::address::{IpAddress, Ipv4Address, Ipv6Address};
use super::count::AddressCount;
use super::error::{Error, ErrorKind};
use super::iter::Iter;
use super::network::{IpNetwork, Ipv4Network, Ipv6Network};

/// Python's `_BaseNetwork.__getitem__` on the network's integer bounds:
/// `first + n` from the front, `last + n + 1` from the back.
fn nth(first: u128, last: u128, index: AddressCount) -> Result<u128, Error> {
    let index = index.check()?;
    let (from, index) = if index >= 0 {
        (first, index)
    } else {
        (last, index + 1)
    };
    let value = AddressCount::from(from) + index;
    if value < first || value > last {
        return Err(Error::new(ErrorKind::IndexError, "address out of range"));
    }
    // first <= value <= last, so it fits.
    Ok(value.to_u128().unwrap_or(first))
}

impl Ipv4Network {
    /// Python's `network[index]`: the address `index` places after the
    /// network address, or (negative `index`) counted back from the
    /// broadcast address, `-1` being the broadcast address itself.
    /// `IndexError` past either end.
    ///
    /// ```
    /// use netlib::ipaddress::Ipv4Network;
    ///
    /// let net: Ipv4Network = "192.168.0.0/24".parse()?;
    /// // Python: ipaddress.IPv4Network('192.168.0.0/24')[1]
    /// assert_eq!(net.get(1)?.to_string(), "192.168.0.1");
    /// // Python: ipaddress.IPv4Network('192.168.0.0/24')[-1]
    /// assert_eq!(net.get(-1)?, net.broadcast_address());
    /// // Python: ipaddress.IPv4Network('192.168.0.0/24')[256]
    /// assert_eq!(net.get(256).unwrap_err().to_string(), "address out of range");
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    #[doc(alias = "__getitem__")]
    pub fn get(&self, index: impl Into<AddressCount>) -> Result<Ipv4Address, Error> {
        let first = u128::from(self.network_address());
        let last = u128::from(self.broadcast_address());
        // Below 2^32: `nth` stays within the network.
        nth(first, last, index.into()).map(|v| Ipv4Address::from(v as u32))
    }
}

impl Ipv6Network {
    /// Python's `network[index]`, as [`Ipv4Network::get`]; like Python, the
    /// address has no scope id.
    ///
    /// ```
    /// use netlib::ipaddress::Ipv6Network;
    ///
    /// let net: Ipv6Network = "::/0".parse()?;
    /// // Python: ipaddress.IPv6Network('::/0')[-1]
    /// assert_eq!(net.get(-1)?.to_string(), "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
    /// // Python: ipaddress.IPv6Network('::/0')[net.num_addresses]
    /// assert_eq!(net.get(net.num_addresses()).unwrap_err().to_string(), "address out of range");
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    #[doc(alias = "__getitem__")]
    pub fn get(&self, index: impl Into<AddressCount>) -> Result<Ipv6Address, Error> {
        let first = u128::from(self.network_address());
        let last = u128::from(self.broadcast_address());
        nth(first, last, index.into()).map(Ipv6Address::from)
    }
}

impl IpNetwork {
    /// Python's `network[index]`; see [`Ipv4Network::get`].
    ///
    /// ```
    /// use netlib::ipaddress::ip_network;
    ///
    /// let net = ip_network("10.0.0.0/30")?;
    /// // Python: ipaddress.ip_network('10.0.0.0/30')[0]
    /// assert_eq!(format!("{:?}", net.get(0)?), "IPv4Address('10.0.0.0')");
    /// // Python: ipaddress.ip_network('10.0.0.0/30')[-4]
    /// assert_eq!(net.get(-4)?, net.network_address());
    /// // Python: ipaddress.ip_network('10.0.0.0/30')[-5]
    /// let err = net.get(-5).unwrap_err();
    /// assert_eq!((err.python_class(), err.to_string().as_str()), ("IndexError", "address out of range"));
    /// # Ok::<(), netlib::ipaddress::Error>(())
    /// ```
    #[doc(alias = "__getitem__")]
    pub fn get(&self, index: impl Into<AddressCount>) -> Result<IpAddress, Error> {
        Ok(match self {
            IpNetwork::V4(n) => IpAddress::V4(n.get(index)?),
            IpNetwork::V6(n) => IpAddress::V6(n.get(index)?),
        })
    }
}

/// `for address in &network` and `for address in network`.
macro_rules! into_iter {
    ($($Net:ty => $Addr:ty),*) => {$(
        /// `for address in &network`: Python's `for address in network`,
        /// every address, network and broadcast included (`network.iter()`).
        impl IntoIterator for &$Net {
            type Item = $Addr;
            type IntoIter = Iter<$Addr>;
            fn into_iter(self) -> Iter<$Addr> {
                self.iter()
            }
        }

        /// `for address in network`, consuming the network.
        impl IntoIterator for $Net {
            type Item = $Addr;
            type IntoIter = Iter<$Addr>;
            fn into_iter(self) -> Iter<$Addr> {
                self.iter()
            }
        }
    )*};
}

into_iter!(Ipv4Network => Ipv4Address, Ipv6Network => Ipv6Address, IpNetwork => IpAddress);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn for_loop_visits_every_address() {
        // Python: [str(a) for a in ipaddress.ip_network('10.0.0.0/31')]
        let net: IpNetwork = "10.0.0.0/31".parse().unwrap();
        let seen: Vec<String> = (&net).into_iter().map(|a| a.to_string()).collect();
        assert_eq!(seen, ["10.0.0.0", "10.0.0.1"]);
        let mut n = 0;
        for _ in net {
            n += 1;
        }
        assert_eq!(n, 2);
    }
}
