"""Python side of `netlib/benches/run`: inputs, CPython timings, report.

Subcommands (the shell script calls them in this order):

  gen     write the deterministic inputs both sides read (fixed seed)
  run     time CPython's ipaddress / urllib.parse / socket / binascii on them
  report  join CPython's figures with criterion's, print the ratio table,
          write build/bench/micro.json; exit 1 if a checksum disagrees

Each timed pass runs one operation over every input item (1,000,000 by
default) in a plain `for` loop, the way a student would write it; timeit
repeats the pass and the median is kept. Each pass also keeps a count or a
sum of what it produced, so that neither side can skip work and so that both
sides can be compared: a checksum that differs between netlib and CPython
fails the run (the timings would compare different work).
"""

import argparse
import binascii
import ipaddress
import json
import platform
import random
import socket
import statistics
import sys
import time
import timeit
import zlib
from pathlib import Path
from urllib.parse import urlparse

# Changing the generator changes the inputs: bump this so that old input
# files are rewritten by `gen`.
GENERATOR_VERSION = 1
SEED = 20240605

OPS = ("parse_classify", "urlparse", "inet_aton_ntoa", "hexlify")
TITLES = {
    "parse_classify": "ip_address + is_private + is_global",
    "urlparse": "urlparse",
    "inet_aton_ntoa": "inet_ntoa(inet_aton(s))",
    "hexlify": "hexlify (16 bytes)",
}
# Issue 5's targets: netlib at least this many times faster than CPython.
TARGETS = {"parse_classify": 50.0, "urlparse": 20.0}


# ---------------------------------------------------------------- inputs ---

V4_BLOCKS = [
    ("0.0.0.0", 8), ("10.0.0.0", 8), ("100.64.0.0", 10), ("127.0.0.0", 8),
    ("169.254.0.0", 16), ("172.16.0.0", 12), ("192.0.0.0", 24),
    ("192.0.0.8", 31), ("192.0.2.0", 24), ("192.31.196.0", 24),
    ("192.52.193.0", 24), ("192.88.99.0", 24), ("192.168.0.0", 16),
    ("192.175.48.0", 24), ("198.18.0.0", 15), ("198.51.100.0", 24),
    ("203.0.113.0", 24), ("224.0.0.0", 4), ("240.0.0.0", 4),
    ("255.255.255.255", 32),
]
V6_BLOCKS = [
    ("::", 127), ("::ffff:0:0", 96), ("64:ff9b::", 96), ("64:ff9b:1::", 48),
    ("100::", 64), ("2001::", 23), ("2001:1::", 112), ("2001:2::", 48),
    ("2001:3::", 32), ("2001:4:112::", 48), ("2001:10::", 28),
    ("2001:20::", 28), ("2001:db8::", 32), ("2002::", 16), ("3fff::", 20),
    ("5f00::", 16), ("fc00::", 7), ("fe80::", 10), ("fec0::", 10),
    ("ff00::", 8),
]
BAD_ADDRESSES = [
    "300.1.1.1", "1.2.3", "01.2.3.4", "1.2.3.4.5", "1:2:3:4:5:6:7:8:9",
    "fe80:::1", "host.example", "1.2.3.4/24", "::ffff:1.2.3", "12345::",
    "g::1", "1.2.3.-4", "::1%", ":1::2",
]
SCOPES = ["eth0", "1", "lo", "wlan0"]


def _in_block(rng, base, prefix, bits):
    host_bits = bits - prefix
    start = int(ipaddress.ip_address(base))
    return start + (rng.getrandbits(host_bits) if host_bits else 0)


def gen_address(rng):
    """One address string: mostly valid, both families, varied text forms."""
    r = rng.random()
    if r < 0.25:
        return str(ipaddress.IPv4Address(rng.getrandbits(32)))
    if r < 0.55:
        base, prefix = rng.choice(V4_BLOCKS)
        return str(ipaddress.IPv4Address(_in_block(rng, base, prefix, 32)))
    if r < 0.70:
        value = (0x2000 << 112) | rng.getrandbits(125)
    elif r < 0.98:
        base, prefix = rng.choice(V6_BLOCKS)
        value = _in_block(rng, base, prefix, 128)
    elif r < 0.99:
        value = (0xFE80 << 112) | rng.getrandbits(64)
        return f"{ipaddress.IPv6Address(value)}%{rng.choice(SCOPES)}"
    else:
        return rng.choice(BAD_ADDRESSES)
    addr = ipaddress.IPv6Address(value)
    form = rng.random()
    if form < 0.70:
        return str(addr)
    if form < 0.85:
        return addr.exploded
    if form < 0.95:
        return str(addr).upper()
    # The mixed form: last 32 bits as a dotted quad.
    packed = addr.packed
    head = ipaddress.IPv6Address(packed[:12] + b"\0\0\0\0").exploded[:29]
    return f"{head}:{ipaddress.IPv4Address(packed[12:])}"


SCHEMES = ["http", "https", "ftp", "ws", "wss", "git+ssh", "svn+ssh", "rtsp",
           "HTTP", "sftp", "s3", "custom-scheme.v2"]
WORDS = ["www", "api", "mail", "cdn", "static", "example", "python", "rust",
         "docs", "net", "lesson", "uni", "ac", "kr", "org", "com"]
TLDS = ["com", "org", "net", "kr", "ac.kr", "io", "dev"]


def _host(rng):
    r = rng.random()
    if r < 0.70:
        labels = [rng.choice(WORDS) + str(rng.randrange(100))
                  for _ in range(rng.randrange(1, 4))]
        return ".".join(labels) + "." + rng.choice(TLDS)
    if r < 0.85:
        return str(ipaddress.IPv4Address(rng.getrandbits(32)))
    if r < 0.95:
        return f"[{ipaddress.IPv6Address(rng.getrandbits(128))}]"
    return rng.choice(["localhost", "LOCALHOST", "Example.COM",
                       f"[fe80::{rng.randrange(1 << 16):x}%25eth0]"])


def _path(rng):
    segments = [rng.choice(WORDS) + (str(rng.randrange(1000)) if rng.random() < 0.5 else "")
                for _ in range(rng.randrange(0, 5))]
    path = "/" + "/".join(segments)
    if rng.random() < 0.15:
        path += ".html"
    if rng.random() < 0.10:
        path += "/%7Eguido/%EC%95%88%EB%85%95"
    if rng.random() < 0.10:
        path += f";type={rng.choice(['a', 'i', 'd'])}"
    return path


def gen_url(rng):
    """One URL: schemes, userinfo, ports, IPv6 hosts, params, query, fragment."""
    r = rng.random()
    if r < 0.05:
        # Relative references and scheme-less forms.
        return rng.choice([
            f"//{_host(rng)}{_path(rng)}",
            f"{_path(rng)}?q={rng.randrange(10**6)}",
            f"../{rng.choice(WORDS)}/{rng.randrange(1000)}#top",
            f"{rng.choice(WORDS)}{rng.randrange(1000)}.html",
        ])
    if r < 0.08:
        return rng.choice([
            f"mailto:{rng.choice(WORDS)}{rng.randrange(1000)}@example.com",
            f"file:///home/{rng.choice(WORDS)}/{rng.randrange(1000)}.txt",
            f"urn:isbn:{rng.randrange(10**12)}",
            f"news:comp.lang.python.{rng.randrange(1000)}",
            f"data:text/plain;base64,{rng.randrange(10**9):x}",
        ])
    if r < 0.085:
        # Unbalanced brackets: ValueError('Invalid IPv6 URL') on both sides.
        return f"http://[{ipaddress.IPv6Address(rng.getrandbits(128))}/x"
    url = rng.choice(SCHEMES) + "://"
    u = rng.random()
    if u < 0.10:
        url += f"user{rng.randrange(1000)}@"
    elif u < 0.15:
        url += f"user{rng.randrange(1000)}:pw{rng.randrange(10**6)}@"
    elif u < 0.16:
        url += ":@"
    url += _host(rng)
    p = rng.random()
    if p < 0.25:
        url += f":{rng.randrange(65536)}"
    elif p < 0.28:
        url += rng.choice([":", ":80", ":443", ":0", ":065535"])
    elif p < 0.30:
        # Bad ports: urlparse accepts them, .port raises ValueError.
        url += rng.choice([f":{rng.randrange(65536, 10**6)}", ":http", ":-1", ": 80"])
    url += _path(rng)
    if rng.random() < 0.45:
        pairs = [f"{rng.choice(WORDS)}={rng.randrange(10**6)}"
                 for _ in range(rng.randrange(1, 5))]
        url += "?" + "&".join(pairs)
    if rng.random() < 0.20:
        url += "#" + rng.choice(WORDS) + str(rng.randrange(100))
    return url


def gen_inet(rng):
    """inet_aton input: dotted quads, the C library's short forms, rejects."""
    r = rng.random()
    n = rng.getrandbits(32)
    if r < 0.80:
        return str(ipaddress.IPv4Address(n))
    if r < 0.85:
        return f"{n >> 24}.{n & 0xFFFFFF}"
    if r < 0.90:
        return f"{n >> 24}.{(n >> 16) & 0xFF}.{n & 0xFFFF}"
    if r < 0.93:
        return f"0x{n >> 24:x}.{(n >> 16) & 0xFF}.0{(n >> 8) & 0xFF:o}.{n & 0xFF}"
    if r < 0.95:
        return str(n)
    return rng.choice(["256.1.1.1", "1.2.3.4.5", "a.b.c.d", "1..2.3", "1.2.3.4x",
                       "0x100000000", "1.2.3.256", " 1.2.3.4"])


def cmd_gen(args):
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    manifest = {"generator": GENERATOR_VERSION, "seed": SEED, "count": args.count}
    manifest_path = out / "manifest.json"
    if manifest_path.exists() and json.loads(manifest_path.read_text()) == manifest:
        print(f"inputs up to date in {out}")
        return 0
    started = time.perf_counter()
    for name, gen in (("addresses", gen_address), ("urls", gen_url), ("inet", gen_inet)):
        # A generator per file, so that changing one kind of input leaves the
        # others as they were.
        rng = random.Random(f"{SEED}-{name}")
        lines = [gen(rng) for _ in range(args.count)]
        assert all("\n" not in s and s for s in lines)
        (out / f"{name}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    rng = random.Random(f"{SEED}-hex")
    (out / "hex.bin").write_bytes(rng.randbytes(16 * args.count))
    manifest_path.write_text(json.dumps(manifest) + "\n")
    print(f"wrote {args.count:,} inputs of each kind to {out} "
          f"in {time.perf_counter() - started:.1f} s")
    return 0


def load_inputs(directory):
    d = Path(directory)

    def lines(name):
        return (d / f"{name}.txt").read_text(encoding="utf-8").split("\n")[:-1]

    raw = (d / "hex.bin").read_bytes()
    return {
        "parse_classify": lines("addresses"),
        "urlparse": lines("urls"),
        "inet_aton_ntoa": lines("inet"),
        "hexlify": [raw[i:i + 16] for i in range(0, len(raw), 16)],
    }


# ------------------------------------------------------------ timed passes ---
# Each pass is what a student would write; the accumulators are cheap next to
# the call they follow and are mirrored exactly in netlib/benches/micro.rs.

def pass_parse_classify(items):
    ip_address = ipaddress.ip_address
    private = global_ = errors = 0
    for s in items:
        try:
            a = ip_address(s)
        except ValueError:
            errors += 1
            continue
        if a.is_private:
            private += 1
        if a.is_global:
            global_ += 1
    return {"private": private, "global": global_, "errors": errors}


def pass_urlparse(items):
    errors = netloc_len = 0
    for u in items:
        try:
            r = urlparse(u)
        except ValueError:
            errors += 1
            continue
        netloc_len += len(r.netloc)
    return {"errors": errors, "netloc_chars": netloc_len}


def pass_inet(items):
    inet_aton, inet_ntoa = socket.inet_aton, socket.inet_ntoa
    errors = chars = 0
    for s in items:
        try:
            chars += len(inet_ntoa(inet_aton(s)))
        except OSError:
            errors += 1
    return {"errors": errors, "chars": chars}


def pass_hexlify(items):
    hexlify = binascii.hexlify
    total = 0
    for b in items:
        # The last digit keeps the value in use without hashing 32 MB.
        total += hexlify(b)[31]
    return {"last_digit_sum": total}


PASSES = {
    "parse_classify": pass_parse_classify,
    "urlparse": pass_urlparse,
    "inet_aton_ntoa": pass_inet,
    "hexlify": pass_hexlify,
}


# ------------------------------------------------------ untimed full checks ---
# Run once, outside the timings: these look at every field, so a difference
# that the cheap accumulators miss still fails the run.

def verify_urlparse(items):
    errors = port_sum = port_count = port_errors = 0
    field_chars = hostnames = hostname_chars = usernames = passwords = 0
    crc = 0
    for u in items:
        try:
            r = urlparse(u)
        except ValueError:
            errors += 1
            continue
        field_chars += sum(len(f) for f in r)
        crc = zlib.crc32("\x1f".join(r).encode() + b"\x1e", crc)
        try:
            port = r.port
        except ValueError:
            port_errors += 1
        else:
            if port is not None:
                port_count += 1
                port_sum += port
        h = r.hostname
        if h is not None:
            hostnames += 1
            hostname_chars += len(h)
        usernames += r.username is not None
        passwords += r.password is not None
    return {"errors": errors, "field_chars": field_chars, "fields_crc32": crc,
            "port_sum": port_sum, "ports": port_count, "port_errors": port_errors,
            "hostnames": hostnames, "hostname_chars": hostname_chars,
            "usernames": usernames, "passwords": passwords}


def verify_inet(items):
    errors = 0
    crc = 0
    for s in items:
        try:
            crc = zlib.crc32(socket.inet_ntoa(socket.inet_aton(s)).encode() + b"\n", crc)
        except OSError:
            errors += 1
    return {"errors": errors, "text_crc32": crc}


def verify_hexlify(items):
    return {"hex_crc32": zlib.crc32(b"".join(binascii.hexlify(b) for b in items))}


VERIFY = {"urlparse": verify_urlparse, "inet_aton_ntoa": verify_inet,
          "hexlify": verify_hexlify}


def cmd_run(args):
    inputs = load_inputs(args.inputs)
    ops = args.ops.split(",") if args.ops else list(OPS)
    result = {
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "rounds": args.rounds,
        "ops": {},
    }
    print(f"CPython {platform.python_version()}: {args.rounds} rounds per operation")
    for op in ops:
        items = inputs[op]
        fn = PASSES[op]
        outcomes = []
        # timeit turns the garbage collector off while it times, as it does
        # for any `python -m timeit`; the rounds are whole passes.
        times = timeit.repeat(lambda: outcomes.append(fn(items)), number=1,
                              repeat=args.rounds)
        checks = outcomes[0]
        assert all(o == checks for o in outcomes), f"{op}: rounds disagree"
        for name, value in VERIFY.get(op, lambda _: {})(items).items():
            checks[f"verify_{name}"] = value
        checks["items"] = len(items)
        result["ops"][op] = {"median_s": statistics.median(times),
                             "rounds_s": times, "checksum": checks}
        print(f"  {op:<16} median {statistics.median(times):8.3f} s  "
              f"(rounds: {', '.join(f'{t:.3f}' for t in times)})", flush=True)
    Path(args.json).parent.mkdir(parents=True, exist_ok=True)
    Path(args.json).write_text(json.dumps(result, indent=2) + "\n")
    return 0


# ----------------------------------------------------------------- report ---

def _fmt_time(seconds):
    if seconds >= 1:
        return f"{seconds:.2f} s"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.1f} ms"
    return f"{seconds * 1e6:.0f} µs"


def cmd_report(args):
    py = json.loads(Path(args.python).read_text())
    rust_checks = json.loads(Path(args.rust_checksums).read_text())
    crit = Path(args.criterion)
    rows, failed = [], False
    for op in OPS:
        if op not in py["ops"]:
            continue
        est_path = crit / args.group / op / "new" / "estimates.json"
        est = json.loads(est_path.read_text())
        rust_s = est["median"]["point_estimate"] / 1e9
        lo = est["median"]["confidence_interval"]["lower_bound"] / 1e9
        hi = est["median"]["confidence_interval"]["upper_bound"] / 1e9
        py_op = py["ops"][op]
        py_s = py_op["median_s"]
        ratio = py_s / rust_s
        target = TARGETS.get(op)
        same = rust_checks.get(op) == py_op["checksum"]
        failed |= not same
        rows.append({
            "op": op, "title": TITLES[op], "items": py_op["checksum"]["items"],
            "rust_median_s": rust_s, "rust_median_ci_s": [lo, hi],
            "python_median_s": py_s, "python_rounds_s": py_op["rounds_s"],
            "ratio": ratio, "target": target,
            "target_met": None if target is None else ratio >= target,
            "checksum_equal": same, "checksum": py_op["checksum"],
            "rust_checksum": rust_checks.get(op),
        })

    header = f"{'operation (1M items)':<38} {'netlib':>10} {'CPython':>10} {'ratio':>8}  target"
    print()
    print(header)
    print("-" * len(header))
    for r in rows:
        if r["target"] is None:
            target = "-"
        else:
            target = f">= {r['target']:.0f}x {'met' if r['target_met'] else 'NOT met'}"
        print(f"{r['title']:<38} {_fmt_time(r['rust_median_s']):>10} "
              f"{_fmt_time(r['python_median_s']):>10} {r['ratio']:>7.1f}x  {target}")
    print()
    print(f"netlib: criterion median; CPython {py['python']}: median of "
          f"{py['rounds']} timeit rounds; ratio = CPython / netlib.")
    for r in rows:
        if not r["checksum_equal"]:
            ours, theirs = r["rust_checksum"] or {}, r["checksum"]
            keys = sorted(k for k in set(ours) | set(theirs) if ours.get(k) != theirs.get(k))
            print(f"CHECKSUM MISMATCH in {r['op']} (netlib and CPython did different "
                  f"work; the timings do not compare):", file=sys.stderr)
            for k in keys:
                print(f"  {k}: netlib {ours.get(k)}, CPython {theirs.get(k)}", file=sys.stderr)
    report = {
        "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "machine": {"cpus": _cpu_count(), "cpu": _cpu_model(),
                    "platform": platform.platform()},
        "python": py["python"],
        "rounds_python": py["rounds"],
        "results": rows,
        "checksums_equal": not failed,
    }
    Path(args.out).write_text(json.dumps(report, indent=2) + "\n")
    print(f"wrote {args.out}")
    return 1 if failed else 0


def _cpu_count():
    import os
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()


def _cpu_model():
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    g = sub.add_parser("gen")
    g.add_argument("--out", required=True)
    g.add_argument("--count", type=int, default=1_000_000)
    r = sub.add_parser("run")
    r.add_argument("--inputs", required=True)
    r.add_argument("--rounds", type=int, default=3)
    r.add_argument("--ops", default="")
    r.add_argument("--json", required=True)
    p = sub.add_parser("report")
    p.add_argument("--python", required=True)
    p.add_argument("--rust-checksums", required=True)
    p.add_argument("--criterion", required=True)
    p.add_argument("--group", default="netlib_micro")
    p.add_argument("--out", required=True)
    args = ap.parse_args()
    return {"gen": cmd_gen, "run": cmd_run, "report": cmd_report}[args.cmd](args)


if __name__ == "__main__":
    sys.exit(main())
