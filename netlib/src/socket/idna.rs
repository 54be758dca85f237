//! Host-name arguments as CPython prepares them: the `idna` codec (format
//! `"et"` with encoding `"idna"`, IDNA 2003: [RFC 3490](https://www.rfc-editor.org/rfc/rfc3490)), then a NUL check.

use std::ffi::CString;

use super::error::{Error, ErrorKind};

/// Python's `name.encode('idna')` followed by the `"et"` converter's NUL
/// check, naming `func` in the `TypeError` as CPython does.
pub(crate) fn host_arg(func: &str, name: &str) -> Result<CString, Error> {
    let encoded = encode(name)?;
    CString::new(encoded).map_err(|_| {
        Error::new(
            ErrorKind::TypeError,
            format!("{func}() argument 1 must be encoded string without null bytes, not str"),
        )
    })
}

/// The `idna` codec's `encode`. ASCII input takes Python's fast path
/// exactly (only label lengths are checked, case and characters are kept).
/// Non-ASCII labels are converted with UTS #46 through the `url` crate,
/// where Python uses IDNA 2003 nameprep; the two agree on ordinary names and
/// differ on a few characters (`ß`, `ς`, joiners).
pub(crate) fn encode(input: &str) -> Result<String, Error> {
    if input.is_ascii() {
        let labels: Vec<&str> = input.split('.').collect();
        let mut offset = 0;
        for (i, label) in labels.iter().enumerate() {
            if label.is_empty() && i + 1 < labels.len() {
                return Err(Error::idna(input, offset, offset + 1, "label empty"));
            }
            offset += label.len() + 1;
        }
        let mut offset = 0;
        for label in &labels {
            if label.len() >= 64 {
                return Err(Error::idna(
                    input,
                    offset,
                    offset + label.len(),
                    "label too long",
                ));
            }
            offset += label.len() + 1;
        }
        return Ok(input.to_string());
    }

    // IDNA 2003 section 3.1: these four characters separate labels.
    let mut labels: Vec<&str> = input
        .split(['.', '\u{3002}', '\u{ff0e}', '\u{ff61}'])
        .collect();
    let trailing_dot = labels.len() > 1 && labels.last().is_some_and(|l| l.is_empty());
    if trailing_dot {
        labels.pop();
    }
    let mut out = Vec::with_capacity(labels.len());
    let mut offset = 0;
    for label in &labels {
        let chars = label.chars().count();
        let ascii = if label.is_ascii() {
            label.to_string()
        } else {
            let converted = url::quirks::domain_to_ascii(label);
            if converted.is_empty() || converted.contains('.') {
                return Err(Error::idna(
                    input,
                    offset,
                    offset + chars.max(1),
                    "Invalid character",
                ));
            }
            converted
        };
        if ascii.is_empty() {
            return Err(Error::idna(input, offset, offset + 1, "label empty"));
        }
        if ascii.len() >= 64 {
            return Err(Error::idna(input, offset, offset + chars, "label too long"));
        }
        out.push(ascii);
        offset += chars + 1;
    }
    let mut joined = out.join(".");
    if trailing_dot {
        joined.push('.');
    }
    Ok(joined)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_fast_path_matches_python() {
        // Python: 'Local.Host.'.encode('idna') == b'Local.Host.'
        assert_eq!(encode("Local.Host.").unwrap(), "Local.Host.");
        assert_eq!(encode("").unwrap(), "");
        let e = encode("a..b").unwrap_err();
        assert_eq!(
            e.to_string(),
            "'idna' codec can't encode character '\\x2e' in position 2: label empty"
        );
        let long = format!("a.{}", "x".repeat(64));
        assert_eq!(
            encode(&long).unwrap_err().to_string(),
            "'idna' codec can't encode characters in position 2-65: label too long"
        );
    }

    #[test]
    fn non_ascii_labels_become_punycode() {
        // Python: '한국.kr'.encode('idna') == b'xn--3e0b707e.kr'
        assert_eq!(encode("한국.kr").unwrap(), "xn--3e0b707e.kr");
        // Python: 'Ü.COM'.encode('idna') == b'xn--tda.COM'
        assert_eq!(encode("Ü.COM").unwrap(), "xn--tda.COM");
    }
}
