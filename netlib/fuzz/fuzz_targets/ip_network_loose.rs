//! `ipaddress.ip_network(text, strict=False)`: never panics, the checks of
//! `netlib_fuzz::check_network` hold (its result passes the strict check),
//! it agrees with the strict parse where that succeeds, and with
//! `ip_interface(text).network`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use netlib::ipaddress::{ip_interface, ip_network, ip_network_loose};

fuzz_target!(|data: &[u8]| {
    let Some(s) = netlib_fuzz::text(data) else {
        return;
    };
    let Ok(n) = ip_network_loose(s) else {
        return;
    };
    netlib_fuzz::check_network(s, &n);
    if let Ok(strict) = ip_network(s) {
        assert_eq!(strict, n, "strict of {s:?}");
    }
    // Python: ip_interface(x).network == ip_network(x, strict=False)
    assert_eq!(
        ip_interface(s).map(|i| i.network()),
        Ok(n),
        "interface of {s:?}"
    );
});
