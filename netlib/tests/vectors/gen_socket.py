"""Generate netlib/tests/vectors/socket.json from CPython 3.13.

Run from the repository root:  PYENV_VERSION=3.13 python3 netlib/tests/vectors/gen_socket.py

Holds the values of Python's socket module that do not depend on the host's
databases: inet_aton / inet_pton / inet_ntop / inet_ntoa results and errors
(glibc parsing), the AddressFamily / SocketKind members and help() lines,
getattr() of constants, and argument-error texts. Host-dependent values
(/etc/services, /etc/hosts, the resolver) are compared with a live Python
at test time instead.
"""

import json
import os
import pydoc
import random
import re
import socket
import sys

assert sys.version_info[:2] == (3, 13), "run with CPython 3.13"


def outcome(func, *args):
    """{"ok": value} or {"err": [class name, str(exc)]}; bytes as int lists."""
    try:
        value = func(*args)
    except Exception as exc:  # noqa: BLE001 - every exception is data here
        return {"err": [type(exc).__name__, str(exc)]}
    if isinstance(value, bytes):
        value = list(value)
    return {"ok": value}


def aton_inputs():
    fixed = [
        "1", "127.1", "127.0.1", "0x7f.1", "0X7F.1", "017.0.0.1", "0177.0.0.01",
        "4294967295", "4294967296", "0xffffffff", "0x100000000", "037777777777",
        "040000000000", "1.2.3.4 junk", "1.2.3.4\tx", "1.2.3.4\n", "1.2.3.4x",
        " 1.2.3.4", "1.2.3.", "1..2", ".1.2.3", "", "08", "09.1.1.1", "0x",
        "0x.1", "1.2.3.256", "1.2.65535", "1.2.65536", "1.16777215",
        "1.16777216", "256.1", "0.0.0.0", "255.255.255.255", "203.249.39.46",
        "00000000000000000001", "0xfffffffff", "1.2.3.4.5", "+1.2.3.4", "-1",
        "1e3", "\u00fc", "1.2.3.4 ", "1.2.3.4\x0b", "1.2.3.4\x0c", "1.2.3.4\r",
        "0x0000000000000001", "0x1.0x2.0x3.0x4", "0xg", "1 2", "\t1.2.3.4",
        "localhost", "::1", "1.2.3.4/24", "127.000.000.001", "0.0.0.0 ",
    ]
    rng = random.Random(20240611)
    generated = []
    for _ in range(600):
        parts = []
        for _ in range(rng.randint(1, 5)):
            value = rng.choice([0, 1, 7, 8, 9, 10, 63, 127, 255, 256, 65535, 65536,
                                16777215, 16777216, 4294967295, rng.randint(0, 2**33)])
            style = rng.choice(["dec", "oct", "hex", "HEX", "bad"])
            if style == "dec":
                parts.append(str(value))
            elif style == "oct":
                parts.append("0" + format(value, "o"))
            elif style == "hex":
                parts.append("0x" + format(value, "x"))
            elif style == "HEX":
                parts.append("0X" + format(value, "X"))
            else:
                parts.append(rng.choice(["", "08", "0x", "a", "-1", "9" * 12]))
        text = ".".join(parts)
        if rng.random() < 0.1:
            text += rng.choice([" ", " x", "x", ".", "\t1", "\n"])
        generated.append(text)
    return fixed + generated


def main():
    aton = [[s, outcome(socket.inet_aton, s)] for s in aton_inputs()]

    pton_inputs = [
        (socket.AF_INET, "1.2.3.4"), (socket.AF_INET, "127.1"), (socket.AF_INET, "01.2.3.4"),
        (socket.AF_INET, "1.2.3.4 "), (socket.AF_INET, ""), (socket.AF_INET, "255.255.255.255"),
        (socket.AF_INET6, "::1"), (socket.AF_INET6, "::"), (socket.AF_INET6, "::ffff:1.2.3.4"),
        (socket.AF_INET6, "1::2::3"), (socket.AF_INET6, "fe80::1%lo"), (socket.AF_INET6, "1:2:3:4:5:6:7:8"),
        (socket.AF_INET6, "1:2:3:4:5:6:7:8:9"), (socket.AF_INET6, "::1.2.3.4"), (socket.AF_INET6, "1.2.3.4"),
        (socket.AF_UNIX, "1.2.3.4"), (99, "1.2.3.4"), (0, "::1"),
    ]
    pton = [[int(af), s, outcome(socket.inet_pton, af, s)] for af, s in pton_inputs]

    ntop_inputs = [
        (socket.AF_INET, [1, 2, 3, 4]), (socket.AF_INET, [1, 2, 3]), (socket.AF_INET, []),
        (socket.AF_INET6, [0] * 16), (socket.AF_INET6, [0] * 15 + [1]),
        (socket.AF_INET6, [0] * 10 + [255, 255, 1, 2, 3, 4]), (socket.AF_INET6, [0] * 12 + [1, 2, 3, 4]),
        (socket.AF_INET6, [0x20, 1, 0xd, 0xb8] + [0] * 11 + [1]), (socket.AF_INET6, [1, 2, 3, 4]),
        (socket.AF_UNIX, [1, 2, 3, 4]), (99, [1, 2, 3, 4]),
    ]
    ntop = [[int(af), b, outcome(socket.inet_ntop, af, bytes(b))] for af, b in ntop_inputs]
    ntoa = [[b, outcome(socket.inet_ntoa, bytes(b))]
            for b in ([127, 0, 0, 1], [203, 249, 39, 46], [255] * 4, [1, 2, 3], [1, 2, 3, 4, 5], [])]

    def members(enum):
        return [[m.name, int(m)] for m in enum]

    def help_lines(enum):
        text = pydoc.render_doc(enum, renderer=pydoc.plaintext)
        return [line for line in text.splitlines() if re.match(r" \|  [A-Z0-9_]+ = <", line)]

    names = sorted(socket.AddressFamily.__members__) + sorted(socket.SocketKind.__members__) + [
        "AF_DECnet", "SOMAXCONN", "SOL_SOCKET", "SO_REUSEADDR", "SO_REUSEPORT", "SO_BROADCAST",
        "SO_KEEPALIVE", "SO_RCVBUF", "SO_SNDBUF", "SO_ERROR", "SO_TYPE", "SO_LINGER", "IPPROTO_IP",
        "IPPROTO_ICMP", "IPPROTO_TCP", "IPPROTO_UDP", "IPPROTO_IPV6", "IPPROTO_RAW", "IPPROTO_ICMPV6",
        "TCP_NODELAY", "SHUT_RD", "SHUT_WR", "SHUT_RDWR", "INADDR_ANY", "INADDR_BROADCAST",
        "INADDR_LOOPBACK", "INADDR_NONE", "IP_TTL", "IP_MULTICAST_TTL", "IPV6_V6ONLY",
    ]
    getattrs = [[n, repr(getattr(socket, n)), str(getattr(socket, n))] for n in names]

    data = {
        "python": sys.version.split()[0],
        "inet_aton": aton,
        "inet_pton": pton,
        "inet_ntop": ntop,
        "inet_ntoa": ntoa,
        "address_family_members": members(socket.AddressFamily),
        "socket_kind_members": members(socket.SocketKind),
        "address_family_help": help_lines(socket.AddressFamily),
        "socket_kind_help": help_lines(socket.SocketKind),
        "getattr": getattrs,
    }
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "socket.json")
    with open(out, "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print(f"wrote {out}: {len(aton)} inet_aton cases")


if __name__ == "__main__":
    main()
