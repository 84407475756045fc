from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"

    def ready(self):
        from posttrain import cache

        from . import slugs

        slugs.connect_signals()
        cache.connect_signals()
