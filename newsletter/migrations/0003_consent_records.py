"""Consent history becomes append-only: one ConsentRecord per signup, confirmation, unsubscribe, suppression and lift.

Each subscriber's consent fields (which every new signup used to overwrite) become its first records: the signup
as last recorded, the confirmation and the unsubscribe or suppression with their times. The next migration removes
the fields (apart, because PostgreSQL refuses to alter a table in the transaction that just wrote rows pointing to it).
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

REASONS = [
    ("", "—"), ("reader", "Reader unsubscribed"), ("one-click", "One-click (mail client)"), ("bounce", "Hard bounce"),
    ("complaint", "Spam complaint"), ("lifted", "Bounce or complaint lifted by an editor"),
]


def records_from_subscribers(apps, schema_editor):
    Subscriber = apps.get_model("newsletter", "Subscriber")
    ConsentRecord = apps.get_model("newsletter", "ConsentRecord")
    batch = []
    for s in Subscriber.objects.order_by("pk").iterator(chunk_size=2000):
        batch.append(ConsentRecord(
            subscriber_id=s.pk, kind="signup", at=s.consented_at, text_version=s.consent_text_version,
            ip_hash=s.ip_hash, user_agent=s.user_agent, source=s.source, processed_at=s.consented_at,
        ))
        if s.confirmed_at:
            batch.append(ConsentRecord(
                subscriber_id=s.pk, kind="confirmation", at=s.confirmed_at, text_version=s.consent_text_version
            ))
        if s.status == "unsubscribed":
            kind = "suppression" if s.unsubscribe_reason in ("bounce", "complaint") else "unsubscribe"
            at = s.unsubscribed_at or s.consented_at
            batch.append(ConsentRecord(subscriber_id=s.pk, kind=kind, at=at, reason=s.unsubscribe_reason))
        if len(batch) >= 2000:
            ConsentRecord.objects.bulk_create(batch)
            batch = []
    ConsentRecord.objects.bulk_create(batch)


def subscribers_from_records(apps, schema_editor):
    Subscriber = apps.get_model("newsletter", "Subscriber")
    ConsentRecord = apps.get_model("newsletter", "ConsentRecord")
    for s in Subscriber.objects.order_by("pk").iterator(chunk_size=2000):
        signup = ConsentRecord.objects.filter(subscriber_id=s.pk, kind="signup").order_by("-at", "-pk").first()
        if signup is not None:
            s.consented_at, s.consent_text_version = signup.at, signup.text_version
            s.ip_hash, s.user_agent = signup.ip_hash, signup.user_agent
            s.save(update_fields=["consented_at", "consent_text_version", "ip_hash", "user_agent"])


class Migration(migrations.Migration):
    dependencies = [
        ("newsletter", "0002_editors_group_permissions"),
        ("verticals", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ConsentRecord",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("kind", models.CharField(choices=[
                    ("signup", "Signed up (asked for the newsletter)"),
                    ("confirmation", "Confirmed by the link in the e-mail"),
                    ("unsubscribe", "Unsubscribed"),
                    ("suppression", "Suppressed: bounce or complaint"),
                    ("lifted", "Suppression lifted by an editor"),
                ], max_length=12)),
                ("at", models.DateTimeField(default=django.utils.timezone.now)),
                ("text_version", models.CharField(blank=True, help_text="The consent text shown, or confirmed.",
                                                  max_length=40, verbose_name="consent text version")),
                ("ip_hash", models.CharField(blank=True, help_text="HMAC-SHA256 of the IP address, keyed.",
                                             max_length=64)),
                ("user_agent", models.CharField(blank=True, max_length=300)),
                ("source", models.CharField(blank=True, help_text="The page of a signup.", max_length=200)),
                ("reason", models.CharField(blank=True, choices=REASONS, max_length=12)),
                ("processed_at", models.DateTimeField(blank=True, help_text="When the worker acted on a signup.",
                                                      null=True)),
                ("by", models.ForeignKey(blank=True, help_text="The editor who lifted a suppression.", null=True,
                                         on_delete=django.db.models.deletion.SET_NULL, related_name="+",
                                         to=settings.AUTH_USER_MODEL)),
                ("interests", models.ManyToManyField(blank=True, help_text="The topics chosen.", related_name="+",
                                                     to="verticals.vertical")),
                ("subscriber", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE,
                                                 related_name="consent_records", to="newsletter.subscriber")),
            ],
            options={"ordering": ["at", "pk"], "get_latest_by": "at"},
        ),
        migrations.AddIndex(
            model_name="consentrecord",
            index=models.Index(fields=["kind", "processed_at", "at"], name="newsletter_consent_unprocessed"),
        ),
        migrations.AlterField(
            model_name="subscriber",
            name="unsubscribe_reason",
            field=models.CharField(blank=True, choices=REASONS, default="", max_length=12),
        ),
        migrations.RunPython(records_from_subscribers, subscribers_from_records),
    ]
