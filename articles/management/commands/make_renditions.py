"""Make the renditions images are missing: after the migration that moved heroes into the library, after a lost
queue, or after IMAGE_RENDITION_WIDTHS / IMAGE_RENDITION_FORMATS changed (`--all` checks every image)."""

from django.core.management.base import BaseCommand

from articles.images import renditions
from articles.models import Image


class Command(BaseCommand):
    help = "Make missing image renditions (and drop stale ones), here and now rather than through the queue."

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="Check every image, not only those without any.")

    def handle(self, *args, all=False, **options):
        images = Image.objects.all() if all else renditions.missing_renditions()
        made = 0
        for image in images.order_by("pk").iterator():
            try:
                made += len(renditions.make_renditions(image))
            except OSError as error:  # a file lost from the storage: say which, carry on with the others
                self.stderr.write(f"Image {image.pk} ({image}): {error}")
        self.stdout.write(f"{made} renditions made.")
