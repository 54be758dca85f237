"""Writes python_habits.json: what CPython 3.13 gives for the everyday
expressions netlib's operators and trait impls stand for — arithmetic and
comparisons on `num_addresses`, `address + n`, `network[i]`, iteration,
`int(...)` into fixed-size integers, and `str()` / `repr()` of every
public type that has a `Display`.

Run from the repository root:
    PYENV_VERSION=3.13 python3 netlib/tests/vectors/gen_python_habits.py

No randomness: the inputs are the edges (0, ±1, 2**32, 2**64, 2**127,
2**128 - 1, ...) where a fixed-width implementation would go wrong.
"""

import binascii
import ipaddress as ip
import itertools
import socket
import sys
import urllib.parse as up
from pathlib import Path

from vectorfile import dump, error_record

assert sys.version_info[:2] == (3, 13), "generate with CPython 3.13"

OUT = Path(__file__).resolve().parent / "python_habits.json"

NETWORKS = ["10.0.0.0/8", "192.168.0.0/24", "10.0.0.1/32", "10.0.0.0/31", "10.0.0.0/30",
            "0.0.0.0/0", "::/0", "::/1", "2001:db8::/32", "2001:db8::/64", "2001:db8::/120",
            "::1/128", "fe80::/127", "fe80::%eth0/126"]

# Every one fits a Rust i128 or u128, so the Rust side can pass it as a primitive.
INTS = [0, 1, 2, 3, -1, -2, 7, -7, 16, 100, 255, 256, 300, -300, 2**31 - 1, -2**31, 2**32,
        -2**32, 2**63, 2**64, 2**127 - 1, -2**127, 2**127, 2**128 - 1]

# (Rust type, bytes, signed): `int.to_bytes` raises CPython's OverflowError
# texts where the value does not fit that many bytes.
FIXED = [("u8", 1, False), ("u16", 2, False), ("u32", 4, False), ("u64", 8, False),
         ("u128", 16, False), ("i8", 1, True), ("i16", 2, True), ("i32", 4, True),
         ("i64", 8, True), ("i128", 16, True)]


def attempt(fn):
    """{"ok": str(result)} or the exception."""
    try:
        return {"ok": str(fn())}
    except Exception as exc:  # noqa: BLE001 - every class is recorded
        return error_record(exc)


def attempt_repr(fn):
    try:
        return {"ok": repr(fn())}
    except Exception as exc:  # noqa: BLE001
        return error_record(exc)


def arithmetic(a, b):
    """The five operators and the comparisons of `a` with `b`."""
    return {
        "add": attempt(lambda: a + b), "sub": attempt(lambda: a - b),
        "mul": attempt(lambda: a * b), "floordiv": attempt(lambda: a // b),
        "mod": attempt(lambda: a % b),
        "cmp": [a == b, a < b, a <= b, a > b, a >= b],
    }


def fixed_record(n):
    rec = {"value": str(n), "float": repr(float(n))}
    for name, size, signed in FIXED:
        rec[name] = attempt(lambda: int.from_bytes(n.to_bytes(size, "big", signed=signed), "big",
                                                   signed=signed))
    return rec


counts = []      # count op int, and int op count
for net in NETWORKS:
    c = ip.ip_network(net).num_addresses
    for k in INTS:
        counts.append({"net": net, "int": str(k), "count_op_int": arithmetic(c, k),
                       "int_op_count": arithmetic(k, c)})

count_pairs = []  # count op count
for a, b in itertools.product(NETWORKS, repeat=2):
    ca, cb = ip.ip_network(a).num_addresses, ip.ip_network(b).num_addresses
    count_pairs.append({"a": a, "b": b, "ops": arithmetic(ca, cb),
                        "minus_two": arithmetic(ca - 2, cb)})

# int(...) into each fixed-size type, and float(...), of values made from a
# count `c`; ::/1 puts `-c` on i128::MIN and `c - 1` on i128::MAX.
VALUES = {"c": lambda c: c, "c-1": lambda c: c - 1, "c-2": lambda c: c - 2, "-c": lambda c: -c,
          "-c-1": lambda c: -c - 1, "c*c": lambda c: c * c}
conversions = []
for net in NETWORKS:
    c = ip.ip_network(net).num_addresses
    for expr, f in VALUES.items():
        rec = fixed_record(f(c))
        rec.update({"net": net, "expr": expr})
        conversions.append(rec)

sums = [{"nets": nets, "sum": str(sum(ip.ip_network(n).num_addresses for n in nets))}
        for nets in (NETWORKS[:5], NETWORKS, ["::/0", "::/0", "::/0"], [])]

ADDRESSES = ["0.0.0.0", "10.0.0.1", "255.255.255.254", "255.255.255.255", "::", "::1",
             "fe80::1%eth0", "::ffff:1.2.3.4", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe",
             "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"]
address_ops = []
for text in ADDRESSES:
    a = ip.ip_address(text)
    for k in INTS:
        address_ops.append({"address": text, "int": str(k), "add": attempt_repr(lambda: a + k),
                            "sub": attempt_repr(lambda: a - k)})
for net in NETWORKS:
    n = ip.ip_network(net)
    # Python: net.network_address + (net.num_addresses - k)
    for k in (0, 1, 2):
        address_ops.append({"net": net, "count_minus": k,
                            "add": attempt_repr(lambda: n.network_address + (n.num_addresses - k))})

getitem = []
for net in NETWORKS:
    n = ip.ip_network(net)
    for k in [0, 1, 2, -1, -2, 255, 256, -256, -257, 2**32 - 1, 2**32, -2**32, 2**127,
              2**128 - 1, -2**127]:
        getitem.append({"net": net, "index": str(k), "item": attempt_repr(lambda: n[k])})
    for k in (-1, 0, 1):  # relative to num_addresses, both signs
        getitem.append({"net": net, "count_plus": k, "item": attempt_repr(lambda: n[n.num_addresses + k])})
        getitem.append({"net": net, "minus_count_plus": k,
                        "item": attempt_repr(lambda: n[-n.num_addresses + k])})

iteration = []
for net in NETWORKS:
    n = ip.ip_network(net)
    rec = {"net": net,
           "nth": [[i, attempt_repr(lambda: next(itertools.islice(iter(n), i, None)))]
                   for i in (0, 1, 5, 1000)],
           "hosts_nth": [[i, attempt_repr(lambda: next(itertools.islice(n.hosts(), i, None)))]
                         for i in (0, 1, 5, 1000)]}
    if n.num_addresses <= 2**16:
        rec["len"] = len(list(n))
        rec["hosts_len"] = len(list(n.hosts()))
        rec["last"] = repr(list(n)[-1])
        rec["hosts_last"] = repr(list(n.hosts())[-1]) if rec["hosts_len"] else None
    if n.num_addresses <= 8:
        rec["list"] = [str(a) for a in n]
    iteration.append(rec)


def shown(kind, arg, make):
    """str() and repr() of make(arg), or the str() of the exception it raises."""
    try:
        obj = make(arg)
        return {"kind": kind, "input": arg, "str": str(obj), "repr": repr(obj)}
    except Exception as exc:  # noqa: BLE001
        return {"kind": kind, "input": arg, "str": str(exc), "class": type(exc).__name__}


display = []
for arg in ["192.0.0.1", "2001:DB8::1", "::ffff:192.0.2.1", "fe80::1%eth0", "300.1.1.1", "1::2::3"]:
    display.append(shown("ip_address", arg, ip.ip_address))
for arg in ["10.0.0.0/8", "2001:db8::/32", "10.1.1.5/24", "10.0.0.0/33", "fe80::%eth0/64"]:
    display.append(shown("ip_network", arg, ip.ip_network))
for arg in ["192.168.100.10/24", "2001:db8::1/64", "fe80::1%eth0/64", "10.0.0.1/40"]:
    display.append(shown("ip_interface", arg, ip.ip_interface))
for arg in NETWORKS:
    display.append(shown("num_addresses", arg, lambda a: ip.ip_network(a).num_addresses))
for arg in ["http://www.cwi.nl:80/%7Eguido/Python.html", "https://user:pw@[::1]:8080/a;p?q=1#f",
            "mailto:someone@example.com", "", "//host/path", "http://[::1"]:
    display.append(shown("urlparse", arg, up.urlparse))
    display.append(shown("urlsplit", arg, up.urlsplit))
for arg in ["http://a/b#frag", "http://a/b", "#only"]:
    display.append(shown("urldefrag", arg, up.urldefrag))
for arg in ["AF_INET", "AF_INET6", "AF_UNIX", "SOCK_STREAM", "SOCK_DGRAM", "SOCK_RAW", "IPPROTO_TCP",
            "SOMAXCONN"]:
    display.append(shown("getattr", arg, lambda a: getattr(socket, a)))
for arg in ["127.0.0.1", "::1"]:
    display.append(shown("getaddrinfo", arg,
                         lambda a: socket.getaddrinfo(a, 80, type=socket.SOCK_STREAM)[0]))
for arg in ["illegal", "1.2.3.4.5"]:
    display.append(shown("inet_aton", arg, socket.inet_aton))
for arg in ["no-such-service"]:
    display.append(shown("getservbyname", arg, socket.getservbyname))
for arg in ["abc", "zz"]:  # errors only: netlib returns the bytes as a Vec<u8>
    display.append(shown("unhexlify", arg, binascii.unhexlify))

OUT.write_text(dump({
    "python": sys.version.split()[0],
    "counts": counts,
    "count_pairs": count_pairs,
    "conversions": conversions,
    "sums": sums,
    "address_ops": address_ops,
    "getitem": getitem,
    "iteration": iteration,
    "display": display,
}))
print(f"wrote {OUT}")
