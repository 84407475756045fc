"""A realistic, large data set for `make bench`, written with bulk inserts so it takes seconds, not minutes.

At --scale 1: 2,000 published articles of ~1,500 words across the 3 verticals (plus a few drafts and scheduled
ones that must stay hidden), 30 series, 300 tags, 60 glossary terms, references, corrections, resources and
20,000 confirmed subscribers. Smaller scales shrink every count (at least one of each), for tests.

Run it on an empty database of its own: it refuses to add a second set.
"""

import time
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from taggit.models import Tag, TaggedItem

from articles.models import (
    Article,
    Author,
    Correction,
    GlossaryTerm,
    PlannedPart,
    Reference,
    Resource,
    Series,
)
from articles.search import strip_tags_sql, weighted_vector
from bench.corpus import COMMON, GLOSSARY, RARE_TAG, RARE_WORD, SLUG_PREFIX, TOPICS, VERTICALS, Writer
from newsletter.models import Subscriber
from posttrain.richtext import html_words
from verticals.models import SiteSettings, Vertical

BASE_COUNTS = {
    "articles": 2000,
    "series": 30,
    "tags": 300,
    "glossary": 60,
    "authors": 24,
    "subscribers": 20000,
}
BATCH = 500


def scaled(name, scale, override=None):
    if override is not None:
        return override
    return max(1, round(BASE_COUNTS[name] * scale))


class Command(BaseCommand):
    help = "Generate the benchmark data set (bulk inserts) on an empty database."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0, help="1.0 = 2,000 articles and 20,000 subscribers.")
        for name in BASE_COUNTS:
            parser.add_argument(f"--{name}", type=int, default=None, help=f"Override the {name} count.")
        parser.add_argument(
            "--only",
            choices=["content", "subscribers"],
            default=None,
            help="content: articles and what goes with them; subscribers: top the confirmed list up to the count.",
        )
        parser.add_argument("--seed", type=int, default=6)

    def handle(self, *args, **options):
        scale = options["scale"]
        counts = {name: scaled(name, scale, options[name]) for name in BASE_COUNTS}
        started = time.monotonic()
        if options["only"] in (None, "content"):
            self.generate_content(counts, options["seed"])
        if options["only"] in (None, "subscribers"):
            self.generate_subscribers(counts["subscribers"])
        if connection.vendor == "postgresql":
            # Fresh statistics, as autovacuum would gather within a minute: without them the planner takes every
            # table for empty and joins a tag's 700 articles by nested loops (2 s instead of 5 ms).
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self.stdout.write(f"Bench data ready in {time.monotonic() - started:.1f} s")

    # --- Content ---------------------------------------------------------------------------------------------

    @transaction.atomic
    def generate_content(self, counts, seed):
        if Article.objects.filter(slug__startswith=SLUG_PREFIX).exists():
            raise CommandError("This database already holds bench data: generate on a fresh database.")
        t0 = time.monotonic()
        writer = Writer(seed)
        rng = writer.rng
        now = timezone.now()

        verticals = self.verticals()
        site = SiteSettings.load()
        if not site.launch_date:
            site.launch_date = (now + timedelta(days=60)).date()
            site.headline = "Post-training, explained by people who do it"
            site.pitch = "Three verticals, one idea: what happens after the training run, the course or the session."
            site.postal_address = "PostTrain, 1 Example Street, Example City"
            site.save()

        authors = Author.objects.bulk_create(
            [Author(name=f"Bench Author {i}", slug=f"{SLUG_PREFIX}author-{i}") for i in range(counts["authors"])],
            batch_size=BATCH,
        )

        glossary = []
        for i in range(counts["glossary"]):
            if i < len(GLOSSARY):
                term, expansion = GLOSSARY[i]
            else:
                term, expansion = f"Bench term {i}", f"bench expansion {i}"
            glossary.append(
                GlossaryTerm(
                    term=term,
                    slug=f"{SLUG_PREFIX}{i}-" + term.lower().replace(" ", "-").replace(":", ""),
                    expansion=expansion,
                    short_definition=f"{term}: {expansion}.",
                    explanation=f"<p>{writer.sentence(TOPICS[verticals[i % 3].slug])}</p>",
                    vertical=verticals[i % 3],
                )
            )
        GlossaryTerm.objects.bulk_create(glossary, batch_size=BATCH)

        Resource.objects.bulk_create(
            [
                Resource(
                    title=f"Bench resource {i}",
                    url=f"https://example.org/resources/{i}",
                    kind=list(Resource.Kind)[i % len(Resource.Kind)],
                    vertical=verticals[i % 3],
                    note=writer.sentence(COMMON),
                    order=i,
                )
                for i in range(10 * len(verticals))
            ],
            batch_size=BATCH,
        )

        series = Series.objects.bulk_create(
            [
                Series(
                    title=f"Bench series {i}: " + writer.title(TOPICS[verticals[i % 3].slug]),
                    slug=f"{SLUG_PREFIX}series-{i}",
                    vertical=verticals[i % 3],
                    summary=writer.sentence(TOPICS[verticals[i % 3].slug])[:300],
                    intro=f"<p>{writer.sentence(TOPICS[verticals[i % 3].slug])}</p>",
                    status=Series.Status.RUNNING,
                    order=i,
                )
                for i in range(counts["series"])
            ],
            batch_size=BATCH,
        )

        # Series 0 gets one part, the others share up to a sixth of the articles, so listing sizes differ.
        n_articles = counts["articles"]
        in_series = min(n_articles // 6, max(0, (len(series) - 1) * 12))
        plan = [(series[0], 1)] if n_articles > 1 else []
        next_part = {s.pk: 1 for s in series}
        for i in range(in_series):
            s = series[1 + i % (len(series) - 1)] if len(series) > 1 else series[0]
            plan.append((s, None))
        articles, bodies = [], []
        hidden = max(1, n_articles // 50)  # drafts and scheduled articles that no reader surface may show
        for i in range(n_articles + hidden):
            if i < len(plan):
                s, _ = plan[i]
                vertical, part = s.vertical, next_part[s.pk]
                next_part[s.pk] += 1
            else:
                s, vertical, part = None, verticals[i % 3], None
            vocabulary = TOPICS[vertical.slug]
            body = writer.body(vocabulary)
            published = i < n_articles
            articles.append(
                Article(
                    title=writer.title(vocabulary)[:190],
                    slug=f"{SLUG_PREFIX}article-{i}",
                    standfirst=(f"{RARE_WORD.title()}: " if i == 0 else "")
                    + " ".join(writer.sentence(vocabulary) for _ in range(2))[:480],
                    body=body,
                    vertical=vertical,
                    series=s if published else None,
                    part=part if published else None,
                    status=Article.Status.PUBLISHED if published or i % 2 else Article.Status.DRAFT,
                    publish_date=(now - timedelta(hours=6 * (n_articles - i))) if published
                    else (now + timedelta(days=5) if i % 2 else None),
                    last_reviewed=(now - timedelta(days=i % 90)).date(),
                    word_count=len(html_words(body)),
                )
            )
            bodies.append(body)
        articles = Article.objects.bulk_create(articles, batch_size=BATCH)
        published_articles = articles[:n_articles]

        PlannedPart.objects.bulk_create(
            [
                PlannedPart(
                    series=s,
                    part=next_part[s.pk] + k,
                    title=f"Coming part {next_part[s.pk] + k}",
                    planned_date=(now + timedelta(days=30 * (k + 1))).date(),
                )
                for s in series
                for k in range(2)
            ],
            batch_size=BATCH,
        )

        through = Article.authors.through
        through.objects.bulk_create(
            [
                through(article_id=a.pk, author_id=author.pk)
                for a in articles
                for author in rng.sample(authors, k=min(len(authors), 1 + (a.pk % 2)))
            ],
            batch_size=BATCH,
        )

        tags = Tag.objects.bulk_create(
            [Tag(name=RARE_TAG, slug=RARE_TAG)]
            + [
                Tag(name=f"{rng.choice(TOPICS[VERTICALS[i % 3][0]])} {i}", slug=f"{SLUG_PREFIX}tag-{i}")
                for i in range(1, counts["tags"])
            ],
            batch_size=BATCH,
        )
        common_tags = tags[1:] or tags
        article_type = ContentType.objects.get_for_model(Article)
        tagged = []
        for index, a in enumerate(articles):
            # A skewed choice: a few tags are on hundreds of articles, most on a handful, as on a real site.
            chosen = {
                common_tags[min(int((rng.paretovariate(1.0) - 1) * 8), len(common_tags) - 1)] for _ in range(4)
            }
            if index == 0:
                chosen.add(tags[0])
            tagged += [TaggedItem(tag=t, content_type=article_type, object_id=a.pk) for t in chosen]
        TaggedItem.objects.bulk_create(tagged, batch_size=BATCH)

        Reference.objects.bulk_create(
            [
                Reference(
                    article=a,
                    order=k,
                    title=writer.title(COMMON),
                    url=f"https://example.org/papers/{a.pk}/{k}",
                    authors="A. Researcher, B. Scientist",
                    year=2020 + k,
                )
                for a in published_articles
                for k in range(3)
            ],
            batch_size=BATCH,
        )
        Correction.objects.bulk_create(
            [Correction(article=a, note="A figure in the second section was corrected.") for a in articles[::20]],
            batch_size=BATCH,
        )

        if connection.vendor == "postgresql":
            # bulk_create sends no post_save, so search's receiver never sees these rows: one UPDATE builds every
            # vector in SQL (the generated bodies have no entities to decode, so stripping the tags is enough).
            Article.objects.filter(slug__startswith=SLUG_PREFIX).update(
                search_vector=weighted_vector(strip_tags_sql(F("body")))
            )
        words = sum(a.word_count for a in published_articles) // max(1, len(published_articles))
        self.stdout.write(
            f"Content: {len(published_articles)} published articles (~{words} words each) + {hidden} hidden, "
            f"{len(series)} series, {len(tags)} tags, {len(glossary)} glossary terms, {len(authors)} authors "
            f"in {time.monotonic() - t0:.1f} s"
        )

    def verticals(self):
        existing = list(Vertical.objects.order_by("order", "pk")[:3])
        if len(existing) == 3:
            return existing
        for order, (slug, name, description) in enumerate(VERTICALS):
            Vertical.objects.get_or_create(
                slug=slug,
                defaults={
                    "name": name,
                    "short_description": description,
                    "intro": f"<p>{description}</p>",
                    "order": order,
                },
            )
        return list(Vertical.objects.order_by("order", "pk")[:3])

    # --- Subscribers -----------------------------------------------------------------------------------------

    def generate_subscribers(self, target):
        t0 = time.monotonic()
        confirmed = Subscriber.Status.CONFIRMED
        have = Subscriber.objects.filter(status=confirmed).count()
        now = timezone.now()
        rows = [self.subscriber(i, now) for i in range(have, target)]
        Subscriber.objects.bulk_create(rows, batch_size=2000)
        self.stdout.write(f"Subscribers: {target} confirmed ({len(rows)} added in {time.monotonic() - t0:.1f} s)")

    @staticmethod
    def subscriber(i, now):
        values = {"email": f"bench-reader-{i}@example.com", "status": Subscriber.Status.CONFIRMED}
        names = {f.name for f in Subscriber._meta.concrete_fields}
        for name, value in {
            "confirmed_at": now - timedelta(days=1),
            "consented_at": now - timedelta(days=2),
            "consent_text_version": "bench",
            "source": "/bench/",
            "user_agent": "bench",
        }.items():
            if name in names:
                values[name] = value
        return Subscriber(**values)
