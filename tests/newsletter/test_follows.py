"""Following a series: from the preferences page, or from the series page through a link mailed to the reader; a
new part goes to "at once" followers in its own mailing, once."""

import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from newsletter import article_mailings, campaigns
from newsletter.mailing_models import SeriesFollow
from newsletter.models import Campaign
from newsletter.tokens import make_manage_token
from tests.factories import ArticleFactory, SeriesFactory

from .factories import SubscriberFactory

pytestmark = pytest.mark.django_db


def preferences_url(subscriber):
    return reverse("newsletter:preferences", args=[make_manage_token(subscriber)])


def test_preferences_page_follows_and_unfollows_series(client):
    reader = SubscriberFactory()
    rlhf, tapering = SeriesFactory(title="RLHF from scratch"), SeriesFactory(title="Tapering")
    page = client.get(preferences_url(reader)).content.decode()
    assert "Series you follow" in page and "RLHF from scratch" in page and "At once, in its own e-mail" in page
    client.post(preferences_url(reader), {f"series-{rlhf.pk}": "immediate", f"series-{tapering.pk}": "digest"})
    assert dict(reader.series_follows.values_list("series__title", "mode")) == {
        "RLHF from scratch": "immediate", "Tapering": "digest"}
    client.post(preferences_url(reader), {f"series-{rlhf.pk}": "", f"series-{tapering.pk}": "digest"})
    assert list(reader.series_follows.values_list("series__title", flat=True)) == ["Tapering"]
    checked = client.get(preferences_url(reader)).content.decode()
    assert f'name="series-{tapering.pk}" value="digest"' in checked and "checked" in checked


def test_preferences_refuse_an_unknown_mode_and_change_nothing(client):
    reader = SubscriberFactory()
    series = SeriesFactory()
    response = client.post(preferences_url(reader), {f"series-{series.pk}": "hourly"})
    assert response.status_code == 400
    assert not reader.series_follows.exists()


def test_series_page_form_mails_a_subscriber_their_link_and_tells_nobody_who_subscribes(client,
                                                                                      django_capture_on_commit_callbacks):
    series = SeriesFactory(title="RLHF from scratch")
    reader = SubscriberFactory(email="reader@example.org")
    page = client.get(series.get_absolute_url()).content.decode()
    assert 'action="/newsletter/follow-series/"' in page and "Follow this series by e-mail" in page
    url = reverse("newsletter:follow_series")
    with django_capture_on_commit_callbacks(execute=True):
        known = client.post(url, {"email": "Reader@Example.org", "series": series.slug, "mode": "immediate"})
        unknown = client.post(url, {"email": "stranger@example.org", "series": series.slug, "mode": "digest"})
    assert known.status_code == unknown.status_code == 200
    assert known.content.decode().replace("Reader", "") == unknown.content.decode().replace("Reader", "")
    assert [m.to for m in mail.outbox] == [["reader@example.org"]]
    link = next(line for line in mail.outbox[0].body.splitlines() if "/newsletter/preferences/" in line)
    assert not reader.series_follows.exists()  # nothing changes until the reader saves
    parts = urlsplit(link.strip())
    page = client.get(f"{parts.path}?{parts.query}").content.decode()
    assert "“RLHF from scratch” is chosen below: press Save to follow it." in page
    assert re.search(rf'<input type="radio" name="series-{series.pk}" value="immediate"[^>]* checked', page)


@pytest.mark.parametrize("data", [
    {"email": "x@example.org", "series": "no-such-series", "mode": "digest"},
    {"email": "not-an-address", "series": "SERIES", "mode": "digest"},
    {"email": "x@example.org", "series": "SERIES", "mode": "weekly"},
])
def test_series_page_form_answers_bad_input_with_a_400_and_a_message(client, data):
    series = SeriesFactory()
    data = {k: (series.slug if v == "SERIES" else v) for k, v in data.items()}
    response = client.post(reverse("newsletter:follow_series"), data)
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()


def test_new_part_goes_to_at_once_followers_once(run_on_commit):
    series = SeriesFactory()
    at_once = SubscriberFactory(email="now@example.org")
    in_digest = SubscriberFactory(email="later@example.org")
    SubscriberFactory(email="other@example.org")
    SeriesFollow.objects.create(subscriber=at_once, series=series, mode=SeriesFollow.Mode.IMMEDIATE)
    SeriesFollow.objects.create(subscriber=in_digest, series=series, mode=SeriesFollow.Mode.DIGEST)
    ArticleFactory(series=series, part=1, publish_date=timezone.now() - timedelta(days=3))  # old news
    part = ArticleFactory(title="Part two", series=series, part=2, publish_date=timezone.now() - timedelta(minutes=1))
    ArticleFactory(series=series, part=3, scheduled=True)
    run_on_commit(campaigns.dispatch_due_campaigns)
    run_on_commit(campaigns.dispatch_due_campaigns)
    assert [m.to for m in mail.outbox] == [["now@example.org"]]
    assert "Part two" in mail.outbox[0].subject and "you follow the series" in mail.outbox[0].body
    campaign = Campaign.objects.get()
    assert campaign.announces == part and campaign.status == Campaign.Status.SENT
    assert article_mailings.announce_new_series_parts() == []


def test_series_page_form_takes_the_same_path_for_any_address(client, django_capture_on_commit_callbacks):
    series = SeriesFactory()
    SubscriberFactory(email="known@example.org")
    url = reverse("newsletter:follow_series")
    client.post(url, {"email": "warm-up@example.org", "series": series.slug, "mode": "digest"})
    queued = []
    for email in ("known@example.org", "nobody@example.org"):
        with django_capture_on_commit_callbacks() as callbacks:
            client.post(url, {"email": email, "series": series.slug, "mode": "digest"})
        queued.append(len(callbacks))
    assert queued == [1, 1]


def test_series_page_form_has_no_token_and_a_cross_site_post_is_refused(django_capture_on_commit_callbacks):
    series = SeriesFactory(title="DPO in practice")
    SubscriberFactory(email="reader@example.org")
    client = Client(enforce_csrf_checks=True)
    page = client.get(series.get_absolute_url())
    assert "csrfmiddlewaretoken" not in page.content.decode() and not page.cookies  # the same bytes for everyone
    data = {"email": "reader@example.org", "series": series.slug, "mode": "digest"}
    url = reverse("newsletter:follow_series")
    with django_capture_on_commit_callbacks(execute=True):
        forged = client.post(url, data, HTTP_SEC_FETCH_SITE="cross-site", HTTP_ORIGIN="https://evil.example")
        own = client.post(url, data, HTTP_SEC_FETCH_SITE="same-origin")
    assert forged.status_code == 403
    assert own.status_code == 200
    assert len(mail.outbox) == 1  # only the page's own form mailed the reader
