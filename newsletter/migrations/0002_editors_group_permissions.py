"""Give the Editors group every newsletter permission, including newsletter.send_campaign.

The editorial migration also creates the group with get_or_create, so the order of the two does not matter.
"""

from django.db import migrations

EDITOR_PERMISSIONS = [
    "add_subscriber", "change_subscriber", "delete_subscriber", "view_subscriber", "export_subscribers",
    "add_campaign", "change_campaign", "delete_campaign", "view_campaign", "send_campaign",
    "view_delivery", "view_dailystat",
]


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations; make sure ours exist now.
    app_config = apps.get_app_config("newsletter")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.add(
        *Permission.objects.filter(content_type__app_label="newsletter", codename__in=EDITOR_PERMISSIONS)
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors = Group.objects.filter(name="Editors").first()
    if editors:
        editors.permissions.remove(
            *Permission.objects.filter(content_type__app_label="newsletter", codename__in=EDITOR_PERMISSIONS)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("newsletter", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
