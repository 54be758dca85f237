"""Writes binascii.json: CPython 3.13's binascii.hexlify / unhexlify / crc32
for fixed and seeded-random inputs, errors included.

Run from the repository root:
    PYENV_VERSION=3.13 python3 netlib/tests/vectors/gen_binascii.py
"""

import binascii
import random
import sys
from pathlib import Path

from vectorfile import dump, error_record

assert sys.version_info[:2] == (3, 13), "generate with CPython 3.13"

OUT = Path(__file__).resolve().parent / "binascii.json"
rng = random.Random(20240615)


def attempt(fn):
    try:
        return {"ok": fn()}
    except ValueError as exc:
        return error_record(exc)


datas = [b"", b"\x00", b"\xff", b"\xc0\xa8\x00\x0f", b"\xcb\xf9'.", b"\x7f\x00\x00\x01",
         bytes(range(256)), b"hello", b"\x20\x01\x0d\xb8" + bytes(12)]
datas += [bytes(rng.randrange(256) for _ in range(rng.randrange(1, 40))) for _ in range(120)]

hexlify_cases = []
for data in datas:
    case = {"data": data.hex(), "hexlify": binascii.hexlify(data).decode("ascii"),
            "crc32": binascii.crc32(data), "crc32_seeded": [], "sep": []}
    for seed in [1, 0xFFFFFFFF, rng.randrange(2**32)]:
        case["crc32_seeded"].append([seed, binascii.crc32(data, seed)])
    for sep, per in [("-", 1), (":", 2), (":", -2), (" ", 3), (" ", -3), ("_", 0), ("-", 1000),
                     ("-", -1000), ("\xe9", 1), ("\u20ac", 1), ("\U0001f600", 2), ("\x00", 1),
                     ("-", 2**31 - 1), ("-", -2**31)]:
        r = attempt(lambda: binascii.hexlify(data, sep, per).decode("latin-1"))
        case["sep"].append({"sep": sep, "bytes_per_sep": per, "result": r})
    hexlify_cases.append(case)

texts = ["", "0", "00", "abc", "ABCD", "aBcD", "c0a8000f", "0g", "g0", "zz", " 0a", "0a ",
         "0x", "x0", "\u00e9", "\u00e9\u00e9", "0\u00e9", "\U0001f600", "0a0", "ff" * 300,
         "0a\n", "\x000", "+1", "-1", "1_2", "\uff10\uff10"]
texts += ["".join(rng.choice("0123456789abcdefABCDEFgxz -") for _ in range(rng.randrange(0, 12)))
          for _ in range(150)]
unhexlify_cases = []
seen = set()
for text in texts:
    if text in seen:
        continue
    seen.add(text)
    unhexlify_cases.append({
        "text": text,
        "str": attempt(lambda: binascii.unhexlify(text).hex()),
        "a2b_hex": attempt(lambda: binascii.a2b_hex(text).hex()),
        "bytes": attempt(lambda: binascii.unhexlify(text.encode("utf-8")).hex()),
    })

data = {"python": sys.version.split()[0], "hexlify": hexlify_cases, "unhexlify": unhexlify_cases}
OUT.write_text(dump(data), encoding="utf-8")
print(f"wrote {OUT.name}: {len(hexlify_cases)} hexlify inputs "
      f"({sum(len(c['sep']) for c in hexlify_cases)} sep cases), {len(unhexlify_cases)} unhexlify inputs")
