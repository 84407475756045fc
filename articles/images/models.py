from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from taggit.managers import TaggableManager
from taggit.models import ItemBase, TagBase

from .processing import pixel_size

FOCAL_HELP = "Click the image to set it: crops (the social card, say) keep this point in the picture."


class ImageTag(TagBase):
    """The library's own vocabulary, kept apart from article tags so readers' tag pages never list it."""

    class Meta:
        verbose_name = "image tag"
        verbose_name_plural = "image tags"


class TaggedImage(ItemBase):
    tag = models.ForeignKey(ImageTag, on_delete=models.CASCADE, related_name="tagged_images")
    content_object = models.ForeignKey("articles.Image", on_delete=models.CASCADE, related_name="tagged_items")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["content_object", "tag"], name="unique_tag_per_image")]


class ImageQuerySet(models.QuerySet):
    def search(self, words):
        """Images whose title, alt text, caption, credit or tags contain every word."""
        queryset = self
        for word in words.split():
            queryset = queryset.filter(
                Q(title__icontains=word)
                | Q(alt__icontains=word)
                | Q(caption__icontains=word)
                | Q(credit__icontains=word)
                | Q(tags__name__icontains=word)
            )
        return queryset.distinct()


def original_path(instance, filename):
    return f"images/originals/{filename}"


class Image(models.Model):
    title = models.CharField(max_length=200, help_text="For finding it in the library; readers do not see it.")
    file = models.ImageField(
        upload_to=original_path, max_length=255,
        help_text="JPEG, PNG, WebP or AVIF. It is turned upright and stripped of camera and location data.",
    )
    # Recorded from the bytes in hand when the file is set (set_file), so neither a page nor the save opens the file.
    width = models.PositiveIntegerField(default=0, editable=False)
    height = models.PositiveIntegerField(default=0, editable=False)
    alt = models.CharField(
        "alt text",
        max_length=250,
        blank=True,
        help_text="What the image shows, for readers who cannot see it. An article using an image without it "
        "cannot be published.",
    )
    caption = models.CharField(max_length=300, blank=True, help_text="Shown under the image; may be left empty.")
    credit = models.CharField(max_length=200, blank=True, help_text="Photographer or source, e.g. “Photo: Ana Ruiz”.")
    licence = models.CharField(
        max_length=200, blank=True, help_text="Under which terms we use it, e.g. “CC BY 4.0” or “Staff photo”."
    )
    focal_x = models.FloatField(
        null=True, blank=True, validators=[MinValueValidator(0), MaxValueValidator(1)], help_text=FOCAL_HELP
    )
    focal_y = models.FloatField(null=True, blank=True, validators=[MinValueValidator(0), MaxValueValidator(1)])
    tags = TaggableManager(through=TaggedImage, blank=True)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, editable=False, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = ImageQuerySet.as_manager()

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(focal_x__isnull=True, focal_y__isnull=True)
                | Q(focal_x__gte=0, focal_x__lte=1, focal_y__gte=0, focal_y__lte=1),
                name="image_focal_point_inside",
            ),
        ]

    def __str__(self):
        return self.title

    def set_file(self, content):
        """Take a (cleaned) file and record its pixel size."""
        self.width, self.height = pixel_size(content)
        self.file = content

    @property
    def focal_point(self):
        """(x, y) as fractions of the width and height; the centre when none was set."""
        if self.focal_x is None or self.focal_y is None:
            return (0.5, 0.5)
        return (self.focal_x, self.focal_y)


class Rendition(models.Model):
    """One stored size and format of a library image, with its dimensions, so pages never measure files."""

    image = models.ForeignKey(Image, on_delete=models.CASCADE, related_name="renditions")
    # "960.webp", or "social.jpeg" for the 1200×630 crop; the file name carries the source and focal point, so a
    # new file or focal point gets a new URL that no cache has seen.
    spec = models.CharField(max_length=40)
    file = models.FileField(max_length=255)
    format = models.CharField(max_length=10)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["image", "format", "width"]
        constraints = [models.UniqueConstraint(fields=["image", "spec"], name="unique_rendition_spec_per_image")]

    def __str__(self):
        return f"{self.image} · {self.spec} ({self.width}×{self.height})"

    @property
    def url(self):
        return self.file.url
