from django.core.cache import cache
from django.db import models
from django.urls import reverse

from posttrain.richtext import RichTextField
from posttrain.slugs import SLUG_HELP, AddressSlugField


class Vertical(models.Model):
    name = models.CharField(max_length=120)
    slug = AddressSlugField(
        unique=True,
        blank=True,
        populate_from="name",
        help_text=f"The address of the vertical's page: /verticals/<slug>/. {SLUG_HELP}",
    )
    short_description = models.CharField(
        max_length=300, help_text="One or two sentences, shown on cards and as the page's meta description."
    )
    intro = RichTextField(help_text="Opening text of the vertical's landing page.")
    order = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers come first in menus and lists.")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("verticals:detail", kwargs={"slug": self.slug})


class SiteSettings(models.Model):
    """The site-wide words and dates editors change without a deploy. There is one row."""

    launch_date = models.DateField(null=True, blank=True, help_text="When full coverage launches.")
    headline = models.CharField(max_length=200, help_text="The pre-launch headline on the home page.")
    pitch = models.TextField(help_text="The pre-launch pitch under the headline (plain text).")
    contact_email = models.EmailField(blank=True)
    postal_address = models.TextField(
        blank=True, help_text="Printed at the foot of every e-mail, as anti-spam laws require."
    )
    about = RichTextField(help_text="The About page.")
    updated_at = models.DateTimeField(auto_now=True)

    CACHE_KEY = "site-settings"

    class Meta:
        verbose_name = "site settings"
        verbose_name_plural = "site settings"

    def __str__(self):
        return "Site settings"

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)

    @classmethod
    def load(cls):
        settings = cache.get(cls.CACHE_KEY)
        if settings is None:
            settings, _ = cls.objects.prefetch_related("social_links").get_or_create(
                pk=1, defaults={"headline": "PostTrain", "pitch": ""}
            )
            cache.set(cls.CACHE_KEY, settings, 300)
        return settings


class SocialLink(models.Model):
    site_settings = models.ForeignKey(SiteSettings, on_delete=models.CASCADE, related_name="social_links")
    label = models.CharField(max_length=60, help_text="The network's name, e.g. Mastodon or LinkedIn.")
    url = models.URLField()
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "label"]

    def __str__(self):
        return self.label
