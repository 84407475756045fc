from datetime import timedelta
from unittest import mock

import pytest
import time_machine
from django.core import mail
from django.db import IntegrityError
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse
from kombu.exceptions import OperationalError

from newsletter import subscriptions, tasks, views
from newsletter.consent import CONSENT_TEXT_VERSION
from newsletter.models import ConsentRecord, DailyStat, Subscriber, hash_ip
from tests.factories import VerticalFactory

from .conftest import signup_data
from .factories import SubscriberFactory

pytestmark = pytest.mark.django_db
SIGNUP = "/newsletter/"


@pytest.fixture
def post_signup(client, django_capture_on_commit_callbacks):
    def post(email, ip="203.0.113.7", **extra):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(SIGNUP, signup_data(email, **extra), REMOTE_ADDR=ip, HTTP_USER_AGENT="TestBrowser/1.0")

    return post


def test_signup_page_has_a_labelled_form_that_posts_to_the_signup_url(client):
    VerticalFactory(name="Sports science")
    response = client.get(SIGNUP)
    html = response.content.decode()
    assert response.status_code == 200
    assert f'action="{reverse("newsletter:signup")}"' in html
    assert '<label for="signup-email">Your e-mail address</label>' in html
    assert 'id="signup-email"' in html
    assert "<legend>Topics (optional)</legend>" in html
    assert "Sports science" in html


def test_signup_tag_renders_a_complete_form_with_its_source_and_nothing_per_reader():
    request = RequestFactory().get("/")
    html = Template('{% load newsletter %}{% signup_form source="article:dpo" %}').render(
        Context({"request": request, "csrf_token": "tok123"})
    )
    assert '<form class="signup" method="post" action="/newsletter/"' in html
    assert 'value="article:dpo"' in html
    # No CSRF token and no signed start time: the page the form is on must be the same bytes for every reader.
    assert "csrfmiddlewaretoken" not in html and "tok123" not in html
    assert 'name="started"' not in html
    assert '<button type="submit">Subscribe</button>' in html


def test_new_signup_is_stored_pending_with_its_consent_record_and_gets_a_confirmation(post_signup):
    vertical = VerticalFactory()
    response = post_signup("  Reader@Example.ORG ", interests=[vertical.pk], source="home")
    assert response.status_code == 302
    assert response["Location"] == reverse("newsletter:check_inbox")
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "reader@example.org"
    assert subscriber.status == Subscriber.Status.PENDING
    assert list(subscriber.interests.all()) == [vertical]
    assert subscriber.source == "home"
    [record] = subscriber.consent_records.all()
    assert record.kind == ConsentRecord.Kind.SIGNUP and record.source == "home"
    assert record.text_version == CONSENT_TEXT_VERSION
    assert record.ip_hash == hash_ip("203.0.113.7") and "203.0.113.7" not in record.ip_hash
    assert record.user_agent == "TestBrowser/1.0"
    assert list(record.interests.all()) == [vertical]
    assert subscriber.confirmation_sent_at is not None
    assert DailyStat.objects.get().signups == 1
    [message] = mail.outbox
    assert message.to == ["reader@example.org"]
    assert "/newsletter/confirm/" in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_check_inbox_page_tells_the_reader_what_happens_next(client):
    response = client.get(reverse("newsletter:check_inbox"))
    assert "Check your inbox" in response.content.decode()


def test_address_is_unique_whatever_its_case_and_spaces(post_signup):
    post_signup("Reader@Example.org")
    post_signup(" READER@example.ORG  ")
    assert Subscriber.objects.count() == 1


def test_database_refuses_a_second_row_differing_only_in_case():
    SubscriberFactory(email="reader@example.org")
    # bulk_create skips save(), so only the constraint stands in the way.
    with pytest.raises(IntegrityError):
        Subscriber.objects.bulk_create([Subscriber(email="READER@example.org")])


@pytest.mark.parametrize("state", ["new", "pending", "confirmed", "unsubscribed"])
def test_the_answer_is_the_same_whatever_state_the_address_is_in(client, post_signup, state):
    if state != "new":
        SubscriberFactory(email="known@example.org", **({state: True} if state != "confirmed" else {}))
    response = post_signup("known@example.org")
    assert response.status_code == 302
    assert response["Location"] == reverse("newsletter:check_inbox")
    assert response.content == b""
    assert not response.cookies


def test_confirmed_address_signing_up_again_gets_no_mail_and_keeps_its_interests(post_signup):
    kept = VerticalFactory()
    subscriber = SubscriberFactory(email="known@example.org", interests=[kept])
    post_signup("known@example.org", interests=[VerticalFactory().pk])
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    assert list(subscriber.interests.all()) == [kept]
    assert mail.outbox == []


def test_unsubscribed_address_can_sign_up_again_with_double_opt_in(post_signup):
    SubscriberFactory(email="back@example.org", unsubscribed=True)
    post_signup("back@example.org")
    subscriber = Subscriber.objects.get()
    assert subscriber.status == Subscriber.Status.PENDING
    assert subscriber.unsubscribed_at is None
    assert len(mail.outbox) == 1


def test_honeypot_drops_the_signup_quietly(post_signup):
    response = post_signup("bot@example.org", website="http://spam.example")
    assert response.status_code == 302
    assert response["Location"] == reverse("newsletter:check_inbox")
    assert not Subscriber.objects.exists()
    assert mail.outbox == []


@pytest.mark.parametrize("email", ["not-an-address", "", "a@b@c", "x" * 300 + "@example.org", "a\r\nBcc: x@y.org"])
def test_invalid_address_gets_a_clear_message_and_400(client, email):
    response = client.post(SIGNUP, signup_data(email))
    assert response.status_code == 400
    body = response.content.decode()
    assert "Please" in body and "e-mail address" in body
    assert not Subscriber.objects.exists()


def test_per_ip_rate_limit_answers_429_with_a_friendly_page(client, settings):
    settings.NEWSLETTER_SIGNUP_RATE = "2/m"
    for n in range(2):
        assert client.post(SIGNUP, signup_data(f"r{n}@example.org"), REMOTE_ADDR="198.51.100.1").status_code == 302
    response = client.post(SIGNUP, signup_data("r9@example.org"), REMOTE_ADDR="198.51.100.1")
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
    assert not Subscriber.objects.filter(email="r9@example.org").exists()
    # Another IP is not affected.
    assert client.post(SIGNUP, signup_data("r9@example.org"), REMOTE_ADDR="198.51.100.2").status_code == 302


def test_per_address_rate_limit_applies_across_ips(client, settings):
    settings.NEWSLETTER_ADDRESS_RATE = "2/h"
    for n in range(2):
        client.post(SIGNUP, signup_data("Target@example.org"), REMOTE_ADDR=f"198.51.100.{n + 1}")
    response = client.post(SIGNUP, signup_data(" target@EXAMPLE.org"), REMOTE_ADDR="198.51.100.99")
    assert response.status_code == 429


def test_an_address_gets_at_most_one_confirmation_an_hour(post_signup):
    with time_machine.travel("2026-11-27 10:00 +0000", tick=False):
        for ip in ("203.0.113.1", "203.0.113.2", "203.0.113.3"):
            post_signup("once@example.org", ip=ip)
        assert len(mail.outbox) == 1
        subscriptions.send_confirmation(Subscriber.objects.get().pk)
        assert len(mail.outbox) == 1
    with time_machine.travel("2026-11-27 10:59 +0000", tick=False):
        post_signup("once@example.org")
        assert len(mail.outbox) == 1
    with time_machine.travel("2026-11-27 11:01 +0000", tick=False):
        post_signup("once@example.org")
        assert len(mail.outbox) == 2


def test_broker_down_the_signup_is_stored_and_the_sweep_sends_its_confirmation(post_signup, caplog):
    with time_machine.travel("2026-11-27 10:00 +0000", tick=False):
        with mock.patch.object(tasks.process_signup, "apply_async", side_effect=OperationalError("refused")):
            response = post_signup("lost@example.org")
        assert response.status_code == 302
        assert Subscriber.objects.get().confirmation_sent_at is None
        assert mail.outbox == []
        assert "Could not queue" in caplog.text
    with time_machine.travel("2026-11-27 10:05 +0000", tick=False):
        assert tasks.send_unsent_confirmations() == 1
        assert tasks.send_unsent_confirmations() == 0
    assert [m.to for m in mail.outbox] == [["lost@example.org"]]


def test_a_failed_confirmation_send_is_retried_by_the_sweep(settings):
    subscriber = SubscriberFactory(pending=True)
    settings.EMAIL_BACKEND = "tests.newsletter.backends.BrokenBackend"
    with pytest.raises(ConnectionRefusedError):
        subscriptions.send_confirmation(subscriber.pk)
    subscriber.refresh_from_db()
    assert subscriber.confirmation_sent_at is None
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert subscriptions.send_unsent_confirmations(older_than=timedelta(0)) == 1


def test_a_long_page_address_as_source_does_not_fail_the_signup(post_signup):
    response = post_signup("long@example.org", source="/articles/" + "x" * 500 + "/")
    assert response.status_code == 302
    assert len(Subscriber.objects.get().source) == 200


def test_cache_down_the_rate_limits_fail_open_and_the_signup_is_stored(post_signup, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise ConnectionError("Redis is down")

    monkeypatch.setattr(views, "is_ratelimited", broken)
    response = post_signup("cacheless@example.org")
    assert response.status_code == 302
    assert Subscriber.objects.filter(email="cacheless@example.org").exists()
    assert "Rate-limit cache unavailable" in caplog.text


@pytest.mark.parametrize("spellings", [
    ["bob@bücher.de", "bob@xn--bcher-kva.de"],
    ["Bob@BÜCHER.de", "bob@XN--BCHER-KVA.DE", " bob@bücher.de "],
    ["ann@ｅｘａｍｐｌｅ.org", "ann@example.org"],
])
def test_a_unicode_domain_and_its_ascii_spelling_are_one_subscriber_with_one_confirmation(post_signup, spellings):
    for email in spellings:
        assert post_signup(email).status_code == 302
    subscriber = Subscriber.objects.get()
    assert subscriber.email == spellings[1].strip().lower()
    assert [m.to for m in mail.outbox] == [[subscriber.email]]
    assert subscriber.consent_records.count() == len(spellings)


@pytest.mark.parametrize("email", ["bob@xn--zz.de", "bob@☃.net", "bob@bücher.xn--zz"])
def test_an_address_whose_domain_idna_refuses_gets_a_clear_form_error(client, email):
    """Django's own validator accepts these; IDNA 2008 does not, so they could not be stored in one spelling."""
    response = client.post(SIGNUP, signup_data(email))
    assert (response.status_code, response.context["form"].errors["email"]) == (400, [
        "Please check the part after the @: it is not a domain name we can send e-mail to."])
    assert not Subscriber.objects.exists()


def test_database_refuses_an_address_not_in_its_canonical_spelling():
    # bulk_create skips save(), so only the constraint stands in the way.
    with pytest.raises(IntegrityError):
        Subscriber.objects.bulk_create([Subscriber(email="bob@bücher.de")])


def test_a_provider_bounce_for_the_unicode_spelling_suppresses_the_stored_ascii_one():
    subscriber = SubscriberFactory(email="bob@xn--bcher-kva.de")
    subscriptions.suppress("Bob@Bücher.de", Subscriber.UnsubscribeReason.BOUNCE)
    subscriber.refresh_from_db()
    assert subscriber.is_suppressed
