"""The signup form carries no CSRF token; a POST another site's page makes a browser send is refused by its origin."""

import pytest
from django.core import mail
from django.test import Client

from newsletter.models import Subscriber

from .conftest import signup_data

pytestmark = pytest.mark.django_db
SIGNUP = "/newsletter/"


@pytest.fixture
def browser(django_capture_on_commit_callbacks):
    """A client that enforces CSRF like a real deployment, has no cookie, and runs what the signup queues."""
    client = Client(enforce_csrf_checks=True)

    def post(email, **headers):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(SIGNUP, signup_data(email), headers=headers)

    return post


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Fetch-Site": "same-origin", "Origin": "http://testserver"},
        {"Origin": "http://testserver"},  # a browser without Fetch Metadata
        {"Referer": "http://testserver/articles/some-piece/"},  # an old browser: Referer only
        {},  # no browser at all (curl): nothing another site could steer
        {"Sec-Fetch-Site": "none"},  # the reader sent it themselves
    ],
)
def test_a_signup_from_our_own_pages_needs_no_token_or_cookie(browser, headers):
    response = browser("reader@example.org", **headers)

    assert response.status_code == 302
    assert Subscriber.objects.filter(email="reader@example.org", status=Subscriber.Status.PENDING).exists()
    assert len(mail.outbox) == 1  # double opt-in: the confirmation, nothing more


def test_the_sites_configured_origin_is_trusted_behind_a_proxy(browser, settings):
    settings.CSRF_TRUSTED_ORIGINS = ["https://posttrain.example"]

    assert browser("proxy@example.org", Origin="https://posttrain.example").status_code == 302


@pytest.mark.parametrize(
    ("headers", "says"),
    [
        ({"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"}, "Sec-Fetch-Site: cross-site"),
        ({"Sec-Fetch-Site": "same-site", "Origin": "https://blog.testserver"}, "Sec-Fetch-Site: same-site"),
        ({"Origin": "https://evil.example"}, "https://evil.example"),
        ({"Origin": "null"}, "sent from null"),
        ({"Referer": "https://evil.example/page"}, "a page on another site"),
        ({"Origin": "http://testserver.evil.example"}, "testserver.evil.example"),
    ],
)
def test_a_signup_sent_from_another_site_is_refused_with_a_clear_page(browser, headers, says):
    response = browser("victim@example.org", **headers)

    assert response.status_code == 403
    page = response.content.decode()
    assert "This form was sent from another site" in page and says in page
    assert "Nothing was stored" in page
    assert not Subscriber.objects.exists()
    assert mail.outbox == []


def test_the_signup_page_and_its_answers_set_no_cookie(client):
    page = client.get(SIGNUP)
    answer = client.post(SIGNUP, signup_data("quiet@example.org"))

    assert page.status_code == 200 and answer.status_code == 302
    assert not page.cookies and not answer.cookies
    assert "csrfmiddlewaretoken" not in page.content.decode()


def test_the_honeypot_still_drops_a_same_origin_bot():
    client = Client(enforce_csrf_checks=True)
    response = client.post(SIGNUP, signup_data("bot@example.org", website="http://spam.example"),
                           headers={"Origin": "http://testserver"})

    assert response.status_code == 302
    assert not Subscriber.objects.exists()
