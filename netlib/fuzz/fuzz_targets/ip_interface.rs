//! `ipaddress.ip_interface(text)`: never panics; `str` (and `with_prefixlen`
//! or `with_netmask`, where they keep everything) parses back to the same
//! interface, and its network is `ip_network(text, strict=False)`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use netlib::ipaddress::{IpInterface, ip_interface, ip_network_loose};

fuzz_target!(|data: &[u8]| {
    let Some(s) = netlib_fuzz::text(data) else {
        return;
    };
    let Ok(i) = ip_interface(s) else {
        return;
    };
    assert_eq!(ip_interface(i.to_string()).as_ref(), Ok(&i), "str of {s:?}");
    // Python's `with_*` forms leave out an IPv6 scope id.
    match &i {
        IpInterface::V4(_) => {
            assert_eq!(
                ip_interface(i.with_netmask()).as_ref(),
                Ok(&i),
                "with_netmask of {s:?}"
            );
        }
        IpInterface::V6(v6) if v6.scope_id().is_some() => {}
        IpInterface::V6(_) => {
            assert_eq!(
                ip_interface(i.with_prefixlen()).as_ref(),
                Ok(&i),
                "with_prefixlen of {s:?}"
            );
        }
    }
    assert_eq!(ip_network_loose(s), Ok(i.network()), "network of {s:?}");
    let _ = (
        format!("{i:?}"),
        i.ip(),
        i.netmask(),
        i.hostmask(),
        i.with_hostmask(),
    );
    let _ = (
        i.exploded(),
        i.compressed(),
        i.reverse_pointer(),
        i.packed(),
    );
    let _ = (
        i.is_private(),
        i.is_global(),
        i.is_reserved(),
        i.is_multicast(),
    );
    let _ = (i.is_loopback(), i.is_link_local(), i.is_unspecified());
});
