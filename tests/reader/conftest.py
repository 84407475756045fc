from functools import partial

import pytest

from tests.factories import ArticleFactory


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """`with committed(): ...` runs what waits for the commit (the search vector) as the block ends, as a commit would.

    Tests run inside a transaction that is never committed, so on_commit callbacks would otherwise never run.
    """
    return partial(django_capture_on_commit_callbacks, execute=True)


@pytest.fixture
def statuses(db):
    """One article in every state readers must never see, plus one they may, all with recognisable titles."""
    return {
        "published": ArticleFactory(title="Visible published piece", slug="visible-piece"),
        "draft": ArticleFactory(draft=True, title="Secret draft piece", slug="secret-draft"),
        "review": ArticleFactory(in_review=True, title="Secret review piece", slug="secret-review"),
        "scheduled": ArticleFactory(scheduled=True, title="Secret scheduled piece", slug="secret-scheduled"),
        "unpublished": ArticleFactory(unpublished=True, title="Secret unpublished piece", slug="secret-unpublished"),
    }


HIDDEN = ("secret-", "Secret")


def assert_only_published(content):
    text = content.decode() if isinstance(content, bytes) else content
    for marker in HIDDEN:
        assert marker not in text, f"{marker!r} leaked"
