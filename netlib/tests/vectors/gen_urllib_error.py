"""Writes urllib_error.json: CPython 3.13's http.client.responses table and
the str() and repr() of urllib.error's exceptions.

Run from the repository root:
    PYENV_VERSION=3.13 python3 netlib/tests/vectors/gen_urllib_error.py

"responses": every code 100-599 with its phrase (null: KeyError).
"http_error": HTTPError(url, code, responses[code], {}, None) for every known
code. "url_error": URLError around the OSErrors a refused, reset or timed-out
connection raises, a gaierror, and a text.
"""

import http.client
import socket
import sys
import urllib.error
from pathlib import Path

from vectorfile import dump

assert sys.version_info[:2] == (3, 13), "generate with CPython 3.13"

OUT = Path(__file__).resolve().parent / "urllib_error.json"

responses = [[code, http.client.responses.get(code)] for code in range(100, 600)]
http_error = []
for code, phrase in responses:
    if phrase is not None:
        e = urllib.error.HTTPError("http://127.0.0.1/x", code, phrase, {}, None)
        http_error.append([code, phrase, str(e), repr(e)])
reasons = [("errno", 111, ConnectionRefusedError(111, "Connection refused")),
           ("errno", 104, ConnectionResetError(104, "Connection reset by peer")),
           ("errno", 113, OSError(113, "No route to host")),
           ("gai", -2, socket.gaierror(-2, "Name or service not known")),
           ("timeout", None, TimeoutError("timed out")),
           ("text", "unknown url type: ftp", "unknown url type: ftp")]
url_error = []
for kind, arg, reason in reasons:
    e = urllib.error.URLError(reason)
    url_error.append([kind, arg, str(e), repr(e)])
OUT.write_text(dump({"python": sys.version.split()[0], "responses": responses,
                     "http_error": http_error, "url_error": url_error}))
print(f"{len(http_error)} HTTPError, {len(url_error)} URLError cases -> {OUT}")
