"""The closed network the end-to-end tests and the browser benchmark run in: the built site on a plain local
static server, a proxy that refuses (and records) every request meant for anywhere else, Debian's Chromium."""

import functools
import http.server
import io
import os
import socketserver
import threading

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
NOWHERE = "http://127.0.0.1:9"  # the discard port: where Chromium's own services are sent, so they send nothing out
QUIET_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
    # A profile kept on disk (the benchmark's) still asks for the time, model downloads, sign-in and component
    # updates, which the refusing proxy would report as the site's traffic.
    "--disable-features=AutofillServerCommunication,NetworkTimeServiceQuerying,OptimizationHints,"
    "OptimizationGuideModelDownloading,OptimizationHintsFetching,MediaRouter",
    f"--gaia-url={NOWHERE}", f"--component-updater=url-source={NOWHERE}",
]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """A plain static file server: no COOP/COEP or any other special headers."""

    def log_message(self, *args):
        pass

    def copyfile(self, source, outputfile):
        try:
            super().copyfile(source, outputfile)
        except (BrokenPipeError, ConnectionResetError):  # the browser dropped it (a first visit stops loading)
            pass


class PagesLikeHandler(QuietHandler):
    """As GitHub Pages serves a project site under /<project>/: a missing page under it gets the site's 404.html,
    with status 404. Every path asked for is recorded in `requested` (a list shared by the handler's server)."""

    requested = None
    sites = ()  # the sub-paths holding a site, e.g. "/micrograd/"

    def send_head(self):
        self.requested.append(self.path)
        site = next((s for s in self.sites if self.path.startswith(s)), None)
        if site and not os.path.exists(self.translate_path(self.path)):
            body = open(self.translate_path(f"{site}404.html"), "rb").read()
            self.send_response(404)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            return io.BytesIO(body)
        return super().send_head()


def serve(directory, handler=QuietHandler):
    """Serve `directory` on a free local port, in a thread, until `.shutdown()`."""
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

    def start(self):
        """Serve in a thread, until `.shutdown()`; returns self."""
        threading.Thread(target=self.serve_forever, daemon=True).start()
        return self

    def settings(self):
        """Playwright's `proxy` option: every request but the loopback ones goes here."""
        return {"server": f"http://127.0.0.1:{self.server_address[1]}", "bypass": "127.0.0.1,localhost,[::1]"}
