"""A class of N simulated students on ./kernel-setup/hub: lesson 01 through the real hub,
proxy and single-user servers (run by ./kernel-setup/bench/classroom, as root).

One hub serves every round, with trial accounts `nlbench01...` (removed at the
end). In each round N students log in through the hub's API (their Unix
password for a token) within the same minute (each at a moment drawn uniformly
from the first --login-spread seconds), start their servers, open lesson 01 on
Rust (netlib) and run its code cells in order, reading before each cell after
the first: a think time drawn log-uniformly from --think (default 5-60 s: more
short reads than long ones; a single number is an exponential mean instead).
One seeded generator per student, so every round and every run waits the same.
The first cell that binds a variable (a top-level `let`) is reported on its
own: it waited for rust-analyzer before evcxr patch 0016. Between rounds
every server is stopped and the students' build slots are deleted, so each
round is a class's first lesson (slots copied from the shared prebuilt cache).

Per round: login → first output (the first cell's), Shift+Enter → output
(first output message, or idle for a cell that shows nothing) median and p95
over every cell of every student, errors, resident memory (RSS and PSS of the
processes of each student's account, sampled every 2 s, each student's peak;
total = peak of the sum), CPU (busy share of all cores from /proc/stat, mean
and share of samples ≥ 95 %). Writes build/bench/classroom.json and prints a
Markdown table. The machine may be shared: the idle CPU before each round is
reported too.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import pwd
import math
import random
import re
import shutil
import statistics
import sys
import time
from pathlib import Path

from netlessons.hub import hub_client as hc

ROOT = Path(__file__).resolve().parents[2]
LESSON = "01-ipaddress-and-socket.ipynb"
# Lesson 01's cells that raise, as their Python twins do (code-18: no reverse DNS entry).
EXPECTED_ERRORS = {"py:code-18"}
SAMPLE_EVERY = 2.0


def percentile(values, q):
    if not values:
        return float("nan")
    values = sorted(values)
    k = (len(values) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def cpu_times():
    fields = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle + iowait
    return sum(fields[:8]), idle


def memory_of(uids):
    """{uid: (rss_bytes, pss_bytes)} summed over each account's processes."""
    out = {uid: [0, 0] for uid in uids}
    for p in Path("/proc").iterdir():
        if not p.name.isdigit():
            continue
        try:
            uid = p.stat().st_uid
            if uid not in out:
                continue
            for line in (p / "smaps_rollup").read_text().splitlines():
                if line.startswith("Rss:"):
                    out[uid][0] += int(line.split()[1]) * 1024
                elif line.startswith("Pss:"):
                    out[uid][1] += int(line.split()[1]) * 1024
        except (OSError, ValueError):
            continue
    return out


class Sampler:
    def __init__(self, uids):
        self.uids = uids
        self.peak = {uid: [0, 0] for uid in uids}
        self.peak_total = [0, 0]
        self.busy = []
        self._stop = asyncio.Event()

    async def run(self):
        last = cpu_times()
        while not self._stop.is_set():
            try:
                await asyncio.wait_for(self._stop.wait(), SAMPLE_EVERY)
            except asyncio.TimeoutError:
                pass
            now = cpu_times()
            total, idle = now[0] - last[0], now[1] - last[1]
            last = now
            if total > 0:
                self.busy.append(1 - idle / total)
            mem = await asyncio.to_thread(memory_of, self.uids)
            for uid, (rss, pss) in mem.items():
                self.peak[uid] = [max(self.peak[uid][0], rss), max(self.peak[uid][1], pss)]
            self.peak_total = [max(self.peak_total[0], sum(m[0] for m in mem.values())),
                               max(self.peak_total[1], sum(m[1] for m in mem.values()))]

    def stop(self):
        self._stop.set()


def idle_cpu(seconds=5.0):
    a = cpu_times()
    time.sleep(seconds)
    b = cpu_times()
    return 1 - (b[1] - a[1]) / max(1, b[0] - a[0])


def think_time(rng, think):
    """Seconds a student reads before the next cell: `think` is "LO-HI" (log-uniform)
    or a mean (exponential)."""
    if "-" in think:
        lo, hi = (float(x) for x in think.split("-"))
        return math.exp(rng.uniform(math.log(lo), math.log(hi)))
    mean = float(think)
    return rng.expovariate(1 / mean) if mean > 0 else 0.0


FIRST_LET = re.compile(r"^let\b", re.M)


async def one_student(hub, name, index, args):
    rng = random.Random(args.seed * 1000 + index)
    s = hc.Student(hub.base, name, hub.passwords[name])
    r = {"name": name, "latencies": [], "errors": [], "cell_errors": 0, "login_to_first_output_s": None,
         "first_let_s": None}
    await asyncio.sleep(rng.uniform(0, args.login_spread))
    t0 = time.monotonic()
    try:
        await s.login()
        # A failed start is an error the student saw; like them, the bench starts again.
        for failure in await s.start_server_as_a_student_would(timeout=args.timeout):
            r["errors"].append(f"SpawnFailed: {failure}")
        nb = await s.notebook(LESSON)
        await s.open(LESSON)
        cells = list(hc.code_cells(nb))[:args.cells]
        for i, (cell, code) in enumerate(cells):
            if i:
                await asyncio.sleep(think_time(rng, args.think))
            result = await s.execute(code, timeout=args.timeout)
            if i == 0:
                r["login_to_first_output_s"] = (result.first_output or result.done) - t0
            if r["first_let_s"] is None and FIRST_LET.search(code):
                r["first_let_s"] = result.latency
            r["latencies"].append(result.latency)
            tags = set(cell.get("metadata", {}).get("tags", []))
            if result.status != "ok" and not tags & EXPECTED_ERRORS:
                r["cell_errors"] += 1
                r["errors"].append(f"cell {i} ({', '.join(sorted(tags))}): {result.status}")
    except (hc.HubError, asyncio.TimeoutError, OSError) as exc:
        r["errors"].append(f"{type(exc).__name__}: {exc}"[:500])
    finally:
        try:
            await s.close()
            await s.stop_server()
        except (hc.HubError, OSError) as exc:
            r["errors"].append(f"stopping: {exc}"[:300])
    return r


async def one_round(hub, n, args):
    names = hub.names[:n]
    uids = [pwd.getpwnam(name).pw_uid for name in names]
    sampler = Sampler(uids)
    sampling = asyncio.create_task(sampler.run())
    started = time.monotonic()
    results = await asyncio.gather(
        *(one_student(hub, name, i, args) for i, name in enumerate(names))
    )
    wall = time.monotonic() - started
    sampler.stop()
    await sampling
    lat = [x for r in results for x in r["latencies"]]
    firsts = [r["login_to_first_output_s"] for r in results if r["login_to_first_output_s"] is not None]
    lets = [r["first_let_s"] for r in results if r["first_let_s"] is not None]
    gib = 1024**3
    per_rss = [sampler.peak[u][0] / gib for u in uids]
    per_pss = [sampler.peak[u][1] / gib for u in uids]
    return {
        "n": n,
        "wall_s": wall,
        "cells_run": len(lat),
        "login_to_first_output_median_s": statistics.median(firsts) if firsts else None,
        "login_to_first_output_max_s": max(firsts) if firsts else None,
        "cell_median_s": statistics.median(lat) if lat else None,
        "cell_p95_s": percentile(lat, 0.95) if lat else None,
        "cell_max_s": max(lat) if lat else None,
        "first_let_median_s": statistics.median(lets) if lets else None,
        "first_let_max_s": max(lets) if lets else None,
        "errors": sum(len(r["errors"]) for r in results),
        "error_texts": [e for r in results for e in r["errors"]][:20],
        "rss_per_student_gib": statistics.mean(per_rss),
        "pss_per_student_gib": statistics.mean(per_pss),
        "rss_total_gib": sampler.peak_total[0] / gib,
        "pss_total_gib": sampler.peak_total[1] / gib,
        "cpu_busy_mean": statistics.mean(sampler.busy) if sampler.busy else None,
        "cpu_saturated_share": (sum(b >= 0.95 for b in sampler.busy) / len(sampler.busy)) if sampler.busy else None,
    }


def reset_students(hub, names):
    """Each round a first lesson: no build slot left from the round before."""
    for name in names:
        state = Path(pwd.getpwnam(name).pw_dir) / ".netlessons" / "kernel"
        shutil.rmtree(state, ignore_errors=True)


def fmt(seconds):
    return "-" if seconds is None else f"{seconds:.2f}"


def table(rounds, think):
    lines = [
        "| students | login → first output, median / max (s) | Shift+Enter → output, median / p95 / max (s) | first `let`, median / max (s) | errors | RSS per student (GB) | PSS per student (GB) | RSS / PSS total (GB) | CPU busy, mean / ≥95 % of samples | CPU busy before the round |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rounds:
        lines.append(
            f"| {r['n']} | {r['login_to_first_output_median_s']:.1f} / {r['login_to_first_output_max_s']:.1f} "
            f"| {r['cell_median_s']:.2f} / {r['cell_p95_s']:.2f} / {r['cell_max_s']:.2f} "
            f"| {fmt(r['first_let_median_s'])} / {fmt(r['first_let_max_s'])} | {r['errors']} "
            f"| {r['rss_per_student_gib']:.2f} | {r['pss_per_student_gib']:.2f} | {r['rss_total_gib']:.1f} / {r['pss_total_gib']:.1f} "
            f"| {100 * r['cpu_busy_mean']:.0f} % / {100 * r['cpu_saturated_share']:.0f} % | {100 * r['busy_before']:.0f} % busy |"
        )
    per = ", ".join(str(r["cells_run"] // max(1, r["n"])) for r in rounds)
    kind = f"log-uniform {think} s" if "-" in think else f"exponential, mean {think} s"
    lines.append(f"\n(think time {kind}; cells run per student: {per})")
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", default="10,20,40", help="class sizes, comma-separated (default 10,20,40)")
    ap.add_argument("--think", default="5-60",
                    help="think time before each cell, seconds: LO-HI log-uniform (default 5-60) or a mean (exponential)")
    ap.add_argument("--login-spread", type=float, default=60.0,
                    help="students log in at moments drawn from the first this-many seconds (default 60)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--cells", type=int, default=1000, help="run only the first K code cells")
    ap.add_argument("--prefix", default="/opt/netlessons", help="the shared install (as ./kernel-setup/hub --prefix)")
    ap.add_argument("--timeout", type=float, default=900, help="per server start and per cell, seconds")
    ap.add_argument("--out", default=str(ROOT / "build" / "bench" / "classroom.json"))
    args = ap.parse_args()
    if os.geteuid() != 0:
        sys.exit("run as root: the classroom benchmark creates trial accounts (removed at the end)")
    sizes = [int(x) for x in args.n.split(",") if x]
    hub = hc.HubProcess(max(sizes), args.prefix, name_prefix="nlbench", args=["--cull-idle", "0"])
    rounds = []
    try:
        print(f"==> starting the hub with {max(sizes)} trial accounts (log {hub.log.name})", flush=True)
        hub.start(timeout=3600)
        for n in sizes:
            reset_students(hub, hub.names[:n])
            before = idle_cpu()
            print(f"==> {n} student(s): CPU {100 * before:.0f} % busy before the round", flush=True)
            r = asyncio.run(one_round(hub, n, args))
            r["busy_before"] = before
            rounds.append(r)
            print(json.dumps({k: v for k, v in r.items() if k != "error_texts"}, indent=None), flush=True)
            for e in r["error_texts"]:
                print(f"    error: {e}", flush=True)
            out = Path(args.out)
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(json.dumps({"think_s": args.think, "seed": args.seed, "cells": args.cells,
                                       "cpus": os.cpu_count(), "rounds": rounds}, indent=1) + "\n")
    finally:
        # The hub's log (servers, kernels, the proxy) goes with the trial accounts:
        # a copy stays beside the JSON, for the errors a round reports.
        kept = Path(args.out).with_suffix(".hub.log")
        kept.parent.mkdir(parents=True, exist_ok=True)
        try:
            hub.log.flush()
            shutil.copyfile(hub.log.name, kept)
        except OSError as exc:
            print(f"the hub's log could not be kept: {exc}", flush=True)
        hub.cleanup()
    print(f"\nthe hub's log: {kept}")
    print()
    print(table(rounds, args.think))
    print(f"\nJSON: {args.out}")


if __name__ == "__main__":
    main()
