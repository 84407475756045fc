"""Playwright against Debian's Chromium and pytest-django's live server.

Reuse from any browser test (the newsletter's signup step, say)::

    def test_something(reader_site, browser_page):
        page = browser_page()                 # a Playwright Page, 1280 px wide by default
        page.goto(browser_page.url("/"))      # absolute URL on the live server
"""

import os
from pathlib import Path

import pytest

from tests.conftest import skip_or_fail

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts" / "screenshots"
PHONE, WIDE = 390, 1280


@pytest.fixture
def chromium(monkeypatch):
    """A launched Chromium for one test (per test, so other tests may run their own Playwright)."""
    if not CHROMIUM.exists():
        skip_or_fail(f"Chromium not found at {CHROMIUM}: apt-get install chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - the dev dependencies include it
        skip_or_fail("playwright is not installed")
    # Playwright's sync API runs an event loop in this thread; Django refuses DB access there unless told it is
    # fine. monkeypatch undoes it, so subprocesses other tests start do not inherit it.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class PageMaker:
    """Call it for a fresh Page in its own context; .url(path) is the live server's absolute URL for a path."""

    def __init__(self, browser, live_server):
        self.browser = browser
        self.live_server = live_server
        self.contexts = []
        self.console = []

    def url(self, path):
        return f"{self.live_server.url}{path}"

    def __call__(self, width=WIDE, height=900, **context_options):
        context = self.browser.new_context(
            viewport={"width": width, "height": height}, base_url=self.live_server.url, **context_options
        )
        self.contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.on("console", lambda message: self.console.append(message.text))
        return page

    def close(self):
        for context in self.contexts:
            context.close()


@pytest.fixture
def browser_page(chromium, live_server, settings):
    """A factory of Playwright pages against the live server (transactional database)."""
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "localhost", "127.0.0.1"]
    maker = PageMaker(chromium, live_server)
    yield maker
    maker.close()


def screenshot(page, name, *, full_page=True):
    """Save into artifacts/screenshots/ (gitignored), named after the page type and the viewport width."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}-{page.viewport_size['width']}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


def serious_violations(page):
    """axe-core's serious and critical violations on the current page, as readable strings."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    found = []
    for violation in results.response["violations"]:
        if violation.get("impact") in ("serious", "critical"):
            targets = [node.get("target") for node in violation.get("nodes", [])][:5]
            found.append(f"{violation['id']} ({violation['impact']}): {violation['help']} at {targets}")
    return found


@pytest.fixture
def reader_site(transactional_db):
    """A small but complete site: three verticals, series with published and planned parts, tags, glossary."""
    from tests.browser.content import build_reader_site

    return build_reader_site()
