//! `urllib.parse.quote` / `unquote` (and the `_plus` forms), input
//! `safe NUL text`: never panic; quoting gives ASCII, and unquoting gives
//! the text back when `safe` holds no `%` (nor `+`, for `quote_plus`).
#![no_main]

use libfuzzer_sys::fuzz_target;
use netlib::urllib::parse::{
    quote, quote_from_bytes_with, quote_plus_with, quote_with, unquote, unquote_plus,
    unquote_to_bytes,
};

fuzz_target!(|data: &[u8]| {
    let _ = quote_from_bytes_with(data, "/");
    let Some((safe, s)) = netlib_fuzz::two(data, "/") else {
        return;
    };
    let quoted = quote_with(s, safe);
    assert!(
        quoted.is_ascii() && quote(s).is_ascii(),
        "{s:?} with safe {safe:?}"
    );
    if !safe.contains('%') {
        assert_eq!(unquote(&quoted), s, "safe {safe:?}");
        if !safe.contains('+') {
            assert_eq!(unquote_plus(&quote_plus_with(s, safe)), s, "safe {safe:?}");
        }
    }
    // Python's unquote decodes the %-escapes as UTF-8 with 'replace'.
    let decoded = unquote(s);
    assert_eq!(
        decoded,
        String::from_utf8_lossy(&unquote_to_bytes(s)),
        "{s:?}"
    );
    if !s.contains('%') {
        assert_eq!(decoded, s);
    }
    assert_eq!(unquote_plus(s), unquote(&s.replace('+', " ")), "{s:?}");
});
