"""Newsletter signups per second, the way a browser signs up: fetch the form (CSRF cookie and token), then POST.

Each client thread fetches the form once, as a reader's browser would, and then posts a new address at a time
with that cookie and token. Every answer other than 200 or a redirect counts as an error.
"""

import http.client
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urljoin, urlsplit

OK = {200, 301, 302, 303}


class _FormParser(HTMLParser):
    """The first form with an e-mail field: its action, method and every field's default value."""

    def __init__(self):
        super().__init__()
        self.forms, self._current = [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._current = {"action": attrs.get("action") or "", "method": (attrs.get("method") or "get").lower(),
                             "fields": {}}
            self.forms.append(self._current)
        elif self._current is not None and tag in ("input", "textarea", "select") and attrs.get("name"):
            kind = (attrs.get("type") or "text").lower()
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            if kind in ("submit", "button"):
                return
            self._current["fields"][attrs["name"]] = attrs.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "form":
            self._current = None


def read_form(html, page_url):
    parser = _FormParser()
    parser.feed(html)
    for form in parser.forms:
        email_field = next((name for name in form["fields"] if "email" in name.lower()), None)
        if email_field and form["method"] == "post":
            return urljoin(page_url, form["action"] or page_url), email_field, form["fields"]
    raise ValueError(f"no POST form with an e-mail field on {page_url}")


class _Client:
    def __init__(self, base, page_path):
        self.base = base
        parts = urlsplit(base)
        self.host, self.port = parts.hostname, parts.port
        self.conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
        status, headers, body = self.request("GET", page_path)
        if status != 200:
            raise RuntimeError(f"GET {page_path} answered {status}")
        cookie = SimpleCookie()
        for value in headers.get_all("Set-Cookie") or []:
            cookie.load(value)
        self.cookie = "; ".join(f"{k}={m.value}" for k, m in cookie.items())
        action, self.email_field, self.fields = read_form(body.decode(), base + page_path)
        self.action = urlsplit(action).path or page_path

    def request(self, method, path, body=None, headers=None):
        try:
            self.conn.request(method, path, body=body, headers=headers or {})
            response = self.conn.getresponse()
        except (http.client.HTTPException, OSError):
            # gunicorn's sync workers close the connection after each answer: reconnect and try once more.
            self.conn.close()
            self.conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
            self.conn.request(method, path, body=body, headers=headers or {})
            response = self.conn.getresponse()
        data = response.read()
        if response.getheader("Connection", "").lower() == "close":
            self.conn.close()
        return response.status, response.msg, data

    def sign_up(self, email):
        fields = dict(self.fields, **{self.email_field: email})
        status, _, _ = self.request(
            "POST",
            self.action,
            body=urlencode(fields),
            headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": self.cookie},
        )
        return status


def run(base, page_path, count, threads=8, prefix="bench-signup"):
    """Sign `count` new addresses up through `threads` clients; returns the figures."""
    clients = [_Client(base, page_path) for _ in range(threads)]
    statuses, lock = {}, threading.Lock()

    def worker(index):
        client, errors = clients[index], []
        for i in range(index, count, threads):
            try:
                status = client.sign_up(f"{prefix}-{i}@example.com")
            except Exception as exc:  # a dropped connection is an error in the figures, not a crash of the bench
                status = type(exc).__name__
                errors.append(status)
            with lock:
                statuses[status] = statuses.get(status, 0) + 1

    started = time.monotonic()
    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(worker, range(threads)))
    elapsed = time.monotonic() - started
    errors = sum(n for status, n in statuses.items() if status not in OK)
    return {
        "signups": count,
        "seconds": round(elapsed, 2),
        "rate": round(count / elapsed, 1),
        "errors": errors,
        "statuses": {str(k): v for k, v in statuses.items()},
        "threads": threads,
    }
