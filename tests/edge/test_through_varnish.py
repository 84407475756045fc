"""The whole path a reader takes: Varnish (the shipped VCL) → gunicorn → PostgreSQL and Redis.

Changes are made here, in the test process, and committed; the purge each commit sends reaches the real Varnish.
"Visible within 2 s" is measured from the commit to the first reader request through Varnish that shows it.
"""

import re
import time
from datetime import timedelta
from urllib.parse import urlencode

import pytest
from django.test import Client
from django.utils import timezone

from articles import workflow
from articles.models import Article
from articles.preview import create_preview_link, preview_url
from newsletter.models import Subscriber
from newsletter.tokens import make_confirm_token, make_manage_token
from posttrain import frontend_cache
from tests.factories import ArticleFactory, UserFactory, VerticalFactory
from verticals.models import SiteSettings

from . import site

pytestmark = [pytest.mark.varnish, pytest.mark.postgres]

VISIBLE_WITHIN = 2.0
FORM = {"Content-Type": "application/x-www-form-urlencoded"}


@pytest.fixture
def reader(django_behind_varnish, transactional_db, settings):
    """A reader's requests through Varnish: reader("GET", path) -> (status, headers, body as text)."""
    varnish, site_url = django_behind_varnish
    settings.FRONTEND_CACHE_URLS = [f"varnish://127.0.0.1:{varnish.port}"]
    frontend_cache.purge(["site"])  # every test starts from an empty Varnish
    SiteSettings.load()

    def request(method, path, headers=None, body=None):
        status, response_headers, content = varnish.request(method, path, headers, body=body)
        return status, response_headers, content.decode("utf-8", "replace")

    request.site_url = site_url
    return request


def seconds_until(condition, limit=10.0, message=lambda: ""):
    """Seconds from now until `condition()` holds (polled through Varnish); fails after `limit`."""
    start = time.monotonic()
    while not condition():
        if time.monotonic() - start > limit:
            raise AssertionError(f"still not visible after {limit} s {message()}")
        time.sleep(0.02)
    return time.monotonic() - start


def cached_twice(reader, path):
    """GET `path` twice; the second answer must come from Varnish."""
    reader("GET", path)
    status, headers, body = reader("GET", path)
    assert (status, headers["x-cache"]) == (200, "HIT"), path
    return body


def test_the_second_anonymous_request_is_a_hit_with_the_same_bytes_and_no_cookie(reader):
    article = ArticleFactory(title="Served from the edge")
    first = reader("GET", article.get_absolute_url())
    second = reader("GET", article.get_absolute_url(), {"Cookie": "_ga=GA1.2.3", "User-Agent": "Mobile Safari"})

    assert (first[0], first[1]["x-cache"]) == (200, "MISS")
    assert second[1]["x-cache"] == "HIT" and int(second[1]["age"]) >= 0
    assert second[2] == first[2] and "Served from the edge" in second[2]
    assert "set-cookie" not in first[1] and "set-cookie" not in second[1]
    assert "xkey" not in second[1]  # the keys are for purging, not for readers
    assert second[1]["cache-control"].startswith("public, max-age=60, s-maxage=300")


def test_a_publish_shows_on_the_home_vertical_and_feed_within_two_seconds(reader):
    vertical = VerticalFactory()
    editor = UserFactory(username="publishing-editor", is_superuser=True)
    article = ArticleFactory(in_review=True, title="Fresh off the press", vertical=vertical)
    for path in ("/", vertical.get_absolute_url(), "/feed/"):
        assert "Fresh off the press" not in cached_twice(reader, path)

    workflow.publish(article, editor)

    assert seconds_until(lambda: "Fresh off the press" in reader("GET", "/")[2]) <= VISIBLE_WITHIN
    assert "Fresh off the press" in reader("GET", vertical.get_absolute_url())[2]
    assert "Fresh off the press" in reader("GET", "/feed/")[2]
    assert reader("GET", article.get_absolute_url())[0] == 200


def test_an_edit_shows_on_the_article_and_home_within_two_seconds(reader):
    article = ArticleFactory(title="Before the edit")
    cached_twice(reader, article.get_absolute_url())
    cached_twice(reader, "/")

    article.title = "After the edit"
    article.save()

    assert seconds_until(lambda: "After the edit" in reader("GET", article.get_absolute_url())[2]) <= VISIBLE_WITHIN
    assert "After the edit" in reader("GET", "/")[2]


def test_an_unpublished_article_is_gone_within_two_seconds(reader):
    editor = UserFactory(username="unpublishing-editor", is_superuser=True)
    article = ArticleFactory(title="Soon withdrawn")
    cached_twice(reader, article.get_absolute_url())
    cached_twice(reader, "/")

    workflow.unpublish(article, editor)

    assert seconds_until(lambda: reader("GET", article.get_absolute_url())[0] == 404) <= VISIBLE_WITHIN
    assert "Soon withdrawn" not in reader("GET", "/")[2]
    # The 404 is not kept either: publishing again shows the page at once.
    workflow.publish(Article.objects.get(pk=article.pk), editor)
    assert seconds_until(lambda: reader("GET", article.get_absolute_url())[0] == 200) <= VISIBLE_WITHIN


def test_a_slug_change_redirects_the_old_address_within_two_seconds(reader, django_behind_varnish):
    varnish = django_behind_varnish[0]
    site.restart_workers(varnish.django, varnish.backend[1])
    article = ArticleFactory(title="Renamed piece", slug="old-address")
    cached_twice(reader, "/articles/old-address/")

    article.slug = "new-address"
    article.save()
    seen = []

    assert seconds_until(lambda: seen.append(reader("GET", "/articles/old-address/")[:2]) or seen[-1][0] == 301,
                         message=lambda: seen[-1]) <= VISIBLE_WITHIN
    assert reader("GET", "/articles/old-address/")[1]["location"].endswith("/articles/new-address/")
    assert reader("GET", "/articles/new-address/")[0] == 200


def test_a_scheduled_article_shows_through_varnish_within_two_seconds_of_its_time(reader):
    goes_live = timezone.now() + timedelta(seconds=3)
    ArticleFactory(title="Right on schedule", publish_date=goes_live)
    home = cached_twice(reader, "/")
    assert "Right on schedule" not in home

    # Nothing is saved at that moment: the copies' lifetimes end at it.
    time.sleep(max(0.0, (goes_live - timezone.now()).total_seconds()))
    assert seconds_until(lambda: "Right on schedule" in reader("GET", "/")[2]) <= VISIBLE_WITHIN


def test_drafts_previews_and_the_admin_never_enter_the_cache(reader):
    editor = UserFactory(username="previewing-editor", is_superuser=True, is_staff=True)
    draft = ArticleFactory(draft=True, title="Secret draft")
    shared = preview_url(create_preview_link(draft, editor))

    for _ in range(2):
        status, headers, body = reader("GET", draft.get_absolute_url())
        assert status == 404 and headers["x-cache"] != "HIT" and "Secret draft" not in body
        status, headers, body = reader("GET", shared)
        assert (status, headers["x-cache"]) == (200, "PASS") and "Secret draft" in body
        assert "no-store" in headers["cache-control"]
        assert reader("GET", "/admin/")[1]["x-cache"] == "PASS"
    # The preview did not put the draft in the cache under the public address either.
    assert reader("GET", draft.get_absolute_url())[0] == 404


def test_a_signed_in_editor_never_gets_the_cached_page_and_never_fills_it(reader):
    editor = UserFactory(username="reading-editor", is_superuser=True, is_staff=True)
    browser = Client()
    browser.force_login(editor)
    session = {"Cookie": f"sessionid={browser.cookies['sessionid'].value}"}
    article = ArticleFactory(title="What readers saw")
    cached_twice(reader, article.get_absolute_url())
    # Changed without signals, so no purge: only a request that reaches Django can see it.
    Article.objects.filter(pk=article.pk).update(title="What the editor sees")

    status, headers, body = reader("GET", article.get_absolute_url(), session)

    assert (status, headers["x-cache"]) == (200, "PASS")
    assert "What the editor sees" in body
    assert "private" in headers["cache-control"] and "no-store" in headers["cache-control"]
    anonymous = reader("GET", article.get_absolute_url())
    assert anonymous[1]["x-cache"] == "HIT" and "What readers saw" in anonymous[2]


def test_signup_confirm_and_one_click_unsubscribe_work_through_varnish(reader):
    home = cached_twice(reader, "/")
    form = home.split('<form class="signup"', 1)[1].split("</form>", 1)[0]
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form))
    fields.update(email="edge.reader@example.org", website="")

    status, headers, _ = reader("POST", "/newsletter/", {**FORM, "Origin": reader.site_url}, urlencode(fields))

    assert (status, headers["x-cache"]) == (302, "PASS")
    assert headers["location"].endswith("/newsletter/check-your-inbox/")
    subscriber = Subscriber.objects.get(email="edge.reader@example.org")
    assert subscriber.status == Subscriber.Status.PENDING

    confirm = f"/newsletter/confirm/{make_confirm_token(subscriber)}/"
    status, headers, page = reader("GET", confirm)
    assert (status, headers["x-cache"]) == (200, "PASS") and "no-store" in headers["cache-control"]
    csrf_cookie = re.search(r"csrftoken=([^;]+)", headers["set-cookie"]).group(1)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    status, _, page = reader("POST", confirm, {**FORM, "Cookie": f"csrftoken={csrf_cookie}"},
                             urlencode({"csrfmiddlewaretoken": token}))
    assert status == 200
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED

    unsubscribe = f"/newsletter/unsubscribe/{make_manage_token(subscriber)}/"
    status, _, body = reader("POST", unsubscribe, FORM, "List-Unsubscribe=One-Click")
    assert (status, body) == (200, "Unsubscribed.\n")
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED


def test_a_signup_posted_from_another_site_is_refused_through_varnish(reader):
    body = urlencode({"email": "victim@example.org", "source": "evil", "website": ""})
    status, _, page = reader("POST", "/newsletter/", {**FORM, "Origin": "https://evil.example"}, body)

    assert status == 403 and "This form was sent from another site" in page
    assert not Subscriber.objects.exists()
