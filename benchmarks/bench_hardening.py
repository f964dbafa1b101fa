"""Hardening probes (issue 18) against a real ``regiokompas web`` on 127.0.0.1, bounded loops.

Starts the server on a free local port with a fresh SQLite register, then measures what an
attacker or a careless user could do: the enumeration bomb ``/api/v1/indelingen?gebied=land&
maxGrootte=8``, a 100 MB anonymous POST (only 1 MB is actually sent), 50 wrong passwords, and
cheap requests while six clients hammer an expensive endpoint (ratio against cheap requests
alone, measured first in the same run). Server memory is read from ``/proc/<pid>/status``.
Also times a 10,000-row import (SQLite). Run: ``.venv/bin/python -m benchmarks hardening``.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

from regiokompas.register import Actor
from regiokompas.store import Register

BIN = Path(sys.executable).parent
PASSWORD = "een heel lang wachtwoord"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS"):
            return int(line.split()[1]) / 1024
    return 0.0


def _get(
    port: int,
    method: str,
    path: str,
    body: str | None = None,
    headers: dict[str, str] | None = None,
) -> tuple[int, dict[str, str], bytes]:  # noqa: E501
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    conn.request(method, path, body=body, headers=headers or {})
    response = conn.getresponse()
    data = response.read()
    conn.close()
    return response.status, dict(response.getheaders()), data


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[int(0.95 * (len(ordered) - 1))] * 1000


def _cheap_p95(port: int, seconds: float, heavy_clients: int) -> tuple[float, dict[int, int]]:
    stop = time.time() + seconds
    cheap: list[float] = []
    heavy: list[int] = []

    def client(kind: str, i: int) -> None:
        n = 0
        while time.time() < stop:
            n += 1
            if kind == "cheap":
                t = time.perf_counter()
                _get(port, "GET", "/api/v1/gemeenten/GM0513")
                cheap.append(time.perf_counter() - t)
            else:
                draws = 100 + (i * 997 + n) % 9000  # a new cache key every time
                path = f"/api/v1/besparingen?gemeenten=GM0513,GM0627&trekkingen={draws}"
                heavy.append(_get(port, "GET", path)[0])

    threads = [threading.Thread(target=client, args=("cheap", i)) for i in range(6)]
    threads += [threading.Thread(target=client, args=("heavy", i)) for i in range(heavy_clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return _p95(cheap), {s: heavy.count(s) for s in sorted(set(heavy))}


def _login(port: int, name: str, password: str) -> tuple[int, dict[str, str]]:
    _, headers, body = _get(port, "GET", "/register/inloggen")
    cookie = headers.get("set-cookie", "").split(";")[0]
    found = re.search(rb'name="csrf" value="([^"]+)"', body)
    assert found
    form = urllib.parse.urlencode(
        {"csrf": found.group(1).decode(), "gebruikersnaam": name, "wachtwoord": password}
    )
    status, headers, _ = _get(
        port,
        "POST",
        "/register/inloggen",
        form,
        {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie},
    )
    return status, headers


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="rk-hardening-"))
    url = f"sqlite:///{folder / 'register.sqlite'}"
    env = {**os.environ, "REGIOKOMPAS_DATABASE_URL": url, "REGIOKOMPAS_SESSIE_SLEUTEL": "bench"}
    reg = Register.open(url)
    reg.gebruiker_toevoegen("beheer", PASSWORD, "beheerder", None, Actor("bench", "beheerder"))
    lines = ["naam,vorm,deelnemers,taakvelden"]
    lines += [f"Regeling {i},convenant,GM0513;GM1892,7.3" for i in range(10_000)]
    start = time.perf_counter()
    reg.importeer("\n".join(lines).encode(), "csv", Actor("bench", "beheerder"))
    print(f"import 10.000 rijen (SQLite): {time.perf_counter() - start:.1f} s")
    reg.engine.dispose()

    port = _free_port()
    server = subprocess.Popen(
        [str(BIN / "regiokompas"), "web", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(240):
            try:
                _get(port, "GET", "/api/v1/gemeenten/GM0513")
                break
            except OSError:
                time.sleep(0.5)
        for size in (7, 8):
            before, t = _rss_mb(server.pid), time.perf_counter()
            status = _get(port, "GET", f"/api/v1/indelingen?gebied=land&maxGrootte={size}")[0]
            print(
                f"indelingen land maxGrootte={size}: {status} in {time.perf_counter() - t:.3f} s, "
                f"geheugen +{_rss_mb(server.pid) - before:.1f} MB"
            )
        before, t = _rss_mb(server.pid), time.perf_counter()
        with socket.create_connection(("127.0.0.1", port), timeout=30) as s:
            s.sendall(
                b"POST /register/importeren HTTP/1.1\r\nHost: x\r\nContent-Length: 100000000\r\n"
                b"Content-Type: multipart/form-data; boundary=b\r\n\r\n"
            )
            with contextlib.suppress(OSError):  # the server may close before all is sent
                s.sendall(b"x" * 1_000_000)
            reply = s.recv(4096)
        print(
            f"anonieme POST van 100 MB: {reply[9:12].decode()} in {time.perf_counter() - t:.3f} s, "
            f"geheugen +{_rss_mb(server.pid) - before:.1f} MB"
        )
        codes = [_login(port, "beheer", f"fout{i}")[0] for i in range(50)]
        status, headers = _login(port, "beheer", PASSWORD)
        print(
            f"50 foute wachtwoorden: {codes.count(401)}x 401, {codes.count(429)}x 429; daarna het "
            f"juiste: {status} (Retry-After {headers.get('retry-after')})"
        )
        alone, _ = _cheap_p95(port, 10, 0)
        loaded, heavy = _cheap_p95(port, 20, 6)
        print(
            f"goedkope verzoeken p95: alleen {alone:.0f} ms, naast 6 zware klanten {loaded:.0f} ms "
            f"(ratio {loaded / alone:.1f}); zware antwoorden {heavy}"
        )
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
