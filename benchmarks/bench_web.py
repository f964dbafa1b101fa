"""Load benchmark of the web app as ``regiokompas web`` serves it, on loopback.

Starts ``regiokompas web`` (uvicorn) with a fresh result cache on a free 127.0.0.1 port and
lets it warm up: the server computes the default answers for all 342 gemeenten in the
background (issue 14); the benchmark visits every page it will use until none answers
"wordt berekend" (202) any more. Then, with 20 concurrent users (threads with keep-alive
connections, no think time, a bounded number of requests):

1. baseline: the static accessibility statement ``/toegankelijkheid``;
2. the gemeente page ``/gemeenten/{code}``, cycling through all 342 gemeenten, with a mix of
   default and non-default settings (one in four asks ``groepsgrootte=3`` or an
   ``autonomieprijs``), all visited once during the warm-up;
3. the same pages rendered anew (``lang=nl`` makes each address new to the page cache, the
   results come from the shared result cache);
4. first visits of a non-default setting, one user at a time: the time until the first
   response (the answer, or "wordt berekend" with Retry-After) and until the answer itself;
5. the chapter as PDF: cold (first request until the file) and warm (served from the cache);
6. memory: the RSS (and PSS) of one worker after warming all 342 defaults, and of two
   workers (``--workers 2`` on the same, warm cache) after each served all default pages.

It reports p50/p95/max of the time the server spent (``Server-Timing: app;dur=``) and of the
latency the client saw, with the ratio against the baseline. Targets (issue 14): gemeente page
p95 < 300 ms; first visit of a non-default setting < 1 s; chapter PDF < 1 s warm; two workers
use less than twice the memory of one.

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
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TIMING = re.compile(r"app;dur=([0-9.]+)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(port: int, cache: Path, workers: int = 1) -> subprocess.Popen[bytes]:
    exe = Path(sys.executable).parent / "regiokompas"
    cmd = [str(exe), "web", "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)]
    env = {**os.environ, "REGIOKOMPAS_CACHE_DIR": str(cache)}
    proc = subprocess.Popen(
        cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/api/v1")
            if conn.getresponse().status == 200:
                conn.close()
                return proc
        except OSError as exc:
            if proc.poll() is not None:
                message = proc.stderr.read().decode() if proc.stderr else "server died"
                raise RuntimeError(message) from exc
        time.sleep(0.3)
    proc.kill()
    raise RuntimeError("server did not start within 180 s")


def stop(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def get(conn: http.client.HTTPConnection, path: str) -> tuple[int, float, float]:
    """(status, client latency ms, server time ms) of one GET on a kept-alive connection."""
    start = time.perf_counter()
    conn.request("GET", path, headers={"Accept": "text/html"})
    response = conn.getresponse()
    response.read()
    latency = (time.perf_counter() - start) * 1000
    match = TIMING.search(response.getheader("server-timing") or "")
    return response.status, latency, float(match.group(1)) if match else float("nan")


def until_ready(port: int, path: str, timeout: float = 900) -> tuple[float, float, int]:
    """Ask for ``path`` until it is there (not 202): (first response ms, answer ms, tries)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    start = time.perf_counter()
    status, first, _ = get(conn, path)
    tries = 1
    while status == 202:
        if time.perf_counter() - start > timeout:
            raise RuntimeError(f"{path} not ready after {timeout} s")
        time.sleep(0.25)
        status, _, _ = get(conn, path)
        tries += 1
    conn.close()
    if status != 200:
        raise RuntimeError(f"{status} {path}")
    return first, (time.perf_counter() - start) * 1000, tries


def run_phase(
    port: int, paths: list[str], users: int
) -> tuple[list[float], list[float], float, int]:
    """Split ``paths`` over ``users`` threads; returns server times, latencies, wall time and
    the number of "wordt berekend" (202) answers."""
    server: list[float] = []
    client: list[float] = []
    errors: list[str] = []
    pending: list[str] = []
    lock = threading.Lock()
    chunks = [paths[i::users] for i in range(users)]
    barrier = threading.Barrier(users)

    def user(mine: list[str]) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        barrier.wait()
        for path in mine:
            status, latency, app = get(conn, path)
            with lock:
                if status == 202:
                    pending.append(path)
                elif status != 200:
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
    return server, client, wall, len(pending)


def pct(values: list[float], q: int) -> float:
    """The ``q``-th percentile (inclusive method)."""
    if len(values) < 2:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def _tree(pid: int) -> list[int]:
    """``pid`` and its descendants (uvicorn's supervisor and its workers)."""
    out, todo = [], [pid]
    while todo:
        current = todo.pop()
        out.append(current)
        children = Path(f"/proc/{current}/task/{current}/children")
        if children.is_file():
            todo += [int(c) for c in children.read_text().split()]
    return out


def memory_mb(pid: int) -> tuple[float, float]:
    """(RSS, PSS) in MB summed over ``pid`` and its children (Linux /proc)."""
    rss = pss = 0.0
    for p in _tree(pid):
        for line in Path(f"/proc/{p}/smaps_rollup").read_text().splitlines():
            if line.startswith("Rss:"):
                rss += float(line.split()[1]) / 1024
            elif line.startswith("Pss:"):
                pss += float(line.split()[1]) / 1024
    return rss, pss


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--requests", type=int, default=25, help="requests per user per phase")
    parser.add_argument(
        "--cache",
        type=Path,
        default=None,
        help="result cache folder to reuse (default: a fresh one, so the warm-up computes all)",
    )
    args = parser.parse_args()
    users, per_user = args.users, args.requests
    sys.path.insert(0, str(ROOT / "src"))
    from regiokompas.data import load_dataset

    codes = load_dataset().gemeenten["gm_code"].tolist()
    random.Random(0).shuffle(codes)
    total = users * per_user
    variants = ["", "", "", "", "", "?groepsgrootte=3", "?autonomieprijs=50", ""]
    mixed = [
        f"/gemeenten/{codes[i % len(codes)]}{variants[i % len(variants)]}" for i in range(total)
    ]
    defaults = [f"/gemeenten/{c}" for c in codes]
    cache = args.cache or Path(tempfile.mkdtemp(prefix="rk-bench-web-"))
    print(f"result cache: {cache}")
    print(f"load average at start: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")

    port = free_port()
    proc = start_server(port, cache)
    try:
        # Warm-up, not measured: the server computes all 342 defaults by itself; we visit
        # every page the phases use until it is ready (not "wordt berekend").
        t0 = time.perf_counter()
        for path in ("/toegankelijkheid", "/", *defaults, *sorted(set(mixed))):
            until_ready(port, path)
        warm_s = time.perf_counter() - t0
        rss_one, pss_one = memory_mb(proc.pid)
        print(f"one worker (pid {proc.pid}) on 127.0.0.1:{port}; warm-up {warm_s:.0f} s")
        print(f"{users} concurrent users x {per_user} requests per phase, keep-alive, no think")
        rows = []
        for name, paths in (
            ("baseline /toegankelijkheid", ["/toegankelijkheid"] * total),
            ("gemeente page, mixed settings", mixed),
            (
                "gemeente page, rendered anew",
                [p + ("&" if "?" in p else "?") + "lang=nl" for p in mixed],
            ),
        ):
            server, client, wall, pending = run_phase(port, paths, users)
            rows.append((name, server, client, wall, pending))
        base_p50 = pct(rows[0][1], 50)
        print()
        header = f"{'phase':34s} {'n':>4s} {'req/s':>7s}  {'server p50':>10s} {'p95':>7s}"
        header += f" {'max':>7s}  {'client p50':>10s} {'p95':>7s}  {'p50 ratio':>9s}  202s"
        print(header)
        for name, server, client, wall, pending in rows:
            print(
                f"{name:34s} {len(server):4d} {len(server) / wall:7.1f}  "
                f"{pct(server, 50):8.1f}ms {pct(server, 95):5.1f}ms {max(server):5.1f}ms  "
                f"{pct(client, 50):8.1f}ms {pct(client, 95):5.1f}ms  "
                f"{pct(server, 50) / base_p50:8.1f}x  {pending:4d}"
            )
        p95 = pct(rows[1][2], 95)
        verdict = "meets" if p95 < 300 else "MISSES"
        print(f"\ngemeente page (mixed settings) p95 client latency {p95:.1f} ms: {verdict} 300 ms")

        # First visits of a non-default setting, one at a time.
        firsts, answers = [], []
        # Settings nobody asked for yet (the default group size is 4).
        fresh = [f"?groepsgrootte=2&autonomieprijs={10 + i}" for i in range(4)]
        fresh += [f"?vorm=centrumgemeente&autonomieprijs={20 + i}" for i in range(4)]
        for code, setting in zip(codes[-8:], fresh, strict=True):
            first, answer, _ = until_ready(port, f"/gemeenten/{code}{setting}")
            firsts.append(first)
            answers.append(answer)
        print(
            f"first visit, non-default setting (n={len(firsts)}): first response p50 "
            f"{pct(firsts, 50):.0f} ms, max {max(firsts):.0f} ms "
            f"({'meets' if max(firsts) < 1000 else 'MISSES'} < 1 s); the answer itself p50 "
            f"{pct(answers, 50):.0f} ms, max {max(answers):.0f} ms"
        )

        # The chapter as PDF: cold once, then warm.
        pdf = "/gemeenten/GM0513/hoofdstuk.pdf?groepsgrootte=3"
        _, cold_ms, _ = until_ready(port, pdf)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        warm_pdf = [get(conn, pdf)[1] for _ in range(10)]
        conn.close()
        print(
            f"chapter PDF: cold {cold_ms:.0f} ms (until the file), warm p50 "
            f"{pct(warm_pdf, 50):.1f} ms, max {max(warm_pdf):.1f} ms "
            f"({'meets' if max(warm_pdf) < 1000 else 'MISSES'} < 1 s)"
        )
    finally:
        stop(proc)

    # Two workers on the same (now warm) cache, each having served all default pages.
    port = free_port()
    proc = start_server(port, cache, workers=2)
    try:
        for _ in range(2):
            for path in defaults:
                until_ready(port, path)
        rss_two, pss_two = memory_mb(proc.pid)
    finally:
        stop(proc)
    print(
        f"memory: one worker after warming all 342 defaults RSS {rss_one:.0f} MB "
        f"(PSS {pss_one:.0f}); two workers incl. supervisor RSS {rss_two:.0f} MB "
        f"(PSS {pss_two:.0f}) = {rss_two / rss_one:.2f}x one "
        f"({'meets' if rss_two < 2 * rss_one else 'MISSES'} < 2x)"
    )
    print(f"load average at end: {os.getloadavg()[0]:.2f}; server and client share the CPUs")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
