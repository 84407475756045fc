"""A reader signs up for the newsletter from an article page in a real browser (Debian's Chromium via Playwright)."""

import pytest
from django.core import mail
from django.utils import timezone

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


def test_campaign_progress_updates_in_the_admin_without_reloading(browser_page, settings):
    from playwright.sync_api import expect

    from newsletter import campaigns
    from newsletter.models import Campaign, Delivery
    from tests.factories import UserFactory
    from tests.newsletter.factories import CampaignFactory, SubscriberFactory

    settings.AXES_ENABLED = False
    # A transactional test flushes the data migrations' groups; a superuser stands in for an editor.
    UserFactory(username="progress-editor", is_superuser=True)
    SubscriberFactory.create_batch(3)
    campaign = CampaignFactory(status=Campaign.Status.SENDING)
    campaigns.create_deliveries(campaign)

    page = browser_page()
    page.goto(browser_page.url("/admin/login/"))
    page.get_by_label("Username").fill("progress-editor")
    page.get_by_label("Password").fill("correct-horse-battery")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/admin/")  # signed in: going on earlier would cancel the sign-in's own navigation
    page.goto(browser_page.url(f"/admin/newsletter/campaign/{campaign.pk}/change/"))
    sent = page.locator('#campaign-progress [data-field="sent"]')
    expect(sent).to_have_text("0")
    navigations = []
    page.on("framenavigated", lambda frame: navigations.append(frame.url))

    Delivery.objects.filter(campaign=campaign).update(status=Delivery.Status.SENT, sent_at=timezone.now())
    Campaign.objects.filter(pk=campaign.pk).update(status=Campaign.Status.SENT)
    # No reload: the static script polls the JSON endpoint and rewrites the numbers.
    expect(sent).to_have_text("3", timeout=10_000)
    expect(page.locator('#campaign-progress [data-field="status"]')).to_have_text("sent")
    expect(page.locator('#campaign-progress [data-field="pending"]')).to_have_text("0")
    assert navigations == []
