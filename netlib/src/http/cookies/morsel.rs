//! `Morsel`: one cookie (key, value) with its attributes, and the quoting
//! rules of `http.cookies`.

use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

use super::Error;
use crate::repr::str_repr;

/// `Morsel._reserved`: the attribute names, and how `OutputString` spells them.
pub(super) const RESERVED: [(&str, &str); 9] = [
    ("expires", "expires"),
    ("path", "Path"),
    ("comment", "Comment"),
    ("domain", "Domain"),
    ("max-age", "Max-Age"),
    ("secure", "Secure"),
    ("httponly", "HttpOnly"),
    ("version", "Version"),
    ("samesite", "SameSite"),
];

/// `_LegalChars`: what a key (and an unquoted value) may hold.
fn is_legal_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~:".contains(c)
}

/// `_is_legal_key(s)`: one or more legal characters.
pub(super) fn is_legal_key(s: &str) -> bool {
    !s.is_empty() && s.chars().all(is_legal_char)
}

/// `_quote(s)`: `s` as it is when legal, else in double quotes with `"` and
/// `\` escaped and every other character below 256 that is neither legal nor
/// one of ` ()/<=>?@[]{}` written as a 3-digit octal escape (`é` is `\351`).
pub(super) fn quote(s: &str) -> String {
    if is_legal_key(s) {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if is_legal_char(c) || " ()/<=>?@[]{}".contains(c) || c as u32 > 255 => out.push(c),
            c => out.push_str(&format!("\\{:03o}", c as u32)),
        }
    }
    out.push('"');
    out
}

/// `_unquote(s)`: a double-quoted text without its quotes, `\ooo` (octal,
/// 000–377) as that code point and `\x` as `x` (but not a `\` before a
/// newline); anything else as it is.
pub(super) fn unquote(s: &str) -> String {
    let Some(inner) = s.strip_prefix('"').and_then(|t| t.strip_suffix('"')) else {
        return s.to_owned();
    };
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let rest = chars.clone().take(3).collect::<Vec<char>>();
        let octal = rest.len() == 3
            && matches!(rest[0], '0'..='3')
            && rest[1..].iter().all(|d| matches!(d, '0'..='7'));
        if octal {
            let n = rest
                .iter()
                .fold(0u32, |n, d| n * 8 + (*d as u32 - '0' as u32));
            // At most 0o377: always a char.
            out.extend(char::from_u32(n));
            chars.nth(2);
        } else {
            match chars.peek() {
                Some('\n') | None => out.push('\\'),
                Some(_) => out.extend(chars.next()),
            }
        }
    }
    out
}

/// An attribute's value: Python lets any object in; netlib the kinds a
/// cookie uses (`Path='/'`, `Secure=True`, `Max-Age=3600`) and `None`.
///
/// `Display` is Python's `str(value)`, `Debug` its `repr(value)`.
///
/// ```
/// use netlib::http::cookies::AttrValue;
/// // Python: repr('/'), str(True), str(3600)
/// assert_eq!(format!("{:?}", AttrValue::from("/")), "'/'");
/// assert_eq!(AttrValue::from(true).to_string(), "True");
/// assert_eq!(AttrValue::from(3600).to_string(), "3600");
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub enum AttrValue {
    /// A `str`; `''` means "not set".
    Str(String),
    /// `True` / `False` (a flag such as `secure`).
    Bool(bool),
    /// An `int` (`max-age` in seconds; `expires` in seconds from now).
    Int(i64),
    /// `None`: what `load` gives a `$Path` written without `=`.
    None,
}

impl AttrValue {
    /// Python's truth value: `''`, `False` and `0` are false.
    fn is_true(&self) -> bool {
        match self {
            AttrValue::Str(s) => !s.is_empty(),
            AttrValue::Bool(b) => *b,
            AttrValue::Int(n) => *n != 0,
            AttrValue::None => false,
        }
    }

    /// `isinstance(value, int)`: `True` and `False` are ints in Python.
    fn as_int(&self) -> Option<i64> {
        match self {
            AttrValue::Int(n) => Some(*n),
            AttrValue::Bool(b) => Some(i64::from(*b)),
            AttrValue::Str(_) | AttrValue::None => None,
        }
    }
}

impl From<&str> for AttrValue {
    fn from(s: &str) -> Self {
        AttrValue::Str(s.to_owned())
    }
}

impl From<String> for AttrValue {
    fn from(s: String) -> Self {
        AttrValue::Str(s)
    }
}

impl From<bool> for AttrValue {
    fn from(b: bool) -> Self {
        AttrValue::Bool(b)
    }
}

impl From<i64> for AttrValue {
    fn from(n: i64) -> Self {
        AttrValue::Int(n)
    }
}

impl From<i32> for AttrValue {
    fn from(n: i32) -> Self {
        AttrValue::Int(n.into())
    }
}

impl fmt::Display for AttrValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AttrValue::Str(s) => f.write_str(s),
            AttrValue::Bool(true) => f.write_str("True"),
            AttrValue::Bool(false) => f.write_str("False"),
            AttrValue::Int(n) => write!(f, "{n}"),
            AttrValue::None => f.write_str("None"),
        }
    }
}

impl fmt::Debug for AttrValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AttrValue::Str(s) => f.write_str(&str_repr(s)),
            other => write!(f, "{other}"),
        }
    }
}

/// `_getdate(future)`: now plus `future` seconds, as a cookie date
/// (`Wed, 09 Jun 2021 10:18:14 GMT`).
fn getdate(future: i64) -> String {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    http_date(now.saturating_add(future))
}

/// A Unix time as `%s, %02d %3s %4d %02d:%02d:%02d GMT` (days to a civil
/// date after Howard Hinnant's algorithm).
pub(super) fn http_date(t: i64) -> String {
    const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let (days, secs) = (t.div_euclid(86_400), t.rem_euclid(86_400));
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{}, {day:02} {} {year:4} {:02}:{:02}:{:02} GMT",
        DAYS[days.rem_euclid(7) as usize],
        MONTHS[(month - 1) as usize],
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    )
}

/// Python's `http.cookies.Morsel`: one cookie's key, value (`value` as the
/// program sees it, `coded_value` as it goes over the wire) and attributes.
///
/// `Display` is `str(morsel)` (a `Set-Cookie:` header), `Debug` its repr.
///
/// ```
/// use netlib::http::cookies::SimpleCookie;
///
/// // Python: C = SimpleCookie(); C['id'] = 'a b'; C['id']['path'] = '/'
/// let mut c = SimpleCookie::new();
/// c.set("id", "a b")?;
/// let m = c.get_mut("id").unwrap();
/// m.set_attr("path", "/")?;
/// // Python: m.value, m.coded_value, repr(m), str(m)
/// assert_eq!((m.value(), m.coded_value()), ("a b", "\"a b\""));
/// assert_eq!(format!("{m:?}"), "<Morsel: id=\"a b\"; Path=/>");
/// assert_eq!(m.to_string(), "Set-Cookie: id=\"a b\"; Path=/");
/// # Ok::<(), netlib::http::cookies::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Morsel {
    key: String,
    value: String,
    coded_value: String,
    /// One value per name of [`RESERVED`], in that order; `''` is unset.
    attrs: [AttrValue; 9],
}

fn reserved_index(name: &str) -> Option<usize> {
    RESERVED.iter().position(|&(k, _)| k == name)
}

impl Morsel {
    pub(super) fn new(key: &str, value: &str, coded_value: &str) -> Morsel {
        Morsel {
            key: key.to_owned(),
            value: value.to_owned(),
            coded_value: coded_value.to_owned(),
            attrs: std::array::from_fn(|_| AttrValue::Str(String::new())),
        }
    }

    pub(super) fn set_value(&mut self, value: &str, coded_value: &str) {
        value.clone_into(&mut self.value);
        coded_value.clone_into(&mut self.coded_value);
    }

    /// `morsel.key`
    ///
    /// ```
    /// use netlib::http::cookies::SimpleCookie;
    /// assert_eq!(SimpleCookie::parse("a=b")?.get("a").unwrap().key(), "a");
    /// # Ok::<(), netlib::http::cookies::Error>(())
    /// ```
    pub fn key(&self) -> &str {
        &self.key
    }

    /// `morsel.value`: the value unquoted.
    ///
    /// ```
    /// use netlib::http::cookies::SimpleCookie;
    /// // Python: SimpleCookie('a="x\\"y"')['a'].value  ->  'x"y'
    /// assert_eq!(SimpleCookie::parse(r#"a="x\"y""#)?.get("a").unwrap().value(), "x\"y");
    /// # Ok::<(), netlib::http::cookies::Error>(())
    /// ```
    pub fn value(&self) -> &str {
        &self.value
    }

    /// `morsel.coded_value`: the value as sent.
    ///
    /// ```
    /// use netlib::http::cookies::SimpleCookie;
    /// assert_eq!(SimpleCookie::parse(r#"a="x\"y""#)?.get("a").unwrap().coded_value(), r#""x\"y""#);
    /// # Ok::<(), netlib::http::cookies::Error>(())
    /// ```
    pub fn coded_value(&self) -> &str {
        &self.coded_value
    }

    /// `morsel[attr]`, the name in lower case: `None` where Python raises
    /// `KeyError` (not an attribute name, or not in lower case: only setting
    /// ignores the case); an unset attribute is `''`.
    ///
    /// ```
    /// use netlib::http::cookies::{AttrValue, SimpleCookie};
    /// let c = SimpleCookie::parse("a=b; Path=/; Secure")?;
    /// let m = c.get("a").unwrap();
    /// // Python: m['path'], m['secure'], m['domain']  ->  ('/', True, '')
    /// assert_eq!(m.get("path"), Some(&AttrValue::from("/")));
    /// assert_eq!(m.get("secure"), Some(&AttrValue::Bool(true)));
    /// assert_eq!(m.get("domain"), Some(&AttrValue::from("")));
    /// assert_eq!((m.get("color"), m.get("Path")), (None, None));
    /// # Ok::<(), netlib::http::cookies::Error>(())
    /// ```
    pub fn get(&self, attr: &str) -> Option<&AttrValue> {
        reserved_index(attr).map(|i| &self.attrs[i])
    }

    /// `morsel[attr] = value`; `Err` (`CookieError: Invalid attribute 'x'`)
    /// for a name that is not an attribute.
    ///
    /// ```
    /// use netlib::http::cookies::SimpleCookie;
    /// let mut c = SimpleCookie::parse("a=b")?;
    /// let m = c.get_mut("a").unwrap();
    /// // Python: m['max-age'] = 60; m['httponly'] = True; m.OutputString()
    /// m.set_attr("max-age", 60)?;
    /// m.set_attr("httponly", true)?;
    /// assert_eq!(m.output_string(), "a=b; HttpOnly; Max-Age=60");
    /// // Python: m['color'] = 'red'  ->  CookieError: Invalid attribute 'color'
    /// assert_eq!(m.set_attr("color", "red").unwrap_err().to_string(), "Invalid attribute 'color'");
    /// # Ok::<(), netlib::http::cookies::Error>(())
    /// ```
    pub fn set_attr(&mut self, attr: &str, value: impl Into<AttrValue>) -> Result<(), Error> {
        // Python's str.lower(); attribute names are ASCII, others fail anyway.
        let name = crate::pystr::lower(attr);
        let i = reserved_index(&name)
            .ok_or_else(|| Error::cookie(format!("Invalid attribute {}", str_repr(&name))))?;
        self.attrs[i] = value.into();
        Ok(())
    }

    /// `morsel.isReservedKey(k)`: whether `k` names an attribute.
    ///
    /// ```
    /// use netlib::http::cookies::SimpleCookie;
    /// let c = SimpleCookie::parse("a=b")?;
    /// assert!(c.get("a").unwrap().is_reserved_key("Max-Age"));
    /// # Ok::<(), netlib::http::cookies::Error>(())
    /// ```
    pub fn is_reserved_key(&self, k: &str) -> bool {
        reserved_index(&crate::pystr::lower(k)).is_some()
    }

    /// `morsel.OutputString()`: `key=coded_value`, then the attributes set,
    /// in alphabetical order of their names.
    ///
    /// ```
    /// use netlib::http::cookies::SimpleCookie;
    /// let c = SimpleCookie::parse("a=b; Path=/; Domain=h; Secure")?;
    /// assert_eq!(c.get("a").unwrap().output_string(), "a=b; Domain=h; Path=/; Secure");
    /// # Ok::<(), netlib::http::cookies::Error>(())
    /// ```
    pub fn output_string(&self) -> String {
        self.output_string_with(None)
    }

    /// `morsel.OutputString(attrs)`: only the attributes named in `attrs`.
    ///
    /// ```
    /// use netlib::http::cookies::SimpleCookie;
    /// let c = SimpleCookie::parse("a=b; Path=/; Domain=h")?;
    /// // Python: m.OutputString(['path'])  ->  'a=b; Path=/'
    /// assert_eq!(c.get("a").unwrap().output_string_with(Some(&["path"])), "a=b; Path=/");
    /// # Ok::<(), netlib::http::cookies::Error>(())
    /// ```
    pub fn output_string_with(&self, attrs: Option<&[&str]>) -> String {
        let mut parts = vec![format!("{}={}", self.key, self.coded_value)];
        let mut order: Vec<usize> = (0..RESERVED.len()).collect();
        order.sort_by_key(|&i| RESERVED[i].0);
        for i in order {
            let (key, name) = RESERVED[i];
            let value = &self.attrs[i];
            if *value == AttrValue::Str(String::new()) || attrs.is_some_and(|a| !a.contains(&key)) {
                continue;
            }
            match (key, value) {
                ("expires", v) if v.as_int().is_some() => {
                    parts.push(format!("{name}={}", getdate(v.as_int().unwrap_or(0))));
                }
                ("max-age", v) if v.as_int().is_some() => {
                    parts.push(format!("{name}={}", v.as_int().unwrap_or(0)));
                }
                ("comment", AttrValue::Str(s)) => parts.push(format!("{name}={}", quote(s))),
                ("secure" | "httponly", v) => {
                    if v.is_true() {
                        parts.push(name.to_owned());
                    }
                }
                (_, v) => parts.push(format!("{name}={v}")),
            }
        }
        parts.join("; ")
    }

    /// `morsel.output(attrs, header)`: `header` and the output string.
    ///
    /// ```
    /// use netlib::http::cookies::SimpleCookie;
    /// let c = SimpleCookie::parse("a=b")?;
    /// // Python: m.output(header='Cookie:')  ->  'Cookie: a=b'
    /// assert_eq!(c.get("a").unwrap().output_with(None, "Cookie:"), "Cookie: a=b");
    /// # Ok::<(), netlib::http::cookies::Error>(())
    /// ```
    pub fn output_with(&self, attrs: Option<&[&str]>, header: &str) -> String {
        format!("{header} {}", self.output_string_with(attrs))
    }

    /// `morsel.js_output(attrs)`: a `<script>` setting `document.cookie`.
    ///
    /// ```
    /// use netlib::http::cookies::SimpleCookie;
    /// let c = SimpleCookie::parse("a=b")?;
    /// assert!(c.get("a").unwrap().js_output(None).contains("document.cookie = \"a=b\";"));
    /// # Ok::<(), netlib::http::cookies::Error>(())
    /// ```
    pub fn js_output(&self, attrs: Option<&[&str]>) -> String {
        format!(
            "\n        <script type=\"text/javascript\">\n        <!-- begin hiding\n        \
             document.cookie = \"{}\";\n        // end hiding -->\n        </script>\n        ",
            self.output_string_with(attrs).replace('"', "\\\"")
        )
    }
}

impl fmt::Display for Morsel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.output_with(None, "Set-Cookie:"))
    }
}

impl fmt::Debug for Morsel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "<Morsel: {}>", self.output_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Expected values from CPython 3.13.0.
    #[test]
    fn dates_and_quotes() {
        // time.gmtime(1623233894): Wed, 09 Jun 2021 10:18:14
        assert_eq!(http_date(1_623_233_894), "Wed, 09 Jun 2021 10:18:14 GMT");
        assert_eq!(http_date(0), "Thu, 01 Jan 1970 00:00:00 GMT");
        assert_eq!(http_date(951_782_400), "Tue, 29 Feb 2000 00:00:00 GMT");
        assert_eq!(http_date(-1), "Wed, 31 Dec 1969 23:59:59 GMT");
        assert_eq!(quote("é\"\\\u{4e2d}\x00"), "\"\\351\\\"\\\\\u{4e2d}\\000\"");
        assert_eq!(unquote("\"\\303\\251\\400\\\n\""), "Ã©400\\\n");
        assert_eq!(unquote("\""), "\"");
    }
}
