"""The article page shows library images as responsive pictures from rows alone: no storage call, no file opened,
a pinned number of queries; its social tags and JSON-LD point at the renditions."""

import json
import re

import pytest
from django.core.files.storage import FileSystemStorage
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from articles.images import renditions
from articles.models import Image
from tests.factories import ArticleFactory
from tests.images.helpers import ImageFactory

pytestmark = pytest.mark.django_db
STORAGE_IO = ["open", "exists", "size", "listdir", "save", "delete", "get_modified_time", "get_created_time"]


def figure_html(image, caption="Compute, year by year"):
    return f'<figure><img src="{image.file.url}" alt=""><figcaption>{caption}</figcaption></figure>'


@pytest.fixture
def illustrated(db):
    hero = ImageFactory(title="Rower", alt="A rower resting after a session", credit="Photo: Ana", size=(2000, 1200))
    chart = ImageFactory(title="Chart", alt="A bar chart of compute", size=(1200, 900))
    for image in (hero, chart):
        renditions.make_renditions(image)
    return ArticleFactory(
        title="Pictures", slug="pictures", hero=hero, body=f"<p>Before.</p>{figure_html(chart)}<p>After.</p>"
    )


@pytest.fixture
def storage_calls(monkeypatch):
    """Every storage operation that reaches the disk or the network, and every image opened, during the test."""
    calls = []
    for name in STORAGE_IO:
        original = getattr(FileSystemStorage, name)

        def spy(self, *args, _name=name, _original=original, **kwargs):
            calls.append(_name)
            return _original(self, *args, **kwargs)

        monkeypatch.setattr(FileSystemStorage, name, spy)
    import PIL.Image

    original_open = PIL.Image.open
    monkeypatch.setattr(PIL.Image, "open", lambda *a, **k: calls.append("PIL.Image.open") or original_open(*a, **k))
    return calls


def test_article_page_renders_pictures_without_a_storage_call(client, illustrated, storage_calls, settings):
    settings.PAGE_CACHE_SECONDS = 0
    plain = ArticleFactory(slug="plain", vertical=illustrated.vertical, body="<p>Before.</p><p>After.</p>")
    for article in (plain, illustrated):
        client.get(article.get_absolute_url())  # site settings and navigation into the cache
    storage_calls.clear()

    with CaptureQueriesContext(connection) as without_images:
        client.get(plain.get_absolute_url())
    with CaptureQueriesContext(connection) as with_images:
        response = client.get(illustrated.get_absolute_url())

    assert response.status_code == 200
    assert storage_calls == []
    # The hero's picture and the figures' markup are derived parts of the page (articles/derived.py), made once per
    # content generation: a warm page reads no image or rendition at all (a cold one: the hero's renditions, the
    # figures' images and their renditions, once).
    image_table = re.compile(r'FROM "articles_(image|rendition)"')
    image_queries = [q for q in with_images.captured_queries if image_table.search(q["sql"])]
    assert image_queries == []
    assert len(with_images) <= len(without_images) + 1
    assert '<figure><picture><source type="image/webp"' in response.content.decode()


def test_hero_is_a_picture_with_modern_formats_size_and_high_priority(client, illustrated):
    content = client.get(illustrated.get_absolute_url()).content.decode()

    hero = re.search(r'<figure class="article__hero">\s*(<picture>.*?</picture>)', content, re.S).group(1)
    assert re.search(r'<source type="image/webp" srcset="[^"]+-480\.webp 480w, [^"]+-960\.webp 960w, '
                     r'[^"]+-1600\.webp 1600w" sizes="[^"]+">', hero)
    img = re.search(r"<img [^>]+>", hero).group(0)
    assert 'width="2000" height="1200"' in img
    assert 'alt="A rower resting after a session"' in img
    assert 'fetchpriority="high"' in img and "loading=" not in img
    assert re.search(r'src="/media/images/renditions/\d+/[^"]+-960\.jpg"', img)
    assert "Photo: Ana" in content


def test_body_figures_get_the_same_markup_lazily_loaded_with_the_library_alt_text(client, illustrated):
    content = client.get(illustrated.get_absolute_url()).content.decode()

    body = content.split('class="prose article__body"', 1)[1]
    figure = re.search(r"<figure><picture>(.*?)</picture><figcaption>Compute, year by year</figcaption></figure>",
                       body, re.S).group(1)
    assert '<source type="image/webp"' in figure
    assert 'width="1200" height="900"' in figure
    assert 'alt="A bar chart of compute"' in figure
    assert 'loading="lazy"' in figure and "fetchpriority" not in figure


def test_every_img_on_the_page_has_width_and_height(client, illustrated):
    content = client.get(illustrated.get_absolute_url()).content.decode()

    imgs = re.findall(r"<img\b[^>]*>", content)
    assert len(imgs) == 2
    assert all(re.search(r'width="\d+" height="\d+"', img) for img in imgs)


def test_social_tags_are_the_focal_crop_and_json_ld_lists_the_renditions(client, illustrated, settings):
    content = client.get(illustrated.get_absolute_url()).content.decode()

    card = re.search(r'<meta property="og:image" content="([^"]+)">', content).group(1)
    assert re.fullmatch(rf"{re.escape(settings.SITE_URL)}/media/images/renditions/\d+/[^\"]+-social\.jpg", card)
    assert f'<meta name="twitter:image" content="{card}">' in content
    assert '<meta property="og:image:width" content="1200"><meta property="og:image:height" content="630">' in content
    blocks = [json.loads(b) for b in re.findall(r'<script type="application/ld\+json">(.*?)</script>', content, re.S)]
    article = next(b for b in blocks if b.get("@type") == "Article")
    assert article["image"][0] == {"@type": "ImageObject", "url": card, "width": 1200, "height": 630}
    assert {(i["width"], i["url"].rsplit(".", 1)[1]) for i in article["image"][1:]} == {
        (w, ext) for w in (480, 960, 1600) for ext in ("jpg", "webp")
    }


def test_missing_renditions_show_the_original_and_are_asked_for(client, settings):
    image = ImageFactory(size=(800, 600))
    article = ArticleFactory(hero=image)

    with TestCase.captureOnCommitCallbacks(execute=True):
        content = client.get(article.get_absolute_url()).content.decode()

    assert f'<img src="{image.file.url}" width="800" height="600"' in content
    assert Image.objects.get(pk=image.pk).renditions.count() == 5  # 480 and 800, WebP and JPEG; the social card


def test_an_image_outside_our_storage_never_reaches_the_page(client):
    article = ArticleFactory(body='<p>x</p><img src="https://tracker.example/pixel.png" alt="pixel">')

    content = client.get(article.get_absolute_url()).content.decode()

    assert "tracker.example" not in content
