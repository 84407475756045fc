"""The public archive of past mailings (newsletter/archive.py): what it shows, what it never shows."""

import re

import feedparser
import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from newsletter import article_mailings, campaigns, clicks
from newsletter.models import Campaign
from tests.factories import ArticleFactory

from .factories import CampaignFactory, SubscriberFactory

pytestmark = pytest.mark.django_db

UNSENT = [Campaign.Status.DRAFT, Campaign.Status.SCHEDULED, Campaign.Status.CANCELLED]


def went_out(subject, status=Campaign.Status.SENT, **fields):
    return CampaignFactory(subject=subject, status=status, started_at=timezone.now(), **fields)


@pytest.fixture
def mixed():
    sent = went_out("We are live", preheader="The first issue.")
    sending = went_out("Going out now", status=Campaign.Status.SENDING)
    unsent = {status: CampaignFactory(subject=f"Secret {status} plans", status=status) for status in UNSENT}
    return sent, sending, unsent


def test_the_archive_lists_campaigns_that_went_out_and_never_an_unsent_one(client, mixed):
    sent, sending, unsent = mixed
    page = client.get("/newsletter/archive/").content.decode()
    assert sent.subject in page and sending.subject in page and "The first issue." in page
    assert f'href="/newsletter/archive/{sent.slug}/"' in page
    assert "Secret" not in page


def test_an_unsent_scheduled_or_cancelled_campaign_is_a_404(client, mixed):
    *_, unsent = mixed
    for campaign in unsent.values():
        response = client.get(f"/newsletter/archive/{campaign.slug}/")
        assert response.status_code == 404
        assert campaign.subject not in response.content.decode()
    # Even one whose send was started once and then... there is no way back from sending; a made-up slug is a 404.
    assert client.get("/newsletter/archive/no-such-issue/").status_code == 404


def test_the_web_copy_is_the_mail_as_sent_with_no_token_of_anyone(client, run_on_commit):
    reader = SubscriberFactory(email="reader@example.org")
    campaign = CampaignFactory(subject="Issue one", html_body='<p>Read <a href="https://example.org/x">this</a>.</p>')
    run_on_commit(campaigns.start_sending, campaign)
    [message] = mail.outbox
    campaign.refresh_from_db()
    page = client.get(f"/newsletter/archive/{campaign.slug}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Issue one" in html and 'href="https://example.org/x"' in html
    for personal in ("/newsletter/unsubscribe/", "/newsletter/preferences/", "/newsletter/confirm/",
                     "/newsletter/c/", reader.email):
        assert personal not in html
    assert 'href="/newsletter/archive/"' in html and 'href="/newsletter/"' in html

    # Every e-mail links to its web copy, in HTML and in text.
    # (through the click redirect, like every link of the message: how many read it on the web is counted too).
    archive_url = f"http://127.0.0.1:8000/newsletter/archive/{campaign.slug}/"
    token = re.search(r"View this e-mail in your browser: http://127.0.0.1:8000/newsletter/c/([^/]+)/",
                      message.body).group(1)
    assert clicks.read_token(token)[1] == archive_url
    assert "View this e-mail in your browser</a>" in message.alternatives[0][0]
    assert client.get(f"/newsletter/c/{token}/")["Location"] == archive_url


def test_the_slug_comes_from_the_subject_and_stays_unique():
    first, second = CampaignFactory(subject="Weekly: Über-Training!"), CampaignFactory(subject="Weekly: Über-Training!")
    assert (first.slug, second.slug) == ("weekly-uber-training", "weekly-uber-training-2")


def test_the_feed_lists_what_went_out(client, mixed):
    sent, sending, unsent = mixed
    response = client.get(reverse("newsletter:archive_feed"))
    feed = feedparser.parse(response.content)
    assert not feed.bozo
    assert {entry.title for entry in feed.entries} == {sent.subject, sending.subject}
    assert f"http://127.0.0.1:8000/newsletter/archive/{sent.slug}/" in {entry.link for entry in feed.entries}


def test_the_sitemap_has_the_archive_and_robots_let_crawlers_in(client, mixed):
    sent, sending, unsent = mixed
    sitemap = client.get("/sitemap.xml").content.decode()
    assert f"<loc>http://127.0.0.1:8000/newsletter/archive/{sent.slug}/</loc>" in sitemap
    for campaign in unsent.values():
        assert f"/newsletter/archive/{campaign.slug}/" not in sitemap
    robots = client.get("/robots.txt").content.decode()
    assert "Allow: /newsletter/archive/" in robots


def test_a_campaign_that_starts_sending_appears_in_a_sitemap_cached_before(client, run_on_commit):
    SubscriberFactory()
    campaign = CampaignFactory(subject="Fresh issue")
    assert "fresh-issue" not in client.get("/sitemap.xml").content.decode()
    run_on_commit(campaigns.start_sending, campaign)
    assert "/newsletter/archive/fresh-issue/" in client.get("/sitemap.xml").content.decode()


def test_the_archive_list_costs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    for n in range(30):
        went_out(f"Issue {n}")
    client.get("/newsletter/archive/")  # site settings and navigation come from the cache in steady state
    with django_assert_max_num_queries(3):
        page = client.get("/newsletter/archive/")
    assert page.status_code == 200 and "Issue 29" in page.content.decode()


def test_the_admin_offers_view_on_site_only_for_a_campaign_that_went_out(admin_client):
    draft, sent = CampaignFactory(subject="Draft"), went_out("Out")
    draft_page = admin_client.get(f"/admin/newsletter/campaign/{draft.pk}/change/").content.decode()
    sent_page = admin_client.get(f"/admin/newsletter/campaign/{sent.pk}/change/").content.decode()
    assert "View on site" not in draft_page
    assert 'href="/newsletter/archive/out/"' in sent_page


def test_an_article_mailings_web_copy_shows_its_published_articles_and_links_them_directly(
    client, run_on_commit, settings
):
    settings.SITE_URL = "https://posttrain.example"
    SubscriberFactory(email="reader@example.org")
    kept = ArticleFactory(title="Reward models, explained")
    pulled = ArticleFactory(title="A piece later taken down")
    campaign = CampaignFactory(subject="Two reads", html_body="<p>Our picks.</p>")
    article_mailings.set_articles(campaign, [kept, pulled])
    campaign.refresh_from_db()
    run_on_commit(campaigns.start_sending, campaign)
    [message] = mail.outbox
    assert "/newsletter/c/" in message.body  # readers' links are counted...
    pulled.status = pulled.Status.DRAFT
    pulled.save()
    html = client.get(f"/newsletter/archive/{campaign.slug}/").content.decode()
    assert "Reward models, explained" in html and f'href="https://posttrain.example{kept.get_absolute_url()}"' in html
    assert "A piece later taken down" not in html  # ...the web copy shows only what is still published
    assert "/newsletter/c/" not in html and "__posttrain" not in html
