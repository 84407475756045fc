"""A reader signs up for the newsletter from an article page in a real browser (Debian's Chromium via Playwright)."""

import os
import shutil

import pytest
from django.core import mail

from newsletter.models import Subscriber
from posttrain.celery import app as celery_app
from tests.conftest import skip_or_fail
from tests.factories import ArticleFactory, VerticalFactory

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture
def signup_page(live_server, monkeypatch):
    """A Playwright page in headless Chromium; module-local in case tests/browser/conftest.py offers none."""
    if not os.path.exists(CHROMIUM):
        skip_or_fail("Chromium is not installed (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        skip_or_fail("playwright is not installed")
    # Playwright's sync API runs an event loop in this thread; the ORM calls of the test itself are still sync.
    # (monkeypatch restores the environment: other tests start subprocesses that must not inherit it.)
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page()
        yield page
        browser.close()


@pytest.fixture
def inline_tasks():
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous


def test_reader_signs_up_from_an_article_page_and_sees_the_confirmation_sent_page(
    signup_page, live_server, settings, inline_tasks
):
    settings.NEWSLETTER_MIN_FILL_SECONDS = 0
    settings.NEWSLETTER_SIGNUP_RATE = "100/m"
    sport = VerticalFactory(name="Sports science", slug="sports-science")
    article = ArticleFactory(vertical=sport, title="Periodisation after the season")
    page = signup_page

    page.goto(live_server.url + article.get_absolute_url())
    page.get_by_label("Your e-mail address").fill("Browser.Reader@Example.org")
    page.get_by_label("Sports science").check()
    page.get_by_role("button", name="Subscribe").click()

    page.get_by_role("heading", name="Check your inbox").wait_for()
    assert page.url == live_server.url + "/newsletter/check-your-inbox/"
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "browser.reader@example.org"
    assert subscriber.status == Subscriber.Status.PENDING
    assert subscriber.source == article.get_absolute_url()
    assert list(subscriber.interests.all()) == [sport]
    assert [m.to for m in mail.outbox] == [["browser.reader@example.org"]]
