"""The Writers and Editors groups. Safe to run again: it only adds what is missing.

Editors get everything on the editorial models plus articles.publish_article. Writers create articles and edit
their own drafts; which drafts are theirs is enforced per object in articles.workflow and the admin, since
Django's permissions are per model. The newsletter app adds its own permissions to Editors in its migrations.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORIAL_MODELS = {
    "articles": [
        "article", "author", "series", "plannedpart", "reference", "correction", "articletransition",
        "previewlink", "resource", "glossaryterm", "slugredirect",
    ],
    "verticals": ["vertical", "sitesettings", "sociallink"],
    "taggit": ["tag", "taggeditem"],
}

WRITER_PERMISSIONS = [
    ("articles", "add_article"), ("articles", "change_article"), ("articles", "view_article"),
    ("articles", "delete_article"),
    ("articles", "add_reference"), ("articles", "change_reference"), ("articles", "delete_reference"),
    ("articles", "view_reference"),
    ("articles", "add_correction"), ("articles", "change_correction"), ("articles", "delete_correction"),
    ("articles", "view_correction"),
    ("articles", "view_series"), ("articles", "view_plannedpart"), ("articles", "view_author"),
    ("articles", "view_resource"), ("articles", "view_glossaryterm"), ("articles", "view_articletransition"),
    ("verticals", "view_vertical"),
    ("taggit", "view_tag"),
]


def _ensure_permissions(apps):
    # Permissions are normally created after all migrations ran; this migration needs them now.
    for label in EDITORIAL_MODELS:
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def build_groups(Group, Permission):
    """Create or complete both groups; also used by tests whose database was flushed after the migrations ran."""
    editors, _ = Group.objects.get_or_create(name="Editors")
    for app_label, models in EDITORIAL_MODELS.items():
        editors.permissions.add(
            *Permission.objects.filter(content_type__app_label=app_label, content_type__model__in=models)
        )
    editors.permissions.add(Permission.objects.get(content_type__app_label="articles", codename="publish_article"))

    writers, _ = Group.objects.get_or_create(name="Writers")
    writers.permissions.add(
        *[
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
            for app_label, codename in WRITER_PERMISSIONS
        ]
    )


def create_groups(apps, schema_editor):
    _ensure_permissions(apps)
    build_groups(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
        ("verticals", "0001_initial"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
