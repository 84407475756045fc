"""An editor works the review loop in a real browser (Debian's Chromium): buttons, forms, messages, no CSP refusal."""

import pytest
from django.conf import settings as django_settings
from django.test import Client
from playwright.sync_api import expect

from articles.models import Article
from tests.articles.factories import EditorFactory, WriterFactory
from tests.browser.conftest import browser_page, chromium  # noqa: F401 (fixtures)
from tests.factories import ArticleFactory, PlannedPartFactory, SeriesFactory

pytestmark = pytest.mark.browser


def signed_in(browser_page, user):  # noqa: F811
    client = Client()
    client.force_login(user)
    page = browser_page()
    page.context.add_cookies(
        [
            {
                "name": django_settings.SESSION_COOKIE_NAME,
                "value": client.cookies[django_settings.SESSION_COOKIE_NAME].value,
                "url": browser_page.url("/"),
            }
        ]
    )
    return page


def csp_refusals(browser_page):  # noqa: F811
    return [line for line in browser_page.console if "Refused to" in line]


def test_editor_requests_changes_then_publishes_in_the_browser(browser_page):  # noqa: F811
    series = SeriesFactory(title="The technical stack")
    PlannedPartFactory(series=series, part=2, title="Preference pairs")
    article = ArticleFactory(
        in_review=True, title="Three stages", series=series, part=1, vertical=series.vertical,
        created_by=WriterFactory(), tags=["RLHF", "reward models"],
    )
    page = signed_in(browser_page, EditorFactory())
    change = browser_page.url(f"/admin/articles/article/{article.pk}/change/")

    page.goto(change)
    page.get_by_role("link", name="Request changes…").click()
    page.get_by_label("Comment").fill("Add the numbers for the preference data.")
    page.get_by_role("button", name="Send back to draft").click()
    page.get_by_text("Sent back to draft").wait_for()
    assert page.url.startswith(change)
    assert page.locator(".transitions").get_by_text("Add the numbers for the preference data.").is_visible()
    assert Article.objects.get(pk=article.pk).status == Article.Status.DRAFT

    page.get_by_role("button", name="Publish now").click()
    page.get_by_text("is now published").wait_for()
    assert Article.objects.published().filter(pk=article.pk).exists()

    page.locator("input[name=tags]").fill("RLHF, rew")
    # Quoted, so that taggit keeps a tag with a space as one tag.
    page.wait_for_function(
        """(expected) => JSON.stringify([...document.querySelectorAll("datalist option")].map(n => n.value))
            === JSON.stringify(expected)""",
        arg=['RLHF, "reward models"'],
    )

    page.goto(browser_page.url("/admin/articles/article/calendar/"))
    page.get_by_role("heading", name="Launch readiness").wait_for()
    expect(page.get_by_text("Not written yet")).to_be_visible()

    assert csp_refusals(browser_page) == []


def test_writer_sees_only_the_submit_button_and_submits(browser_page):  # noqa: F811
    writer = WriterFactory()
    article = ArticleFactory(draft=True, created_by=writer, title="My first draft")
    page = signed_in(browser_page, writer)

    page.goto(browser_page.url(f"/admin/articles/article/{article.pk}/change/"))

    buttons = page.locator(".workflow-buttons").get_by_role("button").all_inner_texts()
    assert buttons == ["Submit for review"]
    page.get_by_role("button", name="Submit for review").click()
    page.get_by_text("Submitted for review").wait_for()
    assert Article.objects.get(pk=article.pk).status == Article.Status.REVIEW
    # Now read-only for the writer: no save button, no workflow button.
    assert page.locator("input[name=_save]").count() == 0
    assert page.locator(".workflow-buttons").count() == 0
    assert csp_refusals(browser_page) == []
