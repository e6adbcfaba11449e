#!/usr/bin/env python3
"""Loopback soak of `cintel serve` (issue 18): a fixed request rate, open loop, for SOAK_MINUTES.

Requests are scheduled at fixed times (start + i / RATE), whatever the previous ones are doing, and handed to a pool
of client threads with persistent connections; latency is measured from the scheduled time, so a server that falls
behind shows it (no coordinated omission). The mix alternates customer_rfm (1,000-customer body) and
purchasing_segmentation (2,000-customer body) by SEG_FRACTION. The server's RSS is sampled every RSS_INTERVAL seconds
(default 10; the per-minute line shows the sample at the minute's end). At the end: totals, 5xx split 503 / other,
RSS first / last / max and the least-squares slope of RSS over the last 2/3 of the run in MiB per 10 minutes.

--calibrate S runs a closed loop instead (CONCURRENCY clients back to back for S seconds) and prints the throughput,
which is how the default RATE was chosen. Standard library only; the target is always 127.0.0.1.
"""

import argparse
import os
import queue
import statistics
import sys
import threading
import time

sys.dont_write_bytecode = True  # no __pycache__ in bench/
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from robustness import Response, connect, endpoint_path, env, percentile, post_bytes, read_body, read_response, rss_kib  # noqa: E402


class Client:
    """One persistent connection; reconnects after an error or `Connection: close`."""

    def __init__(self, port, timeout):
        self.port, self.timeout = port, timeout
        self.sock, self.leftover = None, b""

    def send(self, raw):
        try:
            if self.sock is None:
                self.sock, self.leftover = connect(self.port, self.timeout), b""
            self.sock.sendall(raw)
            response, self.leftover = read_response(self.sock, time.monotonic() + self.timeout, buffer=self.leftover)
        except OSError as error:
            response = Response()
            response.error = str(error)
        if response.status is None or response.headers.get("connection", "").lower() == "close":
            self.close()
        return response

    def close(self):
        if self.sock:
            self.sock.close()
        self.sock = None


def status_class(status):
    if status is None:
        return "err"
    if status == 503:
        return "503"
    if status >= 500:
        return "5xx"
    return f"{status // 100}xx"


def calibrate(args, bodies):
    stop_at = time.monotonic() + args.calibrate
    results = []
    lock = threading.Lock()

    def loop(offset):
        client = Client(args.port, args.timeout)
        i = offset
        while time.monotonic() < stop_at:
            kind = pick(i, args.seg_fraction)
            start = time.monotonic()
            response = client.send(bodies[kind])
            with lock:
                results.append((kind, response.status, time.monotonic() - start))
            i += 1
        client.close()

    threads = [threading.Thread(target=loop, args=(k,), daemon=True) for k in range(args.concurrency)]
    begin = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(args.calibrate + args.timeout + 5)
    elapsed = time.monotonic() - begin
    ok = [r for r in results if r[1] == 200]
    print(f"calibration: {args.concurrency} closed-loop clients for {elapsed:.1f} s: {len(results)} requests, "
          f"{len(ok)} x 200, {len(results) - len(ok)} other; capacity {len(ok) / elapsed:.2f} req/s")
    for kind in ("rfm", "seg"):
        times = [r[2] for r in ok if r[0] == kind]
        if times:
            print(f"  {kind}: {len(times)} requests, median {statistics.median(times) * 1000:.0f} ms, "
                  f"p99 {percentile(times, 99) * 1000:.0f} ms")
    print(f"  a sustainable open-loop rate is about 50–60 % of capacity: {0.55 * len(ok) / elapsed:.2f} req/s")


def pick(i, seg_fraction):
    """Deterministic mix: request i is segmentation when the running share falls below seg_fraction."""
    return "seg" if int((i + 1) * seg_fraction) > int(i * seg_fraction) else "rfm"


def soak(args, bodies):
    duration = args.minutes * 60
    total = int(args.rate * duration)
    work = queue.Queue()
    records = []  # (scheduled, started, done, status, kind)
    lock = threading.Lock()
    rss = []  # (seconds since start, KiB)

    def worker():
        client = Client(args.port, args.timeout)
        while True:
            item = work.get()
            if item is None:
                break
            scheduled, kind = item
            started = time.monotonic()
            response = client.send(bodies[kind])
            with lock:
                records.append((scheduled, started, time.monotonic(), response.status, kind))
        client.close()

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(args.threads)]
    for thread in threads:
        thread.start()
    print(f"soak: {args.rate:g} req/s for {args.minutes:g} min ({total} requests), "
          f"{args.seg_fraction:.0%} purchasing_segmentation / rest customer_rfm, {args.threads} client threads, "
          f"open loop; latency from the scheduled time")
    print(f"{'min':>4} {'done':>6} {'2xx':>6} {'4xx':>5} {'503':>5} {'5xx':>5} {'err':>5} {'p50 ms':>8} {'p99 ms':>8} "
          f"{'RSS MiB':>8} {'backlog':>7}")
    start = time.monotonic()
    first = rss_kib(args.server_pid)
    if first is not None:
        rss.append((0.0, first))
    stop_monitor = threading.Event()
    printed = [0]  # whole minutes reported so far

    def monitor():
        next_sample = start + args.rss_interval
        next_minute = start + 60
        minute = 0
        while not stop_monitor.is_set():
            now = time.monotonic()
            wake = min(next_sample, next_minute)
            if now < wake:
                stop_monitor.wait(wake - now)
                continue
            if now >= next_sample:
                value = rss_kib(args.server_pid)
                if value is not None:
                    rss.append((now - start, value))
                next_sample += args.rss_interval
            if now >= next_minute:
                minute += 1
                report_minute(minute, next_minute - 60, next_minute)
                printed[0] = minute
                next_minute += 60

    def report_minute(minute, since, until):
        with lock:
            done = [r for r in records if since <= r[2] < until]
        classes = {}
        for r in done:
            classes[status_class(r[3])] = classes.get(status_class(r[3]), 0) + 1
        latencies = [r[2] - r[0] for r in done]
        rss_now = rss[-1][1] / 1024 if rss else float("nan")
        print(f"{minute:>4} {len(done):>6} {classes.get('2xx', 0):>6} {classes.get('4xx', 0):>5} "
              f"{classes.get('503', 0):>5} {classes.get('5xx', 0):>5} {classes.get('err', 0):>5} "
              f"{percentile(latencies, 50) * 1000:>8.0f} {percentile(latencies, 99) * 1000:>8.0f} {rss_now:>8.1f} "
              f"{work.qsize():>7}", flush=True)

    monitor_thread = threading.Thread(target=monitor, daemon=True)
    monitor_thread.start()
    for i in range(total):  # the schedule: bounded in count and, by construction, in time
        scheduled = start + i / args.rate
        delay = scheduled - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        work.put((scheduled, pick(i, args.seg_fraction)))
    remaining = start + duration - time.monotonic()
    if remaining > 0:
        time.sleep(remaining)
    for _ in threads:
        work.put(None)
    drain_deadline = time.monotonic() + args.timeout + 5
    for thread in threads:
        thread.join(max(0.1, drain_deadline - time.monotonic()))
    stop_monitor.set()
    monitor_thread.join(2)
    whole = printed[0]
    with lock:
        tail_done = any(r[2] >= start + whole * 60 for r in records)
    if tail_done:  # what came after the last reported minute, including the drain (may be a partial minute)
        report_minute(whole + 1, start + whole * 60, float("inf"))
    last = rss_kib(args.server_pid)
    if last is not None:
        rss.append((time.monotonic() - start, last))

    with lock:
        done = list(records)
    classes = {}
    for r in done:
        classes[status_class(r[3])] = classes.get(status_class(r[3]), 0) + 1
    latencies = [r[2] - r[0] for r in done]
    late = sum(1 for r in done if r[1] - r[0] > 0.1)
    print(f"total: {len(done)} of {total} scheduled requests answered; {classes}")
    print(f"  5xx: {classes.get('503', 0) + classes.get('5xx', 0)} (503 {classes.get('503', 0)}, other "
          f"{classes.get('5xx', 0)}); no response: {classes.get('err', 0)}; started >100 ms late: {late}")
    if latencies:
        print(f"  latency from schedule: p50 {percentile(latencies, 50) * 1000:.0f} ms  p99 "
              f"{percentile(latencies, 99) * 1000:.0f} ms  max {max(latencies) * 1000:.0f} ms (the mix is bimodal: "
              f"the overall p50 sits between the endpoints)")
        for kind, name in (("rfm", "customer_rfm"), ("seg", "purchasing_segmentation")):
            own = [r[2] - r[0] for r in done if r[4] == kind]
            if own:
                print(f"    {name}: {len(own)} requests, p50 {percentile(own, 50) * 1000:.0f} ms  "
                      f"p99 {percentile(own, 99) * 1000:.0f} ms")
    if rss:
        values = [v / 1024 for _, v in rss]
        print(f"  RSS MiB: first {values[0]:.1f}  last {values[-1]:.1f}  max {max(values):.1f} ({len(rss)} samples)")
        tail = [(t, v / 1024) for t, v in rss if t >= duration / 3]
        if len(tail) >= 2:
            mean_t = statistics.fmean(t for t, _ in tail)
            mean_v = statistics.fmean(v for _, v in tail)
            denominator = sum((t - mean_t) ** 2 for t, _ in tail)
            slope = sum((t - mean_t) * (v - mean_v) for t, v in tail) / denominator if denominator else 0.0
            print(f"  RSS slope over the last 2/3 ({len(tail)} samples): {slope * 600:+.2f} MiB per 10 min "
                  f"(flat memory ≈ 0)")
        else:
            print("  RSS slope: too few samples")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=env("PORT", 18095, int))
    parser.add_argument("--server-pid", type=int, default=env("SERVER_PID", 0, int))
    parser.add_argument("--rate", type=float, default=env("RATE", 2.5, float), help="requests per second")
    parser.add_argument("--minutes", type=float, default=env("SOAK_MINUTES", 30.0, float))
    parser.add_argument("--threads", type=int, default=env("THREADS", 16, int), help="client threads")
    parser.add_argument("--seg-fraction", type=float, default=env("SEG_FRACTION", 0.5, float))
    parser.add_argument("--rss-interval", type=float, default=env("RSS_INTERVAL", 10.0, float))
    parser.add_argument("--timeout", type=float, default=env("REQUEST_TIMEOUT", 60.0, float))
    parser.add_argument("--rfm-body", default=os.environ.get("RFM_BODY"), required=not os.environ.get("RFM_BODY"))
    parser.add_argument("--seg-body", default=os.environ.get("SEG_BODY"), required=not os.environ.get("SEG_BODY"))
    parser.add_argument("--calibrate", type=float, default=env("CALIBRATE", 0.0, float),
                        help="seconds of closed-loop capacity measurement instead of a soak")
    parser.add_argument("--concurrency", type=int, default=env("MAX_CONCURRENT", 4, int))
    args = parser.parse_args()
    if args.rate <= 0 or args.minutes <= 0 or args.threads < 1:
        parser.error("--rate, --minutes must be positive and --threads at least 1")
    bodies = {
        "rfm": post_bytes(endpoint_path("customer_rfm"), read_body(args.rfm_body)),
        "seg": post_bytes(endpoint_path("purchasing_segmentation"), read_body(args.seg_body)),
    }
    if args.calibrate > 0:
        calibrate(args, bodies)
    else:
        soak(args, bodies)


if __name__ == "__main__":
    main()
