//! Python's `urllib` package: [`parse`] (splitting and quoting URLs),
//! [`error`] (`urlopen`'s exceptions) and [`robotparser`] (robots.txt).
//! `urllib.request` itself is the `ureq` crate in the lessons.
//!
//! ```
//! use netlib::urllib;
//!
//! // Python: urllib.parse.urlparse('http://www.cwi.nl:80/%7Eguido/Python.html').port
//! let o = urllib::parse::urlparse("http://www.cwi.nl:80/%7Eguido/Python.html")?;
//! assert_eq!(o.port()?, Some(80));
//! # Ok::<(), urllib::parse::Error>(())
//! ```

pub mod error;
pub mod parse;
pub mod robotparser;
