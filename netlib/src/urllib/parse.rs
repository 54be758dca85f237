//! Python's `urllib.parse`: splitting URLs into parts, joining them,
//! percent-encoding, query strings.
//!
//! The rules are CPython 3.13's, not the WHATWG URL standard's: nothing is
//! normalised except the scheme's case, so `urlparse` of
//! `http://www.cwi.nl:80/%7Eguido/Python.html` keeps `:80` and `%7E`.
//! ([`ParseResult::to_url`] gives the normalised `url::Url` when wanted.)
//!
//! ```
//! use netlib::urllib::parse::urlparse;
//!
//! // Python: o = urlparse('http://www.cwi.nl:80/%7Eguido/Python.html')
//! let o = urlparse("http://www.cwi.nl:80/%7Eguido/Python.html")?;
//! // Python: print(o)
//! println!("{o:?}");
//! // Python: o.scheme, o.port, o.path, o.geturl()
//! assert_eq!(o.scheme, "http");
//! assert_eq!(o.port()?, Some(80));
//! assert_eq!(o.path, "/%7Eguido/Python.html");
//! assert_eq!(o.geturl(), "http://www.cwi.nl:80/%7Eguido/Python.html");
//! # Ok::<(), netlib::urllib::parse::Error>(())
//! ```
//!
//! Python's optional arguments become `_with` variants (`urlparse_with(url,
//! scheme, allow_fragments)`, `quote_with(s, safe)`, …). Python's `str`
//! results are `String`s; functions that can raise return `Result`.
//!
//! Every function is checked against CPython 3.13 on over 2,000 URLs (CPython's
//! own `test_urlparse` inputs among them). Known differences, explained in
//! `netlib/tests/vectors/urllib_parse_expected_differences.json`:
//! bytes arguments (`urlparse(b'...')`) have no counterpart except
//! [`quote_from_bytes`] and [`unquote_to_bytes`]; quoting always uses UTF-8.
//! Where Rust's newer Unicode tables would differ from CPython 3.13's
//! Unicode 15.1 (`hostname()` lower-casing, `repr()` escapes), netlib carries
//! 15.1 tables generated from CPython.

mod error;
mod join;
mod netloc_check;
mod query;
mod quote;
mod result;
mod schemes;
mod split;
mod unsplit;

pub use error::{Error, ErrorKind};
pub use join::{urljoin, urljoin_with};
pub use query::{parse_qs, parse_qs_with, parse_qsl, parse_qsl_with, urlencode};
pub use quote::{
    quote, quote_from_bytes, quote_from_bytes_with, quote_plus, quote_plus_with, quote_with,
    unquote, unquote_plus, unquote_to_bytes,
};
pub use result::{DefragResult, ParseResult, SplitResult};
pub use split::{urldefrag, urlparse, urlparse_with, urlsplit, urlsplit_with};
pub use unsplit::{ParseParts, SplitParts, urlunparse, urlunsplit};
