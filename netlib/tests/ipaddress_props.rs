//! Property tests for netlib's `ipaddress`: no input makes it panic, and
//! `Display` parses back to the same value.

use std::net::Ipv6Addr;

use netlib::ipaddress::{
    IpNetwork, Ipv4Address, Ipv4Interface, Ipv4Network, Ipv6Address, Ipv6Interface, Ipv6Network,
    ip_address, ip_interface, ip_network, ip_network_loose,
};
use proptest::prelude::*;

/// Text made of the characters addresses are written with, so the parser's
/// deeper branches get exercised, plus a few that must be rejected.
fn address_like() -> impl Strategy<Value = String> {
    proptest::string::string_regex("[0-9a-fA-F:./%x\\- ]{0,48}").expect("regex")
}

fn parse_everything(s: &str) {
    let _ = ip_address(s);
    let _ = ip_network(s);
    let _ = ip_network_loose(s);
    let _ = ip_interface(s);
    let _ = s.parse::<Ipv4Address>();
    let _ = s.parse::<Ipv6Address>();
    let _ = s.parse::<Ipv4Network>();
    let _ = s.parse::<Ipv6Network>();
    let _ = s.parse::<Ipv4Interface>();
    let _ = s.parse::<Ipv6Interface>();
    let _ = Ipv4Network::new(s, false);
    let _ = Ipv6Network::new(s, false);
    let _ = ip_network((s, s));
    let _ = ip_interface((s, 24u32));
    if let Ok(n) = ip_network_loose(s) {
        exercise_network(&n);
    }
}

fn exercise_network(n: &IpNetwork) {
    let _ = n.hosts().take(3).count();
    let _ = n.hosts().rev().take(3).count();
    let _ = n.iter().rev().take(2).count();
    let _ = n.hosts().size_hint();
    for diff in [0, 1, 2, 7, 200, u32::MAX] {
        if let Ok(subs) = n.subnets(diff) {
            let _ = subs.take(2).count();
        }
        let _ = n.subnets_new_prefix(diff).map(|s| s.rev().take(2).count());
        let _ = n.supernet(diff);
        let _ = n.supernet_new_prefix(diff);
    }
    let _ = (
        n.exploded(),
        n.reverse_pointer(),
        n.with_hostmask(),
        n.num_addresses().to_string(),
    );
    let _ = (
        n.is_private(),
        n.is_global(),
        n.is_reserved(),
        n.is_site_local(),
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn arbitrary_strings_never_panic(s in any::<String>()) {
        parse_everything(&s);
    }

    #[test]
    fn address_like_strings_never_panic(s in address_like()) {
        parse_everything(&s);
    }

    #[test]
    fn integers_never_panic(n in any::<u128>(), m in any::<i128>(), d in any::<i128>()) {
        for a in [ip_address(n), ip_address(m)].into_iter().flatten() {
            let _ = a.checked_add(d);
            let _ = a.checked_sub(d);
            let _ = (a.exploded(), a.reverse_pointer(), a.packed());
        }
        let _ = (ip_network(n), ip_network(m), ip_interface(n), ip_interface(m));
        let _ = (Ipv4Address::new(n), Ipv6Address::new(m));
        if let Ok(v4) = Ipv4Address::new(n) {
            let _ = (v4 + n, v4 - n);
        }
        let v6 = Ipv6Address::from(n);
        let _ = (&v6 + d.unsigned_abs(), &v6 - d.unsigned_abs());
    }

    #[test]
    fn bytes_never_panic(b in proptest::collection::vec(any::<u8>(), 0..24)) {
        let _ = ip_address(b.as_slice());
        let _ = ip_network(b.as_slice());
        let _ = ip_interface(b.as_slice());
        let _ = Ipv4Address::new(b.as_slice());
        let _ = Ipv6Address::new(b.as_slice());
    }

    #[test]
    fn networks_never_panic(bits in any::<u128>(), p in 0u32..=140, v4 in any::<bool>()) {
        let n = if v4 {
            ip_network_loose(((bits as u32), p))
        } else {
            ip_network_loose((bits, p))
        };
        if let Ok(n) = n {
            exercise_network(&n);
            let _ = n.address_exclude(&n);
            if let Some(Ok(first)) = n.subnets(3).ok().and_then(|mut s| s.next()).map(|s| n.address_exclude(&s)) {
                prop_assert!(first.len() <= 3);
            }
        }
    }

    #[test]
    fn ipv4_display_round_trips(n in any::<u32>()) {
        let a = Ipv4Address::from(n);
        prop_assert_eq!(a.to_string().parse::<Ipv4Address>(), Ok(a));
        prop_assert_eq!(a.to_string(), std::net::Ipv4Addr::from(n).to_string());
        prop_assert_eq!(ip_address(a.to_string()).map(u128::from), Ok(u128::from(n)));
    }

    #[test]
    fn ipv6_display_round_trips(n in any::<u128>(), scope in "[a-z0-9.:_ -]{1,12}") {
        let a = Ipv6Address::from(n);
        prop_assert_eq!(a.to_string().parse::<Ipv6Address>(), Ok(a.clone()));
        prop_assert_eq!(a.exploded().parse::<Ipv6Address>(), Ok(a.clone()));
        // std writes the same compressed text (RFC 5952), IPv4-mapped included.
        prop_assert_eq!(a.to_string(), Ipv6Addr::from(n).to_string());
        let scoped: Ipv6Address = format!("{a}%{scope}").parse().expect("scoped");
        prop_assert_eq!(scoped.scope_id(), Some(scope.as_str()));
        prop_assert_eq!(scoped.to_string().parse::<Ipv6Address>(), Ok(scoped.clone()));
    }

    #[test]
    fn network_display_round_trips(bits in any::<u128>(), p in 0u32..=128) {
        let n = ip_network_loose((bits, p)).expect("valid");
        prop_assert_eq!(n.to_string().parse::<IpNetwork>(), Ok(n.clone()));
        prop_assert_eq!(ip_network(n.with_netmask()).ok(), (n.version() == 4).then(|| n.clone()));
        prop_assert!(n.contains(&n.network_address()));
        prop_assert!(n.contains(&n.broadcast_address()));
        let count = n.num_addresses();
        let span = u128::from(n.broadcast_address()) - u128::from(n.network_address());
        prop_assert_eq!(count.to_u128(), span.checked_add(1));
        if let Ok(sup) = n.supernet(1) {
            prop_assert_eq!(sup.supernet_of(&n), Ok(true));
        }
    }
}
