from django.apps import AppConfig, apps
from django.db.models.signals import post_save

from posttrain import cache
from posttrain.slugs import register_redirect_lookup


def next_publication():
    """When the next scheduled article goes live. A function of this module, not the manager's bound method: the
    registry's managers are copied afresh when app settings change (tests do), and ready() must not register twice."""
    return apps.get_model("articles", "Article").objects.next_publication()


class ArticlesConfig(AppConfig):
    name = "articles"

    def ready(self):
        # Models (ours and taggit's) can be imported only once the app registry is ready, and search and slugs import
        # them at the top: so here, not at the top of this file.
        from taggit.models import Tag, TaggedItem

        from . import (
            content_keys,
            notification_tasks,  # noqa: F401  registers the tasks posttrain.queue finds by name
            notifications,
            search,
            slugs,
            workflow,
        )
        from .images import tasks as image_tasks  # noqa: F401  (registers the Celery tasks of the image library)

        # Every model whose rows readers see, tags included: saving or deleting one drops the cached pages, and
        # purges from shared caches the content keys it names (content_keys.py).
        for name, keys in content_keys.KEYS_BY_MODEL.items():
            cache.register_content_models(self.get_model(name), keys=keys)
        cache.register_content_models(Tag, keys=content_keys.tag_changed)
        cache.register_content_models(TaggedItem, keys=content_keys.tagged_item_changed)
        article = self.get_model("Article")
        cache.register_expiry(next_publication)
        post_save.connect(search.index_article, sender=article, dispatch_uid="articles.search.index_article")
        slugs.connect_signals()
        workflow.article_moved.connect(notifications.step_made, dispatch_uid="articles.notifications.step_made")
        register_redirect_lookup(slugs.held_by)
