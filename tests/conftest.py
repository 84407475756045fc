"""Shared fixtures, and the rule that CI never skips a test for a missing service or browser."""

import os

import pytest
from django.conf import settings
from django.core.cache import cache
from hypothesis import settings as hypothesis_settings

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")

# CI explores the same fuzz inputs on every run, so a red build is reproducible and never depends on luck;
# developers' runs stay random and keep finding new inputs.
hypothesis_settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
if IN_CI:
    hypothesis_settings.load_profile("ci")


def skip_or_fail(reason):
    """Locally a missing service skips the test; in CI it fails the run."""
    if IN_CI:
        pytest.fail(f"{reason} (CI runs every test: start the service)", pytrace=False)
    pytest.skip(reason)


def uses_postgres():
    return settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"


def uses_broker():
    return not settings.CELERY_TASK_ALWAYS_EAGER


def pytest_collection_modifyitems(config, items):
    # The SQLite run of CI deselects what only the PostgreSQL run with a broker can prove; it does not skip it.
    keep, drop = [], []
    for item in items:
        needs_pg = item.get_closest_marker("postgres") is not None
        needs_worker = item.get_closest_marker("celery_worker") is not None
        if (needs_pg and not uses_postgres()) or (needs_worker and not uses_broker()):
            drop.append(item)
        else:
            keep.append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """In CI nothing is silently skipped: a skip is a failure there, whatever raised it."""
    outcome = yield
    report = outcome.get_result()
    if IN_CI and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = f"skipped in CI, which runs every test: {report.longrepr}"


def pytest_report_header(config):
    db = settings.DATABASES["default"]
    broker = "inline" if settings.CELERY_TASK_ALWAYS_EAGER else settings.CELERY_BROKER_URL
    return [f"posttrain: database {db['ENGINE'].rsplit('.', 1)[-1]} {db.get('NAME')}; tasks {broker}"]


@pytest.fixture(autouse=True, scope="session")
def _fast_password_hashing():
    """PBKDF2 at production strength costs ~0.3 s per password; tests that create users do not need it."""
    from django.contrib.auth import hashers

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    hashers.get_hashers.cache_clear()
    hashers.get_hashers_by_algorithm.cache_clear()


@pytest.fixture(autouse=True)
def _clean_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _fast_renditions(settings):
    """WebP and JPEG renditions only: AVIF takes a second a picture on a shared CI core (tests/images checks it)."""
    settings.IMAGE_RENDITION_FORMATS = ["webp", "jpeg"]


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def inline_tasks(request):
    """Tasks run inline even when the suite has a broker; tests marked `celery_worker` publish to a real worker.

    The newsletter and edge tests use it for every test (their conftest); elsewhere a test asks for it by name.
    """
    from posttrain.celery import app as celery_app

    if request.node.get_closest_marker("celery_worker"):
        yield
        return
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous

