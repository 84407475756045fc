from django.urls import path

from articles import feeds

from . import views

app_name = "verticals"

urlpatterns = [
    path("", views.home, name="home"),
    path("verticals/<slug:slug>/", views.vertical_detail, name="detail"),
    path("verticals/<slug:slug>/feed/", feeds.vertical_rss, name="feed"),
    path("about/", views.about, name="about"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("sitemap.xml", views.sitemap, name="sitemap"),
]
