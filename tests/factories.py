"""factory_boy factories for the few fields a test cares about."""

from datetime import timedelta

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from articles.models import Article, Author, GlossaryTerm, PlannedPart, Reference, Resource, Series
from verticals.models import Vertical


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    is_staff = True
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery")


class VerticalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vertical
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Vertical {n}")
    slug = factory.Sequence(lambda n: f"vertical-{n}")
    short_description = "A vertical of the site."
    intro = "<p>What this vertical covers.</p>"


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author

    name = factory.Sequence(lambda n: f"Author {n}")
    slug = factory.Sequence(lambda n: f"author-{n}")


class SeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Series

    title = factory.Sequence(lambda n: f"Series {n}")
    slug = factory.Sequence(lambda n: f"series-{n}")
    vertical = factory.SubFactory(VerticalFactory)
    summary = "A series."
    intro = "<p>About the series.</p>"


class PlannedPartFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlannedPart

    series = factory.SubFactory(SeriesFactory)
    part = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Planned part {n}")
    planned_date = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=30))


class ArticleFactory(factory.django.DjangoModelFactory):
    """A published article unless told otherwise; use the traits for other states."""

    class Meta:
        model = Article
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Article number {n}")
    slug = factory.Sequence(lambda n: f"article-{n}")
    standfirst = "Why this matters, in a sentence."
    body = "<h2>First section</h2><p>Body text about post-training.</p>"
    vertical = factory.SubFactory(VerticalFactory)
    status = Article.Status.PUBLISHED
    publish_date = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))

    class Params:
        draft = factory.Trait(status=Article.Status.DRAFT, publish_date=None)
        in_review = factory.Trait(status=Article.Status.REVIEW, publish_date=None)
        scheduled = factory.Trait(
            status=Article.Status.PUBLISHED,
            publish_date=factory.LazyFunction(lambda: timezone.now() + timedelta(days=3)),
        )
        unpublished = factory.Trait(status=Article.Status.UNPUBLISHED)

    @factory.post_generation
    def authors(self, create, extracted, **kwargs):
        if create and extracted:
            self.authors.set(extracted)

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.set(extracted)


class ReferenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reference

    article = factory.SubFactory(ArticleFactory)
    title = factory.Sequence(lambda n: f"Reference {n}")
    url = "https://arxiv.org/abs/2305.18290"
    year = 2023


class ResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resource

    title = factory.Sequence(lambda n: f"Resource {n}")
    url = "https://example.org/resource"
    kind = Resource.Kind.PAPER
    vertical = factory.SubFactory(VerticalFactory)


class GlossaryTermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GlossaryTerm
        django_get_or_create = ("slug",)

    term = factory.Sequence(lambda n: f"TERM{n}")
    slug = factory.LazyAttribute(lambda t: t.term.lower())
    short_definition = "A short definition."
    explanation = "<p>A longer explanation.</p>"
