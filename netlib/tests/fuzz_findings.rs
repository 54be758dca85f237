//! Inputs the fuzz targets (netlib/fuzz) stopped on, kept as tests. Each
//! expected value is what CPython 3.13 gives; netlib/fuzz/README.md lists
//! every finding.

use netlib::ipaddress::ip_interface;

/// `ip_interface` fuzz target, input `::1%\0x`: the `with_*` forms of a
/// scoped IPv6 interface leave the scope id out, as Python's do, so they do
/// not parse back to the same interface; `str` keeps it and does.
#[test]
fn scoped_ipv6_interface_with_forms_drop_the_scope_id() {
    // Python: i = ipaddress.ip_interface('::1%\x00x')
    let i = ip_interface("::1%\0x").unwrap();
    assert_eq!(i.to_string(), "::1%\0x/128");
    assert_eq!(format!("{i:?}"), "IPv6Interface('::1%\\x00x/128')");
    assert_eq!(i.with_prefixlen(), "::1/128");
    assert_eq!(
        i.with_netmask(),
        "::1/ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"
    );
    assert_eq!(i.with_hostmask(), "::1/::");
    // Python: ip_interface(str(i)) == i, ip_interface(i.with_prefixlen) != i
    assert_eq!(ip_interface(i.to_string()).unwrap(), i);
    assert_ne!(ip_interface(i.with_prefixlen()).unwrap(), i);

    // Python: ipaddress.ip_interface('fe80::1%eth0/64')
    let i = ip_interface("fe80::1%eth0/64").unwrap();
    assert_eq!(i.to_string(), "fe80::1%eth0/64");
    assert_eq!(i.with_prefixlen(), "fe80::1/64");
    assert_eq!(i.with_netmask(), "fe80::1/ffff:ffff:ffff:ffff::");
    assert_eq!(i.with_hostmask(), "fe80::1/::ffff:ffff:ffff:ffff");
    assert_eq!(ip_interface(i.to_string()).unwrap(), i);
}
