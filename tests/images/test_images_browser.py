"""The image library in Chromium: an editor inserts a library image into a body and readers see it as a responsive
figure; the focal point is set by a click; axe-core finds no serious or critical violation on an illustrated page."""

import re

import pytest

from articles.images import renditions
from articles.models import Article, Image
from tests.articles.factories import EditorFactory
from tests.articles.test_admin_browser import csp_refusals, signed_in
from tests.browser.conftest import browser_page, chromium, serious_violations  # noqa: F401 (fixtures)
from tests.factories import ArticleFactory
from tests.images.helpers import ImageFactory

pytestmark = pytest.mark.browser


def test_editor_inserts_a_library_image_into_the_body_and_readers_see_it(browser_page):  # noqa: F811
    chart = ImageFactory(title="Compute chart", alt="Bars of compute rising", caption="Compute by year")
    renditions.make_renditions(chart)
    article = ArticleFactory(title="Compute", slug="compute", body="<p>Opening paragraph.</p>")
    page = signed_in(browser_page, EditorFactory())

    page.goto(browser_page.url(f"/admin/articles/article/{article.pk}/change/"))
    page.get_by_role("button", name="Insert image from library").click()
    page.get_by_role("searchbox", name="Search the library").fill("compute")
    page.get_by_role("button", name="Compute chart").click()
    page.locator(".ProseMirror figure img").wait_for()
    page.get_by_role("button", name="Save and continue editing").click()
    page.get_by_text("was changed successfully").wait_for()

    body = Article.objects.get(pk=article.pk).body
    assert f'<img src="{chart.file.url}" alt="Bars of compute rising">' in body
    reader = browser_page()
    reader.goto(browser_page.url(article.get_absolute_url()))
    figure = reader.locator(".article__body figure picture img")
    figure.wait_for()
    assert figure.get_attribute("alt") == "Bars of compute rising"
    assert figure.get_attribute("loading") == "lazy"
    assert (figure.get_attribute("width"), figure.get_attribute("height")) == ("1200", "800")
    # The browser chose a WebP rendition from the srcset, not the original upload.
    reader.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=figure.element_handle())
    assert re.search(r"/images/renditions/\d+/.+\.webp$", figure.evaluate("img => img.currentSrc"))
    assert csp_refusals(browser_page) == []


def test_focal_point_is_set_by_clicking_the_image(browser_page):  # noqa: F811
    image = ImageFactory(title="Boat", size=(1200, 800))
    renditions.make_renditions(image)
    page = signed_in(browser_page, EditorFactory())

    page.goto(browser_page.url(f"/admin/articles/image/{image.pk}/change/"))
    picture = page.locator("[data-focal-picker] img")
    box = picture.bounding_box()
    picture.click(position={"x": box["width"] * 0.8, "y": box["height"] * 0.25})
    page.get_by_text("Focal point set at 80% across, 25% down").wait_for()
    page.get_by_role("button", name="Save and continue editing").click()
    page.get_by_text("was changed successfully").wait_for()

    image.refresh_from_db()
    assert image.focal_x == pytest.approx(0.8, abs=0.02) and image.focal_y == pytest.approx(0.25, abs=0.02)


@pytest.mark.parametrize("width", [390, 1280])
def test_illustrated_article_passes_axe_and_does_not_shift(browser_page, width):  # noqa: F811
    hero = ImageFactory(title="Rower", alt="A rower resting after a session", credit="Photo: Ana", size=(1600, 900))
    chart = ImageFactory(title="Chart", alt="Bars of compute rising", size=(1200, 800))
    for image in (hero, chart):
        renditions.make_renditions(image)
    article = ArticleFactory(
        slug="illustrated", hero=hero,
        body=f'<p>Intro.</p><figure><img src="{chart.file.url}" alt=""><figcaption>Compute</figcaption></figure>',
    )
    page = browser_page(width=width)

    page.goto(browser_page.url(article.get_absolute_url()))
    hero_img = page.locator(".article__hero img")
    # Before any pixel arrives the box already has the image's proportions: nothing below it moves later.
    ratio = hero_img.evaluate("img => img.getBoundingClientRect().height / img.getBoundingClientRect().width")
    assert ratio == pytest.approx(900 / 1600, rel=0.02)
    assert hero_img.get_attribute("fetchpriority") == "high"

    assert serious_violations(page) == []
    assert Image.objects.count() == 2
