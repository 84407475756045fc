"""Arbitrary input to the public newsletter URLs: never a 5xx, never a row from invalid input."""

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsletter.models import Subscriber
from newsletter.tokens import make_manage_token

from .conftest import signup_data
from .factories import SubscriberFactory

pytestmark = pytest.mark.django_db

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
nasty_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400) | st.sampled_from(
    ["\x00", "a@b.c\r\nBcc: victim@example.org", "x" * 5000, "%00", "../../etc/passwd", "<script>", "ñ@ü.example"]
)


@FUZZ
@given(email=nasty_text, source=nasty_text, interests=st.lists(st.integers() | nasty_text, max_size=3))
def test_signup_never_errors_and_stores_only_valid_addresses(email, source, interests):
    response = Client().post("/newsletter/", signup_data(email, source=source, interests=interests))
    assert response.status_code in (302, 400)
    for subscriber in Subscriber.objects.all():
        assert "\n" not in subscriber.email and "\r" not in subscriber.email and "\x00" not in subscriber.email
        assert "@" in subscriber.email


@FUZZ
@given(token=st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="/?#"), min_size=1,
                     max_size=300))
def test_token_urls_never_error(token):
    client = Client()
    for name in ("confirm", "unsubscribe", "preferences"):
        url = f"/newsletter/{name}/{token}/"
        assert client.get(url).status_code < 500
        assert client.post(url, {"List-Unsubscribe": "One-Click"}).status_code < 500
    assert client.post(f"/newsletter/confirm/{token}/resend/").status_code < 500


@FUZZ
@given(interests=st.lists(st.integers() | nasty_text, max_size=4))
def test_preferences_post_with_any_interests_never_errors(interests):
    subscriber = Subscriber.objects.first() or SubscriberFactory()
    response = Client().post(f"/newsletter/preferences/{make_manage_token(subscriber)}/", {"interests": interests})
    assert response.status_code in (200, 400)
