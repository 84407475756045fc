import uuid

import pytest

from posttrain import frontend_cache
from tests.conftest import skip_or_fail, uses_postgres
from tests.hardening.conftest import collected_static  # noqa: F401, F811 - gunicorn serves the collected static files

from . import site
from .recorder import RecordingServer
from .site import cache_url
from .varnish import Varnish, varnishd_missing_reason


@pytest.fixture(autouse=True)
def _inline_tasks(inline_tasks):
    """Tasks inline here too, but for the worker tests."""


@pytest.fixture
def recorder():
    with RecordingServer() as server:
        yield server


@pytest.fixture
def frontend_caches(settings, recorder):
    """Point FRONTEND_CACHE_URLS and the API bases at the recording server: `frontend_caches("fastly://svc")`."""

    def configure(*urls):
        settings.FRONTEND_CACHE_URLS = list(urls)
        settings.FASTLY_API_URL = recorder.url
        settings.FASTLY_API_TOKEN = "fastly-test-token"
        settings.CLOUDFLARE_API_URL = recorder.url + "/client/v4"
        settings.CLOUDFLARE_API_TOKEN = "cloudflare-test-token"
        settings.FRONTEND_CACHE_RETRY_BASE_SECONDS = 0.01
        settings.FRONTEND_CACHE_REPURGE_SECONDS = 0  # the tests of the second purge set it themselves
        settings.FRONTEND_CACHE_TIMEOUT = 5
        return frontend_cache.backends()

    return configure


@pytest.fixture(scope="session")
def varnishd_installed():
    reason = varnishd_missing_reason()
    if reason:
        skip_or_fail(reason)


@pytest.fixture(scope="session")
def site_behind_varnish(varnishd_installed, tmp_path_factory):
    """(varnish, backend): one real varnishd for the session in front of a recording server.

    Tests share it, so each one uses its own paths (`unique_path`) and its own content keys.
    """
    with RecordingServer() as backend, Varnish(tmp_path_factory.mktemp("varnish"), backend.port) as varnish:
        yield varnish, backend


@pytest.fixture
def unique_path():
    prefix = f"/t-{uuid.uuid4().hex[:12]}"
    return lambda path="/": prefix + path


@pytest.fixture(scope="module")
def django_behind_varnish(varnishd_installed, django_db_setup, collected_static, tmp_path_factory):  # noqa: F811
    """(varnish, site URL): gunicorn with the test database and this process's Redis cache, the shipped VCL in
    front. One per module; each test starts from an empty Varnish (`behind_varnish`)."""
    if not uses_postgres() or cache_url() is None:
        skip_or_fail("the site behind Varnish shares the test database and cache: PostgreSQL and REDIS_URL")
    with site.django_behind_varnish(tmp_path_factory.mktemp("behind-varnish"), collected_static) as running:
        yield running
