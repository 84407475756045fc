import pytest

from tests.foundation.test_settings import read_settings

pytestmark = pytest.mark.django_db


@pytest.mark.urls("tests.bench.urls")
def test_ceiling_renders_an_article_sized_page_without_touching_the_database(
    client, django_assert_num_queries, bench_app
):
    with django_assert_num_queries(0):
        response = client.get("/_bench/ceiling/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    body = response.content.decode()
    assert 10_500 <= len(response.content) <= 13_000
    assert body.count("<h2") == 5
    assert "What post-training changes in a model, a team and an athlete" in body


@pytest.mark.urls("tests.bench.urls")
def test_ceiling_answers_only_get(client, bench_app):
    assert client.post("/_bench/ceiling/").status_code == 405


def test_ceiling_is_not_mounted_unless_bench_views_is_on(client, settings):
    assert settings.BENCH_VIEWS is False
    assert client.get("/_bench/ceiling/").status_code == 404


def test_the_bench_app_is_installed_only_with_bench_views():
    result, values = read_settings({}, "INSTALLED_APPS")
    assert result.returncode == 0, result.stderr
    assert "bench" not in values["INSTALLED_APPS"]
    result, values = read_settings({"BENCH_VIEWS": "true"}, "INSTALLED_APPS")
    assert "bench" in values["INSTALLED_APPS"]
