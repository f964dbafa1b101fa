"""Shared plumbing for the browser tests (web pages and register pages).

Serve an app with uvicorn on a free loopback port, start Debian's Chromium through its
chromedriver with no network access of its own, and run the vendored axe-core. In CI
(``REGIOKOMPAS_CI_STRICT=1``) a missing browser is a failure; locally the tests skip with the
reason. axe-core (MPL-2.0, Deque Systems) is vendored as ``tests/web/assets/axe.min.js``.
"""

from __future__ import annotations

import os
import shutil
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import uvicorn

AXE = Path(__file__).parent / "web" / "assets" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def need(condition: bool, reason: str) -> None:
    """Skip locally, fail in CI, when a prerequisite of a browser test is missing."""
    if condition:
        return
    lift = "install chromium, chromium-driver and poppler-utils as .ci/run does, or set "
    lift += "REGIOKOMPAS_CHROMIUM"
    if os.environ.get("REGIOKOMPAS_CI_STRICT") == "1":
        pytest.fail(f"{reason} (required in CI: .ci/run installs chromium and chromium-driver)")
    pytest.skip(f"{reason}; to run it: {lift}")


@contextmanager
def serve(app: Any, *, lifespan: str = "auto") -> Iterator[str]:
    """Run ``app`` under uvicorn in a background thread; yields its base URL."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    server = uvicorn.Server(
        uvicorn.Config(
            app,
            host="127.0.0.1",
            port=port,
            log_level="warning",
            access_log=False,
            lifespan=lifespan,
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@contextmanager
def chromium(*, console_log: bool = False) -> Iterator[Any]:
    """Headless Debian Chromium via its chromedriver; never downloads anything."""
    binary = os.environ.get("REGIOKOMPAS_CHROMIUM") or shutil.which("chromium") or ""
    driver_path = shutil.which("chromedriver") or "/usr/bin/chromedriver"
    need(bool(binary) and Path(binary).is_file(), f"chromium not found ({binary!r})")
    need(Path(driver_path).is_file(), f"chromedriver not found ({driver_path!r})")
    need(AXE.is_file(), f"axe-core not found at {AXE}")
    os.environ["SE_OFFLINE"] = "true"  # Selenium Manager must never reach for the network
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="rk-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        "--lang=nl-NL",
        "--window-size=1280,1000",
        f"--user-data-dir={profile}",
    ):
        options.add_argument(flag)
    if console_log:
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
    driver.set_page_load_timeout(60)
    driver.set_script_timeout(120)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def run_axe(browser: Any) -> dict[str, Any]:
    """Run axe-core's WCAG 2.1 A/AA rules on the current page."""
    browser.execute_script(AXE.read_text(encoding="utf-8"))
    result: dict[str, Any] = browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}})"
        ".then(r => done({violations: r.violations.map(v => ({id: v.id, impact: v.impact,"
        " help: v.help, nodes: v.nodes.slice(0, 5).map(n => n.target.join(' '))})),"
        " passes: r.passes.length}))"
        ".catch(e => done({error: String(e)}));",
        WCAG_TAGS,
    )
    return result
