"""The admin log named subscribers by their address (their old __str__), and kept it after a delete or an erasure.
Name every subscriber entry by number instead, as Subscriber.__str__ now does."""

from django.db import migrations
from django.db.models import TextField, Value
from django.db.models.functions import Concat


def scrub(apps, schema_editor):
    LogEntry = apps.get_model("admin", "LogEntry")
    LogEntry.objects.filter(content_type__app_label="newsletter", content_type__model="subscriber").update(
        object_repr=Concat(Value("Subscriber #"), "object_id", output_field=TextField())
    )


class Migration(migrations.Migration):
    dependencies = [
        ("newsletter", "0006_subscriber_email_canonical_constraint"),
        ("admin", "0003_logentry_add_action_flag_choices"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(scrub, migrations.RunPython.noop)]
