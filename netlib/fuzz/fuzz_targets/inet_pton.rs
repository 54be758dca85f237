//! `socket.inet_pton(family, text)` for AF_INET and AF_INET6: never panics;
//! `inet_ntop` of its bytes parses back to them (with `inet_pton` and
//! `ip_address`), and it agrees with `ip_address(text)` where both accept.
#![no_main]

use libfuzzer_sys::fuzz_target;
use netlib::ipaddress::{IpAddress, ip_address};
use netlib::socket::{self, inet_aton, inet_ntop, inet_pton};

fuzz_target!(|data: &[u8]| {
    let _ = (
        inet_ntop(socket::AF_INET, data),
        inet_ntop(socket::AF_INET6, data),
    );
    let Some(s) = netlib_fuzz::text(data) else {
        return;
    };
    // Any other family is an error, never a panic.
    let _ = inet_pton(i32::from(data.first().copied().unwrap_or(0)), s);
    let parsed = ip_address(s);
    for family in [socket::AF_INET, socket::AF_INET6] {
        let Ok(b) = inet_pton(family, s) else {
            continue;
        };
        let t = inet_ntop(family, &b).expect("inet_pton's own length");
        assert_eq!(inet_pton(family, &t).as_ref(), Ok(&b), "inet_ntop of {s:?}");
        assert_eq!(
            ip_address(t.as_str()).map(|a| a.packed()),
            Ok(b.clone()),
            "{s:?}"
        );
        match (&parsed, family == socket::AF_INET) {
            (_, true) => assert_eq!(
                inet_aton(s).map(|a| a.to_vec()),
                Ok(b),
                "inet_aton of {s:?}"
            ),
            (Ok(a @ IpAddress::V6(v6)), false) if v6.scope_id().is_none() => {
                assert_eq!(a.packed(), b, "ip_address of {s:?}")
            }
            _ => {}
        }
    }
    // Python: inet_pton(AF_INET, x) == ip_address(x).packed for IPv4 text.
    if let Ok(a @ IpAddress::V4(_)) = &parsed {
        assert_eq!(inet_pton(socket::AF_INET, s), Ok(a.packed()), "{s:?}");
    }
});
