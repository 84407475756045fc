"""The article page: everything a reader, a crawler and the editorial preview get."""

import json
import re
from datetime import date, timedelta

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import timezone

from articles.models import Correction
from articles.reading import add_heading_anchors, link_glossary_terms
from articles.views import render_article
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    GlossaryTermFactory,
    PlannedPartFactory,
    ReferenceFactory,
    SeriesFactory,
)

pytestmark = pytest.mark.django_db

BODY = (
    "<h2>Why preference data</h2><p>RLHF needs pairs. RLHF again later.</p>"
    "<h3>The reward model</h3><p>See <a href='https://example.org'>RLHF paper</a> and <code>RLHF</code>.</p>"
    "<h2>Why preference data</h2><p>DPO drops the reward model.</p>"
)


@pytest.fixture
def article(db):
    author_a, author_b = AuthorFactory(name="Ada Lovelace"), AuthorFactory(name="Alan Turing")
    a = ArticleFactory(
        title="Preference pairs at scale",
        standfirst="About a million and a half pairs trained one model.",
        body=BODY,
        authors=[author_a, author_b],
        tags=["rlhf", "data"],
        last_reviewed=date(2026, 10, 1),
        seo_description="SEO words for this piece",
    )
    ReferenceFactory(article=a, title="Training language models to follow instructions", order=1)
    ReferenceFactory(article=a, title="Direct Preference Optimization", order=2, url="")
    Correction.objects.create(article=a, date=date(2026, 11, 2), note="The pair count was off by a factor of ten.")
    GlossaryTermFactory(term="RLHF", slug="rlhf", short_definition="Learning from human preference feedback.")
    GlossaryTermFactory(term="DPO", slug="dpo")
    return a


def page(client, article):
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_article_shows_title_standfirst_authors_dates_and_reading_time(client, article):
    content = page(client, article)
    assert "<h1 id=\"article-title\">Preference pairs at scale</h1>" in content
    assert "About a million and a half pairs trained one model." in content
    assert re.search(r'By <a href="/authors/[^"]+/" rel="author">Ada Lovelace</a> and <a [^>]+>Alan Turing', content)
    assert "<dt>Published</dt>" in content
    assert "<dt>Last reviewed</dt>" in content and "1 October 2026" in content
    assert "<dt>Reading time</dt><dd>1 min</dd>" in content


def test_updated_date_shows_only_when_edited_after_publication(client):
    fresh = ArticleFactory(publish_date=timezone.now())
    assert "<dt>Updated</dt>" not in page(client, fresh)
    edited = ArticleFactory(publish_date=timezone.now() - timedelta(days=10))
    assert "<dt>Updated</dt>" in page(client, edited)


def test_table_of_contents_links_to_unique_heading_anchors(client, article):
    content = page(client, article)
    toc = content.split('class="toc"', 1)[1].split("</nav>", 1)[0]
    assert '<a href="#why-preference-data">Why preference data</a>' in toc
    assert '<a href="#the-reward-model">The reward model</a>' in toc
    assert '<a href="#why-preference-data-2">' in toc
    assert '<h2 id="why-preference-data">' in content and '<h2 id="why-preference-data-2">' in content


def test_heading_anchors_keep_editor_ids_and_escape_text():
    html, toc = add_heading_anchors('<h2 id="start">A &amp; B</h2><h4>Deep <em>one</em></h4><h2>A &amp; B</h2>')
    assert [(e.level, e.anchor, e.text) for e in toc] == [(2, "start", "A & B"), (4, "deep-one", "Deep one"),
                                                           (2, "a-b", "A & B")]
    assert html.count('id="start"') == 1


def test_first_glossary_mention_is_linked_once_never_in_links_headings_or_code(client, article):
    content = page(client, article)
    body = content.split('class="prose article__body"', 1)[1].split("</div>", 1)[0]
    assert body.count('href="/glossary/rlhf/"') == 1
    link = '<a class="glossary-link" href="/glossary/rlhf/" title="Learning from human preference feedback.">RLHF</a>'
    assert f"<p>{link} needs pairs." in body
    assert "<code>RLHF</code>" in body
    assert body.count('href="/glossary/dpo/"') == 1


def test_glossary_linking_matches_whole_words_only():
    terms = [("PPO", "/glossary/ppo/", "x"), ("KTO", "/glossary/kto/", "<b>")]
    html = link_glossary_terms("<p>PPOX and MPPO; then PPO. KTO-based? no: KTO!</p>", terms)
    assert html.count("glossary-link") == 2
    assert '>PPO</a>.' in html and '>KTO</a>!' in html
    assert 'title="&lt;b&gt;"' in html


def test_references_are_numbered_and_corrections_shown(client, article):
    content = page(client, article)
    refs = content.split('id="references-title"', 1)[1].split("</section>", 1)[0]
    assert "<ol>" in refs
    assert refs.index("Training language models") < refs.index("Direct Preference Optimization")
    assert '<li id="ref-1">' in refs and '<li id="ref-2">' in refs
    assert "<cite>Direct Preference Optimization</cite>" in refs
    assert "The pair count was off by a factor of ten." in content
    assert "2 November 2026" in content


@pytest.mark.parametrize(
    ("authors", "year", "shown"),
    [("A. Researcher", 2020, "A. Researcher (2020)."), ("A. Researcher", None, "A. Researcher."), ("", 2021, "(2021)")],
)
def test_reference_names_its_authors_and_year_before_the_title(client, authors, year, shown):
    article = ArticleFactory()
    ReferenceFactory(article=article, title="The cited paper", authors=authors, year=year, url="")
    refs = page(client, article).split('id="references-title"', 1)[1].split("</section>", 1)[0]
    item = re.search(r'<li id="ref-1">(.*?)</li>', refs, re.S).group(1)
    assert " ".join(item.split()) == f"{shown} <cite>The cited paper</cite>."


def test_authors_read_as_a_list_with_and_before_the_last(client):
    authors = [AuthorFactory(name=name) for name in ("Ada", "Alan", "Grace")]
    content = page(client, ArticleFactory(authors=authors))
    names = re.search(r'class="article__authors">(.*?)</p>', content, re.S).group(1)
    assert re.sub(r"<[^>]+>", "", " ".join(names.split())) == "By Ada, Alan and Grace"


def test_tags_link_to_tag_pages(client, article):
    content = page(client, article)
    assert '<a href="/tags/rlhf/" rel="tag">rlhf</a>' in content
    assert '<a href="/tags/data/" rel="tag">data</a>' in content


def test_part_n_of_m_with_previous_and_next_published_parts(client):
    series = SeriesFactory(title="The stack")
    one = ArticleFactory(series=series, part=1, title="Part one piece")
    ArticleFactory(series=series, part=2, draft=True, title="Unfinished draft")
    three = ArticleFactory(series=series, part=3, title="Part three piece")
    PlannedPartFactory(series=series, part=4, title="Planned fourth")
    content = page(client, three)
    assert "Part 3 of 4" in content
    nav = content.split('class="series-nav"', 1)[1].split("</nav>", 1)[0]
    assert f'href="{one.get_absolute_url()}" rel="prev"' in nav
    assert 'rel="next"' not in nav
    assert "Unfinished draft" not in content
    first = page(client, one)
    assert f'href="{three.get_absolute_url()}" rel="next"' in first


def test_related_articles_prefer_shared_tags_then_same_vertical(client, article):
    same_tags = ArticleFactory(title="Shares both tags", tags=["rlhf", "data"])
    one_tag = ArticleFactory(title="Shares one tag", tags=["rlhf"])
    same_vertical = ArticleFactory(title="Same vertical only", vertical=article.vertical)
    ArticleFactory(title="Unrelated entirely")
    content = page(client, article)
    related = content.split('id="related-title"', 1)[1]
    assert related.index(same_tags.title) < related.index(one_tag.title) < related.index(same_vertical.title)
    assert "Unrelated entirely" not in related


def test_signup_call_to_action_on_article(client, article):
    content = page(client, article)
    assert 'class="cta"' in content
    assert 'class="signup"' in content


def test_meta_tags_canonical_open_graph_and_twitter(client, article):
    content = page(client, article)
    url = f"{settings.SITE_URL}{article.get_absolute_url()}"
    assert "<title>Preference pairs at scale · PostTrain</title>" in content
    assert '<meta name="description" content="SEO words for this piece">' in content
    assert f'<link rel="canonical" href="{url}">' in content
    assert '<meta property="og:type" content="article">' in content
    assert '<meta property="og:title" content="Preference pairs at scale">' in content
    assert f'<meta property="og:url" content="{url}">' in content
    assert '<meta name="twitter:card" content="summary_large_image">' in content
    assert f'<meta property="og:image" content="{settings.SITE_URL}/static/img/social-card.png">' in content
    assert 'name="robots"' not in content


def jsonld_blocks(content):
    return [json.loads(b) for b in re.findall(r'<script type="application/ld\+json">(.*?)</script>', content, re.S)]


def test_json_ld_article_and_breadcrumbs(client, article):
    blocks = {block["@type"]: block for block in jsonld_blocks(page(client, article))}
    data = blocks["Article"]
    assert data["headline"] == "Preference pairs at scale"
    assert [a["name"] for a in data["author"]] == ["Ada Lovelace", "Alan Turing"]
    assert data["datePublished"].startswith(str(article.publish_date.date()))
    assert "dateModified" in data
    assert data["image"] == [f"{settings.SITE_URL}/static/img/social-card.png"]
    assert data["mainEntityOfPage"] == f"{settings.SITE_URL}{article.get_absolute_url()}"
    crumbs = blocks["BreadcrumbList"]["itemListElement"]
    assert [c["position"] for c in crumbs] == [1, 2, 3]
    assert crumbs[-1]["name"] == "Preference pairs at scale"


def test_json_ld_escapes_script_breaking_text(client):
    tricky = ArticleFactory(title="</script><script>alert(1)</script>")
    content = page(client, tricky)
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', content, re.S).group(1)
    assert "<" not in block
    assert json.loads(block)["headline"] == "</script><script>alert(1)</script>"


def test_home_has_website_search_action(client, article):
    blocks = {b["@type"]: b for b in jsonld_blocks(client.get("/").content.decode())}
    target = blocks["WebSite"]["potentialAction"]["target"]["urlTemplate"]
    assert target == f"{settings.SITE_URL}/search/?q={{query}}"


def test_preview_renders_like_the_page_but_noindex_and_uncacheable(article):
    draft = ArticleFactory(draft=True, title="Draft under review", body=BODY)
    request = RequestFactory().get("/preview/x/")
    request.user = AnonymousUser()
    response = render_article(request, draft, preview=True)
    content = response.content.decode()
    assert "Draft under review" in content
    assert '<meta name="robots" content="noindex, nofollow">' in content
    assert "noindex" in response["X-Robots-Tag"]
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert 'id="why-preference-data"' in content


def test_reader_page_is_not_marked_noindex(client, article):
    response = client.get(article.get_absolute_url())
    assert "X-Robots-Tag" not in response


def test_server_error_page_looks_like_the_site_without_a_database():
    content = render_to_string("500.html")
    assert "Something went wrong on our side" in content
    assert "/static/css/site.css" in content
    assert 'class="site-header"' in content and 'href="/"' in content
