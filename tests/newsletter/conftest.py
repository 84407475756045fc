import pytest

from .backends import FlakyBackend


@pytest.fixture(autouse=True)
def _inline_tasks(inline_tasks):
    """Unit tests run tasks inline even when the suite has a broker; only the worker tests publish for real."""


@pytest.fixture(autouse=True)
def _generous_rate_limits(settings):
    # Tests about rate limits set their own; the rest must not trip over them.
    settings.NEWSLETTER_SIGNUP_RATE = "1000/m"
    settings.NEWSLETTER_ADDRESS_RATE = "1000/m"
    settings.NEWSLETTER_SEND_RATE = 0


def signup_data(email, **extra):
    data = {"email": email, "source": "test", "website": ""}
    data.update(extra)
    return data


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    """Call a service and run what it queued on commit, as the real transaction would."""

    def run(function, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(*args, **kwargs)

    return run


@pytest.fixture
def flaky(settings):
    """An e-mail backend that raises the exception registered for an address: `flaky[email] = exc`."""
    settings.EMAIL_BACKEND = "tests.newsletter.backends.FlakyBackend"
    FlakyBackend.failures = {}
    yield FlakyBackend.failures
    FlakyBackend.failures = {}
