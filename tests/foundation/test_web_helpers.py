"""The helpers every app's pages share (posttrain.web, posttrain.jsonld): one behaviour, wherever they are used."""

import json
import re

import pytest
from django.http import Http404
from django.test import RequestFactory

from articles.models import Article
from posttrain import jsonld
from posttrain.web import absolute_links, absolute_url, page_of, redirect_or_404
from tests.factories import ArticleFactory


def test_absolute_url_puts_the_site_in_front_of_a_path(settings):
    settings.SITE_URL = "https://posttrainai.com"
    assert absolute_url("/articles/x/") == "https://posttrainai.com/articles/x/"
    assert absolute_url(None) == "https://posttrainai.com"


def test_absolute_url_leaves_an_upload_on_object_storage_alone():
    assert absolute_url("https://media.example.org/hero.png") == "https://media.example.org/hero.png"


def test_absolute_links_rewrites_root_relative_links_only(settings):
    settings.SITE_URL = "https://posttrainai.com"
    html = '<a href="/glossary/dpo/">DPO</a> <img src="/media/a.png"> <a href="//cdn.example/x">x</a>'
    assert absolute_links(html) == (
        '<a href="https://posttrainai.com/glossary/dpo/">DPO</a> '
        '<img src="https://posttrainai.com/media/a.png"> <a href="//cdn.example/x">x</a>'
    )


@pytest.mark.django_db
@pytest.mark.parametrize(("asked", "shown"), [("2", 2), ("0", 1), ("-3", 1), ("abc", 1), ("", 1)])
def test_page_of_reads_the_page_number_and_never_errors(asked, shown):
    for i in range(5):
        ArticleFactory(title=f"Listed {i}")
    page = page_of(Article.objects.order_by("pk"), RequestFactory().get("/", {"page": asked}), per_page=2)
    assert page.number == shown
    assert len(page.items) == 2
    assert page.has_next


@pytest.mark.django_db
def test_page_of_answers_404_past_the_last_page():
    ArticleFactory()
    with pytest.raises(Http404):
        page_of(Article.objects.all(), RequestFactory().get("/", {"page": "3"}), per_page=2)


@pytest.mark.django_db
def test_redirect_or_404_redirects_only_to_what_readers_may_see():
    live, draft = ArticleFactory(slug="live"), ArticleFactory(slug="hidden", draft=True)
    response = redirect_or_404(live, Article.objects.published())
    assert (response.status_code, response["Location"]) == (301, "/articles/live/")
    with pytest.raises(Http404):
        redirect_or_404(draft, Article.objects.published())
    with pytest.raises(Http404):
        redirect_or_404(None)


def test_breadcrumbs_number_the_path_from_home_with_absolute_urls(settings):
    settings.SITE_URL = "https://posttrainai.com"
    data = jsonld.breadcrumbs([("Home", "/"), ("AI", "/verticals/ai/")])
    assert [(item["position"], item["item"]) for item in data["itemListElement"]] == [
        (1, "https://posttrainai.com/"),
        (2, "https://posttrainai.com/verticals/ai/"),
    ]


def test_a_json_ld_block_cannot_end_its_script_element():
    block = jsonld.script({"name": "</script><script>alert(1)</script> & <!--"})
    payload = re.fullmatch(r'<script type="application/ld\+json">(.*)</script>', block).group(1)
    assert "<" not in payload and "&" not in payload
    assert json.loads(payload)["name"] == "</script><script>alert(1)</script> & <!--"
