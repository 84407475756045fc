"""When a dependency fails the site says so politely and keeps what it has."""

from .conftest import get

DEAD_DATABASE = "postgres://postgres@127.0.0.1:1/posttrain"


def test_database_down_gives_healthz_503_naming_the_database(production_server):
    base = production_server(DATABASE_URL=DEAD_DATABASE)
    status, _, body = get(f"{base}/healthz")
    assert status == 503
    assert '"database": "error' in body
    assert '"cache": "ok"' in body


def test_database_down_gives_a_friendly_503_page_without_traceback(production_server):
    base = production_server(DATABASE_URL=DEAD_DATABASE)
    status, headers, body = get(f"{base}/")
    assert status == 503
    assert headers.get("Retry-After") == "30"
    assert "back in a moment" in body
    assert "Traceback" not in body
    assert "OperationalError" not in body
    assert "127.0.0.1:1" not in body
