"""End-to-end fixtures: the built site on a plain local static server, and Debian's headless Chromium.

Chromium sends every non-loopback request through a recording proxy that refuses it, so a page that reaches
for a CDN (from the page, a worker or the service worker) is caught however the request was made.
"""

import pytest
from playwright.sync_api import sync_playwright

from serving import CHROMIUM, QUIET_FLAGS, RefusingProxy, serve


@pytest.fixture(scope="session")
def site_server(built_site):
    server = serve(built_site)
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def proxy():
    proxy = RefusingProxy().start()
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
    context = browser.new_context(proxy=proxy.settings())
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    seen = len(proxy.attempts)
    yield page
    context.close()
    assert proxy.attempts[seen:] == [], f"requests left the local server: {proxy.attempts[seen:]}"
    assert errors == [], f"uncaught page errors: {errors}"
