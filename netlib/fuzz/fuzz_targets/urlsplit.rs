//! `urllib.parse.urlsplit` and `urlparse`: never panic; both accept the
//! same text and agree on the parts they share; `urlunsplit(urlsplit(x))`
//! (and `urlunparse(urlparse(x))`) is `geturl()` and splits again into the
//! same parts.
#![no_main]

use libfuzzer_sys::fuzz_target;
use netlib::urllib::parse::{
    urldefrag, urlparse, urlparse_with, urlsplit, urlsplit_with, urlunparse, urlunsplit,
};

fuzz_target!(|data: &[u8]| {
    let Some(s) = netlib_fuzz::text(data) else {
        return;
    };
    let _ = (
        urlsplit_with(s, "x", false),
        urlparse_with(s, "", false),
        urldefrag(s),
    );
    let (split, parsed) = (urlsplit(s), urlparse(s));
    assert_eq!(split.is_ok(), parsed.is_ok(), "{s:?}");
    let (Ok(p), Ok(r)) = (split, parsed) else {
        return;
    };

    let url = urlunsplit(&p);
    assert_eq!(p.geturl(), url, "geturl of {s:?}");
    assert_eq!(
        urlsplit(&url).as_ref(),
        Ok(&p),
        "urlsplit of urlunsplit of {s:?}"
    );
    let _ = (
        p.hostname(),
        p.port(),
        p.username(),
        p.password(),
        format!("{p:?}"),
        p.to_url(),
    );

    let url = urlunparse(&r);
    assert_eq!(r.geturl(), url, "geturl of {s:?}");
    assert_eq!(
        urlparse(&url).as_ref(),
        Ok(&r),
        "urlparse of urlunparse of {s:?}"
    );
    let _ = (
        r.hostname(),
        r.port(),
        r.username(),
        r.password(),
        format!("{r:?}"),
    );

    // urlparse is urlsplit with the last segment's ;params taken off the path.
    let shared = |x: &str, y: &str, z: &str, w: &str| {
        (x.to_owned(), y.to_owned(), z.to_owned(), w.to_owned())
    };
    assert_eq!(
        shared(&p.scheme, &p.netloc, &p.query, &p.fragment),
        shared(&r.scheme, &r.netloc, &r.query, &r.fragment),
        "{s:?}"
    );
    assert!(
        p.path == r.path || p.path == format!("{};{}", r.path, r.params),
        "path of {s:?}: {p:?} vs {r:?}"
    );
});
