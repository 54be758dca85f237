"""Writes display.json: for each address, network, interface and URL, the
values CPython 3.13 gives for what netlib's picture of it shows (the table
rows and the True/False labels), formatted the way the picture writes them:
str() for addresses and numbers, repr() for str and bytes.

Run from the repository root:
    PYENV_VERSION=3.13 python3 netlib/tests/vectors/gen_display.py
"""

import ipaddress
import random
import sys
from pathlib import Path
from urllib.parse import urlparse, urlsplit

from vectorfile import dump

assert sys.version_info[:2] == (3, 13), "generate with CPython 3.13"

OUT = Path(__file__).resolve().parent / "display.json"
rng = random.Random(20261202)
# Below this many addresses the generator lists hosts() to count them.
LISTABLE = 1 << 16

ADDRESS_FLAGS = ["is_private", "is_global", "is_loopback", "is_multicast", "is_reserved",
                 "is_link_local", "is_unspecified"]
V6_FLAGS = ADDRESS_FLAGS[:6] + ["is_site_local", "is_unspecified"]


def flags(obj, names):
    return {name: getattr(obj, name) for name in names}


def scoped(a, attr):
    """`a.exploded` / `a.reverse_pointer`; for a scoped IPv6 address, where
    CPython 3.13 raises (gh-88178), the values netlib's documented rules give
    (ipaddress_expected_differences.json: the unscoped value, exploded with
    '%scope' appended)."""
    try:
        return getattr(a, attr)
    except ipaddress.AddressValueError:
        unscoped = getattr(ipaddress.IPv6Address(str(a).split("%")[0]), attr)
        return unscoped + "%" + a.scope_id if attr == "exploded" else unscoped


def address(text):
    a = ipaddress.ip_address(text)
    rows = {"version": str(a.version), "max_prefixlen": str(a.max_prefixlen),
            "str(addr)": repr(str(a)), "int(addr)": str(int(a)), "packed": repr(a.packed),
            "packed.hex()": repr(a.packed.hex()), "reverse_pointer": repr(scoped(a, "reverse_pointer"))}
    names = ADDRESS_FLAGS
    if a.version == 6:
        names = V6_FLAGS
        rows["exploded"] = repr(scoped(a, "exploded"))
        rows["scope_id"] = repr(a.scope_id)
        for attr in ["ipv4_mapped", "sixtofour", "teredo"]:
            if getattr(a, attr) is not None:
                rows[attr] = repr(getattr(a, attr))
    return {"kind": "address", "input": text, "repr": repr(a), "rows": rows, "flags": flags(a, names)}


def network_rows(n):
    rows = {"network_address": str(n.network_address), "netmask": str(n.netmask),
            "hostmask": str(n.hostmask), "broadcast_address": str(n.broadcast_address),
            "prefixlen": str(n.prefixlen), "num_addresses": str(n.num_addresses),
            "list(hosts())[0]": str(next(iter(n.hosts())))}
    if n.num_addresses <= LISTABLE:
        hosts = list(n.hosts())
        rows["len(list(hosts()))"] = str(len(hosts))
        rows["list(hosts())[-1]"] = str(hosts[-1])
    return rows


def network(text):
    n = ipaddress.ip_network(text)
    names = ADDRESS_FLAGS if n.version == 4 else V6_FLAGS
    return {"kind": "network", "input": text, "repr": repr(n), "rows": network_rows(n),
            "flags": flags(n, names)}


def interface(text):
    i = ipaddress.ip_interface(text)
    rows = {"ip": str(i.ip), "network": str(i.network), "with_prefixlen": repr(i.with_prefixlen)}
    rows.update(network_rows(i.network))
    names = ADDRESS_FLAGS if i.version == 4 else V6_FLAGS
    return {"kind": "interface", "input": text, "repr": repr(i), "rows": rows, "flags": flags(i, names)}


def url(kind, text):
    r = (urlparse if kind == "parse" else urlsplit)(text)
    rows = {"scheme": repr(r.scheme), "netloc": repr(r.netloc), "path": repr(r.path),
            "query": repr(r.query), "fragment": repr(r.fragment), "username": repr(r.username),
            "password": repr(r.password), "hostname": repr(r.hostname), "geturl()": repr(r.geturl())}
    if kind == "parse":
        rows["params"] = repr(r.params)
    try:
        rows["port"] = repr(r.port)
    except ValueError as exc:
        rows["port"] = f"ValueError: {exc}"
    return {"kind": kind, "input": text, "repr": repr(r), "rows": rows, "flags": {}}


addresses = ["192.0.0.1", "2001:DB8::1", "192.168.0.15", "127.0.0.1", "0.0.0.0", "255.255.255.255",
             "224.0.0.1", "169.254.1.1", "10.1.2.3", "8.8.8.8", "100.64.0.1", "::", "::1",
             "fe80::1%eth0", "::ffff:192.168.0.1", "2002:c000:204::1",
             "2001:0:4136:e378:8000:63bf:3fff:fdd2", "fec0::1", "ff02::1",
             "2001:0:9d38:6abd:480:f1f:3f57:fffb", "192.168.100.10"]
addresses += [str(ipaddress.IPv4Address(rng.getrandbits(32))) for _ in range(40)]
addresses += [str(ipaddress.IPv6Address(rng.getrandbits(128))) for _ in range(40)]

networks = ["192.168.100.0/24", "192.168.0.0/16", "10.0.0.0/8", "0.0.0.0/0", "10.0.0.0/31",
            "10.0.0.1/32", "10.0.0.0/30", "224.0.0.0/4", "127.0.0.0/8", "2001:db8::/32", "::/0",
            "2001:db8::/127", "2001:db8::1/128", "2001:db8::/120", "fe80::/64", "::1/128"]
for _ in range(30):
    prefix = rng.randrange(33)
    networks.append(str(ipaddress.IPv4Network((rng.getrandbits(32), prefix), strict=False)))
for _ in range(30):
    prefix = rng.randrange(129)
    networks.append(str(ipaddress.IPv6Network((rng.getrandbits(128), prefix), strict=False)))

interfaces = ["192.168.100.10/24", "10.1.2.3/8", "127.0.0.1/8", "0.0.0.0/8", "::1/128", "::/0",
              "2001:db8::1/64", "fe80::1%eth0/64", "192.168.0.15/31"]
for _ in range(20):
    interfaces.append(str(ipaddress.IPv4Interface((rng.getrandbits(32), rng.randrange(33)))))
for _ in range(20):
    interfaces.append(str(ipaddress.IPv6Interface((rng.getrandbits(128), rng.randrange(129)))))

urls = ["http://www.cwi.nl:80/%7Eguido/Python.html", "https://user:pw@example.com:8443/a/b;p?q=1#frag",
        "http://[::1]:8080/index.html", "http://[fe80::1%25eth0]:80/", "mailto:someone@example.com",
        "//host/path", "path/only", "http://host:http/", "http://host:99999/", "file:///etc/hosts",
        "HTTP://WWW.Example.COM/", "", "http://a@b@host/", "https://example.com/search?q=rust&lang=ko",
        "http://user@host", "ftp://ftp.example.com/pub/file.txt;type=i", "http://host/a;b;c?x#y#z",
        "http://<host>/\"quoted\"&amp;"]

records = [address(a) for a in addresses]
records += [network(n) for n in networks]
records += [interface(i) for i in interfaces]
records += [url(kind, u) for u in urls for kind in ("parse", "split")]

OUT.write_text(dump({"generator": "gen_display.py", "python": sys.version.split()[0],
                     "records": records}), encoding="utf-8")
print(f"wrote {OUT.name}: {len(records)} records")
