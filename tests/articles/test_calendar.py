"""The editorial calendar: series with their parts, the schedule, and launch readiness counts."""

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from articles.calendar import editorial_calendar
from tests.articles.factories import EditorFactory
from tests.factories import ArticleFactory, PlannedPartFactory, SeriesFactory, VerticalFactory

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 9, 1, 12, 0, tzinfo=UTC)
CALENDAR = reverse("admin:articles_article_calendar")


@pytest.fixture
def plan():
    ai = VerticalFactory(name="AI model post-training", order=1)
    sport = VerticalFactory(name="Sports science", order=2)
    stack = SeriesFactory(title="The technical stack", vertical=ai)
    regulation = SeriesFactory(title="Regulation", vertical=ai)
    with time_machine.travel(NOW, tick=False):
        PlannedPartFactory(series=stack, part=1, title="Three stages", planned_date=date(2026, 9, 1))
        PlannedPartFactory(series=stack, part=2, title="Preference pairs", planned_date=date(2026, 9, 8))
        PlannedPartFactory(series=stack, part=3, title="GRPO and DAPO", planned_date=date(2026, 9, 15))
        PlannedPartFactory(series=regulation, part=1, title="EU AI Act", planned_date=date(2026, 8, 2))
        ArticleFactory(title="Stage one", vertical=ai, series=stack, part=1, publish_date=NOW - timedelta(days=1))
        ArticleFactory(
            title="Pairs piece", vertical=ai, series=stack, part=2, publish_date=datetime(2026, 9, 8, 9, tzinfo=UTC)
        )
        ArticleFactory(title="Compliance draft", vertical=ai, series=regulation, part=1, draft=True)
        ArticleFactory(title="HRV explainer", vertical=sport, in_review=True)
        ArticleFactory(title="Recovery", vertical=sport, publish_date=datetime(2026, 9, 3, 7, tzinfo=UTC))
    return {"ai": ai, "sport": sport, "stack": stack, "regulation": regulation}


def counts(readiness):
    return (readiness.planned, readiness.draft, readiness.review, readiness.scheduled, readiness.published)


def test_readiness_counts_per_vertical_and_series(plan):
    with time_machine.travel(NOW, tick=False):
        calendar = editorial_calendar()

    by_label = {r.label: r for r in calendar["readiness"]}
    # planned, draft, in review, scheduled, published
    assert counts(by_label["AI model post-training"]) == (1, 1, 0, 1, 1)
    assert counts(by_label["Sports science"]) == (0, 0, 1, 1, 0)
    series = {s.label: s for s in by_label["AI model post-training"].series}
    assert counts(series["The technical stack"]) == (1, 0, 0, 1, 1)
    assert counts(series["Regulation"]) == (0, 1, 0, 0, 0)
    assert counts(calendar["totals"]) == (1, 1, 1, 2, 1)


def test_scheduled_counts_move_to_published_when_the_time_comes(plan):
    with time_machine.travel(datetime(2026, 9, 9, tzinfo=UTC), tick=False):
        calendar = editorial_calendar()

    assert counts(calendar["totals"]) == (1, 1, 1, 0, 3)
    assert calendar["scheduled"] == []


def test_series_rows_pair_planned_parts_with_articles(plan):
    with time_machine.travel(NOW, tick=False):
        calendar = editorial_calendar()

    stack = next(s for s in calendar["series_list"] if s.title == "The technical stack")
    rows = [
        (row.part, row.planned.title if row.planned else None, [a.title for a in row.articles]) for row in stack.rows
    ]
    assert rows == [
        (1, "Three stages", ["Stage one"]),
        (2, "Preference pairs", ["Pairs piece"]),
        (3, "GRPO and DAPO", []),
    ]


def test_calendar_page_renders_counts_schedule_and_parts(client, plan):
    client.force_login(EditorFactory())

    with time_machine.travel(NOW, tick=False):
        response = client.get(CALENDAR)

    assert response.status_code == 200
    content = response.content.decode()
    assert "Launch readiness" in content
    assert (
        '<tr class="vertical-row"><th scope="row">AI model post-training</th>'
        "<td>1</td><td>1</td><td>0</td><td>1</td><td>1</td></tr>"
    ) in content
    assert content.index("Thursday 3 September 2026") < content.index("Tuesday 8 September 2026")
    assert "Recovery" in content and "Pairs piece" in content
    assert "GRPO and DAPO" in content and "Not written yet" in content
    assert "HRV explainer" in content  # waiting for review


def test_calendar_query_count_is_bounded(client, plan, django_assert_max_num_queries):
    client.force_login(EditorFactory())
    with django_assert_max_num_queries(25) as first:
        client.get(CALENDAR)
    for index in range(6):
        series = SeriesFactory(vertical=plan["sport"])
        PlannedPartFactory(series=series, part=1)
        ArticleFactory(vertical=plan["sport"], series=series, part=2, scheduled=True)
        ArticleFactory(vertical=plan["sport"], in_review=True, title=f"Review {index}")

    with django_assert_max_num_queries(len(first.captured_queries)):
        client.get(CALENDAR)


def test_calendar_needs_article_permission(client):
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    assert client.get(CALENDAR).status_code == 403
    client.logout()
    assert client.get(CALENDAR).status_code == 302
