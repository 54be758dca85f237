//! # netlib — Python's network helpers on Rust-native types
//!
//! The Korean network-programming course this crate serves teaches with
//! Python's [`ipaddress`], [`socket`], [`binascii`], [`urllib.parse`](urllib::parse),
//! [`urllib.robotparser`](urllib::robotparser), [`urllib.error`](urllib::error)
//! and [`http.cookies`](http::cookies).
//! netlib offers the same helpers under the same names, built on `std::net`,
//! [`ipnet`], [`hex`], [`url`], [`dns-lookup`](dns_lookup), [`ureq`] and the C resolver, and
//! returns **the same values CPython 3.13 gives** on the same machine:
//!
//! ```
//! use netlib::prelude::*;
//!
//! // Python: ipaddress.ip_address('192.0.0.1')
//! let addr = ip_address("192.0.0.1")?;
//! assert_eq!(format!("{addr:?}"), "IPv4Address('192.0.0.1')");
//! assert_eq!(addr.to_string(), "192.0.0.1");
//! # Ok::<(), netlib::ipaddress::Error>(())
//! ```
//!
//! Conventions shared by every module:
//! - `Display` prints what Python's `str()` prints, `Debug` what `repr()` prints.
//! - Every fallible call returns a `Result` whose error type (one per module,
//!   always called `Error`) displays Python's exception text, e.g.
//!   `[Errno -2] Name or service not known`, and debug-prints its `repr()`.
//!   Its `kind()` is always the Python exception **class** (the module's
//!   `ErrorKind`, e.g. `socket::ErrorKind::Gaierror`), `python_class()` that
//!   class's name as Python shows it, `message()` the text.
//! - No function panics, whatever its input.
//! - Where CPython 3.11 and 3.13 differ (the 2024 `is_private`/`is_global`
//!   tables, IPv4-mapped IPv6 text), netlib follows 3.13.
//!
//! [`resource`] is Python's `resource` (the open-file limit a thousand
//! connections need, `getrusage`).
//!
//! [`wire`] adds what Python's standard library does not have and the lessons
//! need: the TCP states of the student's own sockets (`LISTEN`, `TIME_WAIT`,
//! ...), read from `/proc` without privilege.
//!
//! In the `Rust (netlib)` Jupyter kernel, `use netlib::prelude::*;` is already
//! in effect, so lesson cells call [`ip_address`](ipaddress::ip_address),
//! [`hexlify`](binascii::hexlify), `socket::gethostname()` or
//! `urllib::parse::urlparse(...)` directly, and a cell whose last expression
//! is an address, a network, an interface or a parsed URL draws it as a small
//! picture ([`display`]).

#![deny(missing_docs)]

pub mod binascii;
pub mod display;
mod exception;
pub mod exercise;
pub mod http;
pub mod ipaddress;
pub mod prelude;
mod pystr;
mod repr;
pub mod resource;
pub mod socket;
pub mod urllib;
pub mod wire;
