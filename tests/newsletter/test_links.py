"""Confirmation, preferences and unsubscribe links: GET never acts, POST does, one-click works without cookies."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from newsletter.models import DailyStat, Subscriber
from newsletter.tokens import make_confirm_token, make_manage_token
from tests.factories import VerticalFactory

from .factories import SubscriberFactory

pytestmark = pytest.mark.django_db


def confirm_url(subscriber):
    return reverse("newsletter:confirm", args=[make_confirm_token(subscriber)])


def unsubscribe_url(subscriber):
    return reverse("newsletter:unsubscribe", args=[make_manage_token(subscriber)])


def test_get_on_the_confirmation_link_shows_a_button_and_confirms_nobody(client):
    subscriber = SubscriberFactory(pending=True)
    url = confirm_url(subscriber)
    response = client.get(url)
    assert response.status_code == 200
    assert f'<form method="post" action="{url}">' in response.content.decode()
    assert "Confirm my subscription" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.PENDING


def test_post_confirms_and_sends_one_welcome_even_when_clicked_twice(client, django_capture_on_commit_callbacks):
    subscriber = SubscriberFactory(pending=True)
    url = confirm_url(subscriber)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
        client.post(url)
    assert response.status_code == 200
    assert "You're subscribed" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    assert subscriber.confirmed_at is not None
    assert [m.subject for m in mail.outbox] == ["Welcome to the PostTrain newsletter"]
    assert "/newsletter/preferences/" in mail.outbox[0].body
    assert DailyStat.objects.get().confirmations == 1


def test_a_tampered_confirmation_link_gets_400(client):
    url = confirm_url(SubscriberFactory(pending=True))
    assert client.get(url[:-3] + "xx/").status_code == 400
    assert client.post(url[:-3] + "xx/").status_code == 400


def test_a_confirmation_link_for_an_erased_subscriber_gets_404(client):
    subscriber = SubscriberFactory(pending=True)
    url = confirm_url(subscriber)
    subscriber.delete()
    assert client.post(url).status_code == 404


def test_an_unsubscribed_reader_is_not_resubscribed_by_an_old_confirmation_link(client):
    subscriber = SubscriberFactory(pending=True)
    url = confirm_url(subscriber)
    Subscriber.objects.filter(pk=subscriber.pk).update(status=Subscriber.Status.UNSUBSCRIBED)
    assert client.post(url).status_code == 409
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED


def test_an_expired_link_offers_a_new_one_which_is_sent(client):
    with time_machine.travel("2026-11-01 12:00 +0000", tick=False):
        subscriber = SubscriberFactory(pending=True, confirmation_sent_at=timezone.now())
        token = make_confirm_token(subscriber)
    with time_machine.travel("2026-11-09 12:00 +0000", tick=False):
        response = client.get(reverse("newsletter:confirm", args=[token]))
        assert response.status_code == 410
        resend = reverse("newsletter:resend_confirmation", args=[token])
        assert f'action="{resend}"' in response.content.decode()
        assert client.post(reverse("newsletter:confirm", args=[token])).status_code == 410
        subscriber.refresh_from_db()
        assert subscriber.status == Subscriber.Status.PENDING
        response = client.post(resend)
        assert response.status_code == 302
    [message] = mail.outbox
    assert message.to == [subscriber.email]
    new_link = message.body.split("http://127.0.0.1:8000", 1)[1].split()[0]
    assert new_link.startswith("/newsletter/confirm/") and new_link != reverse("newsletter:confirm", args=[token])


def test_get_on_the_unsubscribe_link_shows_a_button_and_never_unsubscribes(client):
    subscriber = SubscriberFactory()
    response = client.get(unsubscribe_url(subscriber))
    assert response.status_code == 200
    assert '<button type="submit">Unsubscribe</button>' in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED


def test_one_click_post_without_cookie_or_csrf_unsubscribes_and_is_idempotent():
    subscriber = SubscriberFactory()
    mail_client = Client(enforce_csrf_checks=True)
    for _ in range(2):
        response = mail_client.post(
            unsubscribe_url(subscriber), "List-Unsubscribe=One-Click",
            content_type="application/x-www-form-urlencoded",
        )
        assert response.status_code == 200
        assert not response.cookies
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED
    assert subscriber.unsubscribe_reason == Subscriber.UnsubscribeReason.ONE_CLICK
    assert DailyStat.objects.get().unsubscribes == 1


def test_one_click_with_a_tampered_token_gets_a_4xx_and_changes_nothing():
    subscriber = SubscriberFactory()
    url = unsubscribe_url(subscriber)
    response = Client(enforce_csrf_checks=True).post(
        url[:-4] + "abc/", {"List-Unsubscribe": "One-Click"}
    )
    assert response.status_code == 400
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED


def test_any_other_post_without_csrf_is_refused():
    subscriber = SubscriberFactory()
    response = Client(enforce_csrf_checks=True).post(unsubscribe_url(subscriber), {"List-Unsubscribe": "Yes"})
    assert response.status_code == 403
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED


def test_the_button_on_the_page_unsubscribes_with_its_csrf_token():
    subscriber = SubscriberFactory()
    browser = Client(enforce_csrf_checks=True)
    url = unsubscribe_url(subscriber)
    browser.get(url)
    response = browser.post(url, {"csrfmiddlewaretoken": browser.cookies["csrftoken"].value})
    assert response.status_code == 200
    assert "You're unsubscribed" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED


def test_preferences_page_shows_and_changes_interests_only_on_post(client):
    keep, add = VerticalFactory(name="AI"), VerticalFactory(name="Sport")
    subscriber = SubscriberFactory(interests=[keep])
    url = reverse("newsletter:preferences", args=[make_manage_token(subscriber)])
    response = client.get(url)
    assert response.status_code == 200
    assert "Your newsletter preferences" in response.content.decode()
    response = client.post(url, {"interests": [add.pk]})
    assert "Your preferences are saved" in response.content.decode()
    assert list(subscriber.interests.all()) == [add]
    assert client.post(url, {"interests": ["nope"]}).status_code == 400
    assert client.get(url[:-3] + "zz/").status_code == 400


def test_unknown_subscriber_gets_404_not_500(client):
    subscriber = SubscriberFactory()
    url = unsubscribe_url(subscriber)
    subscriber.delete()
    assert client.get(url).status_code == 404
    assert Client().post(url, {"List-Unsubscribe": "One-Click"}).status_code == 404


def test_links_expire_only_for_confirmation(client):
    subscriber = SubscriberFactory()
    url = unsubscribe_url(subscriber)
    with time_machine.travel(timedelta(days=400)):
        assert client.get(url).status_code == 200


def test_one_click_body_without_a_content_type_still_unsubscribes():
    subscriber = SubscriberFactory()
    response = Client(enforce_csrf_checks=True).generic(
        "POST", unsubscribe_url(subscriber), b"List-Unsubscribe=One-Click", content_type=""
    )
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED


def test_one_click_as_multipart_form_also_works():
    subscriber = SubscriberFactory()
    response = Client(enforce_csrf_checks=True).post(unsubscribe_url(subscriber), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED


def expired_resend_url(subscriber):
    with time_machine.travel(timezone.now() - timedelta(days=8)):
        token = make_confirm_token(subscriber)
    return reverse("newsletter:resend_confirmation", args=[token])


def test_the_resend_limit_is_per_address_so_many_readers_in_an_hour_each_get_their_new_link(client, settings):
    settings.NEWSLETTER_ADDRESS_RATE = "5/h"
    readers = [SubscriberFactory(pending=True) for _ in range(7)]
    for n, reader in enumerate(readers):
        response = client.post(expired_resend_url(reader), REMOTE_ADDR=f"198.51.100.{n + 1}")
        assert response.status_code == 302, f"reader {n + 1} was refused"
    assert sorted(m.to[0] for m in mail.outbox) == sorted(r.email for r in readers)


def test_the_resend_limit_per_address_applies_across_ips(client, settings):
    settings.NEWSLETTER_ADDRESS_RATE = "2/h"
    url = expired_resend_url(SubscriberFactory(pending=True))
    for n in range(2):
        assert client.post(url, REMOTE_ADDR=f"198.51.100.{n + 1}").status_code == 302
    assert client.post(url, REMOTE_ADDR="198.51.100.99").status_code == 429


def test_the_resend_limit_per_ip_applies_across_addresses(client, settings):
    settings.NEWSLETTER_SIGNUP_RATE = "2/m"
    for _ in range(2):
        assert client.post(expired_resend_url(SubscriberFactory(pending=True)), REMOTE_ADDR="198.51.100.7") \
            .status_code == 302
    response = client.post(expired_resend_url(SubscriberFactory(pending=True)), REMOTE_ADDR="198.51.100.7")
    assert response.status_code == 429 and "Too many attempts" in response.content.decode()


def test_an_invalid_resend_link_gets_its_error_without_spending_anyones_limit(client, settings):
    settings.NEWSLETTER_SIGNUP_RATE = "1/m"
    settings.NEWSLETTER_ADDRESS_RATE = "1/h"
    reader = SubscriberFactory(pending=True)
    url = expired_resend_url(reader)
    erased = SubscriberFactory(pending=True)
    erased_url = expired_resend_url(erased)
    erased.delete()
    for _ in range(3):
        assert client.post(url[:-8] + "forged/resend/", REMOTE_ADDR="198.51.100.7").status_code == 400
        assert client.post(erased_url, REMOTE_ADDR="198.51.100.7").status_code == 404
    assert client.post(url, REMOTE_ADDR="198.51.100.7").status_code == 302
    assert [m.to for m in mail.outbox] == [[reader.email]]
