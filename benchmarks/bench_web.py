"""Load benchmark of the web app: 20 concurrent users against uvicorn on loopback.

Starts ``regiokompas web`` (uvicorn, one process, as ``make run`` does) on a free 127.0.0.1
port in a subprocess, warms it up (the fitted cost model), then runs two phases of the same
size with 20 concurrent users (threads with keep-alive connections, no think time, a bounded
number of requests, so the run stops by itself):

1. baseline: the static accessibility statement ``/toegankelijkheid``;
2. the gemeente page ``/gemeenten/{code}``, cycling through all 342 gemeenten, after a warm-up
   that visited each of them once (steady state: the server caches computed results and
   rendered pages in-process);
3. the same pages rendered anew: ``?lang=nl`` makes each address new to the page cache, so
   every gemeente's page is rendered from the (warm) data caches once;
4. first visits: the gemeente page with a setting nobody asked for yet (``groepsgrootte=3``),
   so every request runs the partner finder over 45 taakvelden, the uncertainty verdicts and
   the rendering (a smaller phase: 20 users x 3 requests).

It reports p50/p95/max of the time the server spent (its ``Server-Timing: app;dur=``
header) and of the latency the client saw, and the ratio against the baseline. The target
(issue 6): the gemeente page's p95 server time under 300 ms.

    .venv/bin/python benchmarks/bench_web.py [--users 20] [--requests 25]
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TIMING = re.compile(r"app;dur=([0-9.]+)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(port: int) -> subprocess.Popen[bytes]:
    exe = Path(sys.executable).parent / "regiokompas"
    cmd = [str(exe), "web", "--host", "127.0.0.1", "--port", str(port)]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return proc
        except OSError as exc:
            if proc.poll() is not None:
                message = proc.stderr.read().decode() if proc.stderr else "server died"
                raise RuntimeError(message) from exc
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("server did not start within 60 s")


def get(conn: http.client.HTTPConnection, path: str) -> tuple[int, float, float]:
    """(status, client latency ms, server time ms) of one GET on a kept-alive connection."""
    start = time.perf_counter()
    conn.request("GET", path, headers={"Accept": "text/html"})
    response = conn.getresponse()
    response.read()
    latency = (time.perf_counter() - start) * 1000
    match = TIMING.search(response.getheader("server-timing") or "")
    return response.status, latency, float(match.group(1)) if match else float("nan")


def run_phase(port: int, paths: list[str], users: int) -> tuple[list[float], list[float], float]:
    """Split ``paths`` over ``users`` threads; returns server times, latencies, wall time."""
    server: list[float] = []
    client: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    chunks = [paths[i::users] for i in range(users)]
    barrier = threading.Barrier(users)

    def user(mine: list[str]) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        barrier.wait()
        for path in mine:
            status, latency, app = get(conn, path)
            with lock:
                if status != 200:
                    errors.append(f"{status} {path}")
                client.append(latency)
                server.append(app)
        conn.close()

    threads = [threading.Thread(target=user, args=(c,)) for c in chunks]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - start
    if errors:
        raise RuntimeError(f"{len(errors)} failed requests, e.g. {errors[:3]}")
    return server, client, wall


def pct(values: list[float], q: int) -> float:
    """The ``q``-th percentile (inclusive method)."""
    if len(values) < 2:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--requests", type=int, default=25, help="requests per user per phase")
    args = parser.parse_args()
    users, per_user = args.users, args.requests
    sys.path.insert(0, str(ROOT / "src"))
    from regiokompas.data import load_dataset

    codes = load_dataset().gemeenten["gm_code"].tolist()
    random.Random(0).shuffle(codes)
    total = users * per_user
    gemeente_paths = [f"/gemeenten/{codes[i % len(codes)]}" for i in range(total)]
    baseline_paths = ["/toegankelijkheid"] * total

    port = free_port()
    proc = start_server(port)
    try:
        # Warm-up, not measured: one visit to every page the phases use. The server also
        # fills these caches by itself in the background from start-up (see web.app.warm).
        warm = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        t0 = time.perf_counter()
        for path in ("/toegankelijkheid", "/", *sorted(set(gemeente_paths))):
            status, _, _ = get(warm, path)
            assert status == 200, path
        warm.close()
        print(
            f"server pid {proc.pid} on 127.0.0.1:{port}; warm-up (every page visited once) "
            f"{time.perf_counter() - t0:.1f} s"
        )
        print(f"{users} concurrent users x {per_user} requests per phase, keep-alive, no think")
        cold_paths = [f"/gemeenten/{codes[-1 - i]}?groepsgrootte=3" for i in range(users * 3)]
        rows = []
        for name, paths in (
            ("baseline /toegankelijkheid", baseline_paths),
            ("gemeente page /gemeenten/{code}", gemeente_paths),
            ("gemeente page, rendered anew", [f"{p}?lang=nl" for p in gemeente_paths]),
            ("first visits (nothing cached)", cold_paths),
        ):
            server, client, wall = run_phase(port, paths, users)
            rows.append((name, server, client, wall))
        base_p50 = pct(rows[0][1], 50)
        print()
        header = f"{'phase':34s} {'n':>4s} {'req/s':>7s}  {'server p50':>10s} {'p95':>7s}"
        header += f" {'max':>7s}"
        header += f"  {'client p50':>10s} {'p95':>7s}  {'p50 ratio':>9s}"
        print(header)
        for name, server, client, wall in rows:
            print(
                f"{name:34s} {len(server):4d} {len(server) / wall:7.1f}  "
                f"{pct(server, 50):8.1f}ms {pct(server, 95):5.1f}ms {max(server):5.1f}ms  "
                f"{pct(client, 50):8.1f}ms {pct(client, 95):5.1f}ms  "
                f"{pct(server, 50) / base_p50:8.1f}x"
            )
        p95 = pct(rows[1][1], 95)
        verdict = "meets" if p95 < 300 else "MISSES"
        print(f"\ngemeente page p95 server time {p95:.1f} ms: {verdict} the 300 ms target")
        rendered = pct(rows[2][1], 95)
        print(f"rendered anew (data cached) p95 server time {rendered:.1f} ms")
        cold = pct(rows[3][1], 95)
        print(f"first visits p95 server time {cold:.0f} ms (20 concurrent uncached computations)")
        print(f"(machine: {os.cpu_count()} cores; server and client share them)")
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
