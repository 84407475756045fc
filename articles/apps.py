from django.apps import AppConfig
from django.db.models.signals import post_save

from posttrain import cache
from posttrain.slugs import register_redirect_lookup


class ArticlesConfig(AppConfig):
    name = "articles"

    def ready(self):
        # Models (ours and taggit's) can be imported only once the app registry is ready, and search and slugs import
        # them at the top: so here, not at the top of this file.
        from taggit.models import Tag, TaggedItem

        from . import search, slugs
        from .images import tasks as image_tasks  # noqa: F401  (registers the Celery tasks of the image library)

        # Every model whose rows readers see, tags included: saving or deleting one drops the cached pages.
        reader_models = [
            "Article", "Author", "Series", "PlannedPart", "Reference", "Correction", "Resource", "GlossaryTerm",
            "SlugRedirect", "Image", "Rendition",
        ]
        cache.register_content_models(*map(self.get_model, reader_models), Tag, TaggedItem)
        article = self.get_model("Article")
        cache.register_expiry(article.objects.next_publication)
        post_save.connect(search.index_article, sender=article, dispatch_uid="articles.search.index_article")
        slugs.connect_signals()
        register_redirect_lookup(slugs.held_by)
