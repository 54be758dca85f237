//! `urllib.parse.urljoin(base, url)`, input `base NUL url`: never panics;
//! an empty side gives the other back, and a `url` with a scheme other than
//! the base's comes back as it is.
#![no_main]

use libfuzzer_sys::fuzz_target;
use netlib::urllib::parse::{urljoin, urljoin_with, urlsplit};

fuzz_target!(|data: &[u8]| {
    let Some((base, url)) = netlib_fuzz::two(data, "http://a/b/c/d;p?q") else {
        return;
    };
    // Python returns the other argument before parsing anything.
    assert_eq!(urljoin(base, ""), Ok(base.to_owned()), "{base:?}");
    assert_eq!(urljoin("", url), Ok(url.to_owned()), "{url:?}");
    let _ = urljoin_with(base, url, false);
    let Ok(joined) = urljoin(base, url) else {
        return;
    };
    if let (Ok(b), Ok(u)) = (urlsplit(base), urlsplit(url))
        && !u.scheme.is_empty()
        && u.scheme != b.scheme
    {
        assert_eq!(joined, url, "{base:?} + {url:?}");
    }
});
