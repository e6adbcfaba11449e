#!/usr/bin/env python3
"""Robustness figures for `cintel serve` on loopback (issue 18). Standard library only.

Blocks (choose with --block; bench/robustness.sh runs each against a freshly started server):
  burst     2N requests released at one instant against --max-concurrent N: 200s, 503s, Retry-After, 503 latency.
  liveness  every compute slot busy; /healthz probed every 20 ms on its own connection; /readyz and HEAD /healthz.
  idle      50 idle and 10 slowloris connections: how many the server closes and when; one 100 KiB header.
  memory    server RSS while a large body is sent (hostile `{"customers":[0,0,...]}` or a real body from a file).

Every parameter is a flag with an environment default (see --help). Every loop is bounded in count and time.
The target is always 127.0.0.1: this client never talks to any other address.
"""

import argparse
import json
import os
import socket
import statistics
import sys
import threading
import time

HOST = "127.0.0.1"  # loopback only, by construction: there is no flag for the host


def env(name, default, kind=str):
    value = os.environ.get(name)
    return kind(value) if value not in (None, "") else default


# ---------------------------------------------------------------------------------------------------------------------
# Minimal HTTP/1.1 over raw sockets: we need control of every byte and of when the last one leaves.


def auth_headers():
    headers = {}
    if os.environ.get("API_ID"):
        headers["X-Customer-Api-Id"] = os.environ["API_ID"]
    if os.environ.get("API_SECRET"):
        headers["X-Secret"] = os.environ["API_SECRET"]
    return headers


def request_head(method, path, body_length=None, extra=None):
    lines = [f"{method} {path} HTTP/1.1", f"Host: {HOST}"]
    headers = dict(auth_headers())
    if body_length is not None:
        headers["Content-Type"] = "application/json"
        headers["Content-Length"] = str(body_length)
    headers.update(extra or {})
    lines += [f"{k}: {v}" for k, v in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def post_bytes(path, body, extra=None):
    return request_head("POST", path, len(body), extra) + body


def connect(port, timeout=30.0):
    sock = socket.create_connection((HOST, port), timeout=timeout)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return sock


class Response:
    def __init__(self):
        self.status = None
        self.headers = {}
        self.body = b""
        self.error = None  # "closed", "reset", "timeout" when no complete response arrived
        self.first_byte_at = None
        self.done_at = None

    def is_json(self):
        try:
            json.loads(self.body)
            return True
        except ValueError:
            return False

    def describe(self):
        if self.status is None:
            return f"no response ({self.error})"
        return str(self.status)


def read_response(sock, deadline, head_request=False, buffer=None):
    """Reads one response; returns (Response, leftover bytes). Never raises for network errors."""
    response = Response()
    data = buffer or b""
    need_more = not data

    def fill():
        nonlocal data
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise socket.timeout()
        sock.settimeout(remaining)
        chunk = sock.recv(262144)
        if not chunk:
            raise EOFError()
        if response.first_byte_at is None:
            response.first_byte_at = time.monotonic()
        data += chunk

    try:
        if need_more:
            fill()
        while b"\r\n\r\n" not in data:
            fill()
        head, data = data.split(b"\r\n\r\n", 1)
        lines = head.decode("latin-1").split("\r\n")
        response.status = int(lines[0].split(" ", 2)[1])
        for line in lines[1:]:
            name, _, value = line.partition(":")
            response.headers[name.strip().lower()] = value.strip()
        if head_request or response.status in (204, 304) or 100 <= response.status < 200:
            response.done_at = time.monotonic()
            return response, data
        if "content-length" in response.headers:
            length = int(response.headers["content-length"])
            while len(data) < length:
                fill()
            response.body, data = data[:length], data[length:]
        elif response.headers.get("transfer-encoding", "").lower() == "chunked":
            body = b""
            while True:
                while b"\r\n" not in data:
                    fill()
                size_line, data = data.split(b"\r\n", 1)
                size = int(size_line.split(b";")[0], 16)
                while len(data) < size + 2:
                    fill()
                body += data[:size]
                data = data[size + 2 :]
                if size == 0:
                    break
            response.body = body
        else:  # body until close
            try:
                while True:
                    fill()
            except EOFError:
                pass
            response.body, data = data, b""
        response.done_at = time.monotonic()
    except EOFError:
        response.error = "closed"
    except socket.timeout:
        response.error = "timeout"
    except (ConnectionResetError, BrokenPipeError):
        response.error = "reset"
    except OSError as error:
        response.error = f"error {error.errno}"
    if response.status is not None and response.done_at is None and response.error == "closed":
        response.done_at = time.monotonic()  # status line arrived; body cut short
    return response, data


def one_request(port, raw, timeout=30.0, head_request=False):
    try:
        sock = connect(port, timeout)
    except OSError as error:
        response = Response()
        response.error = f"connect {error}"
        return response
    try:
        sock.sendall(raw)
    except OSError:
        pass  # the server may have answered and closed; read what is there
    response, _ = read_response(sock, time.monotonic() + timeout, head_request)
    sock.close()
    return response


def percentile(values, p):
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[index]


def ms(seconds):
    return f"{seconds * 1000:.1f} ms"


def rss_kib(pid):
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def read_body(path):
    with open(path, "rb") as file:
        return file.read()


def endpoint_path(name):
    return f"/api/v1/ai/{name}"


# ---------------------------------------------------------------------------------------------------------------------
# 1. Burst beyond the concurrency bound


def block_burst(args):
    n = args.max_concurrent
    connections = 2 * n
    body = read_body(args.burst_body)
    raw = post_bytes(endpoint_path("purchasing_segmentation"), body)
    print(f"== 1. Burst beyond the concurrency bound: --max-concurrent {n}, {connections} connections, "
          f"purchasing_segmentation {len(body) / 1e6:.2f} MB body, {args.rounds} rounds ==")
    totals = {"200": 0, "503": 0, "other": 0}
    all_503_latency, all_200_latency, retry_after_missing = [], [], 0
    for round_number in range(1, args.rounds + 1):
        sockets = []
        try:
            for _ in range(connections):
                sockets.append(connect(args.port, args.request_timeout))
            for sock in sockets:  # everything but the last byte
                sock.sendall(raw[:-1])
            time.sleep(args.settle)  # let the server read every prefix
            responses = [None] * connections
            sent_at = [None] * connections
            ready = threading.Barrier(connections + 1)
            deadline = time.monotonic() + args.request_timeout

            def reader(i):
                ready.wait()
                responses[i], _ = read_response(sockets[i], deadline)

            threads = [threading.Thread(target=reader, args=(i,), daemon=True) for i in range(connections)]
            for thread in threads:
                thread.start()
            ready.wait()  # every reader is about to block in recv
            time.sleep(0.05)
            for i, sock in enumerate(sockets):  # the last bytes, in a tight loop
                sock.send(raw[-1:])
                sent_at[i] = time.monotonic()
            spread = sent_at[-1] - sent_at[0]
            for thread in threads:
                thread.join(args.request_timeout + 5)
        finally:
            for sock in sockets:
                sock.close()
        counts = {"200": 0, "503": 0, "other": 0}
        lat503, lat200, details = [], [], []
        for i, response in enumerate(responses):
            if response is None or response.status is None:
                counts["other"] += 1
                details.append(response.describe() if response else "no response")
                continue
            latency = response.done_at - sent_at[i]
            if response.status == 200:
                counts["200"] += 1
                lat200.append(latency)
            elif response.status == 503:
                counts["503"] += 1
                lat503.append(latency)
                has_retry = "retry-after" in response.headers
                retry_after_missing += 0 if has_retry else 1
                details.append(f"503 in {ms(latency)} Retry-After: {response.headers.get('retry-after', 'MISSING')}")
            else:
                counts["other"] += 1
                details.append(f"{response.status} in {ms(latency)}")
        for key in totals:
            totals[key] += counts[key]
        all_503_latency += lat503
        all_200_latency += lat200
        line = (f"  round {round_number}: 200 x{counts['200']}  503 x{counts['503']}  other x{counts['other']}  "
                f"(last bytes sent within {ms(spread)})")
        if lat200:
            line += f"  200s took {ms(min(lat200))}–{ms(max(lat200))}"
        print(line)
        for detail in details:
            print(f"      {detail}")
    print(f"  total: 200 x{totals['200']}  503 x{totals['503']}  other x{totals['other']} "
          f"(expected per round: {n} x 200, {n} x 503)")
    if all_503_latency:
        immediate = sum(1 for x in all_503_latency if x < args.immediate)
        print(f"  503 latency after the last byte: min {ms(min(all_503_latency))}  median "
              f"{ms(statistics.median(all_503_latency))}  max {ms(max(all_503_latency))}; "
              f"{immediate}/{len(all_503_latency)} under {ms(args.immediate)}")
        print(f"  503s with Retry-After: {len(all_503_latency) - retry_after_missing}/{len(all_503_latency)}")
    else:
        print("  no 503 at all: the bound did not refuse anything")


# ---------------------------------------------------------------------------------------------------------------------
# 2. Liveness while saturated


def block_liveness(args):
    n = args.max_concurrent
    body = read_body(args.long_body)
    raw = post_bytes(endpoint_path("purchasing_segmentation"), body)
    print(f"== 2. Liveness while saturated: {n} long purchasing_segmentation requests ({len(body) / 1e6:.2f} MB body) "
          f"kept in flight for {args.saturate_seconds:g} s; GET /healthz every {args.probe_interval * 1000:g} ms ==")
    stop_at = time.monotonic() + args.saturate_seconds
    stop = threading.Event()
    worker_results = []  # (status, seconds)
    lock = threading.Lock()
    in_flight = [0]

    def worker():
        sock = None
        leftover = b""
        while time.monotonic() < stop_at and not stop.is_set():
            with lock:
                in_flight[0] += 1
            start = time.monotonic()
            try:
                if sock is None:
                    sock = connect(args.port, args.request_timeout)
                    leftover = b""
                sock.sendall(raw)
                response, leftover = read_response(sock, start + args.request_timeout + 70, buffer=leftover)
            except OSError as error:
                response = Response()
                response.error = str(error)
            finally:
                with lock:
                    in_flight[0] -= 1
            with lock:
                worker_results.append((response.status, time.monotonic() - start, response.error))
            if response.status is None or response.headers.get("connection", "").lower() == "close":
                if sock:
                    sock.close()
                sock = None
        if sock:
            sock.close()

    probes, probe_failures, reconnects = [], [], [0]

    def prober():
        sock, leftover = None, b""
        next_at = time.monotonic()
        count = 0
        limit = int(args.saturate_seconds / args.probe_interval) + 50  # bounded in count too
        while time.monotonic() < stop_at and count < limit:
            count += 1
            try:
                if sock is None:
                    sock = connect(args.port, 10)
                    leftover = b""
                    reconnects[0] += 1
                start = time.monotonic()
                sock.sendall(request_head("GET", "/healthz"))
                response, leftover = read_response(sock, start + 10, buffer=leftover)
            except OSError as error:
                response = Response()
                response.error = str(error)
                start = time.monotonic()
            if response.status == 200:
                probes.append(response.done_at - start)
            else:
                probe_failures.append(response.describe())
                if sock:
                    sock.close()
                sock = None
            next_at += args.probe_interval
            delay = next_at - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            else:
                next_at = time.monotonic()  # a slow probe does not cause a catch-up storm
        if sock:
            sock.close()

    ready_during = []

    def ready_probes():
        times = [args.saturate_seconds * f for f in (0.25, 0.5, 0.75)]
        begin = stop_at - args.saturate_seconds
        for at in times:
            delay = begin + at - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            with lock:
                busy = in_flight[0]
            response = one_request(args.port, request_head("GET", "/readyz"), timeout=10)
            ready_during.append(f"{response.describe()} (t={at:.0f}s, {busy} in flight)")

    workers = [threading.Thread(target=worker, daemon=True) for _ in range(n)]
    for thread in workers:
        thread.start()
    time.sleep(min(1.0, args.saturate_seconds / 10))  # let the workers reach the compute slots
    probe_thread = threading.Thread(target=prober, daemon=True)
    ready_thread = threading.Thread(target=ready_probes, daemon=True)
    probe_thread.start()
    ready_thread.start()
    probe_thread.join(args.saturate_seconds + 30)
    ready_thread.join(args.saturate_seconds + 30)
    for thread in workers:  # each finishes its request in flight, then stops
        thread.join(args.request_timeout + 80)
    stop.set()

    statuses = {}
    for status, _, error in worker_results:
        key = str(status) if status else f"none({error})"
        statuses[key] = statuses.get(key, 0) + 1
    durations = [seconds for status, seconds, _ in worker_results if status == 200]
    print(f"  saturating requests: {len(worker_results)} done, statuses {statuses}"
          + (f", each took {min(durations):.2f}–{max(durations):.2f} s (median {statistics.median(durations):.2f} s)"
             if durations else ""))
    if probes:
        print(f"  GET /healthz while saturated: {len(probes)} probes OK, p50 {ms(percentile(probes, 50))}  "
              f"p99 {ms(percentile(probes, 99))}  max {ms(max(probes))}; failures {len(probe_failures)}"
              f"{' ' + str(sorted(set(probe_failures))) if probe_failures else ''}; connections used {reconnects[0]}")
    else:
        print(f"  GET /healthz while saturated: no successful probe; failures {probe_failures[:5]}")
    print(f"  GET /readyz while saturated: {'; '.join(ready_during)}")
    time.sleep(1.0)
    after = []
    for _ in range(3):
        after.append(one_request(args.port, request_head("GET", "/readyz"), timeout=10).describe())
        time.sleep(0.2)
    print(f"  GET /readyz when idle: {', '.join(after)}  (expected: 503 while every slot is busy, 200 when idle)")
    head = one_request(args.port, request_head("HEAD", "/healthz"), timeout=10, head_request=True)
    print(f"  HEAD /healthz: {head.describe()}")


# ---------------------------------------------------------------------------------------------------------------------
# 3. Idle and slow connections


def block_idle(args):
    t = args.idle_timeout
    give_up = 3 * t + 10
    print(f"== 3. Idle and slow connections: {args.idle_connections} idle + {args.slow_connections} slowloris, "
          f"watched for {give_up:g} s ==")
    if args.idle_flag_passed:
        print(f"  server started with --idle-timeout-seconds {t:g}")
    else:
        print(f"  note: this build's `cintel serve --help` has no --idle-timeout-seconds; server runs with its defaults "
              f"(the watch still lasts 3*{t:g}+10 s)")
    idle, slow = [], []
    opened_at = {}
    try:
        for _ in range(args.idle_connections):
            sock = connect(args.port, 5)
            opened_at[sock] = time.monotonic()
            idle.append(sock)
        prefix = (f"POST {endpoint_path('customer_rfm')} HTTP/1.1\r\nHost: {HOST}\r\n").encode()
        for _ in range(args.slow_connections):
            sock = connect(args.port, 5)
            opened_at[sock] = time.monotonic()
            sock.sendall(prefix)
            slow.append(sock)
        closed_at = {}
        start = time.monotonic()
        end = start + give_up
        trickle = b"X-Slow: " + b"a" * 10000  # one byte a second; never ends the header block
        position = 0
        next_trickle = start + 1.0
        import selectors

        selector = selectors.DefaultSelector()
        for sock in idle + slow:
            selector.register(sock, selectors.EVENT_READ)
        while time.monotonic() < end and len(closed_at) < len(opened_at):
            timeout = max(0.0, min(end, next_trickle) - time.monotonic())
            for key, _ in selector.select(timeout):
                sock = key.fileobj
                try:
                    sock.settimeout(0)
                    data = sock.recv(65536)
                except (BlockingIOError, InterruptedError):
                    continue
                except OSError:
                    data = b""
                if not data:  # EOF or reset: the server closed it
                    closed_at[sock] = time.monotonic()
                    selector.unregister(sock)
                # data (e.g. a 408 before closing) is read and ignored; the close follows
            if time.monotonic() >= next_trickle:
                for sock in slow:
                    if sock in closed_at:
                        continue
                    try:
                        sock.settimeout(1)
                        sock.send(trickle[position % len(trickle) : position % len(trickle) + 1])
                    except OSError:
                        closed_at[sock] = time.monotonic()
                        selector.unregister(sock)
                position += 1
                next_trickle += 1.0
        selector.close()

        def report(label, group):
            times = [closed_at[s] - opened_at[s] for s in group if s in closed_at]
            line = f"  {label}: {len(times)}/{len(group)} closed by the server"
            if times:
                line += (f", after min {min(times):.1f} s  median {statistics.median(times):.1f} s  "
                         f"max {max(times):.1f} s")
            print(line + (f"; {len(group) - len(times)} still open at {give_up:g} s" if len(times) < len(group) else ""))

        report("idle (connect, send nothing)", idle)
        report("slowloris (1 header byte/s)", slow)
    finally:
        for sock in idle + slow:
            sock.close()

    value = "a" * args.header_bytes
    response = one_request(args.port, request_head("GET", "/healthz", extra={"X-Large": value}), timeout=15)
    content_type = response.headers.get("content-type", "-")
    print(f"  GET /healthz with a {args.header_bytes // 1024} KiB header value: status {response.describe()}, "
          f"Content-Type {content_type}, body is JSON: {'yes' if response.status and response.is_json() else 'no'}"
          f" ({len(response.body)} bytes)")


# ---------------------------------------------------------------------------------------------------------------------
# 4. Memory for a hostile body


class RSSSampler(threading.Thread):
    def __init__(self, pid, interval):
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.samples = []  # (monotonic, KiB)
        self.halt = threading.Event()

    def run(self):
        while not self.halt.is_set():
            value = rss_kib(self.pid)
            if value is not None:
                self.samples.append((time.monotonic(), value))
            self.halt.wait(self.interval)

    def latest(self):
        return self.samples[-1][1] if self.samples else 0

    def peak(self, since, until):
        values = [v for t, v in self.samples if since <= t <= until]
        return max(values) if values else 0


def hostile_chunks(values, chunk_values=65536):
    """`{"customers":[0,0,...,0]}` with `values` zeros, generated piece by piece: no full copy in the client."""
    yield b'{"customers":['
    piece = b"0," * chunk_values
    remaining = values - 1
    while remaining > 0:
        take = min(remaining, chunk_values)
        yield piece if take == chunk_values else piece[: 2 * take]
        remaining -= take
    yield b'0]}'


def hostile_length(values):
    return len(b'{"customers":[') + 2 * (values - 1) + len(b"0]}")


def send_streaming(args, label, endpoint, length, chunks):
    """Sends a body while sampling RSS; reports status, time, bytes accepted, peak growth."""
    sampler = RSSSampler(args.server_pid, args.rss_interval)
    sampler.start()
    time.sleep(0.5)
    baseline = statistics.median(v for _, v in sampler.samples[-5:]) if sampler.samples else 0
    sock = connect(args.port, args.request_timeout)
    answer = {}

    def reader():
        response, _ = read_response(sock, time.monotonic() + args.request_timeout + 120)
        answer["response"] = response

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    start = time.monotonic()
    sent = 0
    send_error = None
    capped = False
    last_byte_at = None
    try:
        sock.sendall(request_head("POST", endpoint_path(endpoint), length))
        for chunk in chunks:
            if "response" in answer:
                break  # the server answered early: stop sending
            if (sampler.latest() - baseline) / 1024 > args.rss_cap_mb:
                capped = True
                break
            view = memoryview(chunk)
            while view:
                sent_now = sock.send(view)
                sent += sent_now
                view = view[sent_now:]
        else:
            last_byte_at = time.monotonic()
    except (BrokenPipeError, ConnectionResetError) as error:
        send_error = type(error).__name__
    except socket.timeout:
        send_error = "send timeout"
    except OSError as error:
        send_error = f"OSError {error.errno}"
    if capped:
        sock.close()
    thread.join(args.request_timeout + 130)
    answered_at = time.monotonic()
    response = answer.get("response") or Response()
    if response.done_at:
        answered_at = response.done_at
    time.sleep(1.0)  # catch the peak that follows the answer, then the level it settles to
    peak = sampler.peak(start, time.monotonic())
    time.sleep(1.0)
    after = sampler.latest()
    sampler.halt.set()
    sampler.join(2)
    sock.close()
    growth_mb = (peak - baseline) / 1024
    print(f"  {label}: {length / 1e6:.1f} MB body to {endpoint}")
    print(f"    status {response.describe()}"
          + (f" ({summary(response)})" if response.status and response.status != 200 else "")
          + f"; answered {answered_at - start:.2f} s after the first byte"
          + (f", {answered_at - last_byte_at:.2f} s after the last" if last_byte_at and response.status else ""))
    print(f"    body bytes accepted before the answer/close: {sent:,} of {length:,} "
          f"({100 * sent / length:.1f} %){'; send stopped: ' + send_error if send_error else ''}"
          f"{'; STOPPED at the RSS cap of %d MB' % args.rss_cap_mb if capped else ''}")
    print(f"    RSS before {baseline / 1024:.0f} MiB, peak {peak / 1024:.0f} MiB, after {after / 1024:.0f} MiB: "
          f"peak growth {growth_mb:.0f} MiB = {growth_mb * 1048576 / length:.1f} x the body size")


def summary(response):
    """The error code and message of a JSON problem body, else its first bytes."""
    try:
        error = json.loads(response.body).get("error", {})
        return f"{error.get('code')}: {error.get('message')}"
    except (ValueError, AttributeError):
        return repr(response.body[:160])


def block_memory(args):
    if args.memory_body:
        body = read_body(args.memory_body)
        endpoint = args.memory_endpoint or "purchasing_segmentation"
        warm = " after a warm-up request" if args.warmup_body else " (the server's first request)"
        print(f"== 4b. Memory for a realistic large valid body ({os.path.basename(args.memory_body)}){warm} ==")
        if args.warmup_body:
            # The first request also pays once for the process: worker threads, their malloc arenas, lazy tables.
            warmup = one_request(args.port, post_bytes(endpoint_path(endpoint), read_body(args.warmup_body)),
                                 args.request_timeout)
            print(f"  warm-up: {os.path.getsize(args.warmup_body) / 1e6:.1f} MB body, status {warmup.describe()}")
            time.sleep(1.0)
        send_streaming(args, "valid body", endpoint, len(body),
                       (body[i : i + 262144] for i in range(0, len(body), 262144)))
    else:
        values = int(args.hostile_mb * 1e6) // 2
        print(f"== 4a. Memory for a hostile body: {{\"customers\":[0,0,…]}} with {values:,} values ==")
        send_streaming(args, "hostile body", args.memory_endpoint or "customer_rfm", hostile_length(values),
                       hostile_chunks(values))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--block", required=True, choices=["burst", "liveness", "idle", "memory"])
    parser.add_argument("--port", type=int, default=env("PORT", 18090, int))
    parser.add_argument("--server-pid", type=int, default=env("SERVER_PID", 0, int))
    parser.add_argument("--max-concurrent", type=int, default=env("MAX_CONCURRENT", 2, int))
    parser.add_argument("--rounds", type=int, default=env("ROUNDS", 3, int))
    parser.add_argument("--settle", type=float, default=env("SETTLE_SECONDS", 0.5, float),
                        help="pause between sending every prefix and the last bytes")
    parser.add_argument("--immediate", type=float, default=env("IMMEDIATE_SECONDS", 0.1, float),
                        help="a 503 is immediate below this many seconds")
    parser.add_argument("--burst-body", default=os.environ.get("BURST_BODY"))
    parser.add_argument("--long-body", default=os.environ.get("LONG_BODY"))
    parser.add_argument("--saturate-seconds", type=float, default=env("SATURATE_SECONDS", 20.0, float))
    parser.add_argument("--probe-interval", type=float, default=env("PROBE_INTERVAL", 0.02, float))
    parser.add_argument("--idle-timeout", type=float, default=env("IDLE_TIMEOUT", 3.0, float))
    parser.add_argument("--idle-flag-passed", action="store_true")
    parser.add_argument("--idle-connections", type=int, default=env("IDLE_CONNECTIONS", 50, int))
    parser.add_argument("--slow-connections", type=int, default=env("SLOW_CONNECTIONS", 10, int))
    parser.add_argument("--header-bytes", type=int, default=env("HEADER_BYTES", 100 * 1024, int))
    parser.add_argument("--hostile-mb", type=float, default=env("HOSTILE_MB", 60.0, float))
    parser.add_argument("--memory-body", default=None, help="a real body file instead of the hostile one")
    parser.add_argument("--memory-endpoint", default=None)
    parser.add_argument("--warmup-body", default=None, help="a body sent to the same endpoint before measuring")
    parser.add_argument("--rss-interval", type=float, default=env("RSS_INTERVAL", 0.05, float))
    parser.add_argument("--rss-cap-mb", type=float, default=env("RSS_CAP_MB", 8000.0, float),
                        help="stop sending if the server grows by more than this (protects the machine)")
    parser.add_argument("--request-timeout", type=float, default=env("REQUEST_TIMEOUT", 60.0, float))
    args = parser.parse_args()
    if args.block == "burst" and not args.burst_body:
        parser.error("--burst-body (or BURST_BODY) is required")
    if args.block == "liveness" and not args.long_body:
        parser.error("--long-body (or LONG_BODY) is required")
    if args.block == "memory" and not args.server_pid:
        parser.error("--server-pid (or SERVER_PID) is required")
    {"burst": block_burst, "liveness": block_liveness, "idle": block_idle, "memory": block_memory}[args.block](args)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
