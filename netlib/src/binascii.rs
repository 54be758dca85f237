//! Python's `binascii` module: hex conversion of bytes (and `crc32`).
//!
//! Python's `hexlify` returns `bytes`, so Python prints `b'c0a8000f'`; the
//! Rust functions return a `String`, which prints as `c0a8000f`. The
//! characters are the same.
//!
//! ```
//! use netlib::binascii::{hexlify, unhexlify};
//!
//! // Python: binascii.hexlify(b'\xc0\xa8\x00\x0f')   ->  b'c0a8000f'
//! assert_eq!(hexlify(&[192, 168, 0, 15]), "c0a8000f");
//! // Python: binascii.unhexlify('c0a8000f')          ->  b'\xc0\xa8\x00\x0f'
//! assert_eq!(unhexlify("c0a8000f")?, [192, 168, 0, 15]);
//! # Ok::<(), netlib::binascii::Error>(())
//! ```

crate::exception::python_error! {
    /// Which Python exception an [`Error`] is: `binascii.Error` (a subclass
    /// of `ValueError`) or `ValueError` itself.
    ///
    /// ```
    /// use netlib::binascii::{ErrorKind, unhexlify};
    /// // Python: binascii.unhexlify('abc')  ->  binascii.Error: Odd-length string
    /// assert_eq!(unhexlify("abc").unwrap_err().kind(), ErrorKind::Error);
    /// ```
    pub enum ErrorKind {
        /// `binascii.Error`: `Odd-length string`, `Non-hexadecimal digit found`.
        Error => "binascii.Error",
        /// `ValueError`: `string argument should contain only ASCII characters`
        /// (Python checks a `str` argument before looking at its digits), `sep
        /// must be ASCII.` (Python accepts any separator up to U+00FF, despite
        /// the message).
        ValueError => "ValueError",
    }

    /// The error of every fallible `binascii` function.
    ///
    /// `Display` prints Python's `str(exc)`; [`python_class`](Error::python_class)
    /// names the exception Python raises.
    ///
    /// ```
    /// use netlib::binascii::{self, unhexlify};
    ///
    /// // Python: binascii.unhexlify('abc')  ->  binascii.Error: Odd-length string
    /// let err = unhexlify("abc").unwrap_err();
    /// assert_eq!(err.to_string(), "Odd-length string");
    /// assert_eq!(err.python_class(), "binascii.Error");
    /// assert_eq!(err.kind(), binascii::ErrorKind::Error);
    /// ```
    #[derive(Hash)]
    pub struct Error {}
    debug: "Error('Non-hexadecimal digit found')",
    example: {
        module: netlib::binascii,
        python: "binascii.unhexlify('zz')",
        rust: unhexlify("zz"),
        kind: Error,
        class: "binascii.Error",
        message: "Non-hexadecimal digit found",
    }
}

impl Error {
    fn odd_length() -> Self {
        Error::new(ErrorKind::Error, "Odd-length string")
    }

    fn non_hex_digit() -> Self {
        Error::new(ErrorKind::Error, "Non-hexadecimal digit found")
    }

    fn non_ascii_string() -> Self {
        Error::new(
            ErrorKind::ValueError,
            "string argument should contain only ASCII characters",
        )
    }

    fn sep_not_ascii() -> Self {
        Error::new(ErrorKind::ValueError, "sep must be ASCII.")
    }
}

/// Lower-case hex digits of `data`, two per byte.
///
/// Python returns `bytes` (`b'c0a8000f'`); this returns the same characters
/// as a `String` (`c0a8000f`).
///
/// ```
/// use netlib::binascii::hexlify;
/// // Python: binascii.hexlify(ipaddress.ip_address('192.168.0.15').packed)  ->  b'c0a8000f'
/// assert_eq!(hexlify(&[0xc0, 0xa8, 0x00, 0x0f]), "c0a8000f");
/// // Python: binascii.hexlify(b'')  ->  b''
/// assert_eq!(hexlify(b""), "");
/// ```
pub fn hexlify(data: &[u8]) -> String {
    // hex::encode builds the String one char at a time, several times
    // slower than its table-driven encode_to_slice for short inputs.
    let mut digits = vec![0; data.len() * 2];
    match hex::encode_to_slice(data, &mut digits).map(|()| String::from_utf8(digits)) {
        Ok(Ok(text)) => text,
        // Neither can happen (the buffer has the right size, hex digits are
        // ASCII); the slow path keeps the function total.
        _ => hex::encode(data),
    }
}

/// Python's `binascii.b2a_hex`, the other name of [`hexlify`].
///
/// ```
/// // Python: binascii.b2a_hex(b'\x01\xff')  ->  b'01ff'
/// assert_eq!(netlib::binascii::b2a_hex(&[1, 255]), "01ff");
/// ```
pub fn b2a_hex(data: &[u8]) -> String {
    hexlify(data)
}

/// `binascii.hexlify(data, sep, bytes_per_sep)`: hex digits with `sep`
/// between groups of `bytes_per_sep` bytes, counted from the right when
/// positive, from the left when negative; `0` means no separator.
///
/// Python encodes a separator between U+0080 and U+00FF as one Latin-1 byte;
/// here that character appears in the `String` as itself. Separators above
/// U+00FF fail as in Python.
///
/// ```
/// use netlib::binascii::hexlify_sep;
/// // Python: binascii.hexlify(b'\x01\x02\x03', '-', 2)   ->  b'01-0203'
/// assert_eq!(hexlify_sep(&[1, 2, 3], '-', 2)?, "01-0203");
/// // Python: binascii.hexlify(b'\x01\x02\x03', '-', -2)  ->  b'0102-03'
/// assert_eq!(hexlify_sep(&[1, 2, 3], '-', -2)?, "0102-03");
/// // Python: binascii.hexlify(b'\x01\x02', '€')  ->  ValueError: sep must be ASCII.
/// assert_eq!(hexlify_sep(&[1, 2], '€', 1).unwrap_err().to_string(), "sep must be ASCII.");
/// # Ok::<(), netlib::binascii::Error>(())
/// ```
#[doc(alias = "hexlify")]
pub fn hexlify_sep(data: &[u8], sep: char, bytes_per_sep: i32) -> Result<String, Error> {
    if u32::from(sep) > 0xff {
        return Err(Error::sep_not_ascii());
    }
    let group = bytes_per_sep.unsigned_abs() as usize;
    if group == 0 || group >= data.len() {
        return Ok(hexlify(data));
    }
    // Groups are counted from the end for a positive count, so the short
    // group (if any) comes first; for a negative count it comes last.
    let first = if bytes_per_sep > 0 {
        match data.len() % group {
            0 => group,
            r => r,
        }
    } else {
        group
    };
    let mut out = String::with_capacity(data.len() * 3);
    let (head, mut rest) = data.split_at(first);
    out.push_str(&hexlify(head));
    while !rest.is_empty() {
        let (chunk, tail) = rest.split_at(group.min(rest.len()));
        out.push(sep);
        out.push_str(&hexlify(chunk));
        rest = tail;
    }
    Ok(out)
}

/// The bytes that the hex digits in `hexstr` stand for (upper or lower case).
///
/// Fails like Python: non-ASCII text is a `ValueError`, then an odd length
/// is `binascii.Error: Odd-length string`, then any non-hex character is
/// `binascii.Error: Non-hexadecimal digit found`.
///
/// ```
/// use netlib::binascii::unhexlify;
/// // Python: binascii.unhexlify('C0A8000f')  ->  b'\xc0\xa8\x00\x0f'
/// assert_eq!(unhexlify("C0A8000f")?, [0xc0, 0xa8, 0x00, 0x0f]);
/// // Python: binascii.unhexlify('0g')  ->  binascii.Error: Non-hexadecimal digit found
/// assert_eq!(unhexlify("0g").unwrap_err().to_string(), "Non-hexadecimal digit found");
/// # Ok::<(), netlib::binascii::Error>(())
/// ```
pub fn unhexlify(hexstr: &str) -> Result<Vec<u8>, Error> {
    if !hexstr.is_ascii() {
        return Err(Error::non_ascii_string());
    }
    unhexlify_bytes(hexstr.as_bytes())
}

/// [`unhexlify`] for a `bytes` argument (`binascii.unhexlify(b'c0a8')`):
/// no ASCII check, any non-hex byte is `Non-hexadecimal digit found`.
///
/// ```
/// use netlib::binascii::unhexlify_bytes;
/// // Python: binascii.unhexlify(b'c0a8')  ->  b'\xc0\xa8'
/// assert_eq!(unhexlify_bytes(b"c0a8")?, [0xc0, 0xa8]);
/// // Python: binascii.unhexlify(b'\xff\xff')  ->  binascii.Error: Non-hexadecimal digit found
/// assert_eq!(unhexlify_bytes(b"\xff\xff").unwrap_err().to_string(), "Non-hexadecimal digit found");
/// # Ok::<(), netlib::binascii::Error>(())
/// ```
#[doc(alias = "unhexlify")]
pub fn unhexlify_bytes(hexstr: &[u8]) -> Result<Vec<u8>, Error> {
    if !hexstr.len().is_multiple_of(2) {
        return Err(Error::odd_length());
    }
    hex::decode(hexstr).map_err(|_| Error::non_hex_digit())
}

/// Python's `binascii.a2b_hex`, the other name of [`unhexlify`].
///
/// ```
/// // Python: binascii.a2b_hex('01ff')  ->  b'\x01\xff'
/// assert_eq!(netlib::binascii::a2b_hex("01ff")?, [1, 255]);
/// # Ok::<(), netlib::binascii::Error>(())
/// ```
pub fn a2b_hex(hexstr: &str) -> Result<Vec<u8>, Error> {
    unhexlify(hexstr)
}

/// CRC-32 (the zlib/PNG polynomial) of `data`, as Python's
/// `binascii.crc32(data)` returns it: an unsigned 32-bit value.
///
/// ```
/// use netlib::binascii::crc32;
/// // Python: binascii.crc32(b'hello')  ->  907060870
/// assert_eq!(crc32(b"hello"), 907060870);
/// ```
pub fn crc32(data: &[u8]) -> u32 {
    crc32_with(data, 0)
}

/// `binascii.crc32(data, value)`: continue a running CRC, so that
/// `crc32_with(b, crc32(a)) == crc32(a + b)`.
///
/// ```
/// use netlib::binascii::{crc32, crc32_with};
/// // Python: binascii.crc32(b'lo', binascii.crc32(b'hel'))  ->  907060870
/// assert_eq!(crc32_with(b"lo", crc32(b"hel")), 907060870);
/// ```
#[doc(alias = "crc32")]
pub fn crc32_with(data: &[u8], value: u32) -> u32 {
    let mut crc = !value;
    for &byte in data {
        crc = CRC32_TABLE[((crc ^ u32::from(byte)) & 0xff) as usize] ^ (crc >> 8);
    }
    !crc
}

/// The byte-wise lookup table of the reflected polynomial 0xEDB88320.
const CRC32_TABLE: [u32; 256] = {
    let mut table = [0u32; 256];
    let mut i = 0;
    while i < 256 {
        let mut c = i as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 != 0 {
                0xedb8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
            k += 1;
        }
        table[i] = c;
        i += 1;
    }
    table
};
