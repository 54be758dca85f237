//! `binascii` against the CPython 3.13 vectors in `tests/vectors/binascii.json`
//! (written by `gen_binascii.py`); all mismatches are reported together.

#[path = "common/vectors.rs"]
mod vectors;

use netlib::binascii::{
    Error, a2b_hex, b2a_hex, crc32, crc32_with, hexlify, hexlify_sep, unhexlify, unhexlify_bytes,
};
use serde_json::Value;

fn vectors() -> Value {
    vectors::load("binascii.json")
}

fn s(v: &Value) -> &str {
    v.as_str().expect("string in vector")
}

fn expected(v: &Value) -> Result<String, (String, String)> {
    match v.get("ok") {
        Some(ok) => Ok(s(ok).to_owned()),
        None => Err((
            s(&v["error"]["class"]).to_owned(),
            s(&v["error"]["message"]).to_owned(),
        )),
    }
}

fn got(r: Result<String, Error>) -> Result<String, (String, String)> {
    r.map_err(|e| (e.python_class().to_owned(), e.to_string()))
}

#[test]
fn binascii_matches_cpython() {
    let v = vectors();
    let mut checked = 0;
    let mut failures = Vec::new();
    let mut check = |what: String, ok: bool| {
        checked += 1;
        if !ok {
            failures.push(what);
        }
    };
    for case in v["hexlify"].as_array().expect("hexlify") {
        let data = unhexlify(s(&case["data"])).expect("vector data is hex");
        let want = s(&case["hexlify"]);
        check(format!("hexlify({data:02x?})"), hexlify(&data) == want);
        check(format!("b2a_hex({data:02x?})"), b2a_hex(&data) == want);
        let crc = case["crc32"].as_u64();
        check(
            format!("crc32({data:02x?})"),
            crc == Some(u64::from(crc32(&data))),
        );
        for pair in case["crc32_seeded"].as_array().expect("crc32_seeded") {
            let seed = pair[0].as_u64().and_then(|n| u32::try_from(n).ok());
            let want = pair[1].as_u64();
            let got = seed.map(|seed| u64::from(crc32_with(&data, seed)));
            check(format!("crc32({data:02x?}, {seed:?})"), got == want);
        }
        for sep_case in case["sep"].as_array().expect("sep") {
            let mut sep = s(&sep_case["sep"]).chars();
            let (Some(sep), None) = (sep.next(), sep.next()) else {
                panic!("separator must be one character");
            };
            let per = sep_case["bytes_per_sep"]
                .as_i64()
                .and_then(|n| i32::try_from(n).ok())
                .expect("bytes_per_sep fits a C int");
            let got = got(hexlify_sep(&data, sep, per));
            let want = expected(&sep_case["result"]);
            check(
                format!("hexlify({data:02x?}, {sep:?}, {per}): got {got:?}, want {want:?}"),
                got == want,
            );
        }
    }
    for case in v["unhexlify"].as_array().expect("unhexlify") {
        let text = s(&case["text"]);
        let as_hex = |r: Result<Vec<u8>, Error>| got(r.map(|b| hexlify(&b)));
        for (name, got, want) in [
            ("unhexlify", as_hex(unhexlify(text)), expected(&case["str"])),
            ("a2b_hex", as_hex(a2b_hex(text)), expected(&case["a2b_hex"])),
            (
                "unhexlify_bytes",
                as_hex(unhexlify_bytes(text.as_bytes())),
                expected(&case["bytes"]),
            ),
        ] {
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
