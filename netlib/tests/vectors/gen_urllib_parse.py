"""Writes urllib_parse.json: what CPython 3.13's urllib.parse returns (or
raises) for the inputs of CPython's own tests plus netlib's tricky cases.

Run from the repository root:
    PYENV_VERSION=3.13 python3 netlib/tests/vectors/gen_urllib_parse.py

Inputs come from three places:
  * "test_urlparse" / "test_urllib": every str argument CPython's own test
    suites (Lib/test/test_urlparse.py, and the quoting classes of
    test_urllib.py) pass to urllib.parse, captured by running those tests
    with the functions wrapped;
  * "netlib": the hand-written cases below (ports, IPv6, userinfo, params,
    schemes, control characters, Unicode netlocs, ...);
  * "combo": a fixed cross product of schemes, netlocs and tails.
"""

import functools
import itertools
import sys
import unicodedata
import unittest
import urllib.parse as up
from pathlib import Path

from vectorfile import dump, error_record

assert sys.version_info[:2] == (3, 13), "generate with CPython 3.13"

OUT = Path(__file__).resolve().parent / "urllib_parse.json"


def is_text(*xs):
    """Rust strings cannot hold lone surrogates: keep UTF-8-encodable str."""
    for x in xs:
        if not isinstance(x, str):
            return False
        try:
            x.encode("utf-8")
        except UnicodeEncodeError:
            return False
    return True


# --- 1. capture the inputs of CPython's own tests --------------------------

captured = {name: [] for name in (
    "urlsplit", "urlparse", "urljoin", "urldefrag", "urlunsplit", "urlunparse",
    "quote", "quote_plus", "unquote", "unquote_plus", "unquote_to_bytes",
    "parse_qsl", "parse_qs", "urlencode", "quote_from_bytes")}


def wrap(name, source):
    original = getattr(up, name)

    @functools.wraps(original)
    def wrapper(*args, **kwargs):
        captured[name].append((source, args, kwargs))
        return original(*args, **kwargs)

    if hasattr(original, "cache_clear"):
        wrapper.cache_clear = original.cache_clear
    # test_urllib inspects quote.__defaults__; the wrapper has no positional
    # parameters, so the tuple is only stored, never used.
    wrapper.__defaults__ = getattr(original, "__defaults__", None)
    return original, wrapper


def run_suite(module_name, class_names, source):
    originals = {}
    for name in captured:
        originals[name], wrapper = wrap(name, source)
        setattr(up, name, wrapper)
    try:
        module = __import__(f"test.{module_name}", fromlist=["*"])
        loader = unittest.TestLoader()
        suite = unittest.TestSuite()
        for cls in class_names or [None]:
            if cls is None:
                suite.addTests(loader.loadTestsFromModule(module))
            else:
                suite.addTests(loader.loadTestsFromTestCase(getattr(module, cls)))
        result = unittest.TextTestRunner(stream=open("/dev/null", "w"), verbosity=0).run(suite)
        assert result.wasSuccessful(), result.errors + result.failures
    finally:
        for name, original in originals.items():
            setattr(up, name, original)


run_suite("test_urlparse", ["UrlParseTestCase"], "test_urlparse")
run_suite("test_urllib", ["QuotingTests", "UnquotingTests", "urlencode_Tests"], "test_urllib")

split_raw = urlsplit = up.urlsplit.__wrapped__  # no lru_cache: every call is fresh


# --- 2. hand-written cases ---------------------------------------------------

PORTS = ["", "0", "80", "00080", "65535", "65536", "99999999999999999999", "-1", "+80",
         " 80", "80 ", "8 0", "abc", "0x50", "1e3", "8_0", "\u0663", "\uff11\uff12",
         "\t80", "80\n", "80:90", ":", "\u00b2"]
# int()'s limit of 4,300 digits (sys.get_int_max_str_digits()): more digits is
# its own ValueError, leading zeros count ("0" * 4299 + "80" is too many), and
# text that is not all digits fails the earlier check. One netloc each: every
# record repeats the port several times.
LONG_PORTS = ["1" * 4300, "1" * 4301, "0" * 4298 + "80", "0" * 4299 + "80", "0" * 4301,
              "9" * 5000, "1" * 4301 + "x"]

NETLOCS = [
    "www.cwi.nl:80", "WWW.Python.ORG", "example.com", "user@host", "user:pass@host:8080",
    "us:er:pa:ss@host", "a@b@c:1", "@host", ":@host", "user:@host", ":pass@host", "@",
    "[::1]", "[::1]:8080", "[::1]:", "[::1]x", "[::1]:abc", "u:p@[2001:db8::7]:443",
    "[FE80::822A:A8FF:FE49:470C%tESt]:1234", "[fe80::1%25eth0]", "[fe80::1%]",
    "[fe80::1%a%b]", "[::ffff:192.0.2.1]", "[::ffff:192.0.2.01]", "[1:2:3:4:5:6:7:8]",
    "[1:2:3:4:5:6:7::]", "[::1:2:3:4:5:6:7]", "[1:2:3:4:5:6:7:8:9]", "[1::2::3]",
    "[:1:2:3:4:5:6:7]", "[1:2:3:4:5:6:7:]", "[12345::]", "[g::1]", "[::]", "[]",
    "[127.0.0.1]", "[1.2.3]", "[v1.fe80::a+en1]", "[V1.x]", "[v1.]", "[vz.x]", "[v.x]",
    "[v7]", "[::1", "::1]", "host]", "[host", "a]b[c", "x[::1]y", "[::1][::2]",
    "h\u2100st", "ex\uff0fample", "h\uff1ast", "ex\u2047ample", "\u00e9xample.com",
    "xn--fiqs8s", "\u4f8b\u3048.jp", "\uff45xample.com", "\u00bd.example", "\u2460.com",
    "\u212b.example", "HOST.\u00c9X", "\u0130stanbul.tr", "\u03a3\u03a3.gr",
    "\u00df.de", "h\u200bst", "h\u0000st", "h%41st", "h st", "host\x7f",
    # Letters Unicode 15.1 does not assign (Python keeps them) next to sigmas.
    "\U00010d50X\u03a3\U00010d50\u03a3b", "A\u03a3\ua7cb", "\ua7cbA\u03a3\ua7dc\u03a3",
    "A\u03a3\u200b", "A\u200b\u03a3", "\u03a3\u0301A\u03a3\u0301", "\u1c89.example",
]

TRICKY = [
    "http://www.cwi.nl:80/%7Eguido/Python.html",
    "http://www.cwi.nl/%7Eguido/Python.html",
    "HTTP://WWW.CWI.NL:80/", "https://example.com:443/", "ftp://ftp.example.com:21/pub;type=i",
    "http://a/b/c/d;p?q#f", "http://a/b;x/c;y/d;z?q#f", "http://a/b;x/c;y/", "http://a/;",
    "http://a/b;", "http://a;p/b", "http://a/b/c;p1;p2?q", "//a/b;p", "/a;b/c;d", "a;b",
    ";p", "http://a?q;p", "mailto:a@b.c;p", "sip:alice@atlanta.com;transport=tcp",
    "tel:+1-816-555-1212;phone-context=x", "svn+ssh://host/repo;p", "imap://mail/INBOX;UIDVALIDITY=1",
    "", ":", "::", "//", "///", "////", "/", "?", "#", "?#", "#?", ";", "a", "a:", ":a", "a:b",
    "1a:b", "a1:b", "a+b-c.d:x", "a_b:x", "a b:x", "\u00e9:x", "A:B", "C:\\path\\file",
    "http:", "http:/", "http://", "http:///", "http:////x", "http:path", "http:/path",
    "http:?q", "http:#f", "http://?q", "http://#f", "http://host?q", "http://host#f",
    "http://host/?", "http://host/#", "http://host/?#", "http://host/p?q#f?g#h",
    "//host", "//host/p", "//host:80", "//user@host", "///p", "path", "path?q#f",
    "www.example.com/path", "example.com:80", "localhost:8000/x", "path:80", "x:80/y",
    "mailto:user@example.com", "news:comp.lang.python", "urn:isbn:0451450523",
    "data:text/plain;base64,SGVsbG8=", "javascript:alert(1)", "file:///etc/hosts",
    "file://localhost/etc/hosts", "file:/etc/hosts", "file:etc/hosts", "file://", "file:",
    "itms-services://?action=download-manifest&url=x", "git+ssh://git@github.com/a/b.git",
    "rsync://host/mod", "nfs://server/path", "ws://h/s", "wss://h:1/s", "custom://h/p;x",
    "  http://h/p", "\x00\x01http://h/p", "\x1f http://h/p", "http://h/p  ", "http://h/p\x00",
    "ht\ttp://h/p", "http:/\n/h/p", "http://h\r/p", "http://h/p\t?q\n#f\r", "\t\n\r",
    " \t ", "\u00a0http://h/", "\u3000http://h/", "h\x7fttp://x", "http://h/\x7f",
    "http://[::1]/", "http://[::1]:80/", "http://[::1", "http://::1]/", "http://[::1]x/",
    "http://[2001:db8::1]:8080/p?q#f", "https://[fe80::1%25en0]/", "http://[fe80::1%en0]:81",
    "http://[v1.fe80::a+en1]/", "http://[::1]]", "http://[[::1]", "http://h/[::1]",
    "http://h?[", "http://h#]", "//[::1]/", "[::1]", "x://[::1", "http://[]/",
    "http://user:pa:ss@h/", "http://us@er@h/", "http://u%40v:p%3Aw@h/", "http://@h/",
    "http://:@h/", "http://u:@h:/", "http://h:/", "http://h:0/", "http://h:65535/",
    "http://h:65536/", "http://h:-1/", "http://h: 80/", "http://h:80 /", "http://h:8\t0/",
    "http://h:\u0663/", "http://h:\uff18\uff10/", "http://h:8:0/", "http://h::80/",
    "http://h\u2100/", "http://u\u2100@h/", "http://h/\u2100", "http://h\uff03x/",
    "http://h\uff20x/", "http://h\ufe6bx/", "http://h\uff1fx/", "http://\u00e9@h/",
    "http://\u4f8b\u3048.jp/", "https://\u00dcber.example/\u00e4?\u00f6#\u00fc",
    "http://h/\u200b", "http://h/\U0001f600", "http://h/\ue000\u0378\U000e0001",
    "http://ex'ample/", "http://ex\"ample/", "http://'\"/", "http://h/\\", "http://h/a\\'b",
    "http://\u0130STANBUL/", "http://\u03a3\u03a3\u03a3/", "http://\u212a/",
    "HtTpS://ExAmPlE.CoM/PaTh", "svn+SSH://h/p", "Git+Ssh://h/p",
    "http://a/b/c/../d", "http://a/./b", "http://a//b", "http://a/b%2Fc",
]

SCHEMES = ["http", "HTTPS", "ftp", "file", "mailto", "tel", "sip", "svn+ssh", "a1.-+",
           "1http", "x y", ""]
COMBO_NETLOCS = ["", "h", "u:p@H:8", "[::1]:9", "h:x", "[::1"]
TAILS = ["", "/", "/p;a/q;b", "p;x?y#z", "?q", "#f", "//x", "/a?b#c#d"]


def combos():
    for scheme, netloc, tail in itertools.product(SCHEMES, COMBO_NETLOCS, TAILS):
        prefix = f"{scheme}:" if scheme else ""
        yield prefix + (f"//{netloc}" if netloc or tail.startswith("/") else "") + tail


# --- 3. evaluation ------------------------------------------------------------

def attempt(fn):
    try:
        return {"ok": fn()}
    except (ValueError, UnicodeError) as exc:
        return error_record(exc)


def describe(result):
    d = dict(result._asdict())
    d["repr"] = repr(result)
    d["geturl"] = result.geturl()
    d["username"] = attempt(lambda: result.username)
    d["password"] = attempt(lambda: result.password)
    d["hostname"] = attempt(lambda: result.hostname)
    d["port"] = attempt(lambda: result.port)
    return d


def split_case(url, scheme="", allow_fragments=True, source="netlib"):
    case = {"source": source, "url": url, "scheme": scheme, "allow_fragments": allow_fragments}
    for name, fn in (("urlsplit", split_raw), ("urlparse", up.urlparse)):
        try:
            case[name] = {"ok": describe(fn(url, scheme, allow_fragments))}
        except ValueError as exc:
            case[name] = error_record(exc)
    return case


def args_of(call, names, defaults):
    source, args, kwargs = call
    values = dict(zip(names, args))
    values.update(kwargs)
    for name, default in defaults.items():
        values.setdefault(name, default)
    return source, values


seen = set()
split_cases = []


def add_split(url, scheme="", allow_fragments=True, source="netlib"):
    key = (url, scheme, bool(allow_fragments))
    if key in seen or not is_text(url, scheme):
        return
    seen.add(key)
    split_cases.append(split_case(url, scheme, bool(allow_fragments), source))


for name in ("urlsplit", "urlparse"):
    for call in captured[name]:
        source, v = args_of(call, ["url", "scheme", "allow_fragments"],
                            {"scheme": "", "allow_fragments": True})
        add_split(v["url"], v["scheme"], v["allow_fragments"], source)
for url in TRICKY:
    add_split(url)
    add_split(url, allow_fragments=False)
    add_split(url, scheme="https")
for netloc in NETLOCS:
    add_split(f"http://{netloc}/p")
    add_split(f"//{netloc}")
for port in PORTS:
    add_split(f"http://host:{port}/")
    add_split(f"http://[::1]:{port}/")
for port in LONG_PORTS:
    add_split(f"http://host:{port}/")
for url in combos():
    add_split(url, source="combo")
    add_split(url, scheme="ftp", allow_fragments=False, source="combo")

# urljoin: CPython's calls, RFC 3986 section 5.4, and hand cases.
RFC3986_BASE = "http://a/b/c/d;p?q"
RFC3986_REFS = [
    "g:h", "g", "./g", "g/", "/g", "//g", "?y", "g?y", "#s", "g#s", "g?y#s", ";x", "g;x",
    "g;x?y#s", "", ".", "./", "..", "../", "../g", "../..", "../../", "../../g",
    "../../../g", "../../../../g", "/./g", "/../g", "g.", ".g", "g..", "..g", "./../g",
    "./g/.", "g/./h", "g/../h", "g;x=1/./y", "g;x=1/../y", "g?y/./x", "g?y/../x",
    "g#s/./x", "g#s/../x", "http:g",
]
join_seen = set()
join_cases = []


def add_join(base, url, allow_fragments=True, source="netlib"):
    key = (base, url, bool(allow_fragments))
    if key in join_seen or not is_text(base, url):
        return
    join_seen.add(key)
    case = {"source": source, "base": base, "url": url, "allow_fragments": bool(allow_fragments)}
    case["result"] = attempt(lambda: up.urljoin(base, url, allow_fragments))
    join_cases.append(case)


for call in captured["urljoin"]:
    source, v = args_of(call, ["base", "url", "allow_fragments"], {"allow_fragments": True})
    add_join(v["base"], v["url"], v["allow_fragments"], source)
for ref in RFC3986_REFS:
    add_join(RFC3986_BASE, ref, source="rfc3986")
for base in ["http://a/b/c/d;p?q#f", "http://a/b/", "http://a", "http://a/", "https://h:8/x?y",
             "ftp://f/a/b", "mailto:x@y", "file:///tmp/a", "//h/a/b", "/a/b/c", "a/b", "",
             "svn+ssh://h/a/b", "http://[::1]/a/", "http://u:p@h/a;p/b;q?r#s",
             "http://a/b/c/d;p?q#f\x00", "tel:+1"]:
    for ref in ["", "g", "../g", "../../../../g", "//x/y", "?q", "#f", ";p", "http:g",
                "https:g", "HTTP://B/c", "g?a#b", "./", "..", "/./g/..", "x:y", "mailto:z",
                "//[::1", "http://[::1", "g\u2100", "//h\u2100/", "\t../g\n", "a//b/../c",
                "./.", "g/.."]:
        add_join(base, ref)
        add_join(base, ref, allow_fragments=False)

defrag_cases = []
for url in sorted({v["url"] for c in captured["urldefrag"]
                   for v in [args_of(c, ["url"], {})[1]] if is_text(v["url"])}
                  | set(TRICKY) | {"http://a/b?#", "http://a/b#", "x#y#z", "#", "http://[::1#f"}):
    defrag_cases.append({"url": url, "result": attempt(
        lambda: (lambda d: {"url": d.url, "fragment": d.fragment, "repr": repr(d),
                            "geturl": d.geturl()})(up.urldefrag(url)))})

unsplit_cases = []
unsplit_seen = set()
for name, width in (("urlunsplit", 5), ("urlunparse", 6)):
    parts_list = [tuple(args_of(c, ["components"], {})[1]["components"]) for c in captured[name]]
    for case in split_cases:
        r = case["urlsplit" if width == 5 else "urlparse"]
        if "ok" in r:
            keys = ["scheme", "netloc", "path", "query", "fragment"] if width == 5 else \
                ["scheme", "netloc", "path", "params", "query", "fragment"]
            parts_list.append(tuple(r["ok"][k] for k in keys))
    for scheme in ["", "http", "mailto", "file", "svn+ssh", "custom"]:
        for netloc in ["", "h"]:
            for path in ["", "p", "/p", "//p", "///p"]:
                parts_list.append((scheme, netloc, path) + ("",) * (width - 3))
                if width == 6:
                    parts_list.append((scheme, netloc, path, "x", "q", "f"))
    for parts in parts_list:
        if len(parts) != width or not is_text(*parts) or (name, parts) in unsplit_seen:
            continue
        unsplit_seen.add((name, parts))
        unsplit_cases.append({"function": name, "parts": list(parts),
                              "result": getattr(up, name)(parts)})

# quote / unquote
quote_seen = set()
quote_cases = []


def add_quote(s, safe="/", source="netlib"):
    if not is_text(s, safe) or (s, safe) in quote_seen:
        return
    quote_seen.add((s, safe))
    quote_cases.append({"source": source, "s": s, "safe": safe,
                        "quote": up.quote(s, safe), "quote_plus": up.quote_plus(s, safe)})


for name in ("quote", "quote_plus"):
    for call in captured[name]:
        source, v = args_of(call, ["string", "safe", "encoding", "errors"],
                            {"safe": "/" if name == "quote" else "", "encoding": None,
                             "errors": None})
        if v["encoding"] in (None, "utf-8") and v["errors"] is None:
            add_quote(v["string"], v["safe"], source)
ALL_ASCII = "".join(map(chr, range(128)))
for s in [ALL_ASCII, "", " ", "+", "a b+c", "/El Ni\u00f1o/", "\u00e9", "\u20ac\U0001f600",
          "\ud7ff\ue000\uffff", "a/b?c=d&e#f", "~user", "100%", "%41", "\x00\x7f\x80\xff",
          "\u0378", "http://h/p q?r=s t"]:
    for safe in ["/", "", " ", "+", "/?=&", "\u00e9", "%", ALL_ASCII, "~/"]:
        add_quote(s, safe)

unquote_seen = set()
unquote_cases = []


def add_unquote(s, source="netlib"):
    if not is_text(s) or s in unquote_seen:
        return
    unquote_seen.add(s)
    unquote_cases.append({"source": source, "s": s, "unquote": up.unquote(s),
                          "unquote_plus": up.unquote_plus(s),
                          "unquote_to_bytes": up.unquote_to_bytes(s).hex()})


for name in ("unquote", "unquote_plus", "unquote_to_bytes"):
    for call in captured[name]:
        source, v = args_of(call, ["string", "encoding", "errors"],
                            {"encoding": "utf-8", "errors": "replace"})
        if v["encoding"] in ("utf-8", "utf8", None) and v["errors"] in ("replace", None):
            add_unquote(v["string"], source)
for s in ["", "%", "%%", "%4", "%41", "%4g", "%g4", "%%41", "%4%41", "abc%20def", "%7e/abc+def",
          "%C3%A9", "%c3%a9", "%C3", "%C3%", "%C3%28", "%E2%82", "%E2%82%AC", "%F0%9F%98%80",
          "%F0%9F%98", "%ED%A0%80", "%C0%80", "%FF%FE", "%80", "%C3\u00e9%A9", "\u00e9%41\u00e9",
          "%e2%82\u20ac%ac", "a+b%2Bc", "++", "%2", "100%", "%GG", "\U0001f600%20", "%00%7F",
          "%f4%90%80%80", "%F4%8F%BF%BF", "%EF%BF%BD", "%E0%80%AF", "%F8%88%80%80%80"]:
    add_unquote(s)

# query strings
qsl_cases = []
qsl_seen = set()


def add_qsl(qs, keep=False, strict=False, max_num=None, sep="&", source="netlib"):
    key = (qs, keep, strict, max_num, sep)
    if not is_text(qs) or not isinstance(sep, str) or key in qsl_seen:
        return
    qsl_seen.add(key)
    case = {"source": source, "qs": qs, "keep_blank_values": keep, "strict_parsing": strict,
            "max_num_fields": max_num, "separator": sep}
    case["parse_qsl"] = attempt(lambda: [list(p) for p in up.parse_qsl(qs, keep, strict,
                                                                         max_num_fields=max_num,
                                                                         separator=sep)])
    case["parse_qs"] = attempt(lambda: [[k, v] for k, v in up.parse_qs(qs, keep, strict,
                                                                        max_num_fields=max_num,
                                                                        separator=sep).items()])
    qsl_cases.append(case)


for name in ("parse_qsl", "parse_qs"):
    for call in captured[name]:
        source, v = args_of(call, ["qs", "keep_blank_values", "strict_parsing", "encoding",
                                   "errors", "max_num_fields", "separator"],
                            {"keep_blank_values": False, "strict_parsing": False,
                             "encoding": "utf-8", "errors": "replace",
                             "max_num_fields": None, "separator": "&"})
        if v["encoding"] == "utf-8" and v["errors"] == "replace":
            add_qsl(v["qs"], bool(v["keep_blank_values"]), bool(v["strict_parsing"]),
                    v["max_num_fields"], v["separator"], source)
for qs in ["", "&", "a=1&b=&c", "a=1;b=2", "=", "==", "a==b", "&&a=1&&", "x=%C3%A9+%2B",
           "%81=%A9", "a=1&a=2&b=3&a=4", "a", "a=1&b", "a=1&&b=2"]:
    for keep, strict in itertools.product([False, True], repeat=2):
        for max_num in [None, 0, 1, 2]:
            for sep in ["&", ";", "", "&&", "=", "a"]:
                add_qsl(qs, keep, strict, max_num, sep)

urlencode_cases = []
for call in captured["urlencode"]:
    source, v = args_of(call, ["query", "doseq", "safe", "encoding", "errors", "quote_via"],
                        {"doseq": False, "safe": "", "encoding": None, "errors": None,
                         "quote_via": up.quote_plus})
    q = v["query"]
    pairs = list(q.items()) if hasattr(q, "items") else list(q)
    if (v["doseq"] or v["safe"] or v["encoding"] or v["quote_via"] is not up.quote_plus
            or not all(len(p) == 2 and is_text(*p) for p in pairs)):
        continue
    urlencode_cases.append({"source": source, "pairs": [list(p) for p in pairs],
                            "result": up.urlencode(pairs)})
for pairs in [[], [("a", "b")], [("q", "rust lang"), ("x", "a&b=c/d+e")], [("", "")],
              [("\u00e9", "\u20ac \U0001f600")], [("k", ALL_ASCII)]]:
    urlencode_cases.append({"source": "netlib", "pairs": [list(p) for p in pairs],
                            "result": up.urlencode(pairs)})

# The NFKC netloc check, over every code point: which ones make
# urlsplit('http://a<c>b/') fail with the NFKC message.
nfkc_rejects = []
for cp in range(0x80, 0x110000):
    c = chr(cp)
    if 0xD800 <= cp <= 0xDFFF:
        continue
    try:
        split_raw(f"http://a{c}b/")
    except ValueError as exc:
        if "NFKC" in str(exc):
            nfkc_rejects.append(cp)

# str.lower() as hostname applies it: every code point whose lower-case
# form differs from itself, with that form.
lower_map = []
for cp in range(0x110000):
    if 0xD800 <= cp <= 0xDFFF:
        continue
    c = chr(cp)
    if c.lower() != c:
        lower_map.append([cp, c.lower()])

data = {
    "python": sys.version.split()[0],
    "unicode": unicodedata.unidata_version,
    "split": split_cases,
    "join": join_cases,
    "defrag": defrag_cases,
    "unsplit": unsplit_cases,
    "quote": quote_cases,
    "unquote": unquote_cases,
    "qsl": qsl_cases,
    "urlencode": urlencode_cases,
    "nfkc_rejects": nfkc_rejects,
    "lower_map": lower_map,
}


OUT.write_text(dump(data), encoding="utf-8")
counts = {k: len(v) for k, v in data.items() if isinstance(v, list)}
by_source = {}
for c in split_cases:
    by_source[c["source"]] = by_source.get(c["source"], 0) + 1
print(f"wrote {OUT.name}: {counts}; split inputs by source: {by_source}")
