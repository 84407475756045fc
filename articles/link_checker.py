"""One polite HTTP check of one address: HEAD, then GET where HEAD is refused; redirects followed hop by hop.

Every request, redirect hops included, first waits for the host's pace (HostPace): at most one request per host per
interval. No body is read: a GET is streamed and closed once its status is known.
"""

import contextlib
import ipaddress
import socket
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

import requests

MAX_REDIRECTS = 5
REDIRECTS = {301, 302, 303, 307, 308}
PERMANENT_REDIRECTS = {301, 308}
# Servers that do not implement HEAD say so with these; a GET tells us what HEAD would have.
HEAD_REFUSED = {405, 501}
DEFAULT_RETRY_AFTER = timedelta(hours=1)
LONGEST_RETRY_AFTER = timedelta(days=7)


class HostPace:
    """Spaces requests to one host at least `interval` seconds apart, counted from the end of the previous one,
    so that the server sees the gap whatever the network's delays."""

    def __init__(self, interval=1.0, clock=time.monotonic, sleep=time.sleep):
        self.interval, self.clock, self.sleep = interval, clock, sleep
        self.last = {}

    @contextlib.contextmanager
    def turn(self, url):
        host = (urlsplit(url).hostname or "").lower()
        if host in self.last:
            delay = self.last[host] + self.interval - self.clock()
            if delay > 0:
                self.sleep(delay)
        try:
            yield
        finally:
            self.last[host] = self.clock()


@dataclass(frozen=True)
class CheckResult:
    status: int | None = None  # the final HTTP status; None when no answer came
    final_url: str = ""  # where permanent redirects lead ("" when the address did not move)
    error: str = ""
    retry_after: timedelta | None = None  # the server asked us to come back later (429)

    @property
    def reachable(self):
        return self.status is not None and 200 <= self.status < 300

    @property
    def moved(self):
        return self.reachable and bool(self.final_url)

    @property
    def rate_limited(self):
        return self.retry_after is not None


def retry_after(value, now=None):
    """A Retry-After header (seconds or an HTTP date) as a delay, within one hour's default and a week's cap."""
    now = now or datetime.now(UTC)
    delay = DEFAULT_RETRY_AFTER
    if value and value.strip().isdigit():
        delay = timedelta(seconds=int(value.strip()))
    elif value:
        with contextlib.suppress(TypeError, ValueError, IndexError, OverflowError):
            delay = parsedate_to_datetime(value) - now
    return min(max(delay, timedelta(0)), LONGEST_RETRY_AFTER)


def is_public(url):
    """Whether every address the host resolves to is on the public internet (not loopback, private, link-local…).

    The addresses come from editors; without this, a reference (or a redirect) to http://10.0.0.5/ or the cloud's
    metadata address would have the worker probe the internal network and report what answers.
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return False
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 443, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError, ValueError):
        return False
    return all(ipaddress.ip_address(info[4][0].split("%")[0]).is_global for info in infos)


def check_url(url, *, session, pace, timeout, user_agent, allow_private=False):
    """Check one address. Never raises for anything the network or the server does."""
    headers = {"User-Agent": user_agent}
    current, permanent, method = url, True, "HEAD"
    try:
        for _ in range(MAX_REDIRECTS + 1):
            if not allow_private and not is_public(current):
                return CheckResult(None, error="not a public address")
            with pace.turn(current):
                response = session.request(
                    method, current, headers=headers, timeout=timeout, allow_redirects=False, stream=True
                )
                response.close()
            if method == "HEAD" and response.status_code in HEAD_REFUSED:
                method = "GET"
                continue
            if response.status_code == 429:
                wait = retry_after(response.headers.get("Retry-After"))
                return CheckResult(429, error="rate limited", retry_after=wait)
            location = response.headers.get("Location")
            if response.status_code in REDIRECTS and location:
                permanent = permanent and response.status_code in PERMANENT_REDIRECTS
                current = urljoin(current, location)
                continue
            moved_to = current if permanent and current != url else ""
            return CheckResult(response.status_code, final_url=moved_to)
        return CheckResult(None, error=f"more than {MAX_REDIRECTS} redirects")
    except requests.Timeout:
        return CheckResult(None, error=f"no answer within {timeout} s")
    except requests.ConnectionError:
        return CheckResult(None, error="could not connect")
    except requests.RequestException as error:
        return CheckResult(None, error=type(error).__name__)
