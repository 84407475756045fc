"""Nothing unpublished leaks: not to readers on any public route, not to a writer through any admin URL.

Each hidden article carries its own marker words in every text field (title, standfirst, body, SEO fields,
references, corrections, tags, slug, an old slug); a published control article carries its own. Every public route
is walked twice (cold, then from the page cache) and no marker of a hidden article may appear in any response, its
headers or its JSON-LD, while the control shows where it should.
"""

import json
import re
from datetime import timedelta

import pytest
import reversion
import time_machine
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core import signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from articles import preview, workflow
from articles.models import Article, ArticleTransition, Correction, PreviewLink
from tests.articles.adminforms import article_form_data
from tests.articles.factories import EditorFactory, WriterFactory
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    GlossaryTermFactory,
    ReferenceFactory,
    ResourceFactory,
    SeriesFactory,
    VerticalFactory,
)

pytestmark = pytest.mark.django_db

HIDDEN = {"draft": "draft", "review": "in_review", "scheduled": "scheduled", "unpublished": "unpublished"}
# Every hidden text carries one of these; a published article never does.
MARKERS = ("qztitle", "qzstand", "qzbody", "qzseo", "qzref", "qzfix", "qztag", "qzslug", "qzold")
# What a 404 or search page may echo back from the request itself.
CONTENT_MARKERS = ("qztitle", "qzstand", "qzseo", "qzref", "qzfix")
JSONLD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def hidden_article(state, *, vertical, series, author, part):
    article = ArticleFactory(
        **{HIDDEN[state]: True},
        title=f"Hidden {state} qztitle{state}",
        slug=f"qzold-{state}",
        standfirst=f"Standfirst qzstand{state}",
        body=f"<h2>Section qzbody{state}</h2><p>GRPO and qzbody{state} words only this article has.</p>",
        seo_title=f"qzseo{state} title",
        seo_description=f"qzseo{state} description",
        vertical=vertical,
        series=series,
        part=part,
        tags=["shared", "grpo", f"qztag-{state}"],
        authors=[author],
    )
    ReferenceFactory(article=article, title=f"Reference qzref{state}")
    Correction.objects.create(article=article, note=f"Correction qzfix{state}")
    # A renamed hidden article leaves an old slug behind; it must not answer with a redirect to the hidden page.
    article.slug = f"qzslug-{state}"
    article.save()
    return article


@pytest.fixture
def world(django_capture_on_commit_callbacks):
    # Search finds an article once its save commits (the vector is built then); tests never commit, so the block
    # runs those callbacks as it ends.
    with django_capture_on_commit_callbacks(execute=True):
        vertical = VerticalFactory(slug="ai", name="AI model post-training")
        series = SeriesFactory(vertical=vertical, slug="stack", title="The stack")
        author = AuthorFactory(slug="ada", name="Ada Writer")
        GlossaryTermFactory(term="GRPO", slug="grpo", explanation="<p>Group relative policy optimisation.</p>")
        ResourceFactory(vertical=vertical, title="A key paper")
        control = ArticleFactory(
            title="Control shownmark piece",
            slug="shownmark-control",
            standfirst="Standfirst of the control.",
            body="<h2>Shownmark</h2><p>GRPO explained with shownmarkbody words.</p>",
            vertical=vertical,
            series=series,
            part=1,
            tags=["shared", "grpo"],
            authors=[author],
        )
        hidden = {
            state: hidden_article(state, vertical=vertical, series=series, author=author, part=number)
            for number, state in enumerate(HIDDEN, start=2)
        }
    return {"control": control, "hidden": hidden}


# Routes a reader can reach, and whether the published control must be listed there.
LISTING_ROUTES = [
    "/",
    "/verticals/ai/",
    "/series/stack/",
    "/tags/shared/",
    "/tags/grpo/",
    "/authors/ada/",
    "/glossary/grpo/",
    "/search/?q=shownmarkbody",
    "/search/?q=GRPO",
    "/feed/",
    "/feed/atom/",
    "/verticals/ai/feed/",
    "/series/stack/feed/",
    "/tags/shared/feed/",
    "/sitemap.xml",
]
OTHER_ROUTES = [
    "/articles/shownmark-control/",
    "/glossary/",
    "/resources/",
    "/about/",
    "/robots.txt",
    "/search/?q=Hidden",
    "/search/?q=Section",
]
# Hidden articles do not fill a second page of a listing.
EMPTY_PAGES = ["/verticals/ai/?page=2", "/tags/shared/?page=2", "/authors/ada/?page=2"]


def hidden_routes(state):
    """Routes that name the hidden article or its own words; they must answer without its content."""
    return [
        f"/articles/qzslug-{state}/",
        f"/articles/qzold-{state}/",
        f"/tags/qztag-{state}/",
        f"/tags/qztag-{state}/feed/",
        f"/search/?q=qzbody{state}",
        f"/search/?q=qztitle{state}",
        f"/search/?q=qzstand{state}",
    ]


def assert_no_marker(response, url, markers=MARKERS, echoed=""):
    text = response.content.decode()
    headers = " ".join(f"{name}: {value}" for name, value in response.items())
    if echoed:
        # The search page repeats the query; what matters is that no result carries the article's other words.
        text = text.replace(echoed, "")
    for marker in markers:
        assert marker not in text, f"{marker} leaked on {url}"
        assert marker not in headers, f"{marker} leaked in the headers of {url}"
    for block in JSONLD.findall(text):
        json.loads(block)  # valid JSON, so crawlers read what we meant


def walk_public_routes(client, world):
    for url in LISTING_ROUTES + OTHER_ROUTES:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_no_marker(response, url)
        if url in LISTING_ROUTES:
            assert "shownmark-control" in response.content.decode(), f"the published control is missing on {url}"
    for url in EMPTY_PAGES:
        response = client.get(url)
        assert response.status_code == 404, url
        assert_no_marker(response, url)
    control_page = client.get("/articles/shownmark-control/").content.decode()
    ld = [json.loads(block) for block in JSONLD.findall(control_page)]
    assert any(block.get("headline") == "Control shownmark piece" for block in ld)
    # The glossary link in the control's body points at the term page, and the term page quotes only the control.
    assert 'href="/glossary/grpo/"' in control_page

    for state in HIDDEN:
        for url in hidden_routes(state):
            response = client.get(url)
            query = url.split("?q=", 1)[1] if "?q=" in url else ""
            if url.startswith(("/articles/", "/tags/")):
                assert response.status_code == 404, url
                # The 404 page may name the address asked for, never what the article says.
                assert_no_marker(response, url, CONTENT_MARKERS)
            else:
                assert response.status_code == 200, url
                assert_no_marker(response, url, echoed=query)
                assert "Nothing found" in response.content.decode(), url


def test_no_public_route_shows_an_unpublished_article_in_any_status(client, world):
    walk_public_routes(client, world)
    walk_public_routes(client, world)  # now from the page cache


def test_signed_in_staff_see_no_unpublished_article_on_public_routes_either(client, world):
    client.force_login(EditorFactory())
    for state in HIDDEN:
        response = client.get(f"/articles/qzslug-{state}/")
        assert response.status_code == 404
        assert_no_marker(response, state, CONTENT_MARKERS)
    for url in LISTING_ROUTES:
        assert_no_marker(client.get(url), url)


def test_a_page_cached_while_the_article_was_live_forgets_it_once_unpublished(client, world):
    live = world["control"]
    for url in LISTING_ROUTES + ["/articles/shownmark-control/"]:
        assert "shownmark-control" in client.get(url).content.decode(), url  # warm the cache with it

    workflow.unpublish(live, EditorFactory())

    assert client.get("/articles/shownmark-control/").status_code == 404
    for url in LISTING_ROUTES:
        assert "shownmark-control" not in client.get(url).content.decode(), url


# --- Preview links ----------------------------------------------------------------------------------------------


def test_preview_urls_without_a_valid_token_show_nothing(client, world, settings):
    draft = world["hidden"]["draft"]
    editor = EditorFactory()
    valid = preview.create_preview_link(draft, editor)
    expired = PreviewLink.objects.create(article=draft, expires_at=timezone.now() - timedelta(seconds=1))
    revoked = preview.create_preview_link(draft, editor)
    preview.revoke_preview_link(revoked, editor)
    with time_machine.travel(timezone.now() - settings.PREVIEW_LINK_MAX_AGE - timedelta(hours=1)):
        old_signature = preview.token_for(valid)  # its row is active, but the signature is too old
    good = preview.token_for(valid)
    tokens = [
        "",
        "garbage",
        "a:b:c",
        "x" * 5000,
        good[:-1] + ("A" if good[-1] != "A" else "B"),
        good + "x",
        signing.dumps(valid.pk, salt="another-purpose"),
        signing.dumps(str(valid.pk), salt=preview.TOKEN_SALT),
        signing.dumps(10**9, salt=preview.TOKEN_SALT),
        preview.token_for(expired),
        preview.token_for(revoked),
        old_signature,
    ]
    for token in tokens:
        url = f"/preview/{token}/" if token else "/preview/"
        response = client.get(url)
        assert response.status_code == 404, token[:40]
        assert_no_marker(response, url, CONTENT_MARKERS + ("qzbody",))

    # The staff preview is for staff who may see the article: anonymous readers are sent to sign in.
    staff_url = reverse("preview:article", args=[draft.pk])
    response = client.get(staff_url)
    assert response.status_code == 302 and reverse("admin:login") in response["Location"]
    assert_no_marker(response, staff_url, CONTENT_MARKERS + ("qzbody",))

    # The control: the valid link does show the draft, with noindex, so the checks above could have failed.
    shown = client.get(f"/preview/{good}/")
    assert shown.status_code == 200
    assert "qztitledraft" in shown.content.decode()
    assert shown["X-Robots-Tag"] == "noindex, nofollow"


# --- A writer and someone else's article ------------------------------------------------------------------------


def snapshot(article):
    row = Article.objects.filter(pk=article.pk).values("title", "body", "status", "publish_date").first()
    return (
        row,
        ArticleTransition.objects.filter(article_id=article.pk).count(),
        sorted(PreviewLink.objects.filter(article_id=article.pk).values_list("pk", "revoked_at")),
        Version.objects.get_for_object_reference(Article, article.pk).count(),
    )


@pytest.fixture
def writer_client():
    client = Client()
    client.force_login(WriterFactory())
    return client


def others_article(state):
    owner = WriterFactory()
    traits = {"draft": {"draft": True}, "review": {"in_review": True}, "scheduled": {"scheduled": True},
              "unpublished": {"unpublished": True}, "published": {}}[state]
    article = ArticleFactory(**traits, created_by=owner, title=f"Theirs qztitle{state}")
    with reversion.create_revision():
        article.save()
        reversion.set_user(owner)
    link = preview.create_preview_link(article, EditorFactory())  # whoever may share it at every status
    return article, Version.objects.get_for_object(article).first(), link


@pytest.mark.parametrize("state", ["draft", "review", "scheduled", "published", "unpublished"])
def test_writer_gets_403_or_404_on_every_admin_url_of_someone_elses_article(writer_client, state):
    article, version, link = others_article(state)
    pk = article.pk
    before = snapshot(article)
    tomorrow = (timezone.now() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    form = article_form_data(article, title="Hijacked", body="<p>Hijacked</p>")
    posted = {**form, "post": "yes", "publish_at": tomorrow, "comment": "mine now"}
    urls = [
        reverse("admin:articles_article_change", args=[pk]),
        reverse("admin:articles_article_delete", args=[pk]),
        reverse("admin:articles_article_history", args=[pk]),
        reverse("admin:articles_article_revision", args=[pk, version.pk]),
        reverse("admin:articles_article_compare", args=[pk]) + f"?old={version.pk}&new={version.pk}",
        reverse("admin:articles_article_restore", args=[pk, version.pk]),
        reverse("admin:articles_article_share", args=[pk]),
        reverse("admin:articles_article_revoke_share", args=[pk, link.pk]),
        reverse("admin:articles_previewlink_change", args=[link.pk]),
        reverse("admin:articles_previewlink_delete", args=[link.pk]),
        reverse("preview:article", args=[pk]),
    ] + [
        reverse("admin:articles_article_workflow", args=[pk, action])
        for action in ("submit", "publish", "schedule", "unpublish", "request_changes")
    ]
    for url in urls:
        for method in ("get", "post"):
            response = getattr(writer_client, method)(url, posted if method == "post" else None)
            # 405 only where the URL takes no POST at all (the staff preview); it shows nothing either.
            allowed = (403, 404, 405) if url.startswith("/preview/") and method == "post" else (403, 404)
            assert response.status_code in allowed, f"{method.upper()} {url}: {response.status_code}"
            assert "qztitle" not in response.content.decode(), f"{method.upper()} {url} shows the title"

    # Bulk actions through the changelist: the writer's selection of someone else's article changes nothing.
    for action in ("submit_selected", "publish_selected", "schedule_selected", "unpublish_selected",
                   "delete_selected"):
        writer_client.post(
            reverse("admin:articles_article_changelist"),
            {"action": action, ACTION_CHECKBOX_NAME: [str(pk)], "index": "0", "apply": "1", "post": "yes",
             "publish_at": tomorrow},
        )
    # Recovering it after an editor deletes it is for editors only.
    assert snapshot(article) == before
    Article.objects.filter(pk=pk).delete()
    deleted_version = Version.objects.get_deleted(Article).filter(object_id=str(pk)).first()
    for method in ("get", "post"):
        assert getattr(writer_client, method)(reverse("admin:articles_article_recoverlist")).status_code == 403
        if deleted_version is not None:
            url = reverse("admin:articles_article_recover", args=[deleted_version.pk])
            assert getattr(writer_client, method)(url).status_code == 403
    assert not Article.objects.filter(pk=pk).exists()


def test_writer_changelist_search_and_filters_never_list_someone_elses_article(writer_client):
    article, _, _ = others_article("draft")
    for query in ("", "?q=Theirs", "?status=draft", f"?vertical__id__exact={article.vertical_id}", "?tag=x"):
        response = writer_client.get(reverse("admin:articles_article_changelist") + query)
        assert response.status_code == 200
        assert "qztitle" not in response.content.decode(), query
