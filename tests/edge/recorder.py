"""A loopback HTTP server for tests: it records every request and answers from a table the test fills.

It stands in for the Fastly and Cloudflare APIs (what did we send, with which token?) and for the site behind a
real Varnish (how often did a request get past the cache?).
"""

import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Recorded:
    method: str
    path: str
    headers: dict
    body: bytes


@dataclass
class Answer:
    status: int = 200
    headers: dict = field(default_factory=dict)
    body: bytes = b"ok"


class _Handler(BaseHTTPRequestHandler):
    # HTTP/1.1 with a Content-Length on every answer: Varnish keeps its backend connections open.
    protocol_version = "HTTP/1.1"

    def _handle(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        server = self.server.recorder
        recorded = Recorded(self.command, self.path, {k.lower(): v for k, v in self.headers.items()}, body)
        with server.lock:
            server.requests.append(recorded)
            count = sum(1 for r in server.requests if r.path == self.path)
        answer = server.answer_for(recorded, count)
        payload = answer.body if self.command != "HEAD" else b""
        self.send_response(answer.status)
        for name, value in answer.headers.items():
            for one in value if isinstance(value, list) else [value]:
                self.send_header(name, one)
        self.send_header("Content-Length", str(len(answer.body)))
        self.end_headers()
        self.wfile.write(payload)

    do_GET = do_HEAD = do_POST = do_PURGE = do_PUT = do_DELETE = _handle

    def log_message(self, format, *args):  # noqa: A002 - the base class names it so
        pass


class RecordingServer:
    """`answer(path, ...)` sets what a path returns: an Answer, or a function (recorded, nth) -> Answer."""

    def __init__(self):
        self.requests = []
        self.lock = threading.Lock()
        self._answers = {}
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._httpd.daemon_threads = True
        self._httpd.recorder = self
        self.host, self.port = self._httpd.server_address
        self.url = f"http://{self.host}:{self.port}"
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._httpd.shutdown()
        self._httpd.server_close()

    def answer(self, path, answer=None, **fields):
        self._answers[path] = answer if answer is not None else Answer(**fields)

    def answer_for(self, recorded, nth):
        answer = self._answers.get(recorded.path.split("?", 1)[0], Answer())
        return answer(recorded, nth) if callable(answer) else answer

    def received(self, path=None, method=None):
        with self.lock:
            return [r for r in self.requests if (path is None or r.path == path) and (method in (None, r.method))]

    def clear(self):
        with self.lock:
            self.requests.clear()
