"""Only canonical spellings may be stored from now on (see 0005), so the unique constraint holds per mailbox."""

import django.db.models.functions.text
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("newsletter", "0005_canonical_addresses")]

    operations = [
        migrations.AddConstraint(
            model_name="subscriber",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("email", django.db.models.functions.text.Lower("email")), ("email__regex", "^[!-~]+$")
                ),
                name="newsletter_subscriber_email_canonical",
            ),
        ),
    ]
