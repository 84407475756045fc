from django.apps import AppConfig


class BenchConfig(AppConfig):
    """`make bench`: installed only when BENCH_VIEWS is on (the bench's own server), never on the real site."""

    name = "bench"
