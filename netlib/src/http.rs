//! Python's `http` package: [`cookies`] (`SimpleCookie`, `Morsel`) and, of
//! [`client`], the table of reason phrases. Clients and servers are the
//! `ureq` and `tiny_http` crates in the lessons.
//!
//! ```
//! use netlib::http::cookies::SimpleCookie;
//!
//! // Python: C = SimpleCookie('session=abc; Path=/'); C.output()
//! let c = SimpleCookie::parse("session=abc; Path=/")?;
//! assert_eq!(c.output(), "Set-Cookie: session=abc; Path=/");
//! # Ok::<(), netlib::http::cookies::Error>(())
//! ```

pub mod client;
pub mod cookies;
