//! Python's `http.cookies`: `SimpleCookie` reads a `Cookie:` header (what a
//! browser sends) or builds `Set-Cookie:` headers (what a server sends),
//! with CPython 3.13's parsing, quoting and output.
//!
//! ```
//! use netlib::http::cookies::SimpleCookie;
//!
//! // Python: C = SimpleCookie()
//! //         C.load('session=abc123; theme="dark blue"')
//! let mut c = SimpleCookie::new();
//! c.load("session=abc123; theme=\"dark blue\"")?;
//! // Python: C['theme'].value, repr(C)
//! assert_eq!(c.get("theme").unwrap().value(), "dark blue");
//! assert_eq!(format!("{c:?}"), "<SimpleCookie: session='abc123' theme='dark blue'>");
//! // Python: C['session']['httponly'] = True; print(C)
//! c.get_mut("session").unwrap().set_attr("httponly", true)?;
//! assert_eq!(c.to_string(), "Set-Cookie: session=abc123; HttpOnly\r\nSet-Cookie: theme=\"dark blue\"");
//! # Ok::<(), netlib::http::cookies::Error>(())
//! ```
//!
//! Known difference: an attribute holds a `str`, `bool`, `int` or `None`
//! ([`AttrValue`]), where Python takes any object.

use std::fmt;

use crate::repr::str_repr;

mod morsel;
mod pattern;

pub use morsel::{AttrValue, Morsel};

crate::exception::python_error! {
    /// Which Python exception an [`Error`] is: `http.cookies` raises only
    /// `CookieError`.
    ///
    /// ```
    /// use netlib::http::cookies::{ErrorKind, SimpleCookie};
    /// // Python: C['a b'] = 'x'  ->  CookieError: Illegal key 'a b'
    /// assert_eq!(SimpleCookie::new().set("a b", "x").unwrap_err().kind(), ErrorKind::CookieError);
    /// ```
    pub enum ErrorKind {
        /// `http.cookies.CookieError`: an illegal key, an unknown attribute.
        CookieError => "http.cookies.CookieError",
    }

    /// `http.cookies.CookieError`: an illegal key, an unknown attribute.
    ///
    /// ```
    /// use netlib::http::cookies::SimpleCookie;
    /// // Python: C['a b'] = 'x'  ->  CookieError: Illegal key 'a b'
    /// let err = SimpleCookie::new().set("a b", "x").unwrap_err();
    /// assert_eq!(err.to_string(), "Illegal key 'a b'");
    /// assert_eq!(err.python_class(), "http.cookies.CookieError");
    /// ```
    #[derive(Hash)]
    pub struct Error {}
    debug: "CookieError(\"Illegal key ''\")",
    example: {
        module: netlib::http::cookies,
        python: "SimpleCookie()[''] = 'x'",
        rust: SimpleCookie::new().set("", "x"),
        kind: CookieError,
        class: "http.cookies.CookieError",
        message: "Illegal key ''",
    }
}

impl Error {
    fn cookie(message: String) -> Error {
        Error::new(ErrorKind::CookieError, message)
    }
}

/// Python's `http.cookies.SimpleCookie`: morsels by key, in the order the
/// keys were first set (a `dict`). The `Set-Cookie` syntax is [RFC 2109](https://www.rfc-editor.org/rfc/rfc2109)'s,
/// which CPython follows (leniently, as browsers do since [RFC 6265](https://www.rfc-editor.org/rfc/rfc6265)).
///
/// `Display` is `str(C)` (= `C.output()`), `Debug` its repr.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct SimpleCookie {
    morsels: Vec<Morsel>,
}

/// One item `load` found, applied only once the whole text is read.
enum Item {
    Attr(String, AttrValue),
    KeyValue(String, String, String),
}

impl SimpleCookie {
    /// Python's `SimpleCookie()`.
    ///
    /// ```
    /// use netlib::http::cookies::SimpleCookie;
    /// // Python: repr(SimpleCookie())  ->  '<SimpleCookie: >'
    /// assert_eq!(format!("{:?}", SimpleCookie::new()), "<SimpleCookie: >");
    /// ```
    pub fn new() -> SimpleCookie {
        SimpleCookie::default()
    }

    /// Python's `SimpleCookie(text)`: a new cookie, [`load`](Self::load)ed.
    ///
    /// ```
    /// use netlib::http::cookies::SimpleCookie;
    /// // Python: SimpleCookie('a=1; b=2').keys()
    /// assert_eq!(SimpleCookie::parse("a=1; b=2")?.keys().collect::<Vec<_>>(), ["a", "b"]);
    /// # Ok::<(), netlib::http::cookies::Error>(())
    /// ```
    pub fn parse(text: &str) -> Result<SimpleCookie, Error> {
        let mut c = SimpleCookie::new();
        c.load(text)?;
        Ok(c)
    }

    /// Python's `C.load(text)`: reads `key=value` pairs and their attributes
    /// (`; Path=/; Secure`) as CPython does. Text it cannot read ends the
    /// reading: up to an unreadable part the pairs are kept; an attribute
    /// before any pair, or a key without `=` that is no flag, makes the whole
    /// text ignored. `Err` (`CookieError`) for a key `SimpleCookie` cannot
    /// hold (`a<b`) or an unknown `$attribute`; the pairs before it are set.
    ///
    /// ```
    /// use netlib::http::cookies::SimpleCookie;
    /// let mut c = SimpleCookie::new();
    /// // Python: C.load('a=1; Path=/x; b="q\\"uote"; Secure')
    /// c.load(r#"a=1; Path=/x; b="q\"uote"; Secure"#)?;
    /// assert_eq!(c.output(), "Set-Cookie: a=1; Path=/x\r\nSet-Cookie: b=\"q\\\"uote\"; Secure");
    /// // Python: C.load('x=1; y')  ->  nothing loaded ('y' is no flag)
    /// c.load("x=1; y")?;
    /// assert!(c.get("x").is_none());
    /// # Ok::<(), netlib::http::cookies::Error>(())
    /// ```
    pub fn load(&mut self, text: &str) -> Result<(), Error> {
        let mut items = Vec::new();
        let mut morsel_seen = false;
        let mut i = 0;
        while i < text.len() {
            let Some(m) = pattern::match_at(text, i) else {
                break;
            };
            i = m.end;
            let lower = m.key.to_ascii_lowercase();
            if let Some(name) = m.key.strip_prefix('$') {
                if morsel_seen {
                    let value = m.val.map_or(AttrValue::None, AttrValue::from);
                    items.push(Item::Attr(name.to_owned(), value));
                }
            } else if morsel::RESERVED.iter().any(|&(k, _)| k == lower) {
                if !morsel_seen {
                    return Ok(());
                }
                match m.val {
                    Some(v) => items.push(Item::Attr(m.key.to_owned(), morsel::unquote(v).into())),
                    None if lower == "secure" || lower == "httponly" => {
                        items.push(Item::Attr(m.key.to_owned(), AttrValue::Bool(true)));
                    }
                    None => return Ok(()),
                }
            } else if let Some(v) = m.val {
                items.push(Item::KeyValue(
                    m.key.to_owned(),
                    morsel::unquote(v),
                    v.to_owned(),
                ));
                morsel_seen = true;
            } else {
                return Ok(());
            }
        }
        let mut current: Option<usize> = None;
        for item in items {
            match item {
                Item::Attr(name, value) => {
                    if let Some(m) = current.and_then(|i| self.morsels.get_mut(i)) {
                        m.set_attr(&name, value)?;
                    }
                }
                Item::KeyValue(key, value, coded) => {
                    current = Some(self.store(&key, &value, &coded)?)
                }
            }
        }
        Ok(())
    }

    /// `BaseCookie.__set`: the morsel of `key` (kept with its attributes if
    /// there is one) gets the new value; its index.
    fn store(&mut self, key: &str, value: &str, coded: &str) -> Result<usize, Error> {
        if morsel::RESERVED
            .iter()
            .any(|&(k, _)| k == crate::pystr::lower(key))
        {
            return Err(Error::cookie(format!(
                "Attempt to set a reserved key {}",
                str_repr(key)
            )));
        }
        if !morsel::is_legal_key(key) {
            return Err(Error::cookie(format!("Illegal key {}", str_repr(key))));
        }
        if let Some(i) = self.morsels.iter().position(|m| m.key() == key) {
            self.morsels[i].set_value(value, coded);
            return Ok(i);
        }
        self.morsels.push(Morsel::new(key, value, coded));
        Ok(self.morsels.len() - 1)
    }

    /// Python's `C[key] = value`: the value is quoted for the wire when it
    /// holds characters a cookie cannot carry as they are.
    ///
    /// ```
    /// use netlib::http::cookies::SimpleCookie;
    /// let mut c = SimpleCookie::new();
    /// // Python: C['name'] = '홍길동'; C['name'].coded_value
    /// c.set("name", "été")?;
    /// assert_eq!(c.get("name").unwrap().coded_value(), r#""\351t\351""#);
    /// # Ok::<(), netlib::http::cookies::Error>(())
    /// ```
    pub fn set(&mut self, key: &str, value: impl fmt::Display) -> Result<(), Error> {
        let value = value.to_string();
        self.store(key, &value, &morsel::quote(&value)).map(|_| ())
    }

    /// `C[key]`: `None` where Python raises `KeyError`.
    ///
    /// ```
    /// use netlib::http::cookies::SimpleCookie;
    /// assert_eq!(SimpleCookie::parse("a=b")?.get("a").unwrap().value(), "b");
    /// # Ok::<(), netlib::http::cookies::Error>(())
    /// ```
    pub fn get(&self, key: &str) -> Option<&Morsel> {
        self.morsels.iter().find(|m| m.key() == key)
    }

    /// `C[key]`, to set its attributes (`C[key]['path'] = '/'`).
    ///
    /// ```
    /// use netlib::http::cookies::SimpleCookie;
    /// let mut c = SimpleCookie::parse("a=b")?;
    /// c.get_mut("a").unwrap().set_attr("path", "/")?;
    /// assert_eq!(c.output(), "Set-Cookie: a=b; Path=/");
    /// # Ok::<(), netlib::http::cookies::Error>(())
    /// ```
    pub fn get_mut(&mut self, key: &str) -> Option<&mut Morsel> {
        self.morsels.iter_mut().find(|m| m.key() == key)
    }

    /// `del C[key]`: the morsel, if there was one.
    ///
    /// ```
    /// use netlib::http::cookies::SimpleCookie;
    /// let mut c = SimpleCookie::parse("a=b")?;
    /// assert!(c.remove("a").is_some() && c.is_empty());
    /// # Ok::<(), netlib::http::cookies::Error>(())
    /// ```
    pub fn remove(&mut self, key: &str) -> Option<Morsel> {
        let i = self.morsels.iter().position(|m| m.key() == key)?;
        Some(self.morsels.remove(i))
    }

    /// `C.keys()`, in the order they were first set.
    ///
    /// ```
    /// use netlib::http::cookies::SimpleCookie;
    /// assert_eq!(SimpleCookie::parse("b=1; a=2")?.keys().collect::<Vec<_>>(), ["b", "a"]);
    /// # Ok::<(), netlib::http::cookies::Error>(())
    /// ```
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.morsels.iter().map(Morsel::key)
    }

    /// `C.values()`: the morsels, in the order of [`keys`](Self::keys).
    ///
    /// ```
    /// use netlib::http::cookies::SimpleCookie;
    /// let c = SimpleCookie::parse("b=1; a=2")?;
    /// assert_eq!(c.values().map(|m| m.value()).collect::<Vec<_>>(), ["1", "2"]);
    /// # Ok::<(), netlib::http::cookies::Error>(())
    /// ```
    pub fn values(&self) -> impl Iterator<Item = &Morsel> {
        self.morsels.iter()
    }

    /// `len(C)`
    ///
    /// ```
    /// use netlib::http::cookies::SimpleCookie;
    /// assert_eq!(SimpleCookie::parse("a=1; b=2")?.len(), 2);
    /// # Ok::<(), netlib::http::cookies::Error>(())
    /// ```
    pub fn len(&self) -> usize {
        self.morsels.len()
    }

    /// `not C`
    ///
    /// ```
    /// use netlib::http::cookies::SimpleCookie;
    /// assert!(SimpleCookie::new().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.morsels.is_empty()
    }

    fn sorted(&self) -> Vec<&Morsel> {
        let mut morsels: Vec<&Morsel> = self.morsels.iter().collect();
        morsels.sort_by(|a, b| a.key().cmp(b.key()));
        morsels
    }

    /// Python's `C.output()`: a `Set-Cookie:` header per morsel, sorted by
    /// key, joined by `\r\n`.
    ///
    /// ```
    /// use netlib::http::cookies::SimpleCookie;
    /// assert_eq!(SimpleCookie::parse("b=1; a=2")?.output(), "Set-Cookie: a=2\r\nSet-Cookie: b=1");
    /// # Ok::<(), netlib::http::cookies::Error>(())
    /// ```
    pub fn output(&self) -> String {
        self.output_with(None, "Set-Cookie:", "\r\n")
    }

    /// Python's `C.output(attrs, header, sep)`.
    ///
    /// ```
    /// use netlib::http::cookies::SimpleCookie;
    /// let c = SimpleCookie::parse("a=1; Path=/; b=2")?;
    /// // Python: C.output(attrs=[], header='Cookie:', sep=';')
    /// assert_eq!(c.output_with(Some(&[]), "Cookie:", ";"), "Cookie: a=1;Cookie: b=2");
    /// # Ok::<(), netlib::http::cookies::Error>(())
    /// ```
    pub fn output_with(&self, attrs: Option<&[&str]>, header: &str, sep: &str) -> String {
        let lines: Vec<String> = self
            .sorted()
            .into_iter()
            .map(|m| m.output_with(attrs, header))
            .collect();
        lines.join(sep)
    }

    /// Python's `C.js_output(attrs)`: the morsels' scripts, sorted by key.
    ///
    /// ```
    /// use netlib::http::cookies::SimpleCookie;
    /// assert!(SimpleCookie::parse("a=1")?.js_output(None).contains("document.cookie = \"a=1\";"));
    /// # Ok::<(), netlib::http::cookies::Error>(())
    /// ```
    pub fn js_output(&self, attrs: Option<&[&str]>) -> String {
        self.sorted()
            .into_iter()
            .map(|m| m.js_output(attrs))
            .collect()
    }
}

impl fmt::Display for SimpleCookie {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.output())
    }
}

impl fmt::Debug for SimpleCookie {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let items: Vec<String> = self
            .sorted()
            .into_iter()
            .map(|m| format!("{}={}", m.key(), str_repr(m.value())))
            .collect();
        write!(f, "<SimpleCookie: {}>", items.join(" "))
    }
}
