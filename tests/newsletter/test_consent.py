"""Consent history is append-only, suppressed addresses stay unmailed, and every signup takes one path (issue 10:
#7 and #14)."""

import re
from unittest import mock

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from newsletter import subscriptions
from newsletter.models import ConsentRecord, DailyStat, Subscriber
from newsletter.tokens import make_confirm_token
from tests.factories import UserFactory

from .conftest import signup_data
from .factories import SubscriberFactory

pytestmark = pytest.mark.django_db
SIGNUP = "/newsletter/"


@pytest.fixture
def post_signup(client, django_capture_on_commit_callbacks):
    def post(email, ip="203.0.113.7", user_agent="TestBrowser/1.0", **extra):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(SIGNUP, signup_data(email, **extra), REMOTE_ADDR=ip, HTTP_USER_AGENT=user_agent)

    return post


def confirm(client, subscriber, django_capture_on_commit_callbacks, ip="198.51.100.9"):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(reverse("newsletter:confirm", args=[make_confirm_token(subscriber)]), REMOTE_ADDR=ip,
                           HTTP_USER_AGENT="Confirmer/2.0")


def kinds(subscriber):
    return list(subscriber.consent_records.values_list("kind", flat=True))


def test_every_signup_and_confirmation_adds_a_consent_record_and_none_is_overwritten(
    client, post_signup, django_capture_on_commit_callbacks
):
    post_signup("reader@example.org", ip="203.0.113.1", user_agent="First/1.0")
    subscriber = Subscriber.objects.get()
    first = subscriber.consent_records.get()
    post_signup("reader@example.org", ip="203.0.113.2", user_agent="Second/1.0")
    confirm(client, subscriber, django_capture_on_commit_callbacks)

    assert kinds(subscriber) == ["signup", "signup", "confirmation"]
    signup1, signup2, confirmation = subscriber.consent_records.all()
    assert (signup1.pk, signup1.at, signup1.user_agent, signup1.ip_hash) == (
        first.pk, first.at, "First/1.0", first.ip_hash)
    assert signup2.user_agent == "Second/1.0" and signup2.ip_hash != signup1.ip_hash
    assert confirmation.user_agent == "Confirmer/2.0" and confirmation.text_version == signup2.text_version


def test_an_unsubscribed_reader_resubscribes_only_through_double_opt_in_and_the_unsubscribe_stays_on_record(
    client, post_signup, django_capture_on_commit_callbacks
):
    with time_machine.travel("2026-11-27 10:00 +0000", tick=False):
        post_signup("back@example.org")
        subscriber = Subscriber.objects.get()
        confirm(client, subscriber, django_capture_on_commit_callbacks)
        subscriptions.unsubscribe(subscriber)
    mail.outbox.clear()

    with time_machine.travel("2026-11-28 10:00 +0000", tick=False):
        post_signup("back@example.org", user_agent="Returning/1.0")
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.PENDING
    [message] = mail.outbox
    assert "/newsletter/confirm/" in message.body
    confirm(client, subscriber, django_capture_on_commit_callbacks)
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    assert kinds(subscriber) == ["signup", "confirmation", "unsubscribe", "signup", "confirmation"]
    assert subscriber.consent_records.get(kind="unsubscribe").reason == Subscriber.UnsubscribeReason.READER


@pytest.mark.parametrize("reason", [Subscriber.UnsubscribeReason.BOUNCE, Subscriber.UnsubscribeReason.COMPLAINT])
def test_a_public_signup_never_mails_an_address_suppressed_for_a_bounce_or_complaint(post_signup, reason):
    subscriber = SubscriberFactory(email="gone@example.org")
    subscriptions.suppress("Gone@Example.org", reason)

    response = post_signup("gone@example.org")
    assert response.status_code == 302 and response["Location"] == reverse("newsletter:check_inbox")
    assert mail.outbox == []
    subscriber.refresh_from_db()
    assert (subscriber.status, subscriber.unsubscribe_reason) == (Subscriber.Status.UNSUBSCRIBED, reason)
    assert kinds(subscriber) == ["suppression", "signup"]


def test_a_bounce_after_a_reader_unsubscribed_still_suppresses_the_address(post_signup):
    subscriber = SubscriberFactory(email="left@example.org")
    subscriptions.unsubscribe(subscriber)
    subscriptions.suppress("left@example.org", Subscriber.UnsubscribeReason.BOUNCE)
    post_signup("left@example.org")
    assert mail.outbox == []
    assert Subscriber.objects.get().is_suppressed


def test_an_editor_lifts_a_suppression_in_the_admin_and_it_is_recorded_who_and_when(client, post_signup):
    editor = UserFactory(username="lifter", is_staff=True, is_superuser=True)
    client.force_login(editor)
    subscriber = SubscriberFactory(email="mistaken@example.org")
    subscriptions.suppress(subscriber.email, Subscriber.UnsubscribeReason.COMPLAINT)

    response = client.post("/admin/newsletter/subscriber/", {"action": "lift_suppression",
                                                            "_selected_action": [subscriber.pk]}, follow=True)
    assert "Lifted the suppression of 1 subscriber(s)" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED and not subscriber.is_suppressed
    lifted = subscriber.consent_records.get(kind=ConsentRecord.Kind.LIFTED)
    assert lifted.by == editor and lifted.at is not None
    page = client.get(reverse("admin:newsletter_subscriber_change", args=[subscriber.pk])).content.decode()
    assert "Consent history (append-only)" in page and "Suppression lifted by an editor" in page

    post_signup("mistaken@example.org")
    assert [m.to for m in mail.outbox] == [["mistaken@example.org"]]
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING


def _normalised(sql):
    sql = re.sub(r'"s\d+_x\d+"', "SAVEPOINT_ID", sql)
    return re.sub(r"'[^']*'|\b\d+(\.\d+)?\b", "?", sql)


SIGNUP_STATES = {
    "new": None,
    "pending": {"pending": True},
    "confirmed": {},
    "unsubscribed": {"unsubscribed": True},
    "bounced": {"unsubscribed": True, "unsubscribe_reason": Subscriber.UnsubscribeReason.BOUNCE},
    "complained": {"unsubscribed": True, "unsubscribe_reason": Subscriber.UnsubscribeReason.COMPLAINT},
}


def test_every_address_state_takes_the_same_path_to_the_signup_answer(client, django_capture_on_commit_callbacks):
    """The same statements in the same order and one queued task, whatever the address's state: what differs
    happens in the worker, so the answer's timing tells nobody who is subscribed."""
    paths = {}
    for state, traits in SIGNUP_STATES.items():
        email = f"{state}@example.org"
        if traits is not None:
            SubscriberFactory(email=email, **traits)
        with (
            mock.patch("newsletter.queue.enqueue") as enqueue,
            CaptureQueriesContext(connection) as queries,
            django_capture_on_commit_callbacks(execute=True) as callbacks,
        ):
            response = client.post(SIGNUP, signup_data(email), REMOTE_ADDR="203.0.113.7")
        assert response.status_code == 302
        tasks = [call.args[0] for call in enqueue.call_args_list]
        paths[state] = ([_normalised(q["sql"]) for q in queries.captured_queries], len(callbacks), tasks)
    expected = paths["new"]
    assert expected[1:] == (1, ["process_signup"])
    assert any(sql.startswith("INSERT") for sql in expected[0])
    for state, path in paths.items():
        assert path == expected, f"{state} takes another path"
    assert DailyStat.objects.count() == 0, "no counter is bumped before the worker decides"
