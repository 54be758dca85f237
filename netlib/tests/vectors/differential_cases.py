"""The inputs of the differential test (tests/differential/): a grammar of
the text each netlib parser takes, plus random mutations, driven by a seed.

    python3 differential_cases.py --seed 1 --count 5      # print 5 cases

Case number i of seed s depends on (s, i) only (its own random.Random), so
any range of a run can be regenerated alone, in any order, in parallel. Each
case is {"op": ..., "in": {...}}; differential_cpython.py says what every op
computes. Pure Python (no ipaddress, urllib or socket): the inputs do not
depend on the code under test.
"""

import argparse
import json
import sys

import random

# Ops and their weights (out of 100).
OPS = [("address", 17), ("network", 17), ("interface", 8), ("url", 16), ("unsplit", 4),
       ("join", 10), ("quote", 10), ("qs", 3), ("inet", 8), ("hex", 7)]

# Special-purpose blocks (RFC 6890 and neighbours), as (first address, prefixlen).
V4_BLOCKS = [
    ("0.0.0.0", 8), ("10.0.0.0", 8), ("100.64.0.0", 10), ("127.0.0.0", 8), ("169.254.0.0", 16),
    ("172.16.0.0", 12), ("192.0.0.0", 24), ("192.0.0.8", 32), ("192.0.0.9", 32),
    ("192.0.0.10", 32), ("192.0.0.170", 31), ("192.0.2.0", 24), ("192.31.196.0", 24),
    ("192.52.193.0", 24), ("192.88.99.0", 24), ("192.168.0.0", 16), ("192.175.48.0", 24),
    ("198.18.0.0", 15), ("198.51.100.0", 24), ("203.0.113.0", 24), ("224.0.0.0", 4),
    ("240.0.0.0", 4), ("255.255.255.255", 32),
]
V6_BLOCKS = [
    ("::", 128), ("::1", 128), ("::ffff:0:0", 96), ("64:ff9b::", 96), ("64:ff9b:1::", 48),
    ("100::", 64), ("2001::", 23), ("2001::", 32), ("2001:1::1", 128), ("2001:1::2", 128),
    ("2001:1::3", 128), ("2001:2::", 48), ("2001:3::", 32), ("2001:4:112::", 48),
    ("2001:10::", 28), ("2001:20::", 28), ("2001:30::", 28), ("2001:db8::", 32), ("2002::", 16),
    ("2620:4f:8000::", 48), ("3fff::", 20), ("5f00::", 16), ("fc00::", 7), ("fe80::", 10),
    ("fec0::", 10), ("ff00::", 8), ("::", 96), ("2000::", 3),
]

# Characters the mutator inserts: syntax of every grammar, whitespace and
# control characters, digits other than ASCII, letters that change under
# NFKC or case mapping, astral and unassigned code points.
MUTATION_CHARS = (
    list("0123456789abcdefABCDEFxXgG.:/%[]@?#;=&+-_~ !$'(),*\\\"<>^`{|}")
    + ["\t", "\n", "\r", "\x00", "\x01", "\x1f", "\x7f", "\x80", "\xa0", "\xff", "\u0130",
       "\u00e9", "\u00df", "\u0663", "\uff11", "\uff46", "\uff0e", "\u3002", "\u2100",
       "\uff0f", "\uff03", "\uff20", "\uff1a", "\ufe6b", "\u212a", "\u03a3", "\u200b",
       "\ufeff", "\ufffd", "\u0378", "\U0001f600", "\U0010ffff", "\u2474", "\u00b2"]
)
ZONES = ["eth0", "1", "lo", "en0", "", "%", "eth0%1", "\u00e9", " ", "zone x", "/", "25",
         "::1", "1.2.3.4", "\U0001f600", "ETH0", "0"]


def v4_int(text):
    a, b, c, d = (int(x) for x in text.split("."))
    return a << 24 | b << 16 | c << 8 | d


def v6_int(text):
    head, _, tail = text.partition("::")
    h = [int(g, 16) for g in head.split(":") if g]
    t = [int(g, 16) for g in tail.split(":") if g]
    groups = h + [0] * (8 - len(h) - len(t)) + t
    n = 0
    for g in groups:
        n = n << 16 | g
    return n


V4 = [(v4_int(a), p) for a, p in V4_BLOCKS]
V6 = [(v6_int(a), p) for a, p in V6_BLOCKS]


class Gen:
    def __init__(self, seed, index):
        self.r = random.Random(f"{seed}/{index}")
        # One case in eight is mutated hard: most edits, more of them.
        self.heavy = self.r.random() < 0.125

    def chance(self, p):
        return self.r.random() < p

    def pick(self, seq):
        return self.r.choice(seq)

    # --- mutation ---------------------------------------------------------

    def junk(self):
        """Text from no grammar: the mutation characters, at random."""
        return "".join(self.pick(MUTATION_CHARS) for _ in range(self.r.randrange(25)))

    def mutate(self, s, p=0.3):
        """s, or (with probability p, 0.8 in a heavy case) s after random
        edits; now and then text from no grammar at all."""
        r = self.r
        if r.random() < 0.02:
            return self.junk()
        if not self.chance(0.8 if self.heavy else p):
            return s
        for _ in range(r.choice([1, 1, 1, 2, 3, 5, 8] if self.heavy else [1, 1, 1, 2, 3])):
            pos = r.randrange(len(s) + 1)
            kind = r.randrange(8)
            if kind <= 1:
                s = s[:pos] + self.pick(MUTATION_CHARS) + s[pos:]
            elif kind == 2 and s:
                s = s[:pos] + s[pos + 1:]
            elif kind == 3 and s:
                pos = min(pos, len(s) - 1)
                s = s[:pos] + self.pick(MUTATION_CHARS) + s[pos + 1:]
            elif kind == 4 and s:
                end = r.randrange(pos, len(s) + 1)  # repeat a slice, now and then many times
                s = s[:end] + s[pos:end] * self.pick([1, 1, 1, 1, 2, 3, 40]) + s[end:]
            elif kind == 5 and len(s) > 1:
                pos = min(pos, len(s) - 2)
                s = s[:pos] + s[pos + 1] + s[pos] + s[pos + 2:]
            elif kind == 6:
                s = s[:pos] if r.random() < 0.5 else s[pos:]
            else:
                s = s.upper() if r.random() < 0.5 else s.swapcase()
        return s

    # --- addresses --------------------------------------------------------

    def v4_value(self):
        r = self.r
        k = r.randrange(10)
        if k < 4:
            return r.getrandbits(32)
        first, plen = self.pick(V4)
        size = 1 << (32 - plen)
        if k < 8:
            n = first + self.pick([-1, 0, 1, size - 2, size - 1, size, size // 2])
        else:
            n = first + r.randrange(size)
        return n % (1 << 32)

    def v6_value(self):
        r = self.r
        k = r.randrange(12)
        if k < 3:
            return r.getrandbits(128)
        if k < 5:  # many zero groups: exercises '::' placement
            n = 0
            for _ in range(8):
                n = n << 16 | (0 if r.random() < 0.6 else self.pick([1, 0xffff, r.getrandbits(16)]))
            return n
        if k < 6:
            return r.getrandbits(self.pick([1, 8, 16, 32, 33]))
        first, plen = self.pick(V6)
        size = 1 << (128 - plen)
        if k < 9:
            n = first + self.pick([-1, 0, 1, size - 2, size - 1, size, size // 2])
        else:
            n = first + r.randrange(size)
        if r.random() < 0.2:  # IPv4-mapped, with an interesting IPv4 address
            n = 0xffff << 32 | self.v4_value()
        return n % (1 << 128)

    def v4_text(self, n):
        octets = [str(n >> s & 255) for s in (24, 16, 8, 0)]
        if self.chance(0.06):
            i = self.r.randrange(4)
            octets[i] = self.pick(["0" + octets[i], "00", str(256 + int(octets[i])), "", "0x1",
                                   "\u0661", "\uff11", "-0", "+1", "1000", "0000"])
        if self.chance(0.03):
            octets = octets[:self.r.randrange(1, 4)] if self.chance(0.5) else octets + ["1"]
        return ".".join(octets)

    def v6_text(self, n, scoped=0.08):
        r = self.r
        groups = [n >> (112 - 16 * i) & 0xffff for i in range(8)]
        tail_v4 = r.random() < (0.6 if groups[:6] in ([0] * 5 + [0xffff], [0] * 6) else 0.05)
        width = 6 if tail_v4 else 8
        upper = r.random() < 0.15
        pad = r.random() < 0.1
        texts = [(f"{g:04x}" if pad or r.random() < 0.03 else f"{g:x}") for g in groups[:width]]
        if upper:
            texts = [t.upper() for t in texts]
        if r.random() < 0.01:
            texts[r.randrange(width)] = self.pick(["12345", "g", "", "-1", "0x1", "\uff46"])
        # '::' over the longest zero run (canonical), a random zero run, or none.
        runs, i = [], 0
        while i < width:
            if groups[i] == 0:
                j = i
                while j < width and groups[j] == 0:
                    j += 1
                runs.append((i, j))
                i = j
            else:
                i += 1
        style = r.randrange(10)
        if runs and style < 7:
            a, b = max(runs, key=lambda ab: ab[1] - ab[0]) if style < 5 else self.pick(runs)
            text = ":".join(texts[:a]) + "::" + ":".join(texts[b:])
        else:
            text = ":".join(texts)
        if tail_v4:
            v4 = self.v4_text(n & 0xffffffff)
            text += v4 if text.endswith("::") else ":" + v4
        if r.random() < 0.01:
            text = self.pick([text + "::", "::" + text, text.replace("::", ":::", 1), text + ":"])
        if r.random() < scoped:
            text += "%" + self.pick(ZONES)
        return text

    def address_text(self):
        text = self.v4_text(self.v4_value()) if self.chance(0.45) else self.v6_text(self.v6_value())
        if self.chance(0.02):
            text = self.pick([" ", "\t", "\n", "/", "\u00a0"]) + text if self.chance(0.5) \
                else text + self.pick([" ", "\n", "/", "/24", "%"])
        return self.mutate(text, 0.2)

    # --- networks and interfaces -------------------------------------------

    def prefixlen(self, width):
        r = self.r
        if r.random() < 0.5:
            return self.pick([0, 1, 7, 8, 9, 10, 12, 15, 16, 23, 24, 28, 30, 31, 32, width - 1, width,
                              48, 56, 63, 64, 96, 120, 126, 127, 128]) % (width + 1)
        return r.randrange(width + 1)

    def mask_text(self, v6, plen, width):
        r = self.r
        k = r.randrange(100)
        all_ones = (1 << width) - 1
        netmask = all_ones ^ (all_ones >> plen)
        fmt = (lambda m: self.v6_text(m, 0)) if v6 else self.v4_text
        if k < 70:
            return str(plen)
        if k < 78:
            return fmt(netmask)
        if k < 84:
            return fmt(all_ones ^ netmask)
        if k < 88:
            return fmt(r.getrandbits(width))
        return self.pick([str(width + 1), "200", "-1", "+8", " 8", "8 ", "08", "0x8", "", "8.0",
                          "255.0.255.0", "0.255.0.255", "\u0668", "\uff18", "1e1", "8/8",
                          "255.255.255.256", "00000000024", "ffff::", "::ffff", "-0", "0"])

    def network_text(self, host_bits=0.35):
        r = self.r
        v6 = r.random() < 0.5
        width = 128 if v6 else 32
        n = self.v6_value() if v6 else self.v4_value()
        plen = self.prefixlen(width)
        if r.random() >= host_bits:
            n &= ((1 << width) - 1) ^ ((1 << (width - plen)) - 1)
        addr = self.v6_text(n, 0.06) if v6 else self.v4_text(n)
        if r.random() < 0.06:
            return self.mutate(addr, 0.2)  # no '/'
        return self.mutate(f"{addr}/{self.mask_text(v6, plen, width)}", 0.15)

    def related_network(self, text):
        """A second network for the relation checks: often inside or around the first."""
        r = self.r
        addr, _, mask = text.partition("/")
        if not (mask.isascii() and mask.isdigit()) or r.random() < 0.25:
            return self.network_text()
        plen = int(mask)
        return f"{addr}/{max(0, plen + self.pick([-8, -1, 0, 1, 2, 4, 9, 16]))}"

    # --- URLs -------------------------------------------------------------

    def scheme(self):
        r = self.r
        if r.random() < 0.8:
            return self.pick(["http", "https", "HTTP", "ftp", "file", "mailto", "news", "svn+ssh",
                              "git+ssh", "ws", "wss", "itms-services", "tel", "sip", "urn", "data",
                              "javascript", "a1.-+", "x", "1http", "ht tp", "\u00e9", "s3", "rsync",
                              "nfs", "imap", "telnet", "prospero", "hdl", "sftp", "svn", "shttp"])
        first = self.pick("abcxyzHTTP")
        return first + "".join(self.pick("abcz09+-.HT") for _ in range(r.randrange(8)))

    def host(self):
        r = self.r
        k = r.randrange(20)
        if k < 6:
            return ".".join(self.pick(["www", "example", "com", "a", "xn--fiqs8s", "b-c", "h",
                                       "Python", "ORG", "localhost", "0", "x_y"])
                            for _ in range(r.randrange(1, 4)))
        if k < 8:
            return self.v4_text(self.v4_value())
        if k < 12:
            inner = self.v6_text(self.v6_value(), 0)
            if r.random() < 0.2:
                inner += self.pick(["%25eth0", "%eth0", "%", "%25", "%a%b", "%25\u00e9"])
            return self.pick(["[" + inner + "]"] * 8 + ["[" + inner, inner + "]", inner])
        if k < 13:
            return self.pick(["[v1.fe80::a+en1]", "[V7.x]", "[v1.]", "[vz.x]", "[127.0.0.1]",
                              "[]", "[::1][::2]", "[1.2.3]", "a]b[c", "[ ::1]", "[::1 ]"])
        if k < 15:
            return self.pick(["\u00e9xample.com", "\u4f8b\u3048.jp", "h\u2100st", "ex\uff0fample",
                              "h\uff1ast", "h\uff03x", "h\uff20x", "h\ufe6bx", "\u0130stanbul",
                              "\u03a3\u03a3.gr", "\u00df.de", "\u212a.example", "h\u200bst",
                              "\uff45xample.com", "\u00bd.example", "\u2474.com", "HOST.\u00c9X"])
        if k < 16:
            return ""
        return "".join(self.pick("abcXYZ019-._~%!$&'()*+,;=") for _ in range(r.randrange(1, 8)))

    def authority(self):
        r = self.r
        text = ""
        if r.random() < 0.2:
            text = self.pick(["user", "user:pass", "u%40v:p%3Aw", ":", "", "a@b", "us:er:pw",
                              "\u00e9", "user:", ":pass", "u\u2100"]) + "@"
        text += self.host()
        if r.random() < 0.3:
            text += ":" + self.pick(["", "80", "0", "8080", "65535", "65536", "99999", "-1", "+80",
                                     " 80", "80 ", "8 0", "abc", "\u0663", "\uff18\uff10", "0080",
                                     "1e3", "8_0", "00000000000000000000443", "\t80", ":",
                                     # int()'s 4,300-digit limit, leading zeros counted
                                     "1" * 4301, "0" * 4299 + "80", "0" * 4298 + "80"])
        return text

    def path(self):
        r = self.r
        segs = [self.pick(["", ".", "..", "a", "b", "c", "%7E", "%2F", "x;p", "y;p=1", "\u00e9",
                           "a b", "\u2100", "c:d", "[", "]", "@", "~", "g", "..;p", ".;p", "%2e%2e"])
                for _ in range(r.randrange(0, 5))]
        return "/".join(segs)

    def url(self):
        r = self.r
        k = r.randrange(20)
        tail = self.path()
        if k < 11:  # scheme://authority/path
            text = f"{self.scheme()}://{self.authority()}" + ("/" + tail if tail or r.random() < 0.5 else "")
        elif k < 13:  # scheme:opaque
            text = f"{self.scheme()}:{tail}"
        elif k < 15:  # //authority/path
            text = f"//{self.authority()}/{tail}"
        elif k < 18:  # relative path
            text = ("/" if r.random() < 0.5 else "") + tail
        else:  # scheme-like or junk
            text = "".join(self.pick("ab:/?#[]@%;=&.1 \t") for _ in range(r.randrange(0, 12)))
        if r.random() < 0.35:
            text += "?" + "&".join(self.pick(["a=1", "b=", "c", "=", "%41=%42", "q=a+b", "x=\u00e9",
                                              "k=v;w", "a=1?b", "", "[::1]"])
                                   for _ in range(r.randrange(1, 4)))
        if r.random() < 0.25:
            text += "#" + self.pick(["", "f", "frag", "a#b", "x?y", "%23", "\u00e9", "s/./t"])
        if r.random() < 0.05:
            text = self.pick([" ", "\x00", "\x1f ", "\t", "\u00a0", "\n"]) + text
        if r.random() < 0.05:
            pos = r.randrange(len(text) + 1)
            text = text[:pos] + self.pick(["\t", "\n", "\r"]) + text[pos:]
        return self.mutate(text, 0.2)

    def reference(self):
        """A relative reference for urljoin (RFC 3986 section 5.4 style), or a URL."""
        r = self.r
        if r.random() < 0.3:
            return self.url()
        segs = [self.pick(["g", ".", "..", "", "h", "g;x", "%2E", "..g", "g..", ".g"])
                for _ in range(r.randrange(0, 5))]
        text = self.pick(["", "", "/", "//", "./", "../", "g:", "http:", "//h/"]) + "/".join(segs)
        text += self.pick(["", "", "", "?y", "#s", "?y#s", ";x", "?", "#"])
        return self.mutate(text, 0.15)

    def parts(self, n):
        r = self.r
        out = [self.pick(["", "http", "https", "mailto", "file", "svn+ssh", "custom", "x", "HTTP"]),
               self.pick(["", "", "h", "u@h:1", "[::1]", "h:80", "a/b", "@"]),
               self.pick(["", "p", "/p", "//p", "///p", "a:b", "/a/../b", "p;q", "/x y", "?", "#"])]
        if n == 6:
            out.append(self.pick(["", "", "x", "a=b", ";"]))
        out += [self.pick(["", "", "q", "a=1&b", "?", "#"]), self.pick(["", "", "f", "#", "a#b"])]
        return [self.mutate(p, 0.1) for p in out]

    # --- quoting, query strings, inet, hex --------------------------------

    def quote_text(self):
        pieces = ["a", "Z", "0", " ", "+", "/", "%", "%41", "%7e", "%C3%A9", "%c3", "%E2%82%AC",
                  "%F0%9F%98%80", "%ED%A0%80", "%C0%80", "%FF", "%zz", "%4", "%%", "~", "-._",
                  "?", "=", "&", ";", ":", "@", "#", "\u00e9", "\u20ac", "\U0001f600", "\u0378",
                  "\ufffd", "\U0010ffff", "\x00", "\x7f", "\t", "\n", "\x80", "\xff", "!*'()",
                  "[]", "\\", "\"", "<>", "%\uff11\uff12", "%a\u0663", "%\u00e9", "%2B", "%20",
                  "%e2%82%ac", "%F4%90%80%80", "%EF%BB%BF"]
        text = "".join(self.pick(pieces) for _ in range(self.r.randrange(0, 8)))
        return self.mutate(text, 0.15)

    def safe(self):
        r = self.r
        if r.random() < 0.3:
            return self.pick(["/", "", "/?=&", "~", "%", ":/", "\u00e9/", "+"])
        return "".join(self.pick("/?=&:;@+$,!*'()~-._ %\u00e9[]#a0") for _ in range(r.randrange(0, 6)))

    def aton_text(self):
        r = self.r
        if r.random() < 0.3:
            return self.address_text()
        parts = []
        for _ in range(self.pick([1, 2, 3, 4, 4, 4, 5])):
            value = self.pick([0, 1, 7, 8, 9, 10, 63, 127, 255, 256, 65535, 65536, 16777215,
                               16777216, 4294967295, 4294967296, r.randrange(2**33)])
            style = r.randrange(5)
            parts.append(str(value) if style < 2 else "0" + format(value, "o") if style == 2
                         else "0x" + format(value, "x") if style == 3 else "0X" + format(value, "X"))
        text = ".".join(parts)
        if r.random() < 0.1:
            text += self.pick([" ", " x", "x", ".", "\t1", "\n", "\x00"])
        return self.mutate(text, 0.2)

    def integer(self):
        """An int for the constructors: within an i128 or a u128, as Rust takes them."""
        r = self.r
        k = r.randrange(6)
        if k == 0:
            return r.getrandbits(32)
        if k == 1:
            return r.getrandbits(128)
        if k == 2:
            return -r.getrandbits(self.pick([1, 8, 32, 64, 127]))
        return self.pick([0, 1, 2**32 - 1, 2**32, 2**32 + 1, 2**128 - 1, 2**127, 2**64, -1])

    def data(self):
        r = self.r
        n = self.pick([0, 1, 2, 3, 4, 4, 4, 4, 4, 5, 15, 16, 16, 16, 16, 17, r.randrange(40)])
        return bytes(r.getrandbits(8) for _ in range(n))

    def hex_text(self):
        r = self.r
        text = "".join(self.pick("0123456789abcdefABCDEF") for _ in range(2 * r.randrange(0, 12)))
        return self.mutate(text, 0.35)

    # --- one case ---------------------------------------------------------

    def case(self):
        r = self.r
        op = r.choices([o for o, _ in OPS], [w for _, w in OPS])[0]
        if op == "address":
            inp = {"text": self.address_text(), "int": str(self.integer()), "packed": self.data().hex()}
        elif op == "network":
            text = self.network_text()
            addr, _, mask = self.network_text().partition("/")
            mask = int(mask) if mask.isascii() and mask.isdigit() and int(mask) <= 200 else mask
            inp = {"text": text, "other": self.related_network(text), "pair": [addr, mask],
                   "diff": self.pick([0, 1, 2, 3, 8, 16, 31, 32, 33, 64, 127, 128, 129]),
                   "new_prefix": r.randrange(131)}
        elif op == "interface":
            inp = {"text": self.network_text(host_bits=0.8)}
        elif op == "url":
            inp = {"url": self.url(), "scheme": self.pick(["", "", "", "", "http", "https", "ftp", "x"]),
                   "allow_fragments": r.random() < 0.85}
        elif op == "unsplit":
            inp = {"split": self.parts(5), "parse": self.parts(6)}
        elif op == "join":
            inp = {"base": self.url(), "url": self.reference(), "allow_fragments": r.random() < 0.85}
        elif op == "quote":
            inp = {"s": self.quote_text(), "safe": self.safe(), "bytes": self.data().hex()}
        elif op == "qs":
            fields = [self.quote_text() + self.pick(["=", "=", "", "=="]) + self.quote_text()
                      for _ in range(r.randrange(0, 4))]
            inp = {"qs": self.pick(["&", "&", ";"]).join(fields),
                   "keep_blank_values": r.random() < 0.5, "strict_parsing": r.random() < 0.2,
                   "max_num_fields": self.pick([None, None, None, 0, 1, 2, 3, 5]),
                   "separator": self.pick(["&", "&", "&", ";", "=", "&&", "a"])}
        elif op == "inet":
            inp = {"text": self.aton_text(), "bytes": self.data().hex()}
        else:
            inp = {"data": self.data().hex(), "sep": self.pick("-: _.\u00e9\u20acx\x00"),
                   "bytes_per_sep": self.pick([-4, -3, -2, -1, 0, 1, 1, 2, 3, 4, 100, -100]),
                   "text": self.hex_text()}
        return {"op": op, "in": inp}


def cases(seed, start, count):
    for i in range(start, start + count):
        case = Gen(seed, i).case()
        case["i"] = i
        yield case


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--start", type=int, default=0)
    ap.add_argument("--count", type=int, default=10)
    a = ap.parse_args()
    for case in cases(a.seed, a.start, a.count):
        sys.stdout.write(json.dumps(case) + "\n")


if __name__ == "__main__":
    main()
