"""Writes http_cookies.json: what CPython 3.13's http.cookies.SimpleCookie
makes of Cookie / Set-Cookie texts, and of values and attributes set by hand.

Run from the repository root:
    PYENV_VERSION=3.13 python3 netlib/tests/vectors/gen_http_cookies.py

"load": every str CPython's own Lib/test/test_http_cookies.py passes to
`load()` or `SimpleCookie(...)` (captured by running that test with `load`
wrapped), plus the hand-written texts below. For each: the exception, if
any, and the cookie afterwards (a failed load keeps what it set before
raising): repr, output(), output(header='Cookie:', sep='; '), js_output(),
and every morsel (key, value, coded_value, its attributes, repr).
"set": `C[key] = value` for keys and values that need quoting or are illegal.
"attrs": `C['k'][attr] = value` with str and bool values (int values of
expires, bools included, depend on the clock; netlib tests the date format
with fixed times).
"""

import http.cookies as hc
import sys
import unittest
from pathlib import Path

from vectorfile import dump, error_record

assert sys.version_info[:2] == (3, 13), "generate with CPython 3.13"

OUT = Path(__file__).resolve().parent / "http_cookies.json"

captured = []
original_load = hc.BaseCookie.load


def load(self, rawdata):
    # test_http_cookies also times loads of megabyte texts; those stay out.
    if isinstance(rawdata, str) and len(rawdata) <= 2000 and rawdata not in captured:
        captured.append(rawdata)
    return original_load(self, rawdata)


hc.BaseCookie.load = load
try:
    import test.test_http_cookies as t
    suite = unittest.TestLoader().loadTestsFromModule(t)
    result = unittest.TextTestRunner(stream=open("/dev/null", "w"), verbosity=0).run(suite)
    assert result.wasSuccessful(), result.errors + result.failures
finally:
    hc.BaseCookie.load = original_load

HAND = [
    "", " ", ";", "a=b", "a=b; c=d", "a=b c=d", "a = b ; c = d", "a=b;c=d;", "  a=b  ",
    "session=abc123; Path=/; HttpOnly", "id=42; Max-Age=3600; Secure; SameSite=Lax",
    "a=1; Domain=.example.com; Path=/docs; Version=1; Comment=hello world",
    'a="quoted value"; b="with \\"escape\\""', 'a="\\303\\251t\\351"', 'a="\\377\\400\\12x"',
    'a="unterminated', 'a="x\\', 'a="\\\n"', 'a= "b', "a=", "a=;b=c", "a=b=c", "a==b",
    "=b", "a", "a;b=c", "b=c;a", "Path=/; a=b", "$Path=/; a=b", "a=b; $Path=/; $Domain=x",
    "a=b; $Foo=x", "a=b; Foo", "a=b; secure", "a=b; SECURE; HTTPONLY", "a=b; secure=yes",
    "a=b; httponly=", "a=b; Path", "a=b; Expires=Wed, 09 Jun 2021 10:18:14 GMT",
    "a=b; expires=Wednesday, 09-Jun-2021 10:18:14 GMT", "a=b; expires=Wed, 09 Jun 2021 10:18:14 GMT; Path=/",
    "a=Wed, 09 Jun 2021 10:18:14 GMT", "a=b; expires=\"x\"", "a<b=c", "a(b)=c", "a{}=c", "a,b=c",
    "a/b=c", "a?b=c", "a@b=c", "a:b=c", "a!#$%&'*+-.^_`|~=c", "a=[1,2]", "a=(x)", "a=x\\y",
    "a=\u00e9", "\u00e9=a", "a=b\u00e9c", "a=b\tc=d", "a=b\nc=d", "a=b\r\nc=d", "a=b\x0bc=d",
    "a=b\x00c", "a=1; a=2", "a=1; Path=/x; a=2", "a=b; Max-Age=abc", "a=b; Comment=\"x y\"",
    "a=b; comment=plain; domain=d; path=p; samesite=Strict; version=1; max-age=5",
    "A=1; a=2", "keebler=\"E=mc2; L=\\\"Loves\\\"; fudge=\\012;\"", "chips=ahoy; vienna=finger",
    "a=b;;c=d", "a=b ;  ; c=d", "a=b\"c", "a=\"b\" c=d", "a=\"\"", "a=\"\"\"", "a='x'",
    "x" * 50 + "=" + "y" * 50, "a=b; " * 20,
]

inputs = captured + [h for h in HAND if h not in captured]

RESERVED = list(hc.Morsel._reserved)


def attr_value(v):
    return v  # str or True: JSON keeps both apart


def cookie_record(c):
    return {
        "repr": repr(c),
        "output": c.output(),
        "output_cookie": c.output(header="Cookie:", sep="; "),
        "output_attrs": c.output(attrs=["path", "httponly"]),
        "js_output": c.js_output(),
        "morsels": [
            {"key": m.key, "value": m.value, "coded_value": m.coded_value,
             "attrs": [[a, attr_value(m[a])] for a in RESERVED], "repr": repr(m),
             "OutputString": m.OutputString(), "str": str(m)}
            for m in c.values()
        ],
    }


def run_load(text):
    c = hc.SimpleCookie()
    try:
        c.load(text)
        record = {"ok": None}
    except Exception as exc:  # noqa: BLE001
        record = error_record(exc)
    record.update(cookie_record(c))
    return [text, record]


load_cases = [run_load(text) for text in inputs]

KEYS = ["a", "A_b-c.d", "a!#$%&'*+-.^_`|~:", "", "a b", "a=b", "a;b", "a,b", "\u00e9", "path",
        "Expires", "$a", "a\x00"]
VALUES = ["v", "", "two words", "a;b", 'quo"te', "back\\slash", "\u00e9t\u00e9", "\u4e2d",
          "\x00\x1f\x7f\x80\xff", "tab\tnl\n", "()/<=>?@[]{}", "!#$%&'*+-.^_`|~:", ",", "123"]
set_cases = []
for key in KEYS:
    for value in VALUES:
        c = hc.SimpleCookie()
        try:
            c[key] = value
            record = {"ok": None}
        except Exception as exc:  # noqa: BLE001
            record = error_record(exc)
        record.update(cookie_record(c))
        set_cases.append([key, value, record])

ATTRS = RESERVED + ["Path", "MAX-AGE", "HttpOnly", "foo", "", "$path"]
ATTR_VALUES = ["", "/", "x y", "a;b", 'q"', "\u00e9", "0", True, False]
attr_cases = []
for attr in ATTRS:
    for value in ATTR_VALUES:
        if attr.lower() == "expires" and isinstance(value, bool):
            continue  # True is the int 1: a date one second from now
        c = hc.SimpleCookie()
        c["k"] = "v"
        try:
            c["k"][attr] = value
            record = {"ok": None}
        except Exception as exc:  # noqa: BLE001
            record = error_record(exc)
        record.update(cookie_record(c))
        attr_cases.append([attr, value, record])

OUT.write_text(dump({"python": sys.version.split()[0], "reserved": RESERVED, "load": load_cases,
                     "set": set_cases, "attrs": attr_cases}))
print(f"{len(load_cases)} load, {len(set_cases)} set, {len(attr_cases)} attr cases -> {OUT}")
