//! `urllib.parse.parse_qs` / `parse_qsl` with each `keep_blank_values`,
//! `strict_parsing` and separator (`&`, `;`): never panic; `parse_qs` groups
//! exactly `parse_qsl`'s pairs; `urlencode` of the pairs parses back to
//! them; the strict parse, where it succeeds, agrees; `max_num_fields`
//! fails exactly below the field count.
#![no_main]

use libfuzzer_sys::fuzz_target;
use netlib::urllib::parse::{parse_qs_with, parse_qsl_with, urlencode};

fuzz_target!(|data: &[u8]| {
    let Some(s) = netlib_fuzz::text(data) else {
        return;
    };
    for sep in ["&", ";"] {
        for keep_blank in [false, true] {
            let pairs =
                parse_qsl_with(s, keep_blank, false, None, sep).expect("no limit, no strict");
            let grouped =
                parse_qs_with(s, keep_blank, false, None, sep).expect("no limit, no strict");
            // Names in order of first appearance, each with its values in order.
            let mut expected: Vec<(String, Vec<String>)> = Vec::new();
            for (k, v) in &pairs {
                match expected.iter_mut().find(|(name, _)| name == k) {
                    Some((_, values)) => values.push(v.clone()),
                    None => expected.push((k.clone(), vec![v.clone()])),
                }
            }
            assert_eq!(grouped, expected, "{s:?} sep {sep:?}");

            let encoded = urlencode(pairs.iter().map(|(k, v)| (k, v)));
            assert_eq!(
                parse_qsl_with(&encoded, true, false, None, "&").as_ref(),
                Ok(&pairs),
                "{s:?}"
            );

            if let Ok(strict) = parse_qsl_with(s, keep_blank, true, None, sep) {
                assert_eq!(strict, pairs, "strict {s:?}");
            }
            if !s.is_empty() {
                let fields = 1 + s.matches(sep).count();
                assert!(parse_qsl_with(s, keep_blank, false, Some(fields), sep).is_ok());
                assert!(parse_qsl_with(s, keep_blank, false, Some(fields - 1), sep).is_err());
            }
        }
    }
});
