"""The prose editor's "Cite a reference" button in a real browser (Debian's Chromium)."""

import pytest

from articles.models import Article
from tests.articles.factories import EditorFactory
from tests.articles.test_admin_browser import csp_refusals, signed_in
from tests.browser.conftest import browser_page, chromium  # noqa: F401 (fixtures)
from tests.factories import ArticleFactory, ReferenceFactory

pytestmark = pytest.mark.browser


def test_an_editor_cites_a_reference_with_the_button_and_saves(browser_page):  # noqa: F811
    article = ArticleFactory(draft=True, body="<p>DPO changed alignment.</p>")
    ReferenceFactory(article=article, order=1, key="rafailov-2023", title="DPO")
    ReferenceFactory(article=article, order=2, key="meng-2024", title="SimPO")
    page = signed_in(browser_page, EditorFactory())
    page.goto(browser_page.url(f"/admin/articles/article/{article.pk}/change/"))

    page.get_by_role("textbox").filter(has_text="DPO changed alignment.").click()
    page.keyboard.press("End")
    page.locator('[title="Cite a reference"]').click()
    dialog = page.locator("dialog[open]")
    dialog.locator("select").select_option("meng-2024")
    dialog.get_by_role("button", name="Insert citation").click()
    page.locator('.tiptap sup[data-cite="meng-2024"]').wait_for()
    page.locator("input[name=_continue]").click()
    page.get_by_text("was changed successfully").wait_for()

    assert '<sup data-cite="meng-2024"></sup>' in Article.objects.get(pk=article.pk).body
    assert csp_refusals(browser_page) == []
