//! `http.cookies.SimpleCookie.load`: never panics; what it loads writes
//! `output()`, `js_output()` and a repr without panicking, and every value
//! set with `C[key] = value` comes back from `load` of its `output`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use netlib::http::cookies::SimpleCookie;

fuzz_target!(|data: &[u8]| {
    let Some(s) = netlib_fuzz::text(data) else {
        return;
    };
    let mut c = SimpleCookie::new();
    let _ = c.load(s);
    let _ = (c.output(), c.js_output(None), format!("{c:?}"));

    // The input as a value: quoting round-trips through load.
    let mut set = SimpleCookie::new();
    set.set("k", s).expect("a legal key");
    let header = set.output_with(Some(&[]), "", "");
    let back = SimpleCookie::parse(header.trim_start()).expect("a quoted value loads");
    assert_eq!(back.get("k").map(|m| m.value()), Some(s), "{header:?}");
});
