//! Python's `address + n` and `address - n` for every address type and
//! every Rust integer type `n` (and [`AddressCount`]).
//!
//! Python computes `IPvXAddress(int(address) + n)`: the sum is exact and a
//! result out of range raises the constructor's `AddressValueError`, whose
//! text shows the sum. netlib does the sum in [`AddressCount`] arithmetic
//! (exact for any Rust integer), so the texts are Python's to the digit.
//! The operators return a `Result` because Python's can raise:
//!
//! ```
//! use netlib::ipaddress::{ip_address, ip_network};
//!
//! // Python: ipaddress.ip_address('10.0.0.1') + 1
//! let addr = ip_address("10.0.0.1")?;
//! assert_eq!((&addr + 1)?.to_string(), "10.0.0.2");
//! // Python: ipaddress.ip_address('10.0.0.1') - 2
//! assert_eq!((&addr - 2)?.to_string(), "9.255.255.255");
//! // Python: ipaddress.ip_address('10.0.0.1') + (-1)
//! assert_eq!((&addr + -1)?.to_string(), "10.0.0.0");
//! // Python: ipaddress.ip_address('255.255.255.255') + 1
//! let top = ip_address("255.255.255.255")?;
//! assert_eq!((top + 1).unwrap_err().to_string(),
//!            "4294967296 (>= 2**32) is not permitted as an IPv4 address");
//! // Python: ipaddress.ip_address('::') - 1
//! assert_eq!((ip_address("::")? - 1).unwrap_err().to_string(),
//!            "-1 (< 0) is not permitted as an IPv6 address");
//! // Python: net.network_address + (net.num_addresses - 1)
//! let net = ip_network("192.168.0.0/24")?;
//! assert_eq!((net.network_address() + (net.num_addresses() - 1))?, net.broadcast_address());
//! # Ok::<(), netlib::ipaddress::Error>(())
//! ```
//!
//! As in Python, the result has no IPv6 scope id, `1 + address` and
//! `address - address` do not exist (Python: `TypeError`), and a count that
//! holds an error (`count / 0`) gives that error.

use std::ops::{Add, Sub};

use super::address::{IpAddress, Ipv4Address, Ipv6Address};
use super::count::AddressCount;
use super::error::Error;

/// `int(address) + delta`, or the error `IPv{version}Address(that int)`
/// raises.
fn shifted(value: u128, delta: AddressCount, version: u8) -> Result<u128, Error> {
    let sum = (AddressCount::from(value) + delta).check()?;
    if sum < 0 {
        return Err(Error::address(format!(
            "{sum} (< 0) is not permitted as an IPv{version} address"
        )));
    }
    let (max, bits) = match version {
        4 => (u128::from(u32::MAX), 32),
        _ => (u128::MAX, 128),
    };
    match sum.to_u128() {
        Some(v) if v <= max => Ok(v),
        _ => Err(Error::address(format!(
            "{sum} (>= 2**{bits}) is not permitted as an IPv{version} address"
        ))),
    }
}

fn v4(a: Ipv4Address, delta: AddressCount) -> Result<Ipv4Address, Error> {
    // `shifted` keeps IPv4 results below 2^32.
    shifted(u128::from(a), delta, 4).map(|v| Ipv4Address::from(v as u32))
}

fn v6(a: &Ipv6Address, delta: AddressCount) -> Result<Ipv6Address, Error> {
    shifted(u128::from(a), delta, 6).map(Ipv6Address::from)
}

fn ip(a: &IpAddress, delta: AddressCount) -> Result<IpAddress, Error> {
    Ok(match a {
        IpAddress::V4(a) => IpAddress::V4(v4(*a, delta)?),
        IpAddress::V6(a) => IpAddress::V6(v6(a, delta)?),
    })
}

/// `+` and `-` of one address type (owned or borrowed) with anything that
/// widens to an [`AddressCount`]: every Rust integer type and counts. One
/// generic impl per operator, so `(addr + 1)?` infers its type.
macro_rules! offset_ops {
    ($($Self:ty, $Out:ty, $f:ident, |$s:ident| $conv:expr);*) => {$(
        /// Python's `address + n`; `Err` (Python's `AddressValueError`)
        /// outside the address range.
        impl<T: Into<AddressCount>> Add<T> for $Self {
            type Output = Result<$Out, Error>;
            fn add(self, n: T) -> Self::Output {
                let $s = self;
                $f($conv, n.into())
            }
        }

        /// Python's `address - n`; `Err` (Python's `AddressValueError`)
        /// outside the address range.
        impl<T: Into<AddressCount>> Sub<T> for $Self {
            type Output = Result<$Out, Error>;
            fn sub(self, n: T) -> Self::Output {
                let ($s, n): (_, AddressCount) = (self, n.into());
                $f($conv, -n)
            }
        }
    )*};
}

offset_ops!(
    Ipv4Address, Ipv4Address, v4, |a| a;
    &Ipv4Address, Ipv4Address, v4, |a| *a;
    Ipv6Address, Ipv6Address, v6, |a| &a;
    &Ipv6Address, Ipv6Address, v6, |a| a;
    IpAddress, IpAddress, ip, |a| &a;
    &IpAddress, IpAddress, ip, |a| a
);
