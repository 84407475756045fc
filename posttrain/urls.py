from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve

from .admin_views import view_on_site
from .health import healthz

admin.site.site_header = "PostTrain editorial"
admin.site.site_title = "PostTrain admin"
admin.site.index_title = "Newsroom"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    # Before the admin's own route of the same address, which redirects any staff user to any object's page.
    path("admin/r/<path:content_type_id>/<path:object_id>/", admin.site.admin_view(view_on_site)),
    path("admin/", admin.site.urls),
    path("newsletter/", include("newsletter.urls")),
    path("preview/", include("articles.preview_urls")),
    path("", include("articles.urls")),
    path("", include("verticals.urls")),
]

if settings.BENCH_VIEWS:
    # The bench app, installed with BENCH_VIEWS (settings.py): the ceiling page `make bench` measures against.
    urlpatterns.insert(0, path("_bench/", include("bench.urls")))

if settings.STORAGES["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage":
    # Uploads on the local disk are served by Django itself (with nosniff from SecurityMiddleware);
    # installations with several web machines use S3-compatible storage instead.
    urlpatterns.append(
        re_path(rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.+)$", serve, {"document_root": settings.MEDIA_ROOT})
    )

handler500 = "posttrain.views.server_error"
