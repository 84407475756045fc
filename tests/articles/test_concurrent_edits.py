"""Two editors at once: a save, a workflow step or a list action made from a stale page is refused, never applied.

Each test drives the admin as two browsers would: both load the page, the first saves, the second saves what their
own (now stale) page holds and is told who changed it and when, with their input still on the page.
"""

import threading
from dataclasses import dataclass
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, ArticleTransition, PlannedPart
from tests.articles.adminforms import changelist_url, messages_of, step, workflow_url
from tests.articles.factories import EditorFactory
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    GlossaryTermFactory,
    PlannedPartFactory,
    ResourceFactory,
    SeriesFactory,
    UserFactory,
    VerticalFactory,
)
from tests.newsletter.factories import CampaignFactory
from verticals.models import SiteSettings, Vertical

pytestmark = pytest.mark.django_db

Status = Article.Status


class BrowserForm(HTMLParser):
    """What a browser would post from a page's forms: every named input, textarea and selected option."""

    def __init__(self, html, form_id=None):
        super().__init__()
        self.form_id, self.inside, self.data = form_id, form_id is None, {}
        self._textarea = self._select = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and self.form_id is not None:
            self.inside = attrs.get("id") == self.form_id
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "file", "button"):
            if attrs.get("type") not in ("checkbox", "radio") or "checked" in attrs:
                self._add(name, attrs.get("value", "on" if attrs.get("type") == "checkbox" else ""))
        elif tag == "textarea" and name:
            self._textarea, self.data[name] = name, ""
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self._add(self._select, attrs.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None
        elif tag == "form" and self.form_id is not None:
            self.inside = False

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea] += data.removeprefix("\n") if not self.data[self._textarea] else data

    def _add(self, name, value):
        if name in self.data:
            existing = self.data[name]
            self.data[name] = [*existing, value] if isinstance(existing, list) else [existing, value]
        else:
            self.data[name] = value


def change_form(client, url):
    response = client.get(url)
    assert response.status_code == 200
    opts = response.context["opts"]
    return BrowserForm(response.content.decode(), f"{opts.model_name}_form").data


def editor_client(username):
    client = Client()
    client.force_login(EditorFactory(username=username))
    return client


@pytest.fixture
def alice():
    return editor_client("alice")


@pytest.fixture
def bob():
    return editor_client("bob")


@dataclass
class Case:
    make: callable
    alice_changes: dict  # posted field: value
    bob_changes: dict
    read: callable  # obj -> {posted field: stored value}, for the fields both touch


def _planned_part_of(series):
    return series.planned_parts.get()


CASES = {
    "article": Case(
        lambda: ArticleFactory(draft=True, title="Old title", standfirst="Old standfirst."),
        {"title": "Alice’s title"},
        {"standfirst": "Bob’s standfirst."},
        lambda article: {"title": article.title, "standfirst": article.standfirst},
    ),
    "series": Case(
        lambda: SeriesFactory(title="Old series", summary="Old summary."),
        {"title": "Alice’s series"},
        {"summary": "Bob’s summary."},
        lambda series: {"title": series.title, "summary": series.summary},
    ),
    "planned part": Case(
        lambda: PlannedPartFactory(title="Old part", part=1).series,
        {"planned_parts-0-title": "Alice’s part"},
        {"planned_parts-0-title": "Bob’s part"},
        lambda series: {"planned_parts-0-title": PlannedPart.objects.get(series=series).title},
    ),
    "vertical": Case(
        lambda: VerticalFactory(name="Old vertical", short_description="Old description."),
        {"name": "Alice’s vertical"},
        {"short_description": "Bob’s description."},
        lambda vertical: {"name": vertical.name, "short_description": vertical.short_description},
    ),
    "author": Case(
        lambda: AuthorFactory(name="Old name", bio="Old bio."),
        {"name": "Alice’s name"},
        {"bio": "Bob’s bio."},
        lambda author: {"name": author.name, "bio": author.bio},
    ),
    "glossary term": Case(
        lambda: GlossaryTermFactory(term="RLHF", short_definition="Old definition."),
        {"short_definition": "Alice’s definition."},
        {"expansion": "Bob’s expansion"},
        lambda term: {"short_definition": term.short_definition, "expansion": term.expansion},
    ),
    "resource": Case(
        lambda: ResourceFactory(title="Old resource", note="Old note."),
        {"title": "Alice’s resource"},
        {"note": "Bob’s note."},
        lambda resource: {"title": resource.title, "note": resource.note},
    ),
    "site settings": Case(
        lambda: SiteSettings.objects.create(pk=1, headline="Old headline", pitch="Old pitch.", about="<p>About.</p>"),
        {"launch_date": "2027-01-15"},
        {"headline": "Bob’s headline"},
        lambda settings: {"launch_date": str(settings.launch_date), "headline": settings.headline},
    ),
    "campaign": Case(
        lambda: CampaignFactory(subject="Old subject", preheader="Old preheader."),
        {"subject": "Alice’s subject"},
        {"preheader": "Bob’s preheader."},
        lambda campaign: {"subject": campaign.subject, "preheader": campaign.preheader},
    ),
}


def _url(obj):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def _fresh(obj):
    return type(obj)._base_manager.get(pk=obj.pk)


@pytest.mark.parametrize("name", CASES)
def test_second_editor_saving_a_stale_copy_is_refused_with_who_and_when_and_keeps_their_input(alice, bob, name):
    case = CASES[name]
    obj = case.make()
    url = _url(obj)
    alices_page, bobs_page = change_form(alice, url), change_form(bob, url)
    before = case.read(_fresh(obj))

    assert alice.post(url, {**alices_page, **case.alice_changes}).status_code == 302
    response = bob.post(url, {**bobs_page, **case.bob_changes})

    assert response.status_code == 409
    page = response.content.decode()
    assert "was changed by alice on" in page
    assert "nothing was saved" in page
    for value in case.bob_changes.values():
        assert value in page  # Bob's input is still on the page
    stored = case.read(_fresh(obj))
    assert {field: stored[field] for field in case.alice_changes} == case.alice_changes
    assert all(stored[field] == before[field] for field in case.bob_changes if field not in case.alice_changes)


@pytest.mark.parametrize("name", ["article", "site settings"])
def test_saving_the_refused_form_again_is_a_deliberate_overwrite(alice, bob, name):
    case = CASES[name]
    obj = case.make()
    url = _url(obj)
    bobs_page = change_form(bob, url)
    alice.post(url, {**change_form(alice, url), **case.alice_changes})
    refused = bob.post(url, {**bobs_page, **case.bob_changes})

    again = BrowserForm(refused.content.decode(), f"{obj._meta.model_name}_form").data
    response = bob.post(url, again)

    assert response.status_code == 302
    assert {field: case.read(_fresh(obj))[field] for field in case.bob_changes} == case.bob_changes


def test_refused_article_save_links_to_the_revision_comparison(alice, bob):
    article = ArticleFactory(draft=True)
    url = _url(article)
    bobs_page = change_form(bob, url)
    alice.post(url, {**change_form(alice, url), "title": "Alice’s title"})

    response = bob.post(url, {**bobs_page, "body": "<p>Bob’s body.</p>"})

    assert reverse("admin:articles_article_compare", args=[article.pk]) in response.content.decode()
    assert Article.objects.get(pk=article.pk).body != "<p>Bob’s body.</p>"


def test_a_workflow_step_changes_the_version_a_stale_change_form_carries(alice, bob):
    article = ArticleFactory(in_review=True, title="Old title")
    url = _url(article)
    bobs_page = change_form(bob, url)
    step(alice, article, "publish")

    response = bob.post(url, {**bobs_page, "title": "Bob’s title"})

    assert response.status_code == 409
    assert Article.objects.get(pk=article.pk).title == "Old title"


def test_a_change_form_without_its_version_is_refused(alice):
    vertical = VerticalFactory(name="Old vertical")
    url = _url(vertical)
    page = change_form(alice, url)
    del page["loaded_version"]

    response = alice.post(url, {**page, "name": "New vertical"})

    assert response.status_code == 409
    assert "did not say which version" in response.content.decode()
    assert Vertical.objects.get(pk=vertical.pk).name == "Old vertical"


def test_editors_who_may_only_view_get_no_version_field(client):
    viewer = UserFactory()
    viewer.user_permissions.add(*Permission.objects.filter(codename="view_series"))
    client.force_login(viewer)
    series = SeriesFactory()

    response = client.get(_url(series))

    assert response.status_code == 200
    assert b'name="loaded_version"' not in response.content



# --- Workflow steps and list actions from a stale page ----------------------------------------------------------


def _workflow_button_version(client, article, action):
    html = client.get(_url(article)).content.decode()
    marker = workflow_url(article, action)
    form = html[html.index(f'action="{marker}"'):]
    return BrowserForm(form[: form.index("</form>")]).data["loaded_version"]


def test_workflow_button_pressed_on_a_stale_page_is_refused_and_says_who(alice, bob):
    article = ArticleFactory(in_review=True)
    version_bob_loaded = _workflow_button_version(bob, article, "publish")
    alice.post(_url(article), {**change_form(alice, _url(article)), "title": "Alice’s title"})

    response = bob.post(workflow_url(article, "publish"), {"loaded_version": version_bob_loaded}, follow=True)

    assert any("was changed by alice on" in message for message in messages_of(response))
    assert Article.objects.get(pk=article.pk).status == Status.REVIEW
    assert not ArticleTransition.objects.exists()


def test_schedule_page_submitted_after_a_change_is_refused_and_keeps_the_input(alice, bob):
    article = ArticleFactory(in_review=True)
    schedule_page = bob.get(workflow_url(article, "schedule"))
    form = BrowserForm(schedule_page.content.decode()).data
    step(alice, article, "request_changes", {"comment": "Needs sources."})
    when = (timezone.localtime() + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")

    response = bob.post(workflow_url(article, "schedule"), {**form, "publish_at": when, "comment": "Bob’s note"})

    assert response.status_code == 409
    page = response.content.decode()
    assert "was changed by alice on" in page and "Bob’s note" in page
    assert Article.objects.get(pk=article.pk).status == Status.DRAFT


def _changelist_form(client):
    return BrowserForm(client.get(changelist_url()).content.decode(), "changelist-form").data


def test_bulk_action_on_a_row_changed_since_the_list_was_loaded_is_refused_as_a_whole(alice, bob):
    changed, untouched = ArticleFactory(in_review=True), ArticleFactory(in_review=True)
    listing = _changelist_form(bob)
    alice.post(_url(changed), {**change_form(alice, _url(changed)), "title": "Alice’s title"})

    response = bob.post(
        changelist_url(),
        {**listing, "action": "publish_selected", "_selected_action": [str(changed.pk), str(untouched.pk)]},
        follow=True,
    )

    assert any("“Alice’s title” was changed by alice on" in message for message in messages_of(response))
    assert not Article.objects.published().exists()
    assert not ArticleTransition.objects.exists()


def test_bulk_schedule_checks_the_versions_again_on_its_second_page(alice, bob):
    article = ArticleFactory(in_review=True)
    listing = _changelist_form(bob)
    page = bob.post(changelist_url(), {**listing, "action": "schedule_selected", "_selected_action": [str(article.pk)]})
    second_step = BrowserForm(page.content.decode()).data
    step(alice, article, "request_changes", {"comment": "Not yet."})
    when = (timezone.localtime() + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")

    response = bob.post(changelist_url(), {**second_step, "publish_at": when, "apply": "1"}, follow=True)

    assert any("was changed by alice on" in message for message in messages_of(response))
    assert not Article.objects.scheduled().exists()


def test_bulk_action_on_current_rows_still_works(bob):
    article = ArticleFactory(in_review=True)
    listing = _changelist_form(bob)

    response = bob.post(
        changelist_url(), {**listing, "action": "publish_selected", "_selected_action": [str(article.pk)]}, follow=True
    )

    assert "Published: 1 article(s)" in " ".join(messages_of(response))
    assert Article.objects.published().filter(pk=article.pk).exists()


# --- Two saves at the same moment -------------------------------------------------------------------------------


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_saves_of_the_same_version_let_exactly_one_through():
    article = ArticleFactory(draft=True, title="Old title")
    clients = [editor_client("alice"), editor_client("bob")]
    url = _url(article)
    pages = [change_form(client, url) for client in clients]
    barrier = threading.Barrier(2)
    statuses = []

    def save(client, page, title):
        try:
            barrier.wait(timeout=10)
            statuses.append(client.post(url, {**page, "title": title}).status_code)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=save, args=(client, page, f"Title by {index}"))
        for index, (client, page) in enumerate(zip(clients, pages, strict=True))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(statuses) == [302, 409]
    assert Article.objects.get(pk=article.pk).title in {"Title by 0", "Title by 1"}

