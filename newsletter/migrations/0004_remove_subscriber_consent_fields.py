"""The consent fields of Subscriber now live, append-only, in ConsentRecord (see 0003)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("newsletter", "0003_consent_records")]

    operations = [
        migrations.RemoveField(model_name="subscriber", name="consent_text_version"),
        migrations.RemoveField(model_name="subscriber", name="consented_at"),
        migrations.RemoveField(model_name="subscriber", name="ip_hash"),
        migrations.RemoveField(model_name="subscriber", name="user_agent"),
    ]
