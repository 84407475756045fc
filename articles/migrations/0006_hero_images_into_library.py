"""Every raw hero upload becomes a library image (same stored file: nothing is copied or lost), with the article's
alt text and credit; the article points at it. Renditions are made later by `manage.py make_renditions` or on the
first page view."""

from django.db import migrations


def _dimensions(field_file):
    try:
        return field_file.width or 0, field_file.height or 0
    except Exception:  # noqa: BLE001 - a missing or unreadable file still becomes a library entry
        return 0, 0


def into_library(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    Image = apps.get_model("articles", "Image")
    by_name = {}
    for article in Article.objects.exclude(hero_image="").order_by("pk").iterator():
        name = article.hero_image.name
        image = by_name.get(name)
        if image is None:
            width, height = _dimensions(article.hero_image)
            image = Image.objects.create(
                title=article.title[:200], file=name, width=width, height=height,
                alt=article.hero_alt, credit=article.hero_credit,
            )
            by_name[name] = image
        Article.objects.filter(pk=article.pk).update(hero=image)


def back_to_uploads(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    for article in Article.objects.exclude(hero=None).select_related("hero").iterator():
        Article.objects.filter(pk=article.pk).update(
            hero_image=article.hero.file.name, hero_alt=article.hero.alt or article.hero.title,
            hero_credit=article.hero.credit,
        )


class Migration(migrations.Migration):
    dependencies = [("articles", "0005_image_library")]

    operations = [migrations.RunPython(into_library, back_to_uploads)]
