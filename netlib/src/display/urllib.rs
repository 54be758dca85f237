//! The picture of a parsed URL: the URL written out again with each part
//! underlined and labelled (scheme, netloc with its user info, host and port,
//! path, params, query, fragment), as the lesson's URL-structure figure draws
//! it, then the attributes Python gives.

use std::fmt::Write;

use super::RichDisplay;
use super::html::{self, Figure, MONO, MUTED, PART_COLOURS};
use crate::repr::str_repr;
use crate::urllib::parse::{ParseResult, SplitResult};

super::evcxr_display!(ParseResult, SplitResult);

/// One labelled part: the text underlined in its colour, the label below.
fn part(out: &mut String, text: &str, label: &str, colour: &str) {
    let _ = write!(
        out,
        "<span style=\"display:inline-flex;flex-direction:column;align-items:center\">\
         <span style=\"font-family:{MONO};white-space:pre;border-bottom:3px solid {colour};\
         padding:0 1px\">{}</span><span style=\"font-size:85%;color:{MUTED};padding:0 2px\">{}</span></span>",
        html::esc(text),
        html::esc(label)
    );
}

/// A delimiter between parts (`://`, `@`, `?`, …), in the secondary colour.
fn delimiter(out: &mut String, text: &str) {
    let _ = write!(
        out,
        "<span style=\"font-family:{MONO};white-space:pre;color:{MUTED};padding:0 1px\">{}</span>",
        html::esc(text)
    );
}

/// The netloc's user info, host and port, as `urlparse` splits them for
/// `username`, `hostname` and `port` (the last `@`; a bracketed IPv6 host).
fn netloc_parts(netloc: &str) -> (Option<&str>, &str, Option<&str>) {
    let (userinfo, hostport) = match netloc.rsplit_once('@') {
        Some((user, rest)) => (Some(user), rest),
        None => (None, netloc),
    };
    let (host, port) = if hostport.starts_with('[') {
        match hostport.find(']') {
            Some(end) => match hostport[end + 1..].strip_prefix(':') {
                Some(port) => (&hostport[..=end], Some(port)),
                None => (hostport, None),
            },
            None => (hostport, None),
        }
    } else {
        match hostport.rsplit_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (hostport, None),
        }
    };
    (userinfo, host, port)
}

fn netloc_group(out: &mut String, netloc: &str, colour: &str) {
    let border = "var(--jp-border-color1, #bdbdbd)";
    let _ = write!(
        out,
        "<span style=\"display:inline-flex;flex-direction:column\"><span style=\"display:inline-flex\">"
    );
    let (userinfo, host, port) = netloc_parts(netloc);
    if let Some(user) = userinfo {
        part(out, user, "userinfo", PART_COLOURS[5]);
        delimiter(out, "@");
    }
    if !host.is_empty() {
        part(out, host, "hostname", colour);
    }
    if let Some(port) = port {
        delimiter(out, ":");
        part(out, port, "port", PART_COLOURS[4]);
    }
    let _ = write!(
        out,
        "</span><span style=\"border-top:1px solid {border};text-align:center;font-size:85%;\
         color:{MUTED};margin-top:2px\">netloc</span></span>"
    );
}

/// The parts of either result type, `params` only for `ParseResult`.
struct Parts<'a> {
    scheme: &'a str,
    netloc: &'a str,
    path: &'a str,
    params: Option<&'a str>,
    query: &'a str,
    fragment: &'a str,
}

fn url_bar(p: &Parts<'_>) -> String {
    let mut out = String::from(
        "<div class=\"netlib-url-parts\" style=\"display:flex;flex-wrap:wrap;align-items:flex-start;\
         margin:4px 0 2px\">",
    );
    if !p.scheme.is_empty() {
        part(&mut out, p.scheme, "scheme", PART_COLOURS[0]);
        delimiter(&mut out, ":");
    }
    if !p.netloc.is_empty() {
        delimiter(&mut out, "//");
        netloc_group(&mut out, p.netloc, PART_COLOURS[1]);
    }
    if !p.path.is_empty() {
        part(&mut out, p.path, "path", PART_COLOURS[2]);
    }
    if let Some(params) = p.params.filter(|s| !s.is_empty()) {
        delimiter(&mut out, ";");
        part(&mut out, params, "params", PART_COLOURS[5]);
    }
    if !p.query.is_empty() {
        delimiter(&mut out, "?");
        part(&mut out, p.query, "query", PART_COLOURS[3]);
    }
    if !p.fragment.is_empty() {
        delimiter(&mut out, "#");
        part(&mut out, p.fragment, "fragment", PART_COLOURS[4]);
    }
    out.push_str("</div>");
    out
}

fn py_option(value: Option<String>) -> String {
    value.map_or_else(|| "None".to_owned(), |s| str_repr(&s))
}

#[allow(clippy::too_many_arguments)]
fn url_picture(
    title: &str,
    parts: &Parts<'_>,
    username: Option<String>,
    password: Option<String>,
    hostname: Option<String>,
    port: String,
    geturl: String,
) -> String {
    let mut rows = vec![
        ("scheme".to_owned(), str_repr(parts.scheme)),
        ("netloc".to_owned(), str_repr(parts.netloc)),
        ("path".to_owned(), str_repr(parts.path)),
    ];
    if let Some(params) = parts.params {
        rows.push(("params".to_owned(), str_repr(params)));
    }
    rows.extend([
        ("query".to_owned(), str_repr(parts.query)),
        ("fragment".to_owned(), str_repr(parts.fragment)),
        ("username".to_owned(), py_option(username)),
        ("password".to_owned(), py_option(password)),
        ("hostname".to_owned(), py_option(hostname)),
        ("port".to_owned(), port),
        ("geturl()".to_owned(), str_repr(&geturl)),
    ]);
    let layout = if parts.params.is_some() {
        "URL의 구성 요소: scheme://netloc/path;params?query#fragment"
    } else {
        "URL의 구성 요소: scheme://netloc/path?query#fragment"
    };
    Figure::new("url", title)
        .caption(layout)
        .push(&url_bar(parts))
        .push(&html::key_values(&rows))
        .finish()
}

/// Python's `port` attribute as the table shows it: the number, `None`, or
/// the `ValueError` reading it raises.
fn port_text(port: Result<Option<u16>, crate::urllib::parse::Error>) -> String {
    match port {
        Ok(Some(n)) => n.to_string(),
        Ok(None) => "None".to_owned(),
        Err(e) => format!("ValueError: {e}"),
    }
}

/// `RichDisplay` for a result type; `$params` reads its `params` field
/// (`SplitResult` has none). The attributes are the same methods on both.
macro_rules! url_display {
    ($ty:ty, |$r:ident| $params:expr) => {
        impl RichDisplay for $ty {
            fn to_html(&self) -> String {
                let $r = self;
                let parts = Parts {
                    scheme: &self.scheme,
                    netloc: &self.netloc,
                    path: &self.path,
                    params: $params,
                    query: &self.query,
                    fragment: &self.fragment,
                };
                url_picture(
                    &format!("{self:?}"),
                    &parts,
                    self.username(),
                    self.password(),
                    self.hostname(),
                    port_text(self.port()),
                    self.geturl(),
                )
            }
        }
    };
}
url_display!(ParseResult, |r| Some(&r.params));
url_display!(SplitResult, |_r| None);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn netloc_splits_like_the_attributes() {
        assert_eq!(
            netloc_parts("me:pw@host:80"),
            (Some("me:pw"), "host", Some("80"))
        );
        assert_eq!(netloc_parts("a@b@host"), (Some("a@b"), "host", None));
        assert_eq!(netloc_parts("[::1]:8080"), (None, "[::1]", Some("8080")));
        assert_eq!(netloc_parts("[::1"), (None, "[::1", None));
        assert_eq!(netloc_parts(""), (None, "", None));
    }
}
