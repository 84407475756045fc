from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from .health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("newsletter/", include("newsletter.urls")),
    path("preview/", include("articles.preview_urls")),
    path("", include("articles.urls")),
    path("", include("verticals.urls")),
]

if settings.BENCH_VIEWS:
    urlpatterns.insert(0, path("_bench/", include("posttrain.bench_urls")))

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
