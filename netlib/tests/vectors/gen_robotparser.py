"""Writes robotparser.json: what CPython 3.13's urllib.robotparser answers
for robots.txt files and questions about them.

Run from the repository root:
    PYENV_VERSION=3.13 python3 netlib/tests/vectors/gen_robotparser.py

Each case is a robots.txt text (its lines as `str.splitlines()` gives them,
which is what `RobotFileParser.read()` feeds to `parse()`), then for a list of
agents and URLs: `can_fetch` (a letter per URL), `crawl_delay`, `request_rate`, plus `site_maps()`
and `str(parser)`. Texts come from CPython's own Lib/test/test_robotparser.py
(every class with a `robots_txt`) and from the hand-written cases below
(comments, blank lines, states, quoting, odd numbers, Unicode).
Numbers above 2**64 - 1 are left out (netlib keeps them in a u64; see
robotparser_expected_differences.json).
"""

import inspect
import sys
import urllib.robotparser as rp
from pathlib import Path

from vectorfile import dump, error_record

assert sys.version_info[:2] == (3, 13), "generate with CPython 3.13"

OUT = Path(__file__).resolve().parent / "robotparser.json"

texts = []
import test.test_robotparser as t  # noqa: E402

for name, cls in inspect.getmembers(t, inspect.isclass):
    text = getattr(cls, "robots_txt", None)
    if isinstance(text, str) and text and "{}" not in text and text not in texts:
        texts.append(text)

texts += [
    "",
    "User-agent: *\nDisallow: /private/\nAllow: /private/public.html\nCrawl-delay: 2\n",
    "User-agent: *\nAllow: /private/public.html\nDisallow: /private/\n",
    "user-agent: figtree\nuser-agent: other\ndisallow: /tmp\n\nuser-agent: *\ndisallow: /\n",
    "Disallow: /before-any-agent\nUser-agent: *\nDisallow: /x\n",
    "User-agent: a\n\nDisallow: /lost\nUser-agent: *\nDisallow: /y\n",
    "User-agent: *\nDisallow:\n",
    "User-agent: *\nDisallow: \nAllow: /\n",
    "User-agent: *\nDisallow: *\n",
    "User-agent: *\nDisallow: /a b/\nDisallow: /%7Ejoe/\nDisallow: /~bob/\nDisallow: /caf\u00e9\n",
    "User-agent: *\nDisallow: /q?x=1\nDisallow: /p;params\nDisallow: /frag#not-a-comment\n",
    "User-agent: *\nDisallow: http://example.com/abs/path\nDisallow: //host/net\n",
    "User-agent: *\nCrawl-delay: 007\nRequest-rate: 3/20\n",
    "User-agent: *\nCrawl-delay: 1.5\nRequest-rate: 3 / 20\n",
    "User-agent: *\nCrawl-delay: -1\nRequest-rate: 3/20/1\n",
    "User-agent: *\nCrawl-delay: \u0661\u0662\nRequest-rate: \u0663/\u0664\u0665\n",
    "User-agent: *\nCrawl-delay: \u00b2\n",
    "User-agent: *\nRequest-rate: 1/\u00b2\n",
    "User-agent: *\nRequest-rate: \u00b2/1\n",
    "User-agent: *\nCrawl-delay: %31%30\n",
    "User-agent: *\nCrawl-delay: 18446744073709551615\n",
    "User-agent: *\nCrawl-delay: 5\nCrawl-delay: 6\n",
    "User-agent: *\nRequest-rate: 1/2\nRequest-rate: x/y\n",
    "User-agent: *\nCrawl-delay: " + "1" * 4301 + "\n",
    "Sitemap: http://example.com/a.xml\nUser-agent: *\nSitemap: http://example.com/b.xml\nDisallow: /\n",
    "SITEMAP:http://example.com/%7Ea.xml\n",
    "   User-Agent   :   Mozilla   \n  DISALLOW : /m  # comment\n",
    "User-agent: *  # everyone\n# a comment line\nDisallow: /c # here\n",
    "User-agent: *\n   \nDisallow: /whitespace-line-is-not-blank\n",
    "User-agent: *\n\nUser-agent: b\nDisallow: /b\n",
    "User-agent: *\nDisallow: /1\n\nUser-agent: *\nDisallow: /2\n",
    "User-agent: Googlebot\nAllow: /folder1/myfile.html\nDisallow: /folder1/\n\n"
    "User-agent: googlebot-news\nDisallow: /\n",
    "User-agent: figtree/1.0\nDisallow: /ft\n",
    "User-agent: FIG\nDisallow: /fig\n",
    "unknown: field\nUser-agent: *\nnoise\nDisallow: /n\nfoo: bar\n",
    "User-agent: *\nDisallow: /%\nDisallow: /%zz\nDisallow: /%E9\n",
    "User-agent: *\nDisallow: /\u00e9t\u00e9\n",
    "User-agent: *\x1c\x1d\nDisallow:\x1f/sep\x85\n",
    "User-agent: \u0130stanbul\nDisallow: /i\n",
    "User-agent: *\nDisallow: /a\nAllow: /a/b\nDisallow: /a/b/c\n",
    "User-agent:\nDisallow: /empty-agent\n",
    "User-agent: *\nDisallow: http://[::1/bad\n",
    "\ufeffUser-agent: *\nDisallow: /bom\n",
    "User-agent: *\r\nDisallow: /crlf\r\n\r\nUser-agent: x\rDisallow: /cr\r",
]

AGENTS = ["test_robotparser", "*", "figtree", "FigTree Robot libwww-perl/5.04", "Googlebot",
          "Googlebot-Mobile", "googlebot-news", "cybermapper", "Mozilla/5.0", "mozilla",
          "figtree/1.0", "other", "a", "b", "x", "", "\u0130stanbul", "i\u0307stanbul", "FIG"]
URLS = ["/", "/test.html", "/tmp", "/tmp/", "/tmp/a.html", "/a%3cd.html", "/a%3Cd.html",
        "/a%2fb.html", "/~joe/index.html", "/%7Ejoe/index.html", "/a b/", "/a%20b/",
        "/caf\u00e9", "/caf%C3%A9", "/private/", "/private/public.html", "/folder1/myfile.html",
        "/folder1/anotherfile.html", "/some/path", "/some/path?name=value", "/some/path?",
        "/another/path?", "/q?x=1", "/p;params", "/frag", "/cyberworld/map/index.html",
        "http://example.com/tmp/", "http://example.com/", "https://h/private/public.html?x#f",
        "", "?", "#", "//host/net", "/abs/path", "/x", "/y", "/1", "/2", "/ft", "/fig",
        "/%", "/%zz", "/%E9", "/\u00e9t\u00e9", "/sep", "/a/b", "/a/b/c", "/a", "/m", "/c",
        "/whitespace-line-is-not-blank", "http://[::1/bad", "/bom", "/crlf", "/cr"]


def outcome(fn, *args):
    try:
        return {"ok": fn(*args)}
    except Exception as exc:  # noqa: BLE001 - every exception is a vector
        return error_record(exc)


def rate(r):
    return None if r is None else [r.requests, r.seconds]


cases = []
url_errors = {}  # can_fetch's exception depends on the URL alone
for text in texts:
    lines = text.splitlines()
    parser = rp.RobotFileParser()
    parsed = outcome(parser.parse, lines)
    record = {"lines": lines, "parse": parsed if "error" in parsed else {"ok": None}}
    if "error" not in parsed:
        record["str"] = str(parser)
        record["site_maps"] = parser.site_maps()
        record["agents"] = [[a, parser.crawl_delay(a), rate(parser.request_rate(a))] for a in AGENTS]
        # One string per agent, one letter per URL: T(rue), F(alse), E(rror).
        rows = []
        for a in AGENTS:
            row = ""
            for u in URLS:
                r = outcome(parser.can_fetch, a, u)
                if "error" in r:
                    assert url_errors.setdefault(u, r) == r, (u, r)
                    row += "E"
                else:
                    row += "T" if r["ok"] else "F"
            rows.append(row)
        record["can_fetch"] = rows
    cases.append(record)

# Before parse() or read(): nothing is allowed, no delay.
fresh = rp.RobotFileParser()
before = {"can_fetch": fresh.can_fetch("*", "/"), "crawl_delay": fresh.crawl_delay("*"),
          "request_rate": fresh.request_rate("*"), "site_maps": fresh.site_maps(), "str": str(fresh)}

urls = ["", "http://127.0.0.1:8000/robots.txt", "http://www.musi-cal.com/robots.txt",
        "https://h:1/a/b?q#f", "/robots.txt", "http://[::1/robots.txt"]
set_url = []
for u in urls:
    p = rp.RobotFileParser()
    r = outcome(p.set_url, u)
    set_url.append([u, r if "error" in r else {"ok": [p.url, p.host, p.path]}])

for record in cases:
    for a in record.get("agents", []):
        assert a[1] is None or a[1] < 2**64, a
OUT.write_text(dump({"python": sys.version.split()[0], "agents": AGENTS, "urls": URLS,
                     "url_errors": [[u, r] for u, r in url_errors.items()], "cases": cases, "before_read": [before],
                     "set_url": set_url}))
print(f"{len(cases)} robots.txt cases -> {OUT}")
