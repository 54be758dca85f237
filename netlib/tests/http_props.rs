//! Properties of `http::cookies` and `urllib::robotparser` over arbitrary
//! input: no panics, and the round trip `SimpleCookie` guarantees.

use netlib::http::cookies::SimpleCookie;
use netlib::urllib::robotparser::RobotFileParser;
use proptest::prelude::*;

/// Text biased towards cookie and robots.txt syntax.
fn header_like() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("=".to_string()),
        Just(";".to_string()),
        Just(" ".to_string()),
        Just("\"".to_string()),
        Just("\\".to_string()),
        Just("$".to_string()),
        Just(":".to_string()),
        Just("#".to_string()),
        Just("\n".to_string()),
        Just("Path".to_string()),
        Just("Secure".to_string()),
        Just("expires=Wed, 09 Jun 2021 10:18:14 GMT".to_string()),
        Just("User-agent: ".to_string()),
        Just("Disallow: ".to_string()),
        Just("Allow: /".to_string()),
        Just("Crawl-delay: ".to_string()),
        Just("Request-rate: ".to_string()),
        Just("²".to_string()),
        "[a-zA-Z0-9/%.-]{1,6}",
        "\\PC{1,3}",
        any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..16).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn cookie_load_never_panics(s in header_like()) {
        let mut c = SimpleCookie::new();
        let _ = c.load(&s);
        let _ = (c.output(), c.js_output(None), format!("{c:?}"));
    }

    #[test]
    fn a_set_value_loads_back_from_its_output(s in header_like()) {
        // Python: C['k'] = s; SimpleCookie(C.output(header='')).get('k').value == s
        let mut c = SimpleCookie::new();
        c.set("k", &s).expect("legal key");
        let header = c.output_with(None, "", "");
        let back = SimpleCookie::parse(header.trim_start()).expect("loads");
        prop_assert_eq!(back.get("k").map(|m| m.value()), Some(s.as_str()));
    }

    #[test]
    fn robots_parse_never_panics(s in header_like(), agent in header_like(), url in header_like()) {
        let mut rp = RobotFileParser::new();
        if rp.parse(s.split('\n')).is_ok() {
            let _ = rp.can_fetch(&agent, &url);
            let _ = (rp.crawl_delay(&agent), rp.request_rate(&agent), rp.site_maps(), rp.to_string());
        }
    }
}
