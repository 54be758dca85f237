//! Properties of `urllib::parse` and `binascii` over arbitrary input: no
//! panics, and the round trips Python guarantees.

use netlib::binascii::{hexlify, hexlify_sep, unhexlify, unhexlify_bytes};
use netlib::urllib::parse::{
    parse_qs, parse_qsl_with, quote, quote_plus, quote_with, unquote, unquote_plus, urldefrag,
    urljoin, urlparse, urlsplit, urlsplit_with, urlunparse, urlunsplit,
};
use proptest::prelude::*;

/// Text biased towards URL syntax, with some control and non-ASCII
/// characters (including those the NFKC check and repr care about).
fn url_like() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("http:".to_string()),
        Just("//".to_string()),
        Just("/".to_string()),
        Just("[".to_string()),
        Just("]".to_string()),
        Just("::1".to_string()),
        Just("%".to_string()),
        Just("@".to_string()),
        Just(":".to_string()),
        Just(";".to_string()),
        Just("?".to_string()),
        Just("#".to_string()),
        Just(".".to_string()),
        Just("..".to_string()),
        Just("\t".to_string()),
        Just("\u{2100}".to_string()),
        Just("\u{ff1a}".to_string()),
        "[a-zA-Z0-9+.-]{1,6}",
        "\\PC{1,3}",
        any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..12).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn nothing_panics(a in url_like(), b in url_like(), allow in any::<bool>()) {
        if let Ok(r) = urlparse(&a) {
            let _ = (r.port(), r.hostname(), r.username(), r.password(), r.geturl(), format!("{r:?}"));
            let _ = r.to_url();
        }
        if let Ok(r) = urlsplit_with(&a, &b, allow) {
            let _ = (r.port(), r.hostname(), r.geturl(), format!("{r:?}"));
        }
        let _ = (urljoin(&a, &b), urldefrag(&a), unquote(&a), unquote_plus(&a));
        let _ = (quote_with(&a, &b), quote_plus(&a), parse_qs(&a));
        let _ = parse_qsl_with(&a, allow, allow, Some(3), &b);
        let _ = (unhexlify(&a), unhexlify_bytes(a.as_bytes()));
        let _ = urlunparse([a.as_str(), &b, &a, &b, &a, &b]);
    }

    /// Python's documented property: `urlunsplit(urlsplit(x))` may differ
    /// from `x` (redundant delimiters vanish), but splitting it again gives
    /// the same parts, so the round trip is stable after one pass. The
    /// stripped leading controls and removed tab/newlines are the other
    /// normalisation, which the first pass already applies.
    #[test]
    fn urlunsplit_of_urlsplit_is_stable(x in url_like()) {
        if let Ok(first) = urlsplit(&x) {
            let url = urlunsplit(&first);
            if let Ok(second) = urlsplit(&url) {
                prop_assert_eq!(urlunsplit(&second), url.clone());
            }
        }
    }

    #[test]
    fn urlunparse_of_urlparse_is_stable(x in url_like()) {
        if let Ok(first) = urlparse(&x) {
            let url = urlunparse(&first);
            if let Ok(second) = urlparse(&url) {
                prop_assert_eq!(urlunparse(&second), url.clone());
            }
        }
    }

    /// Holds for any `safe` without `%`: a `%` kept as is would be read back
    /// as the start of an escape (in Python too).
    #[test]
    fn unquote_inverts_quote(s in "\\PC*", safe in "[ -$&-~]{0,4}") {
        prop_assert_eq!(unquote(&quote_with(&s, &safe)), s.clone());
        prop_assert_eq!(unquote_plus(&quote_plus(&s)), s.clone());
        prop_assert!(quote(&s).is_ascii());
    }

    #[test]
    fn unhexlify_inverts_hexlify(b in prop::collection::vec(any::<u8>(), 0..64), sep in any::<char>(), per in any::<i32>()) {
        let hex = hexlify(&b);
        prop_assert_eq!(unhexlify(&hex).ok(), Some(b.clone()));
        prop_assert_eq!(unhexlify(&hex.to_uppercase()).ok(), Some(b.clone()));
        // A hex digit as separator could not be told apart from the digits.
        if let (false, Ok(grouped)) = (sep.is_ascii_hexdigit(), hexlify_sep(&b, sep, per)) {
            prop_assert_eq!(grouped.chars().filter(|&c| c != sep).collect::<String>(), hex);
        }
    }
}
