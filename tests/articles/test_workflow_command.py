from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article
from tests.articles.factories import EditorFactory, WriterFactory
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def run(*args):
    out = StringIO()
    call_command("article_workflow", *args, stdout=out)
    return out.getvalue()


def test_editor_unpublishes_from_the_command_line():
    editor = EditorFactory()
    article = ArticleFactory(slug="takedown")

    output = run("takedown", "unpublish", "--user", editor.username, "--comment", "Legal request")

    assert "is now unpublished" in output
    assert Article.objects.get(pk=article.pk).status == Article.Status.UNPUBLISHED
    assert article.transitions.get().comment == "Legal request"


def test_schedule_from_the_command_line_needs_a_valid_time():
    editor = EditorFactory()
    ArticleFactory(slug="later", in_review=True)

    with pytest.raises(CommandError, match="--at"):
        run("later", "schedule", "--user", editor.username, "--at", "next week")
    output = run("later", "schedule", "--user", editor.username, "--at", "2099-01-01T09:00+00:00")

    assert "is now scheduled" in output


def test_the_command_applies_the_same_rules_as_the_admin():
    writer = WriterFactory()
    ArticleFactory(slug="draft", draft=True, created_by=writer)

    with pytest.raises(CommandError, match="Only editors may publish"):
        run("draft", "publish", "--user", writer.username)
    with pytest.raises(CommandError, match="No article"):
        run("missing", "publish", "--user", writer.username)
    with pytest.raises(CommandError, match="No user"):
        run("draft", "publish", "--user", "nobody")
    assert Article.objects.get(slug="draft").status == Article.Status.DRAFT
