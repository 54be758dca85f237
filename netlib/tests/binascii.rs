//! `binascii` against the CPython 3.13 vectors in `tests/vectors/binascii.json`
//! (written by `gen_binascii.py`); all mismatches are reported together.

#[path = "common/vectors.rs"]
mod vectors;

use netlib::binascii::{
    Error, a2b_hex, b2a_hex, crc32, crc32_with, hexlify, hexlify_sep, unhexlify, unhexlify_bytes,
};
use serde::Deserialize;
use vectors::Outcome;

/// `binascii.json`, as `gen_binascii.py` writes it.
#[derive(Deserialize)]
struct Vectors {
    hexlify: Vec<HexlifyCase>,
    unhexlify: Vec<UnhexlifyCase>,
}

/// One byte string (as hex) and what CPython's encoders give for it.
#[derive(Deserialize)]
struct HexlifyCase {
    data: String,
    hexlify: String,
    crc32: u32,
    /// `(seed, crc32(data, seed))` pairs.
    crc32_seeded: Vec<(u32, u32)>,
    sep: Vec<SepCase>,
}

/// `hexlify(data, sep, bytes_per_sep)`.
#[derive(Deserialize)]
struct SepCase {
    sep: char,
    bytes_per_sep: i32,
    result: Outcome<String>,
}

/// One text and what CPython's decoders give for it (as hex).
#[derive(Deserialize)]
struct UnhexlifyCase {
    text: String,
    /// `unhexlify(text)`.
    str: Outcome<String>,
    a2b_hex: Outcome<String>,
    /// `unhexlify(text.encode())`.
    bytes: Outcome<String>,
}

fn got(r: Result<String, Error>) -> Result<String, (String, String)> {
    r.map_err(|e| (e.python_class().to_owned(), e.to_string()))
}

#[test]
fn binascii_matches_cpython() {
    let v: Vectors = vectors::load("binascii.json");
    let mut checked = 0;
    let mut failures = Vec::new();
    let mut check = |what: String, ok: bool| {
        checked += 1;
        if !ok {
            failures.push(what);
        }
    };
    for case in v.hexlify {
        let data = unhexlify(&case.data).expect("vector data is hex");
        let want = case.hexlify.as_str();
        check(format!("hexlify({data:02x?})"), hexlify(&data) == want);
        check(format!("b2a_hex({data:02x?})"), b2a_hex(&data) == want);
        check(format!("crc32({data:02x?})"), crc32(&data) == case.crc32);
        for (seed, want) in case.crc32_seeded {
            check(
                format!("crc32({data:02x?}, {seed})"),
                crc32_with(&data, seed) == want,
            );
        }
        for SepCase {
            sep,
            bytes_per_sep: per,
            result,
        } in case.sep
        {
            let got = got(hexlify_sep(&data, sep, per));
            let want = result.into_result();
            check(
                format!("hexlify({data:02x?}, {sep:?}, {per}): got {got:?}, want {want:?}"),
                got == want,
            );
        }
    }
    for case in v.unhexlify {
        let text = case.text.as_str();
        let as_hex = |r: Result<Vec<u8>, Error>| got(r.map(|b| hexlify(&b)));
        for (name, got, want) in [
            ("unhexlify", as_hex(unhexlify(text)), case.str),
            ("a2b_hex", as_hex(a2b_hex(text)), case.a2b_hex),
            (
                "unhexlify_bytes",
                as_hex(unhexlify_bytes(text.as_bytes())),
                case.bytes,
            ),
        ] {
            let want = want.into_result();
            check(
                format!("{name}({text:?}): got {got:?}, want {want:?}"),
                got == want,
            );
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {checked} checks differ from CPython 3.13:\n{}",
        failures.len(),
        failures.join("\n")
    );
    eprintln!("binascii: {checked} checks match CPython 3.13");
}

#[test]
fn lesson_example() {
    // Python: binascii.hexlify(socket.inet_aton('203.249.39.46'))  ->  b'cbf9272e'
    assert_eq!(hexlify(&[203, 249, 39, 46]), "cbf9272e");
    // Python: binascii.hexlify(ipaddress.ip_address('192.168.0.15').packed)  ->  b'c0a8000f'
    assert_eq!(hexlify(&[192, 168, 0, 15]), "c0a8000f");
}

/// The `probe` differences of `binascii_expected_differences.json`.
#[test]
fn expected_differences_still_differ() {
    vectors::ExpectedDifferences::load("binascii").check_probes(&[("latin1-separator", || {
        // Python: binascii.hexlify(b'\x01\x02', 'é'), as the bytes it returns
        let text = hexlify_sep(&[1, 2], 'é', 1).expect("a separator below U+0100");
        let escaped: String = text
            .bytes()
            .map(|b| match b {
                0x20..=0x7e => char::from(b).to_string(),
                _ => format!("\\x{b:02x}"),
            })
            .collect();
        format!("b'{escaped}'")
    })]);
}
