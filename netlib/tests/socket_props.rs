//! Property tests: the socket parsers never panic, whatever the text, and
//! packed/text conversions round-trip.

use netlib::socket;
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn inet_aton_never_panics(s in "\\PC*") {
        let _ = socket::inet_aton(&s);
    }

    #[test]
    fn inet_aton_never_panics_on_address_like_text(s in "[0-9xX.a-f \\t\\n\\x00]{0,40}") {
        if let Ok(packed) = socket::inet_aton(&s) {
            // What inet_aton accepts, inet_ntoa prints in canonical form,
            // which inet_aton reads back to the same bytes.
            let text = socket::inet_ntoa(&packed).unwrap();
            prop_assert_eq!(socket::inet_aton(&text).unwrap(), packed);
        }
    }

    #[test]
    fn inet_pton_never_panics(s in "\\PC*", af in prop_oneof![Just(2), Just(10), any::<i32>()]) {
        let _ = socket::inet_pton(af, &s);
    }

    #[test]
    fn inet_pton_ntop_round_trip(bytes in proptest::collection::vec(any::<u8>(), 16)) {
        let text = socket::inet_ntop(socket::AF_INET6, &bytes).unwrap();
        prop_assert_eq!(socket::inet_pton(socket::AF_INET6, &text).unwrap(), bytes.clone());
        let text = socket::inet_ntop(socket::AF_INET, &bytes[..4]).unwrap();
        prop_assert_eq!(socket::inet_pton(socket::AF_INET, &text).unwrap(), bytes[..4].to_vec());
    }

    #[test]
    fn inet_ntop_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..20), af in any::<i32>()) {
        let _ = socket::inet_ntop(af, &bytes);
        let _ = socket::inet_ntoa(&bytes);
    }

    #[test]
    fn services_never_panic(name in "\\PC*", proto in proptest::option::of("\\PC{0,8}"), port in any::<i64>()) {
        let _ = socket::getservbyname(&name, proto.as_deref());
        let _ = socket::getservbyport(port, proto.as_deref());
        let _ = socket::getprotobyname(&name);
    }

    #[test]
    fn getaddrinfo_never_panics(
        host in proptest::option::of("\\PC{0,40}"),
        port in prop_oneof![any::<i64>().prop_map(|p| p.to_string()), "\\PC{0,12}"],
        family in prop_oneof![Just(0), Just(2), Just(10), any::<i32>()],
        kind in prop_oneof![Just(0), Just(1), Just(2), any::<i32>()],
        proto in any::<i32>(),
        flags in any::<i32>(),
    ) {
        // AI_NUMERICHOST keeps arbitrary text away from DNS (it would wait
        // for the resolver's timeout offline) while every argument is parsed.
        let _ = socket::getaddrinfo_with(host.as_deref(), port.as_str(), family, kind, proto, flags | socket::AI_NUMERICHOST);
    }

    #[test]
    fn getnameinfo_never_panics(
        host in "\\PC{0,40}",
        port in any::<i64>(),
        flow in any::<u32>(),
        scope in any::<u32>(),
        flags in any::<i32>(),
    ) {
        // NI_NUMERICHOST | NI_NUMERICSERV: no reverse lookup leaves the machine.
        let numeric = flags | socket::NI_NUMERICHOST | socket::NI_NUMERICSERV;
        let _ = socket::getnameinfo((host.as_str(), port), numeric);
        let _ = socket::getnameinfo((host.as_str(), port, flow, scope), numeric);
    }

    #[test]
    fn host_arguments_never_panic(name in "\\PC{0,60}") {
        // The trailing empty label makes the idna step refuse every input
        // after converting the labels before it, so no lookup leaves the
        // machine while each label of arbitrary text goes through idna.
        let host = format!("{name}..");
        let err = socket::gethostbyname(&host).unwrap_err();
        prop_assert!(matches!(err.python_class(), "UnicodeEncodeError" | "TypeError"));
        let _ = socket::gethostbyaddr(&host);
        let _ = socket::getfqdn(&host);
    }

    #[test]
    fn htons_round_trips(x in any::<u16>(), y in any::<u32>()) {
        prop_assert_eq!(socket::ntohs(socket::htons(x)), x);
        prop_assert_eq!(socket::ntohl(socket::htonl(y)), y);
    }
}
