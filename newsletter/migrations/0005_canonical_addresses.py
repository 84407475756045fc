"""One row per mailbox: every stored address gets its canonical spelling (newsletter/addresses.py), rows that turn
out to be one mailbox (`bob@bücher.de` and `bob@xn--bcher-kva.de`) are merged, and a check constraint keeps only
canonical spellings from now on, so the unique constraint holds per mailbox.

Merging keeps the oldest row and gives it the union of the topics, the consent history of all, and the state the
mailbox's owner asked for last: a bounce or complaint suppresses it whatever else happened; otherwise the latest of
confirming and unsubscribing wins. A merge is not an erasure and is not counted as one. The constraint comes in the
next migration, in a transaction of its own (PostgreSQL refuses to alter a table with pending trigger events).
"""

from django.db import migrations, models

from newsletter.addresses import InvalidDomain, normalise_email


def canonical(email):
    try:
        return normalise_email(email)
    except InvalidDomain:
        # Stored before IDNA 2008 was applied: Django mailed it with Python's IDNA 2003 codec, so that spelling
        # is the one that reached the reader.
        local, _, domain = email.strip().rpartition("@")
        return f"{local.lower()}@{domain.encode('idna').decode('ascii').lower()}"


def merged_state(rows):
    suppressed = [r for r in rows if r.status == "unsubscribed" and r.unsubscribe_reason in ("bounce", "complaint")]
    if suppressed:
        last = max(suppressed, key=lambda r: r.unsubscribed_at or r.created_at)
        return {"status": "unsubscribed", "unsubscribed_at": last.unsubscribed_at,
                "unsubscribe_reason": last.unsubscribe_reason}
    events = [(r.confirmed_at, "confirmed", r) for r in rows if r.status == "confirmed" and r.confirmed_at]
    events += [(r.unsubscribed_at, "unsubscribed", r) for r in rows if r.status == "unsubscribed" and r.unsubscribed_at]
    if not events:
        return {"status": "pending"}
    _, status, row = max(events, key=lambda event: event[0])
    if status == "confirmed":
        return {"status": "confirmed", "confirmed_at": row.confirmed_at, "unsubscribed_at": None,
                "unsubscribe_reason": ""}
    return {"status": "unsubscribed", "unsubscribed_at": row.unsubscribed_at,
            "unsubscribe_reason": row.unsubscribe_reason}


def canonicalise(apps, schema_editor):
    Subscriber = apps.get_model("newsletter", "Subscriber")
    ConsentRecord = apps.get_model("newsletter", "ConsentRecord")
    Delivery = apps.get_model("newsletter", "Delivery")
    mailboxes = {}
    for row in Subscriber.objects.order_by("created_at", "pk").iterator(chunk_size=2000):
        mailboxes.setdefault(canonical(row.email), []).append(row)
    for email, rows in mailboxes.items():
        keep, others = rows[0], rows[1:]
        if others:
            other_ids = [r.pk for r in others]
            keep.interests.add(*{v for r in others for v in r.interests.all()})
            ConsentRecord.objects.filter(subscriber_id__in=other_ids).update(subscriber_id=keep.pk)
            reached = set(Delivery.objects.filter(subscriber_id=keep.pk).values_list("campaign_id", flat=True))
            Delivery.objects.filter(subscriber_id__in=other_ids).exclude(campaign_id__in=reached).update(
                subscriber_id=keep.pk
            )
            sent = [r.confirmation_sent_at for r in rows if r.confirmation_sent_at]
            state = {**merged_state(rows), "confirmation_sent_at": max(sent) if sent else None}
            Subscriber.objects.filter(pk__in=other_ids).delete()
            Subscriber.objects.filter(pk=keep.pk).update(**state)
        if keep.email != email:
            Subscriber.objects.filter(pk=keep.pk).update(email=email)


class Migration(migrations.Migration):
    dependencies = [("newsletter", "0004_remove_subscriber_consent_fields")]

    operations = [
        migrations.AlterField(
            model_name="subscriber",
            name="email",
            field=models.EmailField(
                help_text="Stored trimmed, in lower case, with the domain in its IDNA ASCII form: one row per mailbox.",
                max_length=254,
            ),
        ),
        migrations.RunPython(canonicalise, migrations.RunPython.noop),
    ]
