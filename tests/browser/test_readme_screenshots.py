"""`make screenshots`: the README's pictures, made by the same browser tooling as the tests."""

import os
from pathlib import Path

import pytest
from django.core.management import call_command

from .conftest import ROOT

pytestmark = pytest.mark.browser

# `make screenshots` writes the README's pictures; an ordinary test run writes to artifacts/ and leaves the
# committed files alone.
DOCS = Path(os.environ.get("SCREENSHOTS_DIR", ROOT / "artifacts" / "readme-screenshots"))
ADMIN_PASSWORD = "screenshot-Password-1"


def shrink(path: Path, max_height=1800):
    """A 256-colour palette keeps the committed PNGs small; text and flat colours survive it well."""
    from PIL import Image

    with Image.open(path) as image:
        image = image.crop((0, 0, image.width, min(image.height, max_height)))
        small = image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
    small.save(path, optimize=True)


def demo_content():
    """The demo content `make run` shows."""
    from articles.models import Article

    call_command("load_demo_content", verbosity=0)
    published = Article.objects.published()
    return (
        published.filter(series__isnull=False, body__contains="<h2").order_by("publish_date").first()
        or published.first()
    )


def capture(page, name, path, *, full_page=False):
    DOCS.mkdir(parents=True, exist_ok=True)
    page.goto(path)
    target = DOCS / f"{name}.png"
    page.screenshot(path=str(target), full_page=full_page)
    shrink(target)
    return target


def test_screenshots_for_readme(transactional_db, browser_page, django_user_model):
    article = demo_content()
    assert article is not None, "no published article to show"

    wide = browser_page(width=1280, height=900)
    capture(wide, "home", "/", full_page=True)
    capture(wide, "article-wide", article.get_absolute_url())

    phone = browser_page(width=390, height=844, device_scale_factor=2, is_mobile=True, has_touch=True)
    capture(phone, "article-phone", article.get_absolute_url())

    django_user_model.objects.filter(username="screenshots").delete()
    django_user_model.objects.create_superuser("screenshots", "screenshots@example.org", ADMIN_PASSWORD)
    admin = browser_page(width=1600, height=900)
    admin.goto("/admin/login/?next=/admin/articles/article/")
    admin.get_by_label("Username").fill("screenshots")
    admin.get_by_label("Password").fill(ADMIN_PASSWORD)
    admin.get_by_role("button", name="Log in").click()
    admin.wait_for_url("**/admin/articles/article/**")
    # The admin remembers a collapsed navigation sidebar in localStorage; the list reads better without it.
    admin.evaluate("localStorage.setItem('django.admin.navSidebarIsOpen', 'false')")
    admin.reload()
    target = DOCS / "admin-articles.png"
    admin.screenshot(path=str(target))
    shrink(target)

    for name in ("home", "article-phone", "article-wide", "admin-articles"):
        path = DOCS / f"{name}.png"
        assert path.exists() and 5_000 < path.stat().st_size < 600_000, (name, path.stat().st_size)
