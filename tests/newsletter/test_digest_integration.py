"""Article mailings and the weekly digest end to end: a real Celery worker on Redis, PostgreSQL, and the aiosmtpd
sink; every message is checked at the sink against what its reader chose."""

from collections import Counter
from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from newsletter import article_mailings, campaigns, digests
from newsletter.mailing_models import SeriesFollow
from newsletter.models import Campaign, Subscriber
from tests.factories import ArticleFactory, SeriesFactory, VerticalFactory

from . import test_integration as launch

pytestmark = [pytest.mark.postgres, pytest.mark.celery_worker]

# The launch tests' fixtures: a real worker (SIGKILLed at the end) and the recording SMTP sink.
smtp_sink = launch.smtp_sink
start_worker = launch.start_worker


def mixed_interests(count, prefix):
    """`count` confirmed readers, eight kinds in turn: no topic, one, two, a series in the digest, a series at once,
    and a topic with nothing new. Returns (verticals, series, the articles, each reader's expected digest)."""
    alpha, beta, gamma = (VerticalFactory(name=n, slug=n.lower()) for n in ("Alpha", "Beta", "Gamma"))
    saga = SeriesFactory(title="The saga", slug="saga", vertical=alpha)
    slot = digests.current_slot()
    articles = {
        "alpha": ArticleFactory(title="Alpha feature", vertical=alpha, publish_date=slot - timedelta(hours=30)),
        "part": ArticleFactory(title="Saga chapter", vertical=alpha, series=saga, part=1,
                               publish_date=slot - timedelta(hours=40)),
        "beta": ArticleFactory(title="Beta report", vertical=beta, publish_date=slot - timedelta(hours=50)),
    }
    now = timezone.now()
    Subscriber.objects.bulk_create(
        Subscriber(email=f"{prefix}{n}@example.org", status=Subscriber.Status.CONFIRMED, confirmed_at=now)
        for n in range(count)
    )
    readers = list(Subscriber.objects.filter(email__startswith=prefix).order_by("pk"))
    kinds = [
        ((), None, {"alpha", "part", "beta"}),  # no topic chosen: every topic
        ((alpha,), None, {"alpha", "part"}),
        ((beta,), None, {"beta"}),
        ((gamma,), None, set()),  # nothing new in their topic: no message
        ((alpha, beta), None, {"alpha", "part", "beta"}),
        ((gamma,), SeriesFollow.Mode.DIGEST, {"part"}),
        ((alpha,), SeriesFollow.Mode.IMMEDIATE, {"alpha"}),  # the part comes on its own
        ((beta, gamma), None, {"beta"}),
    ]
    through = Subscriber.interests.through
    links, follows, expected = [], [], {}
    for index, reader in enumerate(readers):
        verticals, mode, wanted = kinds[index % len(kinds)]
        links += [through(subscriber_id=reader.pk, vertical_id=v.pk) for v in verticals]
        if mode:
            follows.append(SeriesFollow(subscriber=reader, series=saga, mode=mode))
        expected[reader.email] = {articles[key].title for key in wanted}
    through.objects.bulk_create(links)
    SeriesFollow.objects.bulk_create(follows)
    return (alpha, beta, gamma), articles, expected


def titles_in(message, candidates):
    html = message.get_body(preferencelist=("html",)).get_content()
    text = message.get_body(preferencelist=("plain",)).get_content()
    in_html = {t for t in candidates if f">{t}</a></h2>" in html}
    in_text = {t for t in candidates if t.upper() in text}
    assert in_html == in_text, (in_html, in_text)
    return in_html


def test_article_mailing_and_digest_reach_exactly_the_right_readers_with_the_right_articles(start_worker, smtp_sink):
    verticals, articles, expected = mixed_interests(2000, "mixed")
    all_titles = {a.title for a in articles.values()}
    worker = start_worker(NEWSLETTER_BATCH_SIZE=250, NEWSLETTER_PARALLEL_BATCHES=4)

    # An article mailing of the Beta report: its vertical's readers, and only them.
    mailing = article_mailings.draft_from_articles([articles["beta"]])
    assert campaigns.start_sending(mailing)
    launch.wait_until_sent(mailing, 120, [worker])
    received = smtp_sink.handler.messages()
    beta_readers = set(Subscriber.objects.filter(interests=verticals[1]).values_list("email", flat=True))
    assert Counter(r for rcpts, _ in received for r in rcpts) == Counter(beta_readers)
    for (recipient,), message in received:
        assert titles_in(message, all_titles) == {"Beta report"}, recipient
        assert message["Subject"] == "Beta report"

    # The digest, approved by an editor: each reader's own articles, one message, nobody with nothing new.
    digest = digests.prepare_digest()
    assert set(digest.ordered_articles()) == set(articles.values())
    already = len(received)
    assert campaigns.start_sending(digest)
    launch.wait_until_sent(digest, 180, [worker])
    received = smtp_sink.handler.messages()[already:]
    wanted = {email: titles for email, titles in expected.items() if titles}
    per_recipient = Counter(r for rcpts, _ in received for r in rcpts)
    assert set(per_recipient) == set(wanted) and max(per_recipient.values()) == 1
    for (recipient,), message in received:
        assert titles_in(message, all_titles) == wanted[recipient], recipient
        assert message["Subject"] == digest.subject
    progress = digest.progress()
    assert progress["sent"] == len(wanted) and progress["failed"] == progress["pending"] == 0
    # The readers whose only news is a part they get "at once" had a delivery; none was left with nothing else.
    assert progress["skipped"] == 0
    print(f"\narticle mailing: {len(beta_readers)} messages; digest: {len(wanted)} of 2000 readers had news")


def test_sigkill_during_a_digest_send_misses_nobody_and_duplicates_at_most_one_per_killed_process(
    start_worker, smtp_sink
):
    _, articles, expected = mixed_interests(1400, "crash")
    all_titles = {a.title for a in articles.values()}
    # No reader follows "at once" here, so beat's dispatcher announces no part during the restart.
    SeriesFollow.objects.filter(mode=SeriesFollow.Mode.IMMEDIATE).update(mode=SeriesFollow.Mode.DIGEST)
    for reader in SeriesFollow.objects.filter(series__slug="saga").values_list("subscriber__email", flat=True):
        expected[reader] = expected[reader] | {articles["part"].title}
    wanted = {email: titles for email, titles in expected.items() if titles}
    concurrency = 2
    first = start_worker(concurrency=concurrency, NEWSLETTER_BATCH_SIZE=100, NEWSLETTER_SEND_RATE=150)
    digest = digests.prepare_digest()
    assert campaigns.start_sending(digest)
    launch.wait_for(lambda: smtp_sink.handler.count() >= 300, 60, interval=0.05, message="300 messages")
    first.kill()
    at_kill = smtp_sink.handler.count()
    assert at_kill < len(wanted), "the send finished before the kill; nothing was proven"
    digest.refresh_from_db()
    assert digest.status == Campaign.Status.SENDING

    second = start_worker(beat=True, NEWSLETTER_LEASE_SECONDS=3, NEWSLETTER_DISPATCH_SECONDS=1,
                          NEWSLETTER_BATCH_SIZE=100)
    launch.wait_until_sent(digest, 120, [second])
    received = smtp_sink.handler.messages()
    per_recipient = Counter(r for rcpts, _ in received for r in rcpts)
    assert set(per_recipient) == set(wanted), "someone was missed, or mailed with nothing new"
    duplicates = sum(n - 1 for n in per_recipient.values())
    assert duplicates <= concurrency, f"{duplicates} duplicates from {concurrency} killed pool processes"
    ids = Counter(message["Message-ID"] for _, message in received)
    assert sum(n - 1 for n in ids.values()) == duplicates
    for (recipient,), message in received:
        assert titles_in(message, all_titles) == wanted[recipient], recipient
    assert digest.progress()["sent"] == len(wanted)
    assert settings.NEWSLETTER_DIGEST_AUTOSEND is False
    print(f"\nSIGKILL after {at_kill} digest messages; {duplicates} duplicate(s) after restart")
