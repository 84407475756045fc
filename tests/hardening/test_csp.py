"""The Content-Security-Policy holds on public pages and does not break the admin's rich-text editor.

Public pages: script-src has no 'unsafe-inline' (nor 'unsafe-eval'), every source in it is well-formed, and every
<script> is external and same-origin, JSON-LD data, or carries the nonce the header names; no inline event handler
or javascript: URL. The admin: an editor signs in, edits an article's body in django-prose-editor (ProseMirror)
in Chromium, saves and sees the change, and the browser reports no CSP violation and no script error.
"""

import json
import re
from html.parser import HTMLParser

import pytest
from django.conf import settings as django_settings

from articles.models import Article
from newsletter.tokens import make_confirm_token, make_manage_token
from tests.articles.factories import EditorFactory
from tests.browser.conftest import browser_page, chromium  # noqa: F401 - the browser tests' fixtures
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    GlossaryTermFactory,
    ResourceFactory,
    SeriesFactory,
    VerticalFactory,
)
from tests.newsletter.factories import SubscriberFactory

SOURCE = re.compile(
    r"^(?:'self'|'none'|'strict-dynamic'|'report-sample'|'nonce-[A-Za-z0-9+/=_-]+'|'sha(?:256|384|512)-[A-Za-z0-9+/=]+'"
    r"|data:|https://[a-z0-9.-]+(?::\d+)?)$"
)


class Scripts(HTMLParser):
    """Every <script> with its attributes and text; every on* attribute and javascript: URL anywhere."""

    def __init__(self):
        super().__init__()
        self.scripts, self.handlers, self._current = [], [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name, value in attrs.items():
            if name.startswith("on") or (value or "").strip().lower().startswith("javascript:"):
                self.handlers.append(f"<{tag} {name}={value!r}>")
        if tag == "script":
            self._current = {"attrs": attrs, "text": ""}
            self.scripts.append(self._current)

    def handle_endtag(self, tag):
        if tag == "script":
            self._current = None

    def handle_data(self, data):
        if self._current is not None:
            self._current["text"] += data


def directives(header):
    parts = (part.strip().split() for part in header.split(";") if part.strip())
    return {part[0]: part[1:] for part in parts}


def assert_public_page_policy(response, url):
    policy = directives(response["Content-Security-Policy"])
    script_src = policy.get("script-src") or policy["default-src"]
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src, url
    for directive in ("script-src", "default-src", "object-src", "base-uri", "frame-ancestors", "form-action"):
        for source in policy.get(directive, []):
            assert SOURCE.match(source), f"{url}: invalid source {source!r} in {directive}"
    assert policy["object-src"] == ["'none'"]
    nonces = {source[len("'nonce-"):-1] for source in script_src if source.startswith("'nonce-")}

    parser = Scripts()
    parser.feed(response.content.decode())
    assert not parser.handlers, f"{url}: inline handlers {parser.handlers}"
    for script in parser.scripts:
        attrs, text = script["attrs"], script["text"]
        if attrs.get("type") == "application/ld+json":
            json.loads(text)  # data, never run
        elif attrs.get("src"):
            src = attrs["src"]
            assert (src.startswith("/") and not src.startswith("//")) or src.startswith(
                django_settings.SITE_URL + "/"
            ), f"{url}: script from elsewhere {src}"
            assert not text.strip(), f"{url}: a script with both src and inline code"
        else:
            assert attrs.get("nonce") in nonces, f"{url}: an inline script without the header's nonce"


@pytest.fixture
def site(db):
    vertical = VerticalFactory(slug="ai", name="AI model post-training")
    series = SeriesFactory(vertical=vertical, slug="stack")
    author = AuthorFactory(slug="ada")
    GlossaryTermFactory(term="GRPO", slug="grpo")
    ResourceFactory(vertical=vertical)
    ArticleFactory(slug="grpo-explained", vertical=vertical, series=series, part=1, tags=["rlvr"], authors=[author],
                   body="<h2>GRPO</h2><p>GRPO compares answers.</p>")
    subscriber = SubscriberFactory(pending=True)
    return {"confirm": make_confirm_token(subscriber), "manage": make_manage_token(subscriber)}


@pytest.mark.django_db
def test_public_pages_allow_no_inline_script_and_run_only_our_own(client, site):
    urls = [
        "/", "/verticals/ai/", "/series/stack/", "/articles/grpo-explained/", "/tags/rlvr/", "/authors/ada/",
        "/glossary/", "/glossary/grpo/", "/resources/", "/about/", "/search/?q=GRPO", "/search/?q=%3Cscript%3E",
        "/newsletter/", "/newsletter/check-your-inbox/", f"/newsletter/confirm/{site['confirm']}/",
        f"/newsletter/preferences/{site['manage']}/", f"/newsletter/unsubscribe/{site['manage']}/",
        "/newsletter/confirm/forged/", "/articles/no-such-article/",
    ]
    for _ in range(2):  # the second round comes from the page cache
        for url in urls:
            response = client.get(url)
            assert response.status_code in (200, 400, 404), url
            assert_public_page_policy(response, url)


BODY_EDITOR = ".field-body .ProseMirror[contenteditable=true]"
# Predicates on the body's Tiptap editor (reachable from its DOM node): its own state, not the DOM's.
CARET_AT_END_OF_FIRST_PARAGRAPH = """({selection, doc}) => selection.empty
    && doc.firstChild.textContent === "The first paragraph."
    && selection.from === 1 + doc.firstChild.content.size"""
CARET_IN_NEW_SECOND_PARAGRAPH = """({selection, doc}) => selection.empty
    && selection.$from.index(0) === 1 && selection.$from.parent.content.size === 0
    && doc.firstChild.textContent === "The first paragraph." """


def wait_for_editor(page, predicate):
    page.wait_for_function(
        f"""(selector) => {{
            const editor = document.querySelector(selector)?.editor;
            return Boolean(editor && editor.isFocused && ({predicate})(editor.state));
        }}""",
        arg=BODY_EDITOR,
    )


@pytest.mark.browser
def test_editor_edits_the_body_in_the_prose_editor_and_saves_without_a_csp_violation(
    transactional_db, browser_page  # noqa: F811 - the imported fixture
):
    from playwright.sync_api import expect

    editor = EditorFactory(username="csp-editor")
    article = ArticleFactory(draft=True, created_by=editor, title="Editor under CSP",
                             body="<p>The first paragraph.</p>")
    page = browser_page()
    violations, errors = [], []
    page.expose_function("reportCspViolation", lambda text: violations.append(text))
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', (e) => window.reportCspViolation("
        "`${e.violatedDirective} blocked ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`));"
    )
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: violations.append(message.text)
            if "Content Security Policy" in message.text or message.text.startswith("Refused to") else None)

    page.goto(browser_page.url("/admin/login/"))
    page.fill("#id_username", "csp-editor")
    page.fill("#id_password", "correct-horse-battery")
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")

    page.goto(browser_page.url(f"/admin/articles/article/{article.pk}/change/"))
    editable = page.locator(BODY_EDITOR)
    editable.wait_for()  # the editor's module scripts ran: the import map and modules were allowed
    # ProseMirror learns of a click or a caret key from the browser's selectionchange event, which Chromium may
    # deliver after the next key press: typing straight away could go where the editor's own caret still was (the
    # start). So each step waits until the editor itself holds the state the next key press needs.
    editable.locator("p", has_text="The first paragraph.").click()
    page.keyboard.press("End")
    wait_for_editor(page, CARET_AT_END_OF_FIRST_PARAGRAPH)
    page.keyboard.press("Enter")
    wait_for_editor(page, CARET_IN_NEW_SECOND_PARAGRAPH)
    page.keyboard.type("Typed in the browser under the policy.")
    expected = "<p>The first paragraph.</p><p>Typed in the browser under the policy.</p>"
    expect(page.locator("textarea#id_body")).to_have_value(expected)  # what the form will post
    page.click("input[name=_continue]")

    page.locator(".messagelist .success").wait_for()
    assert "was changed successfully" in page.locator(".messagelist").inner_text()
    assert Article.objects.get(pk=article.pk).body == expected
    expect(page.locator(BODY_EDITOR)).to_contain_text("Typed in the browser under the policy.")
    assert violations == [], violations
    assert errors == [], errors
