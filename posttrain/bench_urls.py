"""Benchmark-only URLs, mounted at /_bench/ when BENCH_VIEWS is on."""

from django.urls import path

from . import bench_views

app_name = "bench"
urlpatterns = [
    path("ceiling/", bench_views.ceiling, name="ceiling"),
]
