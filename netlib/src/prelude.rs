//! The names a lesson cell needs, in one glob import.
//!
//! The `Rust (netlib)` kernel runs `use netlib::prelude::*;` at start, so a
//! cell reads like the Python it replaces:
//!
//! ```
//! use netlib::prelude::*;
//!
//! // Python: binascii.hexlify(ipaddress.ip_address('192.168.0.15').packed)
//! assert_eq!(hexlify(&ip_address("192.168.0.15")?.packed()), "c0a8000f");
//! # Ok::<(), netlib::ipaddress::Error>(())
//! ```
//!
//! Error types are left out on purpose: every module's is called `Error`, so
//! a glob import of all of them would be ambiguous. Write `ipaddress::Error`,
//! `socket::Error`, … (the modules themselves are in the prelude).
//!
//! ```
//! use netlib::prelude::*;
//!
//! // Python: from http.cookies import SimpleCookie; SimpleCookie('a=b')['a'].value
//! assert_eq!(SimpleCookie::parse("a=b")?.get("a").map(|m| m.value()), Some("b"));
//! # Ok::<(), http::cookies::Error>(())
//! ```

// Each section belongs to the module it names; keep them in this order.

// ipaddress
pub use crate::ipaddress::{
    self, AddressCount, IntoIpAddress, IpAddress, IpInterface, IpNetwork, Ipv4Address,
    Ipv4Interface, Ipv4Network, Ipv6Address, Ipv6Interface, Ipv6Network, ip_address, ip_interface,
    ip_network, ip_network_loose,
};

// display (IPython.display)
pub use crate::display;

// exercises: the lessons' check cells (`exercise::Check`)
pub use crate::exercise;

// binascii
pub use crate::binascii::{self, hexlify, unhexlify};

// socket
pub use crate::socket::{self, AddressFamily, SocketKind};

// urllib
pub use crate::urllib::{
    self,
    parse::{
        ParseResult, SplitResult, quote, unquote, urljoin, urlparse, urlsplit, urlunparse,
        urlunsplit,
    },
    robotparser::RobotFileParser,
};

// http
pub use crate::http::{self, cookies::SimpleCookie};

// resource
pub use crate::resource;

pub use crate::wire;
