"""The weekly digest: one per slot, of what was published since the last one; each reader gets only the articles of
their verticals and series; nobody with nothing new is mailed."""

import zoneinfo
from datetime import datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from articles.models import Article
from newsletter import campaigns, digests
from newsletter.delivery import send_batches
from newsletter.mailing_models import SeriesFollow
from newsletter.models import Campaign, Delivery
from posttrain.schedules import parse_weekly
from tests.factories import ArticleFactory, SeriesFactory, VerticalFactory

from .factories import SubscriberFactory

pytestmark = pytest.mark.django_db
PARIS = zoneinfo.ZoneInfo("Europe/Paris")
# Monday 7 December 2026, 08:00 in Paris.
SLOT = datetime(2026, 12, 7, 8, 0, tzinfo=PARIS)


@pytest.fixture
def weekly(settings):
    settings.TIME_ZONE = "Europe/Paris"
    settings.NEWSLETTER_DIGEST_SCHEDULE = parse_weekly("mon 08:00")
    settings.NEWSLETTER_DIGEST_AUTOSEND = False


def published(days_before_slot, **kwargs):
    return ArticleFactory(publish_date=SLOT - timedelta(days=days_before_slot), **kwargs)


@pytest.mark.parametrize(("now", "expected"), [
    (SLOT, SLOT),
    (SLOT + timedelta(minutes=5), SLOT),
    (SLOT - timedelta(minutes=1), SLOT - timedelta(days=7)),
    (SLOT + timedelta(days=6, hours=23), SLOT),
])
def test_current_slot_is_the_last_scheduled_moment_in_the_site_time_zone(weekly, now, expected):
    assert digests.current_slot(now) == expected


def test_schedule_setting_rejects_what_is_not_a_weekly_time():
    assert parse_weekly(" Fri 17:30 ") == parse_weekly("friday 17:30")
    for bad in ("", "mon", "mon 24:00", "someday 08:00", "mon 8h"):
        with pytest.raises(ValueError, match="weekly time such as 'mon 08:00'"):
            parse_weekly(bad)


def test_digest_holds_what_was_published_since_the_last_one_and_beat_firing_twice_makes_one(weekly):
    old = published(10)
    recent = published(2, title="This week")
    next_week = published(-1, title="Scheduled next week")  # not yet live at the slot
    ArticleFactory(draft=True)
    with time_machine.travel(SLOT + timedelta(seconds=30), tick=False):
        digest = digests.prepare_digest()
        assert digests.prepare_digest() is None
    assert Campaign.objects.digests().count() == 1
    assert digest.status == Campaign.Status.DRAFT and digest.kind == Campaign.Kind.DIGEST
    assert digest.digest_until == SLOT and digest.digest_since == SLOT - timedelta(days=7)
    assert digest.ordered_articles() == [recent]
    assert old not in digest.ordered_articles()
    # Next week's covers from this one's end: the article that went live since is in it, nothing twice.
    later = published(-3)
    with time_machine.travel(SLOT + timedelta(days=7), tick=False):
        following = digests.prepare_digest()
    assert following.digest_since == SLOT and set(following.ordered_articles()) == {later, next_week}


def test_no_digest_when_nothing_was_published(weekly):
    with time_machine.travel(SLOT, tick=False):
        assert digests.prepare_digest() is None
    assert not Campaign.objects.exists()


def test_autosend_starts_the_digest_without_an_editor(weekly, settings, run_on_commit):
    settings.NEWSLETTER_DIGEST_AUTOSEND = True
    article = published(1)
    SubscriberFactory(email="a@example.org", interests=[article.vertical])
    with time_machine.travel(SLOT, tick=False):
        digest = run_on_commit(digests.prepare_digest)
    digest.refresh_from_db()
    assert digest.status == Campaign.Status.SENT
    assert [m.to for m in mail.outbox] == [["a@example.org"]]


def test_each_reader_gets_only_their_verticals_and_series_and_nobody_gets_nothing(weekly, run_on_commit):
    sport, ai, learning = (VerticalFactory(name=n) for n in ("Sport", "AI", "Learning"))
    rlhf = SeriesFactory(title="RLHF from scratch", vertical=ai)
    sport_piece = published(1, title="Sport piece", vertical=sport)
    ai_piece = published(2, title="AI piece", vertical=ai)
    series_part = published(3, title="RLHF part 2", vertical=ai, series=rlhf, part=2)
    readers = {
        "sport": SubscriberFactory(email="sport@example.org", interests=[sport]),
        "ai": SubscriberFactory(email="ai@example.org", interests=[ai]),
        "everything": SubscriberFactory(email="everything@example.org"),
        "learning": SubscriberFactory(email="learning@example.org", interests=[learning]),
        "learning+series": SubscriberFactory(email="follower@example.org", interests=[learning]),
        "ai+at-once": SubscriberFactory(email="atonce@example.org", interests=[ai]),
        "unsubscribed": SubscriberFactory(email="gone@example.org", unsubscribed=True),
    }
    SeriesFollow.objects.create(subscriber=readers["learning+series"], series=rlhf, mode=SeriesFollow.Mode.DIGEST)
    SeriesFollow.objects.create(subscriber=readers["ai+at-once"], series=rlhf, mode=SeriesFollow.Mode.IMMEDIATE)
    with time_machine.travel(SLOT, tick=False):
        digest = digests.prepare_digest()
        # The editor approves it.
        run_on_commit(campaigns.start_sending, digest)
        send_batches(digest.pk)

    got = {m.to[0]: m for m in mail.outbox}
    expected = {
        "sport@example.org": {sport_piece},
        "ai@example.org": {ai_piece, series_part},
        "everything@example.org": {sport_piece, ai_piece, series_part},
        "follower@example.org": {series_part},
        "atonce@example.org": {ai_piece},  # the part came on its own
    }
    assert set(got) == set(expected)
    all_pieces = {sport_piece, ai_piece, series_part}
    for address, pieces in expected.items():
        html, text = got[address].alternatives[0][0], got[address].body
        for article in all_pieces:
            assert (article.title in html) == (article in pieces), (address, article.title)
            assert (article.title.upper() in text) == (article in pieces), (address, article.title)
    digest.refresh_from_db()
    assert digest.status == Campaign.Status.SENT
    # The reader of a vertical with nothing new never had a delivery; the at-once follower's leftovers were sent.
    assert not digest.deliveries.filter(subscriber=readers["learning"]).exists()
    assert digest.deliveries.filter(status=Delivery.Status.SENT).count() == 5


def test_an_article_unpublished_after_the_digest_was_prepared_is_left_out(weekly, run_on_commit):
    vertical = VerticalFactory()
    kept = published(1, title="Kept", vertical=vertical)
    pulled = published(2, title="Pulled back", vertical=vertical)
    only_pulled = VerticalFactory()
    alone = published(3, title="Alone", vertical=only_pulled)
    SubscriberFactory(email="a@example.org", interests=[vertical])
    SubscriberFactory(email="b@example.org", interests=[only_pulled])
    with time_machine.travel(SLOT, tick=False):
        digest = digests.prepare_digest()
        Article.objects.filter(pk__in=[pulled.pk, alone.pk]).update(status=Article.Status.UNPUBLISHED)
        run_on_commit(campaigns.start_sending, digest)
    assert [m.to for m in mail.outbox] == [["a@example.org"]]
    assert kept.title.upper() in mail.outbox[0].body
    assert "PULLED BACK" not in mail.outbox[0].body
    skipped = digest.deliveries.get(subscriber__email="b@example.org")
    assert skipped.status == Delivery.Status.SKIPPED and skipped.error == "nothing new for this reader"


def test_editor_preview_and_test_send_show_every_article(weekly, client):
    from django.contrib.auth.models import Group

    from tests.factories import UserFactory

    user = UserFactory(username="ed", email="ed@example.org")
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    first, second = published(8, title="First of two"), published(9, title="Second of two")
    with time_machine.travel(SLOT - timedelta(days=7), tick=False):
        digest = digests.prepare_digest()
    preview = client.get(f"/admin/newsletter/campaign/{digest.pk}/preview/?format=html").content.decode()
    assert first.title in preview and second.title in preview
    page = client.get(f"/admin/newsletter/campaign/{digest.pk}/change/").content.decode()
    assert "Weekly digest of what was published" in page
    client.post(f"/admin/newsletter/campaign/{digest.pk}/send-test/")
    assert mail.outbox[0].to == ["ed@example.org"] and "FIRST OF TWO" in mail.outbox[0].body
    assert "SECOND OF TWO" in mail.outbox[0].body
    assert timezone.is_aware(digest.digest_until)


def test_beat_prepares_the_digest_at_the_configured_day_and_hour_in_the_site_time_zone():
    from django.conf import settings

    entry = settings.CELERY_BEAT_SCHEDULE["prepare-weekly-digest"]
    slot = settings.NEWSLETTER_DIGEST_SCHEDULE
    assert entry["task"] == "newsletter.tasks.prepare_digest"
    assert entry["schedule"].hour == {slot.hour} and entry["schedule"].minute == {slot.minute}
    assert entry["schedule"].day_of_week == {(slot.weekday + 1) % 7}  # cron counts from Sunday
    assert settings.CELERY_TIMEZONE == settings.TIME_ZONE
