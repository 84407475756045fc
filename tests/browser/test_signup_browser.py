"""A reader signs up for the newsletter from an article page in a real browser (Debian's Chromium via Playwright)."""

import pytest
from django.core import mail

from newsletter.models import Subscriber
from posttrain.celery import app as celery_app
from tests.factories import ArticleFactory, VerticalFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def inline_tasks():
    # The confirmation e-mail is sent in the live server's thread, to the test outbox, even when a broker is set.
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous


def test_reader_signs_up_from_an_article_page_and_sees_the_confirmation_sent_page(
    browser_page, settings, inline_tasks
):
    settings.NEWSLETTER_MIN_FILL_SECONDS = 0
    settings.NEWSLETTER_SIGNUP_RATE = "100/m"
    sport = VerticalFactory(name="Sports science", slug="sports-science")
    article = ArticleFactory(vertical=sport, title="Periodisation after the season")
    page = browser_page()

    page.goto(browser_page.url(article.get_absolute_url()))
    form = page.locator("form.signup")
    form.get_by_label("Your e-mail address").fill("Browser.Reader@Example.org")
    form.get_by_label("Sports science").check()
    form.get_by_role("button", name="Subscribe").click()

    page.get_by_role("heading", name="Check your inbox").wait_for()
    assert page.url == browser_page.url("/newsletter/check-your-inbox/")
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "browser.reader@example.org"
    assert subscriber.status == Subscriber.Status.PENDING
    assert subscriber.source == article.get_absolute_url()
    assert list(subscriber.interests.all()) == [sport]
    assert [m.to for m in mail.outbox] == [["browser.reader@example.org"]]
    assert not [line for line in browser_page.console if line.startswith("Refused to")], browser_page.console
