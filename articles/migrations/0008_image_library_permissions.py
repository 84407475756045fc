"""Editors manage the image library; writers may upload images and pick them for their drafts. Safe to run again."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR_MODELS = ["image", "rendition", "imagetag", "taggedimage"]
WRITER_CODENAMES = ["add_image", "view_image", "view_imagetag", "view_rendition"]


def grant(Group, Permission):
    """Also used by tests whose database was flushed after the migrations ran."""
    editors = Group.objects.filter(name="Editors").first()
    if editors:
        editors.permissions.add(
            *Permission.objects.filter(content_type__app_label="articles", content_type__model__in=EDITOR_MODELS)
        )
    writers = Group.objects.filter(name="Writers").first()
    if writers:
        writers.permissions.add(
            *Permission.objects.filter(content_type__app_label="articles", codename__in=WRITER_CODENAMES)
        )


def grant_permissions(apps, schema_editor):
    app_config = apps.get_app_config("articles")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    grant(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))


class Migration(migrations.Migration):
    dependencies = [("articles", "0007_remove_raw_hero_upload"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(grant_permissions, migrations.RunPython.noop)]
