"""A writer's editorial calendar names their own articles, published ones and the series plans; other people's
drafts, articles in review and scheduled articles are counted but never named, dated or linked."""

import pytest
from django.urls import reverse

from tests.articles.factories import EditorFactory, WriterFactory
from tests.factories import ArticleFactory, AuthorFactory, PlannedPartFactory, SeriesFactory

pytestmark = pytest.mark.django_db

CALENDAR = reverse("admin:articles_article_calendar")


@pytest.fixture
def newsroom():
    writer, other = WriterFactory(), WriterFactory()
    series = SeriesFactory(title="The technical stack")
    vertical = series.vertical
    PlannedPartFactory(series=series, part=4, title="Announced part four")
    credited = AuthorFactory(user=writer)
    return {
        "writer": writer,
        "mine": [
            ArticleFactory(draft=True, created_by=writer, title="My own draft", series=series, part=1,
                           vertical=vertical),
            ArticleFactory(in_review=True, authors=[credited], title="My piece in review", vertical=vertical),
            ArticleFactory(scheduled=True, created_by=writer, title="My scheduled piece", vertical=vertical),
        ],
        "published": ArticleFactory(created_by=other, title="Someone's published piece", series=series, part=2,
                                    vertical=vertical),
        "theirs": [
            ArticleFactory(draft=True, created_by=other, title="Secret draft", series=series, part=3,
                           vertical=vertical),
            ArticleFactory(in_review=True, created_by=other, title="Secret review", vertical=vertical),
            ArticleFactory(scheduled=True, created_by=other, title="Secret scheduled", series=series, part=5,
                           vertical=vertical),
        ],
    }


def readiness_totals(content):
    row = content[content.index('<tr class="totals-row">'):]
    return row[: row.index("</tr>")]


def test_writer_calendar_names_own_and_published_articles_but_not_others_unpublished_work(client, newsroom):
    client.force_login(newsroom["writer"])
    response = client.get(CALENDAR)
    assert response.status_code == 200
    content = response.content.decode()

    for article in newsroom["mine"]:
        assert article.title in content
        assert reverse("admin:articles_article_change", args=[article.pk]) in content
    assert "Someone&#x27;s published piece" in content
    assert f'href="{newsroom["published"].get_absolute_url()}"' in content  # its page, not an admin page shut to them
    assert "Announced part four" in content
    assert "Secret" not in content
    for article in newsroom["theirs"]:
        assert reverse("admin:articles_article_change", args=[article.pk]) not in content
        assert article.slug not in content
    assert content.count("Someone else’s article") == 2  # their draft (part 3) and scheduled piece (part 5)
    # Counts still include everyone's work: planned, draft, in review, scheduled, published.
    assert readiness_totals(content).endswith("<td>1</td><td>2</td><td>2</td><td>2</td><td>1</td>")


def test_writer_calendar_context_holds_no_title_of_others_unpublished_work(client, newsroom):
    client.force_login(newsroom["writer"])
    context = client.get(CALENDAR).context
    titles = [a.title for a in context["scheduled"]] + [a.title for a in context["in_review"]]
    for series in context["series_list"]:
        titles += [getattr(a, "title", None) for row in series.rows for a in row.articles]
    assert not [title for title in titles if title and title.startswith("Secret")]
    assert [a.title for a in context["scheduled"]] == ["My scheduled piece"]
    assert [a.title for a in context["in_review"]] == ["My piece in review"]


def test_editor_calendar_names_everything(client, newsroom):
    client.force_login(EditorFactory())
    content = client.get(CALENDAR).content.decode()
    for article in newsroom["theirs"] + newsroom["mine"]:
        assert article.title in content
        assert reverse("admin:articles_article_change", args=[article.pk]) in content
    assert "Someone else’s article" not in content
