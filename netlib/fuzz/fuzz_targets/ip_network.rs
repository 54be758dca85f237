//! `ipaddress.ip_network(text)` (strict): never panics, the checks of
//! `netlib_fuzz::check_network` hold, and `strict=False` gives the same
//! network (it has no host bits to clear).
#![no_main]

use libfuzzer_sys::fuzz_target;
use netlib::ipaddress::{ip_network, ip_network_loose};

fuzz_target!(|data: &[u8]| {
    let Some(s) = netlib_fuzz::text(data) else {
        return;
    };
    let Ok(n) = ip_network(s) else {
        return;
    };
    netlib_fuzz::check_network(s, &n);
    assert_eq!(ip_network_loose(s).as_ref(), Ok(&n), "loose of {s:?}");
});
