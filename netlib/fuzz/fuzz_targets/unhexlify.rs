//! `binascii.unhexlify`, of `str` and of `bytes`: never panics, and
//! `hexlify` of the result is the input in lower case.
#![no_main]

use libfuzzer_sys::fuzz_target;
use netlib::binascii::{hexlify, unhexlify, unhexlify_bytes};

fuzz_target!(|data: &[u8]| {
    if let Ok(b) = unhexlify_bytes(data) {
        assert_eq!(
            hexlify(&b).as_bytes(),
            data.to_ascii_lowercase(),
            "{data:?}"
        );
    }
    let Some(s) = netlib_fuzz::text(data) else {
        return;
    };
    let Ok(b) = unhexlify(s) else {
        return;
    };
    assert_eq!(hexlify(&b), s.to_ascii_lowercase(), "{s:?}");
    assert_eq!(
        unhexlify_bytes(s.as_bytes()).as_ref(),
        Ok(&b),
        "bytes of {s:?}"
    );
});
