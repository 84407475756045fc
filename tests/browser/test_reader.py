"""A reader in Chromium: the journey through the site, every page type at phone and desktop widths, axe-core."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import PHONE, WIDE, screenshot, serious_violations

pytestmark = pytest.mark.browser

PAGE_TYPES = {
    "home": "/",
    "vertical": "/verticals/ai-post-training/",
    "series": "/series/rlhf-to-rlvr/",
    "article": "/articles/three-stage-pipeline/",
    "tag": "/tags/rlhf/",
    "author": "/authors/ada-byron/",
    "glossary": "/glossary/",
    "glossary-term": "/glossary/rlhf/",
    "resources": "/resources/",
    "about": "/about/",
    "search": "/search/?q=preference",
    "not-found": "/articles/no-such-page/",
}


def test_reader_goes_home_vertical_series_article_tag_search(reader_site, browser_page):
    page = browser_page(width=PHONE)
    page.goto("/")
    assert page.locator("h1").inner_text() == "Post-training, explained in three fields"

    page.locator(".vertical-card").get_by_role("link", name="AI model post-training").click()
    page.wait_for_url("**/verticals/ai-post-training/")
    assert page.locator("h1").inner_text() == "AI model post-training"

    page.locator(".series-card").get_by_role("link", name="The technical stack: from RLHF to RLVR").click()
    page.wait_for_url("**/series/rlhf-to-rlvr/")
    assert "coming" in page.locator(".parts").inner_text()
    assert "An unfinished draft" not in page.content()

    page.locator(".parts").get_by_role("link", name="The three-stage post-training pipeline").click()
    page.wait_for_url("**/articles/three-stage-pipeline/")
    assert "Part 1 of 4" in page.locator(".article__kicker").text_content()
    page.locator(".toc").get_by_role("link", name="What changed in 2025").click()
    page.wait_for_url("**#what-changed-in-2025")
    expect(page.locator("#what-changed-in-2025")).to_be_in_viewport()

    page.locator(".tag-list").get_by_role("link", name="rlhf").click()
    page.wait_for_url("**/tags/rlhf/")
    assert page.locator(".card").count() == 2

    page.get_by_label("Search articles").fill("reward model")
    page.get_by_label("Search articles").press("Enter")
    page.wait_for_url(re.compile(r".*/search/\?q=reward\+model"))
    first = page.locator(".result").first
    assert "The three-stage post-training pipeline" in first.inner_text()
    assert first.locator("mark").count() >= 1


@pytest.mark.parametrize("width", [PHONE, WIDE])
def test_every_page_type_is_screenshotted_and_passes_axe(reader_site, browser_page, width):
    page = browser_page(width=width)
    failures = {}
    for name, path in PAGE_TYPES.items():
        response = page.goto(path)
        assert response.status == (404 if name == "not-found" else 200), path
        screenshot(page, name)
        problems = serious_violations(page)
        if problems:
            failures[name] = problems
    assert not failures, failures


def test_dark_scheme_passes_axe_too(reader_site, browser_page):
    page = browser_page(width=WIDE, color_scheme="dark")
    failures = {}
    for name in ("home", "article", "search"):
        page.goto(PAGE_TYPES[name])
        screenshot(page, f"{name}-dark")
        background = page.evaluate("getComputedStyle(document.body).backgroundColor")
        assert background == "rgb(20, 22, 26)"
        if problems := serious_violations(page):
            failures[name] = problems
    assert not failures, failures


def test_no_page_scrolls_sideways_at_320_px(reader_site, browser_page):
    page = browser_page(width=320)
    for path in PAGE_TYPES.values():
        page.goto(path)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, (path, overflow)


def test_article_line_length_is_comfortable_on_wide_screens(reader_site, browser_page):
    page = browser_page(width=1600)
    page.goto(PAGE_TYPES["article"])
    width = page.evaluate("document.querySelector('.article__body p').getBoundingClientRect().width")
    font = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.article__body p')).fontSize)")
    characters_per_line = width / (font * 0.5)
    assert 55 <= characters_per_line <= 85, characters_per_line


def test_site_works_without_javascript(reader_site, browser_page):
    page = browser_page(java_script_enabled=False)
    page.goto("/")
    page.get_by_label("Search articles").fill("GRPO")
    page.get_by_role("button", name="Search").first.click()
    page.wait_for_url(re.compile(r".*/search/\?q=GRPO"))
    assert page.locator(".result").count() >= 1


def test_skip_link_is_first_and_visible_on_focus(reader_site, browser_page):
    page = browser_page()
    page.goto(PAGE_TYPES["article"])
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    expect(skip).not_to_have_css("outline-style", "none")
    page.keyboard.press("Enter")
    page.wait_for_url("**#main")


def test_focus_is_visible_on_links(reader_site, browser_page):
    page = browser_page()
    page.goto("/")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    focused = page.locator("a:focus")
    expect(focused).to_have_count(1)
    expect(focused).to_have_css("outline-style", "solid")


def test_print_stylesheet_keeps_the_article_and_drops_the_chrome(reader_site, browser_page):
    page = browser_page()
    page.goto(PAGE_TYPES["article"])
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator(".cta")).to_be_hidden()
    expect(page.locator(".article__body")).to_be_visible()
    expect(page.locator(".references")).to_be_visible()


def test_no_content_security_policy_violation_and_nothing_from_another_host(reader_site, browser_page):
    page = browser_page()
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    for path in PAGE_TYPES.values():
        page.goto(path)
    refused = [text for text in browser_page.console if "Refused to" in text and "Content Security Policy" in text]
    assert not refused
    assert all(url.startswith(browser_page.live_server.url) for url in requested), requested
