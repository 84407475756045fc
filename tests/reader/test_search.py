"""Search: ranked, highlighted, paginated, only published, and unbreakable by odd input."""

import pytest
from django.contrib.postgres.search import SearchVector
from django.db import DatabaseError
from django.db.models import Value
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from articles import search
from articles.models import Article
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus(db, committed):
    with committed():
        return {
            "body": ArticleFactory(
                title="A piece about training budgets",
                standfirst="Money and compute.",
                body="<p>Teams now spend more on preference optimisation than before.</p>",
            ),
            "title": ArticleFactory(
                title="Preference optimisation explained",
                standfirst="From RLHF to DPO.",
                body="<p>How the methods differ.</p>",
            ),
            "standfirst": ArticleFactory(
                title="Reward models",
                standfirst="Why preference optimisation needs fewer parts now.",
                body="<p>Reward models score answers.</p>",
            ),
            "draft": ArticleFactory(draft=True, title="Secret preference optimisation draft"),
        }


def titles(query):
    return [article.title for article in search.ranked(query)]


def test_title_match_ranks_above_standfirst_above_body(corpus):
    assert titles("preference optimisation") == [
        "Preference optimisation explained",
        "Reward models",
        "A piece about training budgets",
    ]


@pytest.mark.postgres
def test_postgres_uses_ranked_full_text_with_stemming(corpus):
    # "optimising" and "preferences" stem to the same lexemes as the text.
    assert titles("preferences optimising")[0] == "Preference optimisation explained"
    assert "Reward models" in titles("score answer")


def test_fallback_ranking_title_above_body_on_any_database(corpus):
    ranked = search._fallback_ranked(Article.objects.published(), "preference optimisation")
    assert [a.title for a in ranked] == [
        "Preference optimisation explained",
        "Reward models",
        "A piece about training budgets",
    ]


def test_results_page_shows_highlighted_excerpts(client, corpus):
    response = client.get(reverse("articles:search"), {"q": "preference"})
    content = response.content.decode()
    assert response.status_code == 200
    assert "<mark>" in content.lower()
    assert "Preference optimisation explained" in content
    assert "Secret" not in content


def test_excerpt_escapes_article_html(client, committed):
    with committed():
        ArticleFactory(title="Escaping", body="<p>The &lt;script&gt; tag and preference data.</p>")
    content = client.get(reverse("articles:search"), {"q": "preference"}).content.decode()
    excerpt = content.split('class="result__excerpt"', 1)[1].split("</p>", 1)[0]
    assert "<script>" not in excerpt
    assert "&lt;script&gt;" in excerpt


def test_results_are_paginated(client, committed):
    with committed():
        for i in range(13):
            ArticleFactory(title=f"Paginated result {i}")
    first = client.get(reverse("articles:search"), {"q": "paginated"}).content.decode()
    second = client.get(reverse("articles:search"), {"q": "paginated", "page": 2}).content.decode()
    assert first.count('class="result"') == 10
    assert second.count('class="result"') == 3
    assert 'rel="next"' in first and "q=paginated&amp;page=2" in first


@pytest.mark.postgres
def test_search_vector_is_built_once_the_save_commits(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as waiting:
        article = ArticleFactory(title="Quokka reasoning")
    assert Article.objects.get(pk=article.pk).search_vector is None
    for callback in waiting:
        callback()
    assert titles("quokka") == ["Quokka reasoning"]


@pytest.mark.postgres
def test_a_save_that_leaves_the_text_alone_does_not_rebuild_the_vector(committed):
    with committed():
        article = ArticleFactory(title="Quokka reasoning")
    Article.objects.filter(pk=article.pk).update(search_vector=SearchVector(Value("marker")))
    with committed():
        article.save(update_fields=["last_reviewed"])
    assert Article.objects.filter(pk=article.pk, search_vector="marker").exists()


@pytest.mark.postgres
def test_a_vector_that_fails_to_build_never_fails_the_save(committed, monkeypatch, caplog):
    def broken(pk):
        raise DatabaseError("the search vector could not be built")

    monkeypatch.setattr(search, "update_search_vector", broken)
    with committed():
        article = ArticleFactory(title="Saved all the same")
    assert Article.objects.filter(pk=article.pk, title="Saved all the same").exists()
    assert "the search vector could not be built" in caplog.text


@pytest.mark.postgres
def test_results_cached_before_the_vector_is_rebuilt_do_not_outlive_it(client, committed,
                                                                        django_capture_on_commit_callbacks):
    with committed():
        article = ArticleFactory(title="Old wording")
    assert "Quokka wording" not in client.get(reverse("articles:search"), {"q": "quokka"}).content.decode()
    article.title = "Quokka wording"
    with django_capture_on_commit_callbacks(execute=False) as waiting:
        article.save()
    for callback in waiting:  # a reader searches between each step that follows the commit
        callback()
        client.get(reverse("articles:search"), {"q": "quokka"})
    assert "Quokka wording" in client.get(reverse("articles:search"), {"q": "quokka"}).content.decode()


@pytest.mark.parametrize(
    "query",
    ["", "   ", "x" * 5000, "\x00", "a\x00b", "'; DROP TABLE articles;--", '"unclosed', "!!! & | ()", "-", "<script>",
     "ñandú über 数据", "%00", "OR AND NOT", "* ? : ~"],
)
def test_strange_queries_never_error(client, corpus, query):
    response = client.get(reverse("articles:search"), {"q": query, "page": "abc"})
    assert response.status_code == 200
    assert "Secret" not in response.content.decode()


@pytest.mark.parametrize("raw", ["q=%ff%fe%fd", "q=%ED%A0%80", "q=%00&page=%00", "q=a&q=b", "page=-1&q=x", "q[]=x"])
def test_malformed_query_strings_never_error(client, corpus, raw):
    assert client.get(f"{reverse('articles:search')}?{raw}").status_code == 200


def test_very_long_query_is_shortened_and_says_so(client, corpus):
    content = client.get(reverse("articles:search"), {"q": "preference " * 100}).content.decode()
    assert "first 200 characters" in content


def test_empty_query_shows_the_form_only(client, corpus):
    content = client.get(reverse("articles:search")).content.decode()
    assert 'id="search-q"' in content and "Results for" not in content and "Nothing found" not in content


def test_search_page_is_not_indexed(client, corpus):
    assert '<meta name="robots" content="noindex, follow">' in client.get("/search/?q=x").content.decode()


@given(st.text(max_size=300))
@hsettings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_text_is_a_valid_query(client, query):
    assert search.clean_query(query) == search.clean_query(search.clean_query(query))
    response = client.get(reverse("articles:search"), {"q": search.clean_query(query)})
    assert response.status_code == 200
