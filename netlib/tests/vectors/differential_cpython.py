"""CPython's side of the differential test (tests/differential/): every case
of differential_cases.py, evaluated by this interpreter (which must be 3.13).

    python3.13 differential_cpython.py --seed 1 --start 0 --count 30000

Prints one JSON line per case: the case ({"i", "op", "in"}) plus "py", the
full observable result, a dict of fields. A field holds a value (repr() and
str() of objects, properties, bytes as hex, big ints as text) or, where
Python raises, {"error": [class, str(exc)]}. Fields whose name starts with
"_" are not compared: they feed the expected-difference rules (for example
the exploded text of a scoped address without its scope id). The Rust side
(tests/differential/netlib_side.rs) computes the same fields through netlib.
"""

import argparse
import binascii
import ipaddress as ip
import itertools
import json
import socket
import sys
import urllib.parse as up

from differential_cases import cases

ADDRESS_PROPS = ("is_private", "is_global", "is_reserved", "is_multicast", "is_loopback",
                 "is_link_local", "is_unspecified")


def error(exc):
    cls = type(exc)
    if cls.__module__ in ("builtins", "ipaddress", "socket"):
        return {"error": [cls.__name__, str(exc)]}
    return {"error": [f"{cls.__module__}.{cls.__qualname__}", str(exc)]}


def attempt(fn):
    try:
        return fn()
    except Exception as exc:  # noqa: BLE001 - every exception is an observable result
        return error(exc)


def typed_repr(cls, text):
    return attempt(lambda: repr(cls(text)))


def props(obj, rec):
    for name in ADDRESS_PROPS:
        rec[name] = getattr(obj, name)
    if obj.version == 6:
        rec["is_site_local"] = obj.is_site_local


def address(a):
    rec = {"repr": repr(a), "str": str(a), "version": a.version, "int": str(int(a)),
           "packed": a.packed.hex(), "exploded": attempt(lambda: a.exploded),
           "compressed": a.compressed, "reverse_pointer": attempt(lambda: a.reverse_pointer),
           "plus_one": attempt(lambda: str(a + 1)), "minus_one": attempt(lambda: str(a - 1))}
    props(a, rec)
    if a.version == 6:
        rec["scope_id"] = a.scope_id
        rec["ipv4_mapped"] = None if a.ipv4_mapped is None else str(a.ipv4_mapped)
        rec["sixtofour"] = None if a.sixtofour is None else str(a.sixtofour)
        rec["teredo"] = None if a.teredo is None else [str(x) for x in a.teredo]
        if a.scope_id is not None:
            plain = ip.IPv6Address(int(a))
            rec["_unscoped_exploded"] = plain.exploded
            rec["_unscoped_reverse_pointer"] = plain.reverse_pointer
    else:
        rec["ipv6_mapped"] = str(a.ipv6_mapped)
    return rec


def network(n, diff, new_prefix):
    rec = {"repr": repr(n), "str": str(n), "version": n.version,
           "network_address": repr(n.network_address),
           "broadcast_address": repr(n.broadcast_address), "netmask": repr(n.netmask),
           "hostmask": repr(n.hostmask), "prefixlen": n.prefixlen,
           "num_addresses": str(n.num_addresses), "with_prefixlen": n.with_prefixlen,
           "with_netmask": n.with_netmask, "with_hostmask": n.with_hostmask,
           "exploded": attempt(lambda: n.exploded), "compressed": n.compressed,
           "reverse_pointer": attempt(lambda: n.reverse_pointer),
           "first_hosts": [repr(h) for h in itertools.islice(n.hosts(), 2)],
           "subnets": attempt(lambda: [str(s) for s in itertools.islice(n.subnets(), 2)]),
           "supernet": attempt(lambda: str(n.supernet())),
           "subnets_diff": attempt(lambda: [str(s) for s in itertools.islice(n.subnets(diff), 2)]),
           "subnets_new": attempt(lambda: [str(s) for s in itertools.islice(n.subnets(new_prefix=new_prefix), 2)]),
           "supernet_diff": attempt(lambda: str(n.supernet(diff))),
           "supernet_new": attempt(lambda: str(n.supernet(new_prefix=new_prefix)))}
    if n.num_addresses <= 4096:
        hosts = list(n.hosts())
        rec["hosts_count"] = len(hosts)
        rec["last_host"] = repr(hosts[-1]) if hosts else None
    props(n, rec)
    if getattr(n.network_address, "scope_id", None) is not None:
        plain = ip.IPv6Network((int(n.network_address), n.prefixlen))
        rec["_unscoped_exploded"] = plain.exploded
        rec["_unscoped_reverse_pointer"] = plain.reverse_pointer
    return rec


def relation(a, b):
    return {"overlaps": attempt(lambda: a.overlaps(b)),
            "subnet_of": attempt(lambda: a.subnet_of(b)),
            "supernet_of": attempt(lambda: a.supernet_of(b)),
            "compare_networks": attempt(lambda: a.compare_networks(b)),
            "contains": attempt(lambda: b.network_address in a), "eq": a == b,
            "address_exclude": attempt(lambda: [str(x) for x in a.address_exclude(b)])}


def interface(i):
    rec = {"repr": repr(i), "str": str(i), "version": i.version, "ip": repr(i.ip),
           "network": repr(i.network), "netmask": repr(i.netmask), "hostmask": repr(i.hostmask),
           "with_prefixlen": i.with_prefixlen, "with_netmask": i.with_netmask,
           "with_hostmask": i.with_hostmask, "exploded": attempt(lambda: i.exploded),
           "compressed": i.compressed, "reverse_pointer": attempt(lambda: i.reverse_pointer),
           "packed": i.packed.hex(), "int": str(int(i))}
    props(i, rec)
    if i.version == 6:
        rec["scope_id"] = i.scope_id
    return rec


def nested(rec, prefix, value, error_key):
    """A record's fields into rec under prefix, or an error under error_key."""
    if isinstance(value, dict) and "error" not in value:
        for k, v in value.items():
            rec[f"_{prefix}{k[1:]}" if k.startswith("_") else f"{prefix}{k}"] = v
    else:
        rec[error_key] = value


def url_result(res, rec, prefix):
    for k, v in res._asdict().items():
        rec[prefix + k] = v
    rec[prefix + "repr"] = repr(res)
    rec[prefix + "str"] = str(res)
    rec[prefix + "geturl"] = res.geturl()
    for attr in ("username", "password", "hostname", "port"):
        rec[prefix + attr] = attempt(lambda: getattr(res, attr))


def evaluate(op, inp):
    rec = {}
    if op == "address":
        text = inp["text"]
        nested(rec, "", attempt(lambda: address(ip.ip_address(text))), "ip_address")
        rec["IPv4Address"] = typed_repr(ip.IPv4Address, text)
        rec["IPv6Address"] = typed_repr(ip.IPv6Address, text)
        n, packed = int(inp["int"]), bytes.fromhex(inp["packed"])
        for name, fn in (("ip_address", ip.ip_address), ("ip_network", ip.ip_network),
                         ("ip_interface", ip.ip_interface), ("IPv4Address", ip.IPv4Address),
                         ("IPv6Address", ip.IPv6Address)):
            rec[f"int.{name}"] = attempt(lambda: repr(fn(n)))
            rec[f"packed.{name}"] = attempt(lambda: repr(fn(packed)))
    elif op == "network":
        text = inp["text"]
        k = (inp["diff"], inp["new_prefix"])
        nested(rec, "strict.", attempt(lambda: network(ip.ip_network(text), *k)), "strict")
        nested(rec, "loose.", attempt(lambda: network(ip.ip_network(text, strict=False), *k)), "loose")
        rec["IPv4Network"] = typed_repr(ip.IPv4Network, text)
        rec["IPv6Network"] = typed_repr(ip.IPv6Network, text)
        pair = tuple(inp["pair"])
        rec["pair.ip_network"] = attempt(lambda: repr(ip.ip_network(pair)))
        rec["pair.ip_network_loose"] = attempt(lambda: repr(ip.ip_network(pair, strict=False)))
        rec["pair.ip_interface"] = attempt(lambda: repr(ip.ip_interface(pair)))
        try:
            a = ip.ip_network(text, strict=False)
            b = ip.ip_network(inp["other"], strict=False)
        except ValueError:
            pass
        else:
            nested(rec, "rel.", relation(a, b), "rel")
    elif op == "interface":
        nested(rec, "", attempt(lambda: interface(ip.ip_interface(inp["text"]))), "ip_interface")
    elif op == "url":
        url, scheme, frag = inp["url"], inp["scheme"], inp["allow_fragments"]
        for name, fn, unfn in (("split.", up.urlsplit, up.urlunsplit),
                               ("parse.", up.urlparse, up.urlunparse)):
            try:
                res = fn(url, scheme, frag)
            except Exception as exc:  # noqa: BLE001
                rec[name.rstrip(".")] = error(exc)
            else:
                url_result(res, rec, name)
                rec[name + "unsplit"] = attempt(lambda: unfn(res))
        try:
            d = up.urldefrag(url)
        except Exception as exc:  # noqa: BLE001
            rec["defrag"] = error(exc)
        else:
            rec.update({"defrag.url": d.url, "defrag.fragment": d.fragment, "defrag.repr": repr(d),
                        "defrag.str": str(d), "defrag.geturl": d.geturl()})
    elif op == "unsplit":
        rec["urlunsplit"] = attempt(lambda: up.urlunsplit(inp["split"]))
        rec["urlunparse"] = attempt(lambda: up.urlunparse(inp["parse"]))
    elif op == "join":
        rec["urljoin"] = attempt(lambda: up.urljoin(inp["base"], inp["url"], inp["allow_fragments"]))
    elif op == "quote":
        s, safe, data = inp["s"], inp["safe"], bytes.fromhex(inp["bytes"])
        rec.update(quote=up.quote(s), quote_safe=up.quote(s, safe), quote_plus=up.quote_plus(s),
                   quote_plus_safe=up.quote_plus(s, safe), unquote=up.unquote(s),
                   unquote_plus=up.unquote_plus(s), unquote_to_bytes=up.unquote_to_bytes(s).hex(),
                   quote_from_bytes=up.quote_from_bytes(data, safe))
    elif op == "qs":
        args = (inp["qs"], inp["keep_blank_values"], inp["strict_parsing"])
        kw = {"max_num_fields": inp["max_num_fields"], "separator": inp["separator"]}
        rec["parse_qsl"] = attempt(lambda: [list(p) for p in up.parse_qsl(*args, **kw)])
        rec["parse_qs"] = attempt(lambda: [[k, v] for k, v in up.parse_qs(*args, **kw).items()])
    elif op == "inet":
        text, data = inp["text"], bytes.fromhex(inp["bytes"])
        rec["inet_aton"] = attempt(lambda: socket.inet_aton(text).hex())
        rec["inet_pton4"] = attempt(lambda: socket.inet_pton(socket.AF_INET, text).hex())
        rec["inet_pton6"] = attempt(lambda: socket.inet_pton(socket.AF_INET6, text).hex())
        rec["inet_ntoa"] = attempt(lambda: socket.inet_ntoa(data))
        rec["inet_ntop4"] = attempt(lambda: socket.inet_ntop(socket.AF_INET, data))
        rec["inet_ntop6"] = attempt(lambda: socket.inet_ntop(socket.AF_INET6, data))
    elif op == "hex":
        data, text = bytes.fromhex(inp["data"]), inp["text"]
        rec["hexlify"] = binascii.hexlify(data).decode("ascii")
        rec["hexlify_sep"] = attempt(
            lambda: binascii.hexlify(data, inp["sep"], inp["bytes_per_sep"]).decode("latin-1"))
        rec["crc32"] = binascii.crc32(data)
        rec["unhexlify"] = attempt(lambda: binascii.unhexlify(text).hex())
        rec["a2b_hex"] = attempt(lambda: binascii.a2b_hex(text).hex())
    else:
        raise ValueError(f"unknown op {op!r}")
    return rec


def main():
    if sys.version_info[:2] != (3, 13):
        sys.exit(f"differential_cpython.py needs CPython 3.13, this is {sys.version.split()[0]}")
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--start", type=int, default=0)
    ap.add_argument("--count", type=int, required=True)
    a = ap.parse_args()
    out = sys.stdout
    for case in cases(a.seed, a.start, a.count):
        case["py"] = evaluate(case["op"], case["in"])
        out.write(json.dumps(case) + "\n")
    out.flush()


if __name__ == "__main__":
    main()
