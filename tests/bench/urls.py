"""The project's URLs with the benchmark views mounted, as posttrain/urls.py does when BENCH_VIEWS is on."""

from django.urls import include, path

from posttrain.urls import urlpatterns as site_urlpatterns

urlpatterns = [path("_bench/", include("bench.urls")), *site_urlpatterns]
