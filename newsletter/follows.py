"""Following a series: from the preferences page, or from the series page by asking for a link to it by e-mail (an
address typed on a public page proves nothing, so the change is made only through the reader's own link)."""

from django.db import transaction
from django.utils.http import urlencode

from articles.models import Series

from . import emails
from .mailing_models import SeriesFollow
from .models import Subscriber
from .queue import enqueue_on_commit


def follows_of(subscriber):
    """{series id: mode} of what the reader follows."""
    return dict(subscriber.series_follows.values_list("series_id", "mode"))


def set_follows(subscriber, modes):
    """Make the reader follow exactly these series: `modes` maps a series id to a mode, or to "" for not following."""
    with transaction.atomic():
        Subscriber.objects.select_for_update().filter(pk=subscriber.pk).first()  # one save at a time per reader
        current = follows_of(subscriber)
        for series_id, mode in modes.items():
            if not mode:
                if series_id in current:
                    subscriber.series_follows.filter(series_id=series_id).delete()
            elif current.get(series_id) != mode:
                SeriesFollow.objects.update_or_create(subscriber=subscriber, series_id=series_id,
                                                      defaults={"mode": mode})


def ask_to_follow(email, series, mode):
    """The series page's form. Every address takes the same path (no lookup here, one queued task), so neither the
    answer nor its timing tells anyone who subscribes; the worker mails a link only to a confirmed reader."""
    enqueue_on_commit("send_follow_link", email, series.pk, mode)


def send_follow_link(email, series_id, mode):
    """Mail a confirmed reader their preferences link with this series chosen; anyone else gets nothing."""
    subscriber = Subscriber.objects.confirmed().filter(email=email).first()
    series = Series.objects.filter(pk=series_id).first()
    if subscriber is None or series is None or mode not in SeriesFollow.Mode.values:
        return False
    links = emails.subscriber_links(subscriber)
    follow_url = links["preferences_url"] + "?" + urlencode({"follow": series.slug, "mode": mode})
    emails.send_templated("follow_series", subscriber, {"series": series, "follow_url": follow_url})
    return True
