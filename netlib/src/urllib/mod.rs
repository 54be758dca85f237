//! Python's `urllib` package; only [`parse`] is part of the lessons.
//!
//! ```
//! use netlib::urllib;
//!
//! // Python: urllib.parse.urlparse('http://www.cwi.nl:80/%7Eguido/Python.html').port
//! let o = urllib::parse::urlparse("http://www.cwi.nl:80/%7Eguido/Python.html")?;
//! assert_eq!(o.port()?, Some(80));
//! # Ok::<(), urllib::parse::Error>(())
//! ```

pub mod parse;
