"""The rules around library images: alt text before publishing, no deleting what an article shows, search by
words and tags, where-used, and the raw hero uploads carried into the library by the migration."""

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from articles import workflow
from articles.image_usage import alt_text_problems, articles_using
from articles.models import Article, Image
from tests.articles.factories import EditorFactory
from tests.factories import ArticleFactory
from tests.images.helpers import ImageFactory, photo_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(db):
    return EditorFactory()


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def figure(image, alt=""):
    return f'<figure><img src="{image.file.url}" alt="{alt}"><figcaption>A figure</figcaption></figure>'


def test_publishing_with_a_hero_without_alt_text_is_refused_with_a_clear_message(editor):
    article = ArticleFactory(draft=True, title="Rowing", hero=ImageFactory(title="Boat", alt=""))

    with pytest.raises(workflow.WorkflowError) as refused:
        workflow.publish(article, editor)

    assert str(refused.value) == (
        "“Rowing” cannot be published yet: the hero image “Boat” has no alt text (add it in the image library)."
    )
    assert Article.objects.get(pk=article.pk).status == Article.Status.DRAFT


def test_publishing_with_a_figure_without_alt_text_is_refused(editor):
    chart = ImageFactory(title="Chart", alt="")
    article = ArticleFactory(draft=True, title="Compute", body=f"<p>x</p>{figure(chart)}")

    with pytest.raises(workflow.WorkflowError, match="the figure “Chart” in the body has no alt text"):
        workflow.publish(article, editor)

    chart.alt = "Bars rising to the right"
    chart.save()
    workflow.publish(article, editor)
    assert Article.objects.get(pk=article.pk).is_published()


def test_the_refusal_reaches_the_editor_in_the_admin(editor_client):
    article = ArticleFactory(draft=True, title="Rowing", hero=ImageFactory(title="Boat", alt=""))
    from tests.adminversions import row_version

    response = editor_client.post(
        reverse("admin:articles_article_workflow", args=[article.pk, "publish"]),
        {"loaded_version": row_version(article), "row_version": row_version(article)},
        follow=True,
    )

    assert "the hero image “Boat” has no alt text" in response.content.decode()
    assert Article.objects.get(pk=article.pk).status == Article.Status.DRAFT


def test_alt_text_given_inline_in_the_body_counts_for_images_outside_the_library():
    article = ArticleFactory(body='<figure><img src="/media/old/chart.png" alt="Old chart"></figure>')

    assert alt_text_problems(article) == []


def test_deleting_an_image_in_use_is_refused_listing_the_articles(editor_client):
    image = ImageFactory(title="Boat")
    ArticleFactory(title="Hero user", hero=image)
    ArticleFactory(title="Figure user", body=f"<p>x</p>{figure(image, 'A boat')}")
    url = reverse("admin:articles_image_delete", args=[image.pk])

    page = editor_client.get(url).content.decode()
    response = editor_client.post(url, {"post": "yes"})

    assert "Hero user" in page and "Figure user" in page
    assert "would require deleting the following protected related objects" in page
    assert response.status_code in (200, 403)
    assert Image.objects.filter(pk=image.pk).exists()


def test_an_unused_image_can_be_deleted(editor_client):
    image = ImageFactory()

    response = editor_client.post(reverse("admin:articles_image_delete", args=[image.pk]), {"post": "yes"})

    assert response.status_code == 302
    assert not Image.objects.filter(pk=image.pk).exists()


def test_where_used_lists_heroes_and_figures(editor_client):
    image, other = ImageFactory(), ImageFactory()
    hero_user = ArticleFactory(title="Hero user", hero=image)
    figure_user = ArticleFactory(title="Figure user", body=figure(image, "A boat"))
    ArticleFactory(title="Unrelated", hero=other)

    assert list(articles_using(image)) == [figure_user, hero_user]
    page = editor_client.get(reverse("admin:articles_image_change", args=[image.pk])).content.decode()
    assert "Hero user" in page and "Figure user" in page and "Unrelated" not in page


def test_library_search_finds_by_words_and_tags(editor_client):
    boat = ImageFactory(title="Boat at dawn", alt="A rowing eight")
    boat.tags.add("rowing", "sport")
    chart = ImageFactory(title="Chart", alt="Bars")
    chart.tags.add("data")

    changelist = reverse("admin:articles_image_changelist")
    by_tag = editor_client.get(changelist, {"q": "rowing"}).context["cl"].result_list
    by_words = editor_client.get(changelist, {"q": "bars chart"}).context["cl"].result_list

    assert list(by_tag) == [boat]
    assert list(by_words) == [chart]
    assert list(Image.objects.search("eight dawn")) == [boat]


def test_image_tags_stay_out_of_the_readers_tag_vocabulary():
    from taggit.models import Tag

    ImageFactory().tags.add("rowing")

    assert not Tag.objects.filter(name="rowing").exists()


@pytest.mark.django_db(transaction=True)
def test_raw_hero_uploads_move_into_the_library_with_nothing_lost(settings):
    executor = MigrationExecutor(connection)
    before = [("articles", "0005_image_library")]
    after = [("articles", "0007_remove_raw_hero_upload")]
    executor.migrate(before)
    apps = executor.loader.project_state(before).apps
    Vertical = apps.get_model("verticals", "Vertical")
    OldArticle = apps.get_model("articles", "Article")
    vertical = Vertical.objects.create(name="Sport", slug="sport-m", order=9)
    old = OldArticle(title="Old hero", slug="old-hero", standfirst="s", body="<p>b</p>", vertical=vertical,
                     hero_alt="A rower", hero_credit="Photo: Ana")
    old.hero_image.save("hero.jpg", ContentFile(photo_bytes((640, 480))), save=False)
    old.save()
    stored_name = old.hero_image.name

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(after)
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    article = Article.objects.get(slug="old-hero")
    assert article.hero.file.name == stored_name
    assert (article.hero.alt, article.hero.credit, article.hero.width, article.hero.height) == (
        "A rower", "Photo: Ana", 640, 480
    )


def test_the_body_editors_picker_lists_matching_library_images(editor_client, client):
    boat = ImageFactory(title="Boat at dawn", alt="A rowing eight", caption="")
    ImageFactory(title="Chart", alt="Bars")
    url = reverse("admin:articles_image_choices")

    data = editor_client.get(url, {"q": "boat"}).json()

    assert [(c["id"], c["alt"], c["caption"], c["src"]) for c in data["images"]] == [
        (boat.pk, "A rowing eight", "Boat at dawn", boat.file.url)
    ]
    client.logout()
    assert client.get(url).status_code == 302  # to the sign-in page
