import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from taggit.models import Tag

from articles.models import Article, GlossaryTerm, Series
from bench.corpus import RARE_TAG
from newsletter.models import Subscriber
from verticals.models import Vertical

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("bench_app")]


def generate(**options):
    call_command("generate_bench_data", scale=0.01, stdout=StringIO(), **options)


def test_tiny_scale_creates_the_scaled_counts_and_keeps_drafts_out_of_the_published_ones():
    generate(series=3, tags=5)

    assert Vertical.objects.count() == 3
    assert Article.objects.published().count() == 20
    assert Article.objects.exclude(pk__in=Article.objects.published()).count() == 1
    assert Series.objects.count() == 3
    assert Tag.objects.count() == 5
    assert GlossaryTerm.objects.count() == 1
    assert Article.objects.filter(tags__slug=RARE_TAG).count() == 1
    assert set(Article.objects.values_list("vertical__slug", flat=True).distinct()) == set(
        Vertical.objects.values_list("slug", flat=True)
    )


def test_articles_are_long_reads_with_anchored_headings():
    generate()

    article = Article.objects.published().first()
    assert 1_300 <= article.word_count <= 1_900
    assert '<h2 id="section-1">' in article.body


def test_series_parts_are_numbered_from_one_in_the_articles_vertical():
    generate(series=3)

    for series in Series.objects.all():
        parts = list(series.articles.order_by("part").values_list("part", "vertical_id"))
        assert [part for part, _ in parts] == list(range(1, len(parts) + 1))
        assert {vertical for _, vertical in parts} <= {series.vertical_id}


@pytest.mark.postgres
def test_search_vector_is_stored_for_every_article():
    generate()

    assert connection.vendor == "postgresql"
    assert not Article.objects.filter(search_vector__isnull=True).exists()
    assert Article.objects.filter(search_vector="quokka").count() == 1


def test_subscribers_are_confirmed_and_topped_up_to_the_count():
    generate(only="subscribers", subscribers=30)
    generate(only="subscribers", subscribers=50)

    assert Subscriber.objects.filter(status=Subscriber.Status.CONFIRMED).count() == 50


def test_refuses_to_add_a_second_data_set():
    generate()
    with pytest.raises(CommandError):
        generate()


def test_probe_finds_every_page_of_the_data_set_and_counts_its_queries(tmp_path, settings):
    settings.PAGE_CACHE_SECONDS = 0
    generate(series=3, tags=5)
    out = tmp_path / "probe.json"
    call_command("bench_probe", str(out), stdout=StringIO())
    probe = json.loads(out.read_text())
    for page in ("home", "vertical", "series", "article", "tag", "search", "feed"):
        assert probe["urls"][page], page
        assert probe["queries"][page]["status"] == 200, page
        assert probe["queries"][page]["queries"] <= 8, page
