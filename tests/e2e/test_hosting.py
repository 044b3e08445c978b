"""Static hosting as teachers meet it: a sub-path, a host that sends isolation headers, a page opened as a file."""

from playwright.sync_api import expect

from conftest import QuietHandler, serve
from pages import RUN, RUNTIME_TIMEOUT_MS, open_isolated

README_OUTPUT = "24.7041\n138.8338\n645.5773"


def run_readme_example(page):
    editor = page.locator(".mgl-editor").first
    editor.get_by_role("button", name=RUN).click()
    expect(editor.get_by_role("log", name="Output")).to_have_text(
        README_OUTPUT, use_inner_text=True, timeout=RUNTIME_TIMEOUT_MS
    )


class IsolatingHandler(QuietHandler):
    """A host configured for cross-origin isolation: the site must not need (or register) its service worker."""

    def end_headers(self):
        self.send_header("Cross-Origin-Opener-Policy", "same-origin")
        self.send_header("Cross-Origin-Embedder-Policy", "require-corp")
        super().end_headers()


def test_site_works_under_a_sub_path(page, built_site, tmp_path):
    (tmp_path / "micrograd").symlink_to(built_site, target_is_directory=True)
    server = serve(tmp_path)
    try:
        open_isolated(page, f"http://127.0.0.1:{server.server_address[1]}/micrograd/")
        run_readme_example(page)
        scope = page.evaluate("navigator.serviceWorker.getRegistration().then(r => r && r.scope)")
        assert scope == f"http://127.0.0.1:{server.server_address[1]}/micrograd/"
    finally:
        server.shutdown()


def test_a_host_sending_isolation_headers_needs_no_service_worker(page, built_site):
    server = serve(built_site, IsolatingHandler)
    try:
        loads = []
        page.on("load", lambda _: loads.append(1))
        open_isolated(page, f"http://127.0.0.1:{server.server_address[1]}/")
        run_readme_example(page)
        assert page.evaluate("navigator.serviceWorker.getRegistration().then(r => r === undefined)")
        assert len(loads) == 1  # no reload
    finally:
        server.shutdown()


def test_a_page_opened_as_a_file_says_how_to_serve_it(page, built_site):
    page.goto((built_site / "index.html").as_uri())
    alert = page.locator(".mgl-editor").first.get_by_role("alert")
    expect(alert).to_contain_text("Python cannot run in a page opened as a file")
    expect(alert.get_by_role("link", name="Troubleshooting")).to_have_attribute("href", "troubleshooting/")
    expect(page.locator(".mgl-editor pre code").first).to_contain_text("from micrograd.engine import Value")
