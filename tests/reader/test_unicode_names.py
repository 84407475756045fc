"""Whatever an editor names a page — accents, CJK, emoji, right-to-left text, punctuation only — its page, feeds and
sitemap entry work: every slug is ASCII by one rule (posttrain.slugs), which the URL patterns take."""

import importlib

import feedparser
import pytest
from django.conf import settings
from django.urls import reverse
from taggit.models import Tag

from articles import workflow
from articles.models import Article, Author, GlossaryTerm, Series
from posttrain.slugs import URL_SLUG, slug_for
from tests.articles.adminforms import article_form_data, management_form
from tests.articles.factories import EditorFactory
from tests.factories import ArticleFactory, AuthorFactory, SeriesFactory, VerticalFactory
from verticals.models import Vertical

pytestmark = pytest.mark.django_db

NAMES = [
    "Über-Training",
    "Ærøskøbing & Straße",
    "東京の研究",
    "한국어 가이드",
    "🚀 Launch",
    "🧠🤖",
    "مرحبا بالعالم",
    "שלום עולם",
    "!!!",
    "— …",
    "RLHF ✓ «quoted» ‘names’",
]


def add(client, model, data):
    """Save through the admin's add form, the slug left empty as the admin's script leaves it for such names."""
    opts = model._meta
    response = client.post(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"), {"slug": "", **data})
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response
    return model.objects.order_by("-pk").first()


def quoted(name):
    # taggit splits a tag list on commas, or on spaces when there is no comma or quote.
    return f'"{name}"'


@pytest.fixture
def editor_client(client):
    client.force_login(EditorFactory())
    return client


@pytest.mark.parametrize("name", NAMES)
def test_any_name_gives_working_pages_feeds_and_sitemap_entries(editor_client, name):
    client = editor_client
    vertical = add(client, Vertical, {"name": name, "short_description": name, "intro": f"<p>{name}</p>", "order": "0"})
    series = add(client, Series, {
        "title": name, "vertical": vertical.pk, "summary": name, "intro": f"<p>{name}</p>", "status": "running",
        "order": "0", **management_form("planned_parts"),
    })
    author = add(client, Author, {"name": name, "bio": name})
    term = add(client, GlossaryTerm, {"term": name, "short_definition": name, "explanation": f"<p>{name}</p>"})
    article = add(client, Article, article_form_data(
        title=name, slug="", standfirst=name, body=f"<p>About {name} and more.</p>", vertical=str(vertical.pk),
        series=str(series.pk), part="1", authors=[str(author.pk)], tags=quoted(name),
    ))
    workflow.publish(article, EditorFactory())
    tag = Tag.objects.get(name=name)
    client.logout()

    slugged = [vertical, series, author, term, article, tag]
    for obj in slugged:
        assert URL_SLUG.fullmatch(obj.slug), (type(obj).__name__, obj.slug)

    tag_url = reverse("articles:tag", kwargs={"slug": tag.slug})
    pages = [article.get_absolute_url(), series.get_absolute_url(), vertical.get_absolute_url(),
             author.get_absolute_url(), term.get_absolute_url(), tag_url, reverse("articles:glossary"), "/"]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url

    feeds = [
        reverse("articles:feed"),
        reverse("articles:feed_atom"),
        reverse("verticals:feed", kwargs={"slug": vertical.slug}),
        reverse("articles:series_feed", kwargs={"slug": series.slug}),
        reverse("articles:tag_feed", kwargs={"slug": tag.slug}),
    ]
    for url in feeds:
        response = client.get(url)
        assert response.status_code == 200, url
        parsed = feedparser.parse(response.content)
        assert parsed.bozo == 0, (url, parsed.get("bozo_exception"))
        assert [entry.title for entry in parsed.entries] == [name], url
        assert parsed.entries[0].link == f"{settings.SITE_URL}{article.get_absolute_url()}"

    sitemap = client.get(reverse("verticals:sitemap"))
    assert sitemap.status_code == 200
    for url in [article.get_absolute_url(), series.get_absolute_url(), vertical.get_absolute_url(),
                term.get_absolute_url(), tag_url]:
        assert f"<loc>{settings.SITE_URL}{url}</loc>" in sitemap.content.decode(), url


def test_article_page_and_sitemap_answer_with_a_tag_named_uber_training(client):
    """The reported case: taggit used to slugify this to "über-training", which no URL pattern takes."""
    article = ArticleFactory(slug="uber-article", tags=["Über-Training"])
    assert Tag.objects.get().slug == "uber-training"
    response = client.get("/articles/uber-article/")
    assert response.status_code == 200
    assert 'href="/tags/uber-training/"' in response.content.decode()
    assert client.get("/tags/uber-training/").status_code == 200
    sitemap = client.get("/sitemap.xml")
    assert sitemap.status_code == 200
    assert f"{settings.SITE_URL}/tags/uber-training/" in sitemap.content.decode()
    assert article.get_absolute_url() in sitemap.content.decode()


@pytest.mark.parametrize(
    "name,slug",
    [
        ("Über-Training", "uber-training"),
        ("Ærøskøbing & Straße", "aeroskobing-strasse"),
        ("東京の研究", "dong-jing-no-yan-jiu"),
        ("🚀 Launch", "rocket-launch"),
        ("RLHF: the basics", "rlhf-the-basics"),
    ],
)
def test_names_are_transliterated_to_readable_ascii_slugs(name, slug):
    assert slug_for(name) == slug


def test_a_name_with_nothing_to_transliterate_gets_a_stable_hashed_slug():
    assert slug_for("!!!", fallback="tag") == slug_for("!!!", fallback="tag")
    assert slug_for("!!!", fallback="tag").startswith("tag-")
    assert slug_for("!!!", fallback="tag") != slug_for("???", fallback="tag")
    assert URL_SLUG.fullmatch(slug_for("", fallback="glossary term"))


def test_two_names_with_the_same_transliteration_get_distinct_working_slugs(client):
    ArticleFactory(tags=["Über", "uber", "ÜBER", "Uber!"])
    slugs = set(Tag.objects.values_list("slug", flat=True))
    assert len(slugs) == 4
    for slug in slugs:
        assert client.get(reverse("articles:tag", kwargs={"slug": slug})).status_code == 200, slug


def test_tags_saved_with_a_unicode_slug_before_the_rule_get_their_ascii_slug(db):
    from django.apps import apps

    ascii_slugs = importlib.import_module("articles.migrations.0003_ascii_slugs").ascii_slugs
    tag = Tag.objects.create(name="Über-Training")
    Tag.objects.filter(pk=tag.pk).update(slug="über-training")  # what taggit stored before
    blank = Tag.objects.create(name="🧠")
    Tag.objects.filter(pk=blank.pk).update(slug="")
    ascii_slugs(apps, None)
    assert Tag.objects.get(pk=tag.pk).slug == "uber-training"
    assert Tag.objects.get(pk=blank.pk).slug == "brain"


def test_a_control_character_pasted_into_names_does_not_break_the_feeds(client):
    """U+000B is a word processor's line break; XML 1.0 cannot carry it, and Django's feed writer refuses it."""
    vertical = VerticalFactory(name="Sports\x0bscience", slug="sport")
    series = SeriesFactory(title="Recovery\x0bweek", slug="recovery", vertical=vertical)
    ArticleFactory(title="Line\x0bbreak", slug="line-break", standfirst="A\x0cB", vertical=vertical, series=series,
                   part=1, tags=["tab\x0bname"], authors=[AuthorFactory(name="Ada\x1fLovelace")],
                   body="<p>Body\x0bwith a vertical tab.</p>")
    tag = Tag.objects.get()
    for url in ["/feed/", "/feed/atom/", "/verticals/sport/feed/", "/series/recovery/feed/",
                f"/tags/{tag.slug}/feed/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        parsed = feedparser.parse(response.content)
        assert parsed.bozo == 0, (url, parsed.get("bozo_exception"))
        assert [entry.title for entry in parsed.entries] == ["Linebreak"], url
    pages = ["/articles/line-break/", "/series/recovery/", "/verticals/sport/", f"/tags/{tag.slug}/", "/sitemap.xml"]
    for url in pages:
        assert client.get(url).status_code == 200, url
