"""The data migrations of issue 10: consent fields become records (#7), one row per mailbox (#15), and the admin
log stops naming subscribers by address (#6)."""

from datetime import UTC, datetime

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from newsletter.models import Subscriber
from tests.factories import UserFactory

BEFORE = "0002_editors_group_permissions"


def latest():
    """The newest newsletter migration, whichever issue added it."""
    [(_, name)] = MigrationExecutor(connection).loader.graph.leaf_nodes("newsletter")
    return name


@pytest.fixture
def migrate_newsletter(transactional_db):
    def migrate(target):
        executor = MigrationExecutor(connection)
        executor.migrate([("newsletter", target)])
        return executor.loader.project_state([("newsletter", target)]).apps

    yield migrate
    migrate(latest())


def at(day):
    return datetime(2026, 11, day, 9, 0, tzinfo=UTC)


def test_migrations_keep_consent_as_records_merge_one_mailbox_and_scrub_addresses_from_the_admin_log(
    migrate_newsletter,
):
    old_apps = migrate_newsletter(BEFORE)
    OldSubscriber = old_apps.get_model("newsletter", "Subscriber")
    unicode_row = OldSubscriber.objects.create(
        email="bob@bücher.de", status="unsubscribed", created_at=at(1), consented_at=at(1),
        consent_text_version="v1", ip_hash="hash1", user_agent="UA1", unsubscribed_at=at(2),
        unsubscribe_reason="reader",
    )
    OldSubscriber.objects.create(
        email="bob@xn--bcher-kva.de", status="confirmed", created_at=at(3), consented_at=at(3),
        consent_text_version="v2", ip_hash="hash2", user_agent="UA2", confirmed_at=at(4),
    )
    OldSubscriber.objects.create(email="ann@example.org", status="confirmed", created_at=at(5), consented_at=at(5),
                                 consent_text_version="v2", confirmed_at=at(5))
    editor = UserFactory()
    LogEntry.objects.create(user=editor, content_type=ContentType.objects.get_for_model(Subscriber),
                            object_id=str(unicode_row.pk), object_repr="bob@bücher.de", action_flag=CHANGE)

    migrate_newsletter(latest())

    bob, ann = Subscriber.objects.order_by("created_at")
    assert (bob.pk, bob.email, ann.email) == (unicode_row.pk, "bob@xn--bcher-kva.de", "ann@example.org")
    # The latest wish of the mailbox's owner holds: they confirmed after they had unsubscribed.
    assert (bob.status, bob.confirmed_at, bob.unsubscribed_at) == (Subscriber.Status.CONFIRMED, at(4), None)
    history = list(bob.consent_records.values_list("kind", "at", "text_version", "ip_hash", "user_agent"))
    assert history == [
        ("signup", at(1), "v1", "hash1", "UA1"),
        ("unsubscribe", at(2), "", "", ""),
        ("signup", at(3), "v2", "hash2", "UA2"),
        ("confirmation", at(4), "v2", "", ""),
    ]
    assert list(ann.consent_records.values_list("kind", flat=True)) == ["signup", "confirmation"]
    assert list(LogEntry.objects.values_list("object_repr", flat=True)) == [f"Subscriber #{bob.pk}"]


def test_campaigns_made_before_the_archive_get_distinct_slugs_from_their_subjects(migrate_newsletter):
    old_apps = migrate_newsletter("0007_scrub_subscriber_admin_log")
    OldCampaign = old_apps.get_model("newsletter", "Campaign")
    for subject in ["We are live!", "We are live!", "Über-Training"]:
        OldCampaign.objects.create(subject=subject, html_body="<p>x</p>", text_body="x", status="sent")
    migrate_newsletter(latest())
    from newsletter.models import Campaign

    assert list(Campaign.objects.order_by("pk").values_list("slug", flat=True)) == [
        "we-are-live", "we-are-live-2", "uber-training",
    ]
