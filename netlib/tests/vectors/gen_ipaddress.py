"""Generate netlib's ipaddress test vectors from CPython 3.13.

Run from the repository root:

    PYENV_VERSION=3.13 python3 netlib/tests/vectors/gen_ipaddress.py

Writes netlib/tests/vectors/ipaddress.json. The output is deterministic
(fixed random seed), so a re-run on the same interpreter changes nothing.
"""

import ipaddress as ip
import itertools
import pathlib
import random
import sys

from vectorfile import dump

assert sys.version_info[:2] == (3, 13), "run with PYENV_VERSION=3.13 python3"

rng = random.Random(20240613)
V4_MAX = 2**32 - 1
V6_MAX = 2**128 - 1


def attempt(fn):
    """Value of fn(), or {'error_class', 'error'} if Python raises."""
    try:
        return fn()
    except Exception as exc:  # noqa: BLE001 - every class is recorded
        return {"error_class": type(exc).__name__, "error": str(exc)}


def opt_str(x):
    return None if x is None else str(x)


def address_record(a):
    rec = {
        "str": str(a),
        "repr": repr(a),
        "version": a.version,
        "max_prefixlen": a.max_prefixlen,
        "int": str(int(a)),
        "packed": a.packed.hex(),
        "exploded": attempt(lambda: a.exploded),
        "compressed": a.compressed,
        "reverse_pointer": attempt(lambda: a.reverse_pointer),
    }
    for prop in ("is_private", "is_global", "is_reserved", "is_multicast",
                 "is_loopback", "is_link_local", "is_unspecified"):
        rec[prop] = getattr(a, prop)
    if a.version == 6:
        rec["is_site_local"] = a.is_site_local
        rec["ipv4_mapped"] = opt_str(a.ipv4_mapped)
        rec["sixtofour"] = opt_str(a.sixtofour)
        rec["teredo"] = None if a.teredo is None else [str(x) for x in a.teredo]
        rec["scope_id"] = a.scope_id
    else:
        rec["ipv6_mapped"] = str(a.ipv6_mapped)
    if getattr(a, "scope_id", None):
        unscoped = ip.IPv6Address(int(a))
        rec["unscoped_exploded"] = unscoped.exploded
        rec["unscoped_reverse_pointer"] = unscoped.reverse_pointer
    rec["plus_one"] = attempt(lambda: str(a + 1))
    rec["minus_one"] = attempt(lambda: str(a - 1))
    return rec


def factory_result(fn, arg, record):
    try:
        obj = fn(arg)
    except Exception as exc:  # noqa: BLE001
        return {"error_class": type(exc).__name__, "error": str(exc)}
    return {"ok": record(obj)}


# --- address inputs -------------------------------------------------------

addr_inputs = []


def add(text):
    if text not in addr_inputs:
        addr_inputs.append(text)


v4_blocks = (
    ip._IPv4Constants._private_networks
    + ip._IPv4Constants._private_networks_exceptions
    + [ip._IPv4Constants._public_network, ip._IPv4Constants._reserved_network,
       ip._IPv4Constants._multicast_network, ip._IPv4Constants._loopback_network,
       ip._IPv4Constants._linklocal_network]
)
v6_blocks = (
    ip._IPv6Constants._private_networks
    + ip._IPv6Constants._private_networks_exceptions
    + ip._IPv6Constants._reserved_networks
    + [ip._IPv6Constants._multicast_network, ip._IPv6Constants._linklocal_network,
       ip._IPv6Constants._sitelocal_network,
       ip.IPv6Network('2001::/32'),  # Teredo
       ip.IPv6Network('2002::/16'),  # 6to4
       ip.IPv6Network('64:ff9b::/96')]  # NAT64 well-known prefix
)

for net in v4_blocks:
    first, last = int(net.network_address), int(net.broadcast_address)
    for n in (first - 1, first, first + 1, last - 1, last, last + 1):
        if 0 <= n <= V4_MAX:
            v4 = ip.IPv4Address(n)
            add(str(v4))
            add(f"::ffff:{v4}")
for net in v6_blocks:
    first, last = int(net.network_address), int(net.broadcast_address)
    for n in (first - 1, first, first + 1, last - 1, last, last + 1):
        if 0 <= n <= V6_MAX:
            add(str(ip.IPv6Address(n)))

# The IPv4 side of every IPv4-mapped boundary address, as mapped forms.
for net in v4_blocks:
    add(f"::ffff:{net.network_address + (net.num_addresses // 2)}")

# Lesson and documentation examples, non-canonical spellings.
for text in [
    "192.0.0.1", "2001:DB8::1", "192.168.0.15", "127.0.0.1", "192.168.0.5",
    "2001:0:9d38:6abd:480:f1f:3f57:fffb", "2001:0db8:0000:0000:0000:0000:0000:0001",
    "0.0.0.0", "255.255.255.255", "::", "::1", "1::", "1::1", "1:0:0:1:0:0:0:1",
    "1:0:0:1:0:0:1:0", "0:0:1:0:0:1:0:0", "1:0:1:0:1:0:1:0", "::1.2.3.4",
    "::ffff:1.2.3.4", "::FFFF:1.2.3.4", "64:ff9b::1.2.3.4", "::ffff:0:0",
    "::ffff:ffff:ffff", "::fffe:ffff:ffff", "::1:ffff:0:0", "2002:c000:204::1",
    "2001:0:4136:e378:8000:63bf:3fff:fdd2", "fe80::1%eth0", "fe80::1%1",
    "::ffff:192.168.0.1%eth0", "ff02::1%lo", "2001:db8::1%zone with space",
    "fe80::1%é", "fe80::1%\t", "FEC0::1", "fe80::", "ABCD:EF01:2345:6789:ABCD:EF01:2345:6789",
    "0:0:0:0:0:0:0:0", "0000:0000:0000:0000:0000:0000:0000:0000", "1:2:3:4:5:6:7::",
    "::2:3:4:5:6:7:8", "1:2:3:4:5:6::8", "1:2:3:4:5::7:8", "::0.0.0.0",
    "::255.255.255.255", "1:2:3:4:5:6:1.2.3.4", "100.64.0.0", "100.127.255.255",
]:
    add(text)

# Random samples: uniform, and inside each special block.
for _ in range(650):
    add(str(ip.IPv4Address(rng.randrange(2**32))))
for _ in range(650):
    add(str(ip.IPv6Address(rng.randrange(2**128))))
for net in v4_blocks:
    for _ in range(4):
        v4 = ip.IPv4Address(int(net.network_address) + rng.randrange(net.num_addresses))
        add(str(v4))
        add(f"::ffff:{v4}")
for net in v6_blocks:
    for _ in range(4):
        add(str(ip.IPv6Address(int(net.network_address) + rng.randrange(net.num_addresses))))
for _ in range(100):
    # Random zero runs exercise '::' placement.
    groups = [rng.choice([0, 0, 0, rng.randrange(65536)]) for _ in range(8)]
    add(":".join(f"{g:x}" for g in groups))
for _ in range(30):
    add(f"fe80::{rng.randrange(65536):x}%eth{rng.randrange(10)}")

addresses = []
for text in addr_inputs:
    a = ip.ip_address(text)
    rec = {"input": text}
    rec.update(address_record(a))
    addresses.append(rec)

# --- invalid address strings ----------------------------------------------

invalid_inputs = [
    "", " ", "300.1.1.1", "1.2.3", "1.2.3.4.5", "1.2.3.04", "01.2.3.4", "1.2.3.1000",
    "1.2.3.-1", "1.2.3.+1", "1.2.3. 4", " 1.2.3.4", "1.2.3.4 ", "1.2.3.4\n", "1..3.4",
    "1.2.3.", ".1.2.3", "a.b.c.d", "0x1.2.3.4", "256.256.256.256", "1.2.3.4/24",
    "1.2.3.4/", "１.2.3.4", "1.2.3.٤", "127.1", "0177.0.0.1", "1.2.3.0000",
    ":", "::1::", "1:::", ":::", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "1::2::3",
    ":1:2:3:4:5:6:7", "1:2:3:4:5:6:7:", ":1::2", "1::2:", "12345::1", "g::1",
    "::1.2.3", "::1.2.3.256", "::1.2.3.4.5", "1.2.3.4::", "1:2:3:4:5:6:7:1.2.3.4",
    "1:2:3:4:5:6:1.2.3.4:5", "::ffff:1.2.3.04", "fe80::1%", "fe80::1%eth0%1",
    "%eth0", "::1%", "::1/128", "fe80::1%eth0/64", "1:2:3:4:5:6:7:8::",
    "::1:2:3:4:5:6:7:8", "1:2:3:4::5:6:7:8", "-1::", "::-1", "0x1::", "::ｆ",
    "1.2.3.4%eth0", "2001:db8::1 ", "\x00", "1.2.3.\x00", "::1%\x00x",
    "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "1:2:3:4:5:6:7:8%",
]
invalid = []
for text in invalid_inputs:
    rec = {"input": text}
    for name, fn in (("ip_address", ip.ip_address), ("IPv4Address", ip.IPv4Address),
                     ("IPv6Address", ip.IPv6Address)):
        rec[name] = attempt(lambda fn=fn: repr(fn(text)))
    invalid.append(rec)

# --- integer and packed inputs --------------------------------------------

int_inputs = [0, 1, 3221225985, V4_MAX, V4_MAX + 1, 42540766411282592856903984951653826561,
              V6_MAX, -1, -(2**31), -(2**63)]
int_inputs += [rng.randrange(2**32) for _ in range(10)] + [rng.randrange(2**128) for _ in range(10)]
ints = []
for n in int_inputs:
    ints.append({
        "input": str(n),
        "ip_address": attempt(lambda: repr(ip.ip_address(n))),
        "IPv4Address": attempt(lambda: repr(ip.IPv4Address(n))),
        "IPv6Address": attempt(lambda: repr(ip.IPv6Address(n))),
        "ip_network": attempt(lambda: repr(ip.ip_network(n))),
        "ip_interface": attempt(lambda: repr(ip.ip_interface(n))),
    })

bytes_inputs = [b"", b"\x01", b"\xc0\xa8\x00\x0f", b"abc", b"abcde", b"\x7f\x00\x00\x01",
                bytes(16), bytes(range(16)), bytes(15), bytes(17), b"'\"\\\n\t\xff" * 2,
                b"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\xff\xff\x01\x02\x03\x04"]
packed = []
for b in bytes_inputs:
    packed.append({
        "input": b.hex(),
        "ip_address": attempt(lambda: repr(ip.ip_address(b))),
        "IPv4Address": attempt(lambda: repr(ip.IPv4Address(b))),
        "IPv6Address": attempt(lambda: repr(ip.IPv6Address(b))),
        "ip_network": attempt(lambda: repr(ip.ip_network(b))),
    })

# Arithmetic past both ends of each version.
arith = []
for text, delta in [("255.255.255.255", 1), ("0.0.0.0", -1), ("10.0.0.1", 2**40),
                    ("10.0.0.1", -(2**40)), ("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", 1),
                    ("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", V6_MAX), ("::", -1),
                    ("::1", -V6_MAX), ("::1", 2**127), ("fe80::1%eth0", 1),
                    ("::ffff:1.2.3.4", 5), ("1.2.3.4", 0), ("1.2.3.4", -5)]:
    a = ip.ip_address(text)
    arith.append({"input": text, "delta": str(delta),
                  "add": attempt(lambda: repr(a + delta)),
                  "sub": attempt(lambda: repr(a - delta))})

# --- networks ---------------------------------------------------------------


def network_record(n):
    rec = {
        "str": str(n),
        "repr": repr(n),
        "version": n.version,
        "network_address": repr(n.network_address),
        "broadcast_address": repr(n.broadcast_address),
        "netmask": repr(n.netmask),
        "hostmask": repr(n.hostmask),
        "prefixlen": n.prefixlen,
        "num_addresses": str(n.num_addresses),
        "with_prefixlen": n.with_prefixlen,
        "with_netmask": n.with_netmask,
        "with_hostmask": n.with_hostmask,
        "exploded": attempt(lambda: n.exploded),
        "compressed": n.compressed,
        "reverse_pointer": attempt(lambda: n.reverse_pointer),
        "first_hosts": [repr(h) for h in itertools.islice(n.hosts(), 3)],
        "first_addresses": [repr(h) for h in itertools.islice(iter(n), 3)],
        "subnets": attempt(lambda: [str(s) for s in itertools.islice(n.subnets(), 4)]),
        "subnets_diff3": attempt(lambda: [str(s) for s in itertools.islice(n.subnets(prefixlen_diff=3), 4)]),
        "subnets_new_prefix_24": attempt(lambda: [str(s) for s in itertools.islice(n.subnets(new_prefix=24), 3)]),
        "supernet": attempt(lambda: str(n.supernet())),
        "supernet_diff5": attempt(lambda: str(n.supernet(prefixlen_diff=5))),
        "supernet_new_prefix_16": attempt(lambda: str(n.supernet(new_prefix=16))),
    }
    if getattr(n.network_address, "scope_id", None):
        unscoped = ip.IPv6Network((int(n.network_address), n.prefixlen))
        rec["unscoped_exploded"] = unscoped.exploded
        rec["unscoped_reverse_pointer"] = unscoped.reverse_pointer
    if n.num_addresses <= 4096:
        hosts = list(n.hosts())
        rec["hosts_count"] = len(hosts)
        rec["last_hosts"] = [repr(h) for h in hosts[-3:]]
    for prop in ("is_private", "is_global", "is_reserved", "is_multicast",
                 "is_loopback", "is_link_local", "is_unspecified"):
        rec[prop] = getattr(n, prop)
    if n.version == 6:
        rec["is_site_local"] = n.is_site_local
    return rec


net_inputs = []


def add_net(text):
    if text not in net_inputs:
        net_inputs.append(text)


for net in v4_blocks + v6_blocks:
    add_net(str(net))
    add_net(net.with_netmask)
    add_net(net.with_hostmask)
    if net.prefixlen > 0:
        add_net(str(net.supernet()))
    if net.prefixlen < net.max_prefixlen:
        add_net(f"{net.network_address + 1}/{net.prefixlen}")  # host bits
    if net.prefixlen < net.max_prefixlen:
        add_net(f"{next(net.subnets())}")
for text in [
    "192.168.0.0/24", "10.1.1.5/24", "10.0.0.0/8", "0.0.0.0/0", "::/0", "10.0.0.0/31",
    "10.0.0.1/31", "10.0.0.1/32", "10.0.0.0/30", "2001:db8::/127", "2001:db8::1/127",
    "2001:db8::1/128", "2001:db8::/126", "192.0.2.0/255.255.255.0", "192.0.2.0/0.0.0.255",
    "192.0.2.0/255.255.255.255", "192.0.2.0/0.0.0.0", "192.0.2.0/0024", "192.0.2.0/32",
    "192.0.2.1", "2001:db8::", "fe80::%eth0/64", "fe80::1%eth0/64", "fe80::1%eth0/128",
    "::ffff:0:0/96", "::ffff:1.2.3.0/120", "::ffff:1.2.3.4/128", "::ffff:127.0.0.1/128",
    "100.64.0.0/10", "100.64.0.0/16", "100.0.0.0/8", "192.0.0.0/29", "192.0.0.8/30",
    "2001::/23", "2001:1::/120", "2001:db8::/33", "fec0::/10", "ff00::/8", "::1/128",
    "::/128", "0.0.0.0/32", "255.255.255.255/32", "224.0.0.0/4", "240.0.0.0/4",
    "2001:db8::/ffff:ffff::", "10.0.0.0/33", "10.0.0.0/-1", "10.0.0.0/+8", "10.0.0.0/ 8",
    "10.0.0.0/8 ", "10.0.0.0/0x8", "10.0.0.0/", "10.0.0.0//8", "10.0.0.0/8/8",
    "10.0.0.0/255.0.255.0", "10.0.0.0/255.255.255.256", "10.0.0.0/١", "/8", "",
    "::/129", "::/-0", "300.0.0.0/8", "1.2.3/24", "fe80::%/64", "2001:db8::/64/",
    "10.0.0.0/255.0.0.0.0", "10.0.0.0/0.0.0.255.", "1.2.3.4/0.0.255.255",
    "1.2.0.0/0.0.255.255", "::/00000128", "10.0.0.0/08",
]:
    add_net(text)
for _ in range(120):
    v4 = ip.IPv4Address(rng.randrange(2**32))
    add_net(f"{v4}/{rng.randrange(33)}")
for _ in range(120):
    v6 = ip.IPv6Address(rng.randrange(2**128))
    p = rng.randrange(129)
    add_net(f"{ip.IPv6Network((v6, p), strict=False).network_address}/{p}")
    add_net(f"{v6}/{p}")

networks = []
for text in net_inputs:
    networks.append({
        "input": text,
        "strict": factory_result(ip.ip_network, text, network_record),
        "loose": factory_result(lambda t: ip.ip_network(t, strict=False), text, network_record),
        "IPv4Network": attempt(lambda: repr(ip.IPv4Network(text))),
        "IPv6Network": attempt(lambda: repr(ip.IPv6Network(text))),
    })

pair_inputs = [("10.0.0.0", 8), ("10.0.0.1", 8), ("10.0.0.0", 33), ("10.0.0.0", "255.0.0.0"),
               ("10.0.0.0", "0.255.255.255"), ("2001:db8::", 32), ("2001:db8::", "32"),
               ("2001:db8::", 129), ("fe80::%eth0", 64), ("bad", 8), ("10.0.0.5", "24")]
pairs = []
for addr, mask in pair_inputs:
    pairs.append({
        "addr": addr, "mask": mask,
        "ip_network": attempt(lambda: repr(ip.ip_network((addr, mask)))),
        "ip_network_loose": attempt(lambda: repr(ip.ip_network((addr, mask), strict=False))),
        "ip_interface": attempt(lambda: repr(ip.ip_interface((addr, mask)))),
        "ip_address": attempt(lambda: repr(ip.ip_address((addr, mask)))),
    })

# Relations between network pairs.
rel_nets = [ip.ip_network(t) for t in [
    "10.0.0.0/8", "10.1.0.0/16", "10.1.2.0/24", "11.0.0.0/8", "0.0.0.0/0", "10.0.0.0/9",
    "10.128.0.0/9", "10.1.2.3/32", "2001:db8::/32", "2001:db8:1::/48", "::/0",
    "2001:db8::1/128", "fe80::/10", "fe80::%eth0/64", "fe80::/64", "192.0.2.0/28",
    "192.0.2.1/32", "2001:db8::/126"]]
relations = []
for a in rel_nets:
    for b in rel_nets:
        relations.append({
            "a": str(a), "b": str(b),
            "overlaps": a.overlaps(b),
            "subnet_of": attempt(lambda: a.subnet_of(b)),
            "supernet_of": attempt(lambda: a.supernet_of(b)),
            "compare_networks": attempt(lambda: a.compare_networks(b)),
            "contains_network_address": b.network_address in a,
            "eq": a == b,
            "address_exclude": attempt(lambda: [str(x) for x in a.address_exclude(b)]),
        })

# --- interfaces -------------------------------------------------------------


def interface_record(i):
    rec = {
        "str": str(i),
        "repr": repr(i),
        "version": i.version,
        "ip": repr(i.ip),
        "network": repr(i.network),
        "netmask": repr(i.netmask),
        "hostmask": repr(i.hostmask),
        "with_prefixlen": i.with_prefixlen,
        "with_netmask": i.with_netmask,
        "with_hostmask": i.with_hostmask,
        "exploded": attempt(lambda: i.exploded),
        "compressed": i.compressed,
        "reverse_pointer": attempt(lambda: i.reverse_pointer),
        "packed": i.packed.hex(),
        "int": str(int(i)),
    }
    for prop in ("is_private", "is_global", "is_reserved", "is_multicast",
                 "is_loopback", "is_link_local", "is_unspecified"):
        rec[prop] = getattr(i, prop)
    if i.version == 6:
        rec["is_site_local"] = i.is_site_local
        rec["scope_id"] = i.scope_id
    return rec


iface_inputs = []
for text in net_inputs:
    iface_inputs.append(text)
for text in ["192.168.100.10/24", "10.1.1.5/24", "::ffff:1.2.3.4/96", "::ffff:1.2.3.4/80",
             "::ffff:1.2.3.4/128", "::ffff:127.0.0.1/104", "fe80::1%eth0/64", "::/0", "::1/128",
             "::1/127", "::/128", "0.0.0.0/0", "0.0.0.0/32", "127.0.0.1/8", "2001:db8::1/64",
             "1.2.3.4"]:
    if text not in iface_inputs:
        iface_inputs.append(text)
interfaces = []
for text in iface_inputs:
    interfaces.append({"input": text,
                       "result": factory_result(ip.ip_interface, text, interface_record)})

out = {
    "python": sys.version.split()[0],
    "addresses": addresses,
    "invalid": invalid,
    "ints": ints,
    "packed": packed,
    "arithmetic": arith,
    "networks": networks,
    "pairs": pairs,
    "relations": relations,
    "interfaces": interfaces,
}
path = pathlib.Path(__file__).with_name("ipaddress.json")
path.write_text(dump(out, ascii_records=False), encoding="utf-8")
print(f"{path}: {len(addresses)} addresses, {len(invalid)} invalid strings, "
      f"{len(ints)} ints, {len(packed)} packed, {len(arith)} arithmetic, "
      f"{len(networks)} networks, {len(pairs)} pairs, {len(relations)} relations, "
      f"{len(interfaces)} interfaces")
