//! `socket.inet_aton(text)`: never panics; `inet_ntoa` of its bytes parses
//! back to them (with `inet_aton` and `ip_address`), and it agrees with
//! `IPv4Address(text)` and `inet_pton(AF_INET, text)` where those accept.
#![no_main]

use libfuzzer_sys::fuzz_target;
use netlib::ipaddress::{Ipv4Address, ip_address};
use netlib::socket::{self, inet_aton, inet_ntoa, inet_pton};

fuzz_target!(|data: &[u8]| {
    let _ = inet_ntoa(data);
    let Some(s) = netlib_fuzz::text(data) else {
        return;
    };
    let Ok(b) = inet_aton(s) else {
        return;
    };
    // Python: inet_aton(inet_ntoa(b)) == b == ip_address(inet_ntoa(b)).packed
    let t = inet_ntoa(&b).expect("four bytes");
    assert_eq!(inet_aton(&t), Ok(b), "inet_ntoa of {s:?}");
    assert_eq!(
        ip_address(t.as_str()).map(|a| a.packed()),
        Ok(b.to_vec()),
        "{s:?}"
    );
    // The strict parsers accept less (no short or octal forms); where they
    // accept, they agree.
    if let Ok(a) = s.parse::<Ipv4Address>() {
        assert_eq!(a.octets(), b, "IPv4Address of {s:?}");
    }
    if let Ok(p) = inet_pton(socket::AF_INET, s) {
        assert_eq!(p, b, "inet_pton of {s:?}");
    }
});
