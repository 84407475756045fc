"""Settings come from the environment; production refuses to start half-configured."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings as django_settings

PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "x" * 64 + "-a-long-random-production-secret",
    "ALLOWED_HOSTS": "posttrainai.com,www.posttrainai.com",
    "SITE_URL": "https://posttrainai.com",
}


def read_settings(env, *names):
    """Import the settings in a fresh interpreter with exactly this environment."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "CELERY_", "REDIS_", "CACHE_"))}
    clean.pop("DEBUG", None)
    code = (
        "import json, django; from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n) for n in {list(names)!r}}}, default=str))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**clean, "DJANGO_SETTINGS_MODULE": "posttrain.settings", **env},
        cwd=django_settings.BASE_DIR,
        capture_output=True,
        text=True,
    )
    return result, (json.loads(result.stdout.strip().splitlines()[-1]) if result.returncode == 0 else None)


@pytest.mark.parametrize(
    ("url", "engine", "name", "host", "port"),
    [
        (
            "postgres://postgres@127.0.0.1:5432/posttrain",
            "django.db.backends.postgresql",
            "posttrain",
            "127.0.0.1",
            5432,
        ),
        ("postgresql://app:s3cret@db.internal/site", "django.db.backends.postgresql", "site", "db.internal", ""),
        ("sqlite:////tmp/posttrain-test.sqlite3", "django.db.backends.sqlite3", "/tmp/posttrain-test.sqlite3", "", ""),
    ],
)
def test_database_url_forms(url, engine, name, host, port):
    result, values = read_settings({"DATABASE_URL": url}, "DATABASES")
    assert result.returncode == 0, result.stderr
    db = values["DATABASES"]["default"]
    assert db["ENGINE"] == engine
    assert db["NAME"] == name
    assert db.get("HOST", "") == host
    assert (db.get("PORT") or "") == port


def test_postgres_keeps_connections_open():
    _, values = read_settings({"DATABASE_URL": "postgres://postgres@127.0.0.1/x"}, "DATABASES")
    assert values["DATABASES"]["default"]["CONN_MAX_AGE"] == 60


def test_default_database_is_a_sqlite_file_and_tasks_run_inline():
    result, values = read_settings({}, "DATABASES", "CELERY_TASK_ALWAYS_EAGER", "EMAIL_BACKEND", "CACHES")
    assert result.returncode == 0, result.stderr
    assert values["DATABASES"]["default"]["ENGINE"] == "django.db.backends.sqlite3"
    assert values["DATABASES"]["default"]["NAME"].endswith("db.sqlite3")
    assert values["CELERY_TASK_ALWAYS_EAGER"] is True
    assert values["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"
    assert values["CACHES"]["default"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"


def test_broker_and_cache_urls_switch_on_real_parts():
    result, values = read_settings(
        {
            "CELERY_BROKER_URL": "redis://127.0.0.1:6379/3",
            "REDIS_URL": "redis://127.0.0.1:6379/4",
            "EMAIL_HOST": "smtp.example.org",
            "EMAIL_PORT": "587",
            "EMAIL_USE_TLS": "true",
        },
        "CELERY_TASK_ALWAYS_EAGER",
        "CACHES",
        "EMAIL_BACKEND",
        "EMAIL_PORT",
        "EMAIL_USE_TLS",
    )
    assert result.returncode == 0, result.stderr
    assert values["CELERY_TASK_ALWAYS_EAGER"] is False
    assert values["CACHES"]["default"]["BACKEND"] == "posttrain.cache_backends.DegradingRedisCache"
    assert values["CACHES"]["default"]["LOCATION"] == "redis://127.0.0.1:6379/4"
    assert values["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert values["EMAIL_PORT"] == 587
    assert values["EMAIL_USE_TLS"] is True


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS"])
def test_production_refuses_to_start_without(missing):
    env = {k: v for k, v in PRODUCTION.items() if k != missing}
    result, _ = read_settings(env, "DEBUG")
    assert result.returncode != 0
    assert f"set {missing}" in result.stderr


@pytest.mark.parametrize(("site_url", "https"), [("https://posttrainai.com", True), ("http://127.0.0.1:8000", False)])
def test_https_settings_follow_site_url(site_url, https):
    _, values = read_settings(
        {**PRODUCTION, "SITE_URL": site_url},
        "SECURE_SSL_REDIRECT",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SECURE_HSTS_SECONDS",
        "SECURE_PROXY_SSL_HEADER",
    )
    assert values["SECURE_SSL_REDIRECT"] is https
    assert values["SESSION_COOKIE_SECURE"] is https
    assert values["CSRF_COOKIE_SECURE"] is https
    assert (values["SECURE_HSTS_SECONDS"] > 0) is https
    assert values["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]


def test_check_deploy_reports_no_issue_in_production():
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CELERY_", "REDIS_", "CACHE_"))}
    env.update(PRODUCTION)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        cwd=django_settings.BASE_DIR,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
