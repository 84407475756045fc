from django.core.management.base import BaseCommand

from articles.demo.loader import load


class Command(BaseCommand):
    help = (
        "Load the demo verticals, series, articles, authors, glossary, resources and site settings. "
        "Idempotent: rows that already exist (matched by slug) are left exactly as they are."
    )

    def handle(self, *args, **options):
        summary = load()
        for line in summary.lines():
            self.stdout.write(line)
        if summary.changed_anything:
            self.stdout.write(self.style.SUCCESS(f"Demo content loaded: {summary.total_created} items created."))
        else:
            self.stdout.write(self.style.SUCCESS("Demo content already present: nothing to do."))
