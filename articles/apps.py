from django.apps import AppConfig
from django.db.models.signals import post_save

from posttrain import cache


class ArticlesConfig(AppConfig):
    name = "articles"

    def ready(self):
        # Models (ours and taggit's) can be imported only once the app registry is ready, and these modules import
        # them at the top: so here, not at the top of this file.
        from taggit.models import Tag, TaggedItem

        from . import search, slugs
        from .models import (
            Article,
            Author,
            Correction,
            GlossaryTerm,
            PlannedPart,
            Reference,
            Resource,
            Series,
            SlugRedirect,
        )

        cache.register_content_models(
            Article, Author, Series, PlannedPart, Reference, Correction, Resource, GlossaryTerm, SlugRedirect,
            Tag, TaggedItem,
        )
        cache.register_expiry(Article.objects.next_publication)
        post_save.connect(search.index_article, sender=Article, dispatch_uid="articles.search.index_article")
        slugs.connect_signals()
