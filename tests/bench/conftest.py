import pytest


@pytest.fixture
def bench_app(settings):
    """The bench app as the bench's own server has it (BENCH_VIEWS on): its commands and its templates."""
    settings.INSTALLED_APPS = [*settings.INSTALLED_APPS, "bench"]
