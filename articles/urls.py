from django.urls import path

from . import feeds, views

app_name = "articles"

urlpatterns = [
    path("articles/<slug:slug>/", views.article_detail, name="detail"),
    path("series/<slug:slug>/", views.series_detail, name="series"),
    path("series/<slug:slug>/feed/", feeds.series_rss, name="series_feed"),
    path("tags/<slug:slug>/", views.tag_detail, name="tag"),
    path("tags/<slug:slug>/feed/", feeds.tag_rss, name="tag_feed"),
    path("authors/<slug:slug>/", views.author_detail, name="author"),
    path("glossary/", views.glossary, name="glossary"),
    path("glossary/<slug:slug>/", views.glossary_term, name="glossary_term"),
    path("resources/", views.resources, name="resources"),
    path("search/", views.search, name="search"),
    path("feed/", feeds.latest_rss, name="feed"),
    path("feed/atom/", feeds.latest_atom, name="feed_atom"),
]
