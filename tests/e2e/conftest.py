"""End-to-end fixtures: the built site on a plain local static server, and Debian's headless Chromium.

Chromium sends every non-loopback request through a recording proxy that refuses it, so a page that reaches
for a CDN (from the page, a worker or the service worker) is caught however the request was made.
"""

import functools
import http.server
import os
import socketserver
import threading
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
QUIET_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-features=AutofillServerCommunication",
]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """A plain static file server: no COOP/COEP or any other special headers."""

    def log_message(self, *args):
        pass


def serve(directory, handler=QuietHandler):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


class RefusingProxy(socketserver.ThreadingTCPServer):
    """Records the first line of every request it is asked to forward, and forwards none."""

    daemon_threads = True

    def __init__(self):
        self.attempts = []
        super().__init__(("127.0.0.1", 0), self.Handler)

    class Handler(socketserver.StreamRequestHandler):
        def handle(self):
            line = self.rfile.readline(8192).decode("latin-1").strip()
            if line:
                self.server.attempts.append(line)
            self.wfile.write(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")


@pytest.fixture(scope="session")
def site_server(built_site):
    server = serve(built_site)
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def proxy():
    proxy = RefusingProxy()
    threading.Thread(target=proxy.serve_forever, daemon=True).start()
    yield proxy
    proxy.shutdown()


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=QUIET_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, proxy):
    """A fresh browser profile (no cache, no service worker yet) that fails the test on any page error or
    on any request that tried to leave this machine."""
    # The proxy is set per context, so only this profile's traffic (pages, workers, service worker) goes through
    # it; Chromium's own service traffic stays outside the test.
    context = browser.new_context(
        proxy={"server": f"http://127.0.0.1:{proxy.server_address[1]}", "bypass": "127.0.0.1,localhost,[::1]"},
    )
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    seen = len(proxy.attempts)
    yield page
    context.close()
    assert proxy.attempts[seen:] == [], f"requests left the local server: {proxy.attempts[seen:]}"
    assert errors == [], f"uncaught page errors: {errors}"
