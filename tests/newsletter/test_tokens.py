from datetime import timedelta

import pytest
import time_machine
from django.core import signing

from newsletter import tokens
from newsletter.models import Subscriber

from .factories import SubscriberFactory

pytestmark = pytest.mark.django_db


def test_confirm_token_round_trips_to_its_subscriber():
    subscriber = SubscriberFactory(pending=True)
    payload = tokens.read_confirm_token(tokens.make_confirm_token(subscriber))
    assert payload[0] == subscriber.pk
    assert tokens.matches(subscriber, payload)


@pytest.mark.parametrize("tamper", [
    lambda t: t[:-1] + ("A" if t[-1] != "A" else "B"),
    lambda t: "x" + t,
    lambda t: t.split(":")[0],
    lambda t: "",
    lambda t: "\x00" * 10,
    lambda t: "é" * 50,
])
def test_tampered_tokens_are_refused(tamper):
    token = tokens.make_confirm_token(SubscriberFactory(pending=True))
    with pytest.raises(tokens.InvalidToken):
        tokens.read_confirm_token(tamper(token))
    with pytest.raises(tokens.InvalidToken):
        tokens.read_manage_token(tamper(tokens.make_manage_token(Subscriber.objects.get())))


def test_a_token_with_another_id_signed_by_someone_else_is_refused():
    subscriber = SubscriberFactory()
    forged = signing.dumps([subscriber.pk, "0" * 16], salt=tokens.MANAGE_SALT, key="not-our-secret")
    with pytest.raises(tokens.InvalidToken):
        tokens.read_manage_token(forged)


def test_confirm_and_manage_tokens_are_not_interchangeable():
    subscriber = SubscriberFactory()
    with pytest.raises(tokens.InvalidToken):
        tokens.read_manage_token(tokens.make_confirm_token(subscriber))
    with pytest.raises(tokens.InvalidToken):
        tokens.read_confirm_token(tokens.make_manage_token(subscriber))


def test_confirm_token_expires_after_seven_days_but_says_who_it_was_for():
    with time_machine.travel("2026-11-01 12:00 +0000", tick=False):
        subscriber = SubscriberFactory(pending=True)
        token = tokens.make_confirm_token(subscriber)
    with time_machine.travel("2026-11-08 11:59 +0000", tick=False):
        assert tokens.read_confirm_token(token)[0] == subscriber.pk
    with time_machine.travel("2026-11-08 12:01 +0000", tick=False):
        with pytest.raises(tokens.ExpiredToken) as expired:
            tokens.read_confirm_token(token)
        assert expired.value.payload[0] == subscriber.pk


def test_manage_token_keeps_working_in_old_emails():
    with time_machine.travel("2026-01-01 00:00 +0000", tick=False):
        subscriber = SubscriberFactory()
        token = tokens.make_manage_token(subscriber)
    with time_machine.travel(timedelta(days=900)):
        assert tokens.read_manage_token(token)[0] == subscriber.pk


def test_token_is_bound_to_the_address_not_only_the_id():
    subscriber = SubscriberFactory(email="first@example.org")
    payload = tokens.read_manage_token(tokens.make_manage_token(subscriber))
    subscriber.email = "someone-else@example.org"
    assert not tokens.matches(subscriber, payload)
