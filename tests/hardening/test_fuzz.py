"""Arbitrary input never breaks the site: hypothesis throws strings at every form, token, slug and query string.

For every request: never a 5xx (the test client re-raises any exception a view lets through), never CR, LF or NUL
in a response header, and for signups never a stored row from invalid input nor a header injected into an
outgoing e-mail. Inputs include very long strings, NUL bytes, CR/LF, unicode that grows when lower-cased, and raw
query strings and paths with invalid UTF-8 percent-escapes.
"""

import os
import socket
import string
from urllib.parse import quote

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.mail.message import sanitize_address
from django.core.validators import validate_email
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from newsletter.models import ConsentRecord, Subscriber, normalise_email
from newsletter.tokens import make_confirm_token, make_manage_token
from posttrain.celery import app as celery_app
from tests.articles.factories import EditorFactory
from tests.factories import ArticleFactory, AuthorFactory, GlossaryTermFactory, SeriesFactory, VerticalFactory
from tests.newsletter.factories import SubscriberFactory

pytestmark = pytest.mark.django_db

FUZZ = settings(
    # FUZZ_EXAMPLES=2000 make test PYTEST_ARGS=tests/hardening/test_fuzz.py digs deeper than the everyday run.
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "60")),
    deadline=None,
    database=None,  # no .hypothesis/ folder in the working tree
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)

# --- Strategies -------------------------------------------------------------------------------------------------

SPICE = st.sampled_from([
    "\r\n", "\n", "\r", "\x00", "\u2028", "\u0085", " ", "\t", "%0d%0a", "\r\nBcc: victim@example.org", "İ", "ß",
    "\ufeff", "<script>alert(1)</script>", "'\"", "../", "%", "%FF", "\\", "@", "A" * 300,
])
nasty = st.one_of(
    st.text(max_size=60),
    st.text(min_size=255, max_size=3000),
    st.lists(st.one_of(st.text(max_size=8), SPICE), max_size=10).map("".join),
)
emailish = st.one_of(
    st.emails(),
    st.emails().map(str.upper),
    st.tuples(st.sampled_from([" ", "\t", "\n", "\r\n", "\x00", ""]), st.emails(), SPICE).map("".join),
    st.tuples(st.emails(), SPICE, st.emails()).map("".join),
    st.tuples(st.text(alphabet="İKÅßﬁ", min_size=1, max_size=250), st.just("@example.org")).map("".join),
    nasty,
)
# What a WSGI server can hand over in a header or raw query string: latin-1 characters (bytes 0x80–0xFF included).
latin1 = st.text(alphabet=st.characters(max_codepoint=255), max_size=300)
# A header value gunicorn passes on: it answers 400 itself to control characters (RFC 9110 5.5), see below.
header_value = st.text(
    alphabet=st.characters(max_codepoint=255, exclude_characters=[chr(c) for c in [*range(9), *range(10, 32), 127]]),
    max_size=300,
)
raw_query = st.lists(
    st.one_of(
        st.sampled_from(["q=", "page=", "source=", "&", "=", "+", ";", "%", "%G1", "%FF", "%C3", "%C3%28", "%E2%82",
                         "%ED%A0%80", "%00", "%0D%0A", "%F0%9F%92%A9", "\xff", "\xc3\x28"]),
        st.text(alphabet=string.ascii_letters + string.digits + "-_.~%", max_size=10),
    ),
    max_size=20,
).map("".join)
raw_path_segment = st.one_of(
    st.text(min_size=1, max_size=300).map(lambda s: quote(s, safe="")),
    st.from_regex(r"[-a-zA-Z0-9_]{1,400}", fullmatch=True),
    st.lists(st.sampled_from(["%FF", "%C3", "%00", "%0D%0A", "%2F", "..", "%2E%2E", "a", "-", "%E2%80%A8"]),
             min_size=1, max_size=20).map("".join),
)


# --- Shared checks ----------------------------------------------------------------------------------------------


def assert_safe_response(response):
    assert response.status_code < 500, response.status_code
    for name, value in response.items():
        for bad in ("\r", "\n", "\x00"):
            assert bad not in name and bad not in value, f"{name!r}: {value!r}"
    for morsel in response.cookies.values():
        assert not any(bad in morsel.OutputString() for bad in ("\r", "\n", "\x00"))


def address_is_valid(raw):
    """What may be stored: the form's own rules, applied to the address as it will be stored."""
    try:
        address = normalise_email(raw)
    except ValueError:  # a domain IDNA refuses
        return False
    if not address or "\x00" in address or len(address) > 254 or not address.rpartition("@")[0].isascii():
        return False
    try:
        validate_email(raw.strip())
        validate_email(address)
    except ValidationError:
        return False
    return True


def assert_stored_rows_are_clean():
    for user_agent, record_source in ConsentRecord.objects.values_list("user_agent", "source"):
        assert "\x00" not in user_agent and (record_source.isprintable() or record_source == "")
    for email, source in Subscriber.objects.values_list("email", "source"):
        validate_email(email)
        assert email == normalise_email(email) and len(email) <= 254
        assert email.rpartition("@")[0].isascii()
        sanitize_address(email, "utf-8")  # the confirmation can be addressed to it
        assert not any(ch in email for ch in "\r\n\x00")
        assert source.isprintable() or source == ""


def assert_mail_headers_clean():
    for message in mail.outbox:
        for address in message.to:
            validate_email(address)
        for name, value in message.message().items():
            for bad in ("\r", "\n", "\x00"):
                assert bad not in str(value), f"{name}: {value!r}"


@pytest.fixture
def fuzz_settings(settings):
    settings.NEWSLETTER_SIGNUP_RATE = "1000000/m"
    settings.NEWSLETTER_ADDRESS_RATE = "1000000/m"
    # Confirmations go out inline, so what the e-mail headers carry is checked too.
    eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield settings
    celery_app.conf.task_always_eager = eager


# --- Signup -----------------------------------------------------------------------------------------------------


@FUZZ
@given(
    email=emailish,
    name=nasty,
    interests=st.lists(st.one_of(st.integers(), nasty), max_size=3),
    source=nasty,
    started_value=st.one_of(st.just("fresh"), nasty),
    user_agent=st.one_of(latin1, st.lists(st.sampled_from(["Mozilla/5.0", "\x00", "\r\n", "\xff", "x" * 400]),
                                          max_size=5).map("".join)),
)
@example(email="İ" * 200 + "@example.org", name="", interests=[], source="", started_value="fresh", user_agent="")
@example(email="big@example.org", name="", interests=[2**63, "1" * 5000], source="", started_value="fresh",
         user_agent="")
@example(email="reader@example.org\r\nBcc: victim@example.org", name="x\r\nBcc: y@example.org", interests=[],
         source="\r\nX-Injected: 1", started_value="fresh", user_agent="UA\x00")
@example(email="ok@example.org", name="", interests=[], source="a\x00b", started_value="fresh", user_agent="")
@example(email="ua@example.org", name="", interests=[], source="home", started_value="fresh",
         user_agent="Mozilla\x00/5.0\r\n")
def test_signup_never_errors_never_stores_invalid_input_never_injects_a_header(
    client, fuzz_settings, django_capture_on_commit_callbacks, email, name, interests, source, started_value,
    user_agent,
):
    mail.outbox.clear()
    before = set(Subscriber.objects.values_list("email", flat=True))
    data = {
        "email": email,
        "name": name,
        "interests": [str(value) for value in interests],
        "source": source,
        "started": started_value,  # a field the form no longer has (a stale page): ignored, never an error
        "website": "",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/newsletter/", data, HTTP_USER_AGENT=user_agent)

    assert_safe_response(response)
    after = set(Subscriber.objects.values_list("email", flat=True))
    if not address_is_valid(email):
        assert response.status_code == 400
        assert after == before, "an invalid address was stored"
    else:
        assert response.status_code in (302, 400)
        assert after - before <= {normalise_email(email)}
    if response.status_code == 400:
        assert after == before
    assert_stored_rows_are_clean()
    assert_mail_headers_clean()
    assert len(mail.outbox) <= 1


@FUZZ
@given(source=nasty, raw=raw_query)
def test_signup_page_renders_any_source_parameter(client, source, raw):
    assert_safe_response(client.get("/newsletter/", {"source": source}))
    assert_safe_response(client.get("/newsletter/", QUERY_STRING=raw))


# --- Admin sign-in (django-axes records failed attempts with the client's headers) ---------------------------


@FUZZ
@given(username=nasty, password=nasty, extra=nasty, user_agent=header_value, forwarded=header_value)
@example(username="editor", password="wrong", extra="\x00", user_agent="Mozilla/5.0", forwarded="")
@example(username="editor\x00", password="\x00", extra="\r\n", user_agent="\xff" * 400,
         forwarded="not-an-ip, 999.1.1.1")
def test_admin_sign_in_survives_any_credentials_and_headers(
    client, username, password, extra, user_agent, forwarded
):
    response = client.post(
        "/admin/login/?next=" + quote(extra[:100], safe=""),
        {"username": username, "password": password, "next": extra, "other": extra},
        HTTP_USER_AGENT=user_agent,
        HTTP_X_FORWARDED_FOR=forwarded,
    )
    assert_safe_response(response)
    assert response.status_code in (200, 302, 400, 403, 429)
    assert "_auth_user_id" not in client.session


# --- Admin lists: search box and filters, as an editor ------------------------------------------------------------

ADMIN_LISTS = [
    "/admin/articles/article/", "/admin/articles/series/", "/admin/articles/author/", "/admin/articles/resource/",
    "/admin/articles/glossaryterm/", "/admin/articles/previewlink/", "/admin/articles/slugredirect/",
    "/admin/taggit/tag/", "/admin/newsletter/subscriber/", "/admin/newsletter/campaign/",
    "/admin/newsletter/delivery/", "/admin/verticals/vertical/",
]


@FUZZ
@given(changelist=st.sampled_from(ADMIN_LISTS), q=nasty, raw=raw_query)
@example(changelist="/admin/articles/article/", q="\x00", raw="status=%00&o=%00")
@example(changelist="/admin/newsletter/subscriber/", q="a\x00b", raw="p=99999999999999999999&q=%00")
def test_admin_search_and_filters_never_error(client, content, changelist, q, raw):
    client.force_login(EditorFactory(username="fuzz-editor"))
    assert_safe_response(client.get(changelist, {"q": q}))
    assert_safe_response(client.get(changelist, QUERY_STRING=raw))


# --- Search -----------------------------------------------------------------------------------------------------


@pytest.fixture
def content(db):
    vertical = VerticalFactory(slug="ai")
    series = SeriesFactory(vertical=vertical, slug="stack")
    author = AuthorFactory(slug="ada")
    GlossaryTermFactory(term="GRPO", slug="grpo")
    ArticleFactory(slug="grpo-explained", title="GRPO explained", vertical=vertical, series=series, part=1,
                   tags=["rlvr"], authors=[author], body="<p>GRPO compares answers in a group.</p>")
    ArticleFactory(draft=True, slug="draft-piece", vertical=vertical, tags=["rlvr"])


@FUZZ
@given(q=nasty, page=nasty, raw=raw_query)
@example(q="\x00", page="1" * 5000, raw="q=%FF%FE%00&page=%C3")
@example(q="x" * 100_000, page="-1", raw="q=%ED%A0%80")
def test_search_never_errors_on_any_query(client, content, q, page, raw):
    assert_safe_response(client.get("/search/", {"q": q, "page": page}))
    assert_safe_response(client.get("/search/", QUERY_STRING=raw))


# --- Tokens -----------------------------------------------------------------------------------------------------


@pytest.fixture
def subscribers(db):
    pending = SubscriberFactory(pending=True, email="pending@example.org")
    confirmed = SubscriberFactory(email="confirmed@example.org")
    return {
        "pending": pending,
        "confirmed": confirmed,
        "valid": {make_confirm_token(pending), make_manage_token(pending), make_manage_token(confirmed),
                  make_confirm_token(confirmed)},
    }


def state_of_subscribers():
    return list(Subscriber.objects.order_by("pk").values_list("email", "status", "confirmed_at", "unsubscribed_at"))


@st.composite
def tokens(draw, valid):
    """Arbitrary text, or a valid token with one character inserted, removed or replaced."""
    if draw(st.booleans()):
        return draw(st.one_of(nasty, raw_path_segment))
    token = draw(st.sampled_from(sorted(valid)))
    index = draw(st.integers(0, len(token) - 1))
    kind = draw(st.sampled_from(["insert", "delete", "replace"]))
    char = draw(st.characters(codec="utf-8", exclude_characters="/"))
    if kind == "insert":
        return token[:index] + char + token[index:]
    if kind == "delete":
        return token[:index] + token[index + 1:]
    return token[:index] + char + token[index + 1:]


ROUTES = ["confirm/{}/", "confirm/{}/resend/", "preferences/{}/", "unsubscribe/{}/"]


@FUZZ
@given(data=st.data(), route=st.sampled_from(ROUTES), method=st.sampled_from(["get", "post"]),
       body=st.sampled_from(["button", "one-click", "interests"]))
def test_confirm_unsubscribe_and_preferences_links_never_error_and_forged_ones_change_nothing(
    client, fuzz_settings, subscribers, data, route, method, body
):
    token = data.draw(tokens(subscribers["valid"]))
    if token in subscribers["valid"]:
        return
    before = state_of_subscribers()
    mail.outbox.clear()
    segment = token if "%" in token and token.isascii() else quote(token, safe="")
    url = "/newsletter/" + route.format(segment)
    payload = {"button": {}, "one-click": {"List-Unsubscribe": "One-Click"}, "interests": {"interests": ["1", "x"]}}
    response = client.get(url) if method == "get" else client.post(url, payload[body])
    assert_safe_response(response)
    assert state_of_subscribers() == before
    assert mail.outbox == []


@FUZZ
@given(interests=st.lists(st.one_of(st.integers(), nasty), max_size=5))
@example(interests=[2**63])
@example(interests=["-9223372036854775809", "1" * 5000, "١"])
def test_preferences_post_with_a_valid_link_and_any_interests_never_errors(client, subscribers, interests):
    vertical = VerticalFactory(slug="ai")
    token = make_manage_token(subscribers["confirmed"])
    response = client.post(f"/newsletter/preferences/{token}/", {"interests": [str(i) for i in interests]})
    assert_safe_response(response)
    assert set(subscribers["confirmed"].interests.all()) <= {vertical}


# --- Slugs and feeds --------------------------------------------------------------------------------------------

SLUG_ROUTES = [
    "/articles/{}/", "/series/{}/", "/series/{}/feed/", "/tags/{}/", "/tags/{}/feed/", "/authors/{}/",
    "/glossary/{}/", "/verticals/{}/", "/verticals/{}/feed/", "/preview/{}/", "/preview/article/{}/",
    "/newsletter/campaigns/{}/progress.json", "/admin/articles/article/{}/change/", "/{}",
]


@FUZZ
@given(route=st.sampled_from(SLUG_ROUTES), segment=raw_path_segment, raw=raw_query)
@example(route="/articles/{}/", segment="grpo-explained", raw="page=%FF")
@example(route="/articles/{}/", segment="a" * 5000, raw="")
@example(route="/tags/{}/", segment="rlvr", raw="page=99999999999999999999999")
def test_every_slug_route_answers_any_slug_without_error(client, content, route, segment, raw):
    response = client.get(route.format(segment), QUERY_STRING=raw)
    assert_safe_response(response)
    assert response.status_code in (200, 301, 302, 304, 400, 404, 405)


FEEDS = ["/feed/", "/feed/atom/", "/verticals/ai/feed/", "/series/stack/feed/", "/tags/rlvr/feed/", "/sitemap.xml",
         "/robots.txt"]


@FUZZ
@given(feed=st.sampled_from(FEEDS), raw=raw_query, if_none_match=latin1, if_modified_since=latin1)
@example(feed="/feed/", raw="", if_none_match="*", if_modified_since="Sat, 29 Feb 2100 99:99:99 GMT")
@example(feed="/feed/atom/", raw="page=-1", if_none_match='W/"\x00"', if_modified_since="\xff" * 300)
def test_feeds_answer_any_parameters_and_conditional_headers(
    client, content, feed, raw, if_none_match, if_modified_since
):
    response = client.get(feed, QUERY_STRING=raw, HTTP_IF_NONE_MATCH=if_none_match,
                          HTTP_IF_MODIFIED_SINCE=if_modified_since)
    assert_safe_response(response)
    assert response.status_code in (200, 304)
    if response.status_code == 200 and feed.endswith("feed/"):
        assert b"draft-piece" not in response.content


def test_production_server_refuses_control_characters_in_header_values(production_server):
    """NUL or CR in a header never reaches Django in production: gunicorn answers 400 itself.

    (django-axes stores the User-Agent of a failed sign-in unfiltered, and PostgreSQL refuses NUL in text.)
    """
    base = production_server()
    port = int(base.rsplit(":", 1)[1])
    for value in (b"Mozilla\x00/5.0", b"a\x01b", b"a\rX-Injected: 1"):
        with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
            sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: " + value + b"\r\n\r\n")
            answer = sock.recv(4096)
        assert answer.startswith(b"HTTP/1.1 400"), (value, answer[:200])
