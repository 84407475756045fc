"""What an article page derives from the article: table of contents, glossary links, series position, related reads.

The body reaching here was sanitised on save (posttrain.richtext), so it is well-formed HTML with a small set of tags;
a tokenizer that splits tags from text is enough and much faster than a DOM round trip.
"""

import html
import re
from dataclasses import dataclass

from django.db.models import CharField, Count, DateField, IntegerField, Q, Value
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.text import slugify

from posttrain.richtext import TAG

from .models import Article, GlossaryTerm, PlannedPart

# Splits a body into tags and the text between them (the group keeps the tags in the result).
_TAG = re.compile(f"({TAG.pattern})")
_HEADING = re.compile(r"<(h[234])((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>(.*?)</\1>", re.S | re.I)
_ID_ATTR = re.compile(r"""\sid=(?:"([^"]*)"|'([^']*)')""", re.I)
# Text inside these is never turned into a glossary link.
_NO_LINK_TAGS = {"a", "h1", "h2", "h3", "h4", "code", "pre", "figcaption"}


@dataclass(frozen=True)
class TocEntry:
    level: int
    anchor: str
    text: str


def add_heading_anchors(body):
    """Give every h2–h4 a unique id and return (html, [TocEntry]); editor-given ids are kept."""
    used = set()
    entries = []

    def replace(match):
        tag, attrs, inner = match.group(1), match.group(2), match.group(3)
        text = html.unescape(strip_tags(inner)).strip()
        existing = _ID_ATTR.search(attrs)
        anchor = (existing.group(1) or existing.group(2)) if existing else ""
        base = anchor or slugify(text)[:60] or "section"
        anchor, n = base, 2
        while anchor in used:
            anchor, n = f"{base}-{n}", n + 1
        used.add(anchor)
        attrs = _ID_ATTR.sub("", attrs)
        entries.append(TocEntry(level=int(tag[1]), anchor=anchor, text=text))
        return f'<{tag}{attrs} id="{html.escape(anchor)}">{inner}</{tag}>'

    return _HEADING.sub(replace, body or ""), entries


@dataclass
class TocSection:
    entry: TocEntry
    children: list


def nest_toc(entries):
    """h2 sections with their h3 subsections (h4 and deeper are left out of the contents)."""
    sections = []
    for entry in entries:
        if entry.level == 2 or not sections:
            if entry.level <= 3:
                sections.append(TocSection(entry, []))
        elif entry.level == 3:
            sections[-1].children.append(entry)
    return sections


def glossary_terms_for_linking():
    """(term, url, short definition) for every term, longest first so "RLHF" wins over "RL"."""
    rows = GlossaryTerm.objects.values_list("term", "slug", "short_definition")
    terms = [(term, reverse("articles:glossary_term", kwargs={"slug": slug}), short) for term, slug, short in rows]
    return sorted(terms, key=lambda row: -len(row[0]))


def link_glossary_terms(body, terms, *, skip_url=None):
    """Link the first mention of each glossary term in the body's text (never inside links, headings or code)."""
    terms = [row for row in terms if row[0] and row[1] != skip_url]
    if not body or not terms:
        return body or ""
    by_term = {term: (url, short) for term, url, short in terms}
    pattern = re.compile(r"(?<![\w-])(" + "|".join(re.escape(term) for term, _, _ in terms) + r")(?![\w-])")
    linked = set()
    depth = 0
    out = []
    for piece in _TAG.split(body):
        if not piece:
            continue
        if piece.startswith("<"):
            name = re.match(r"</?\s*([a-zA-Z0-9]+)", piece)
            name = name.group(1).lower() if name else ""
            if name in _NO_LINK_TAGS and not piece.endswith("/>"):
                depth += -1 if piece.startswith("</") else 1
                depth = max(depth, 0)
            out.append(piece)
            continue
        if depth or len(linked) == len(by_term):
            out.append(piece)
            continue

        def replace(match):
            term = match.group(1)
            if term in linked:
                return term
            linked.add(term)
            url, short = by_term[term]
            return f'<a class="glossary-link" href="{html.escape(url)}" title="{html.escape(short)}">{term}</a>'

        out.append(pattern.sub(replace, piece))
    return "".join(out)


@dataclass(frozen=True)
class SeriesPart:
    number: int
    title: str
    url: str | None  # None: announced, not yet published
    planned_date: object = None


def series_parts(series):
    """The parts of a series in order: published articles linked, announced parts as "coming <date>".

    One query: published parts and planned parts in a UNION. Unpublished articles never appear, not even by title;
    a planned part whose number is already published is superseded by the article.
    """
    published = (
        Article.objects.published()
        .filter(series=series, part__isnull=False)
        .order_by()
        .values_list(
            "part", "title", "slug", Value(None, output_field=DateField()), Value(0, output_field=IntegerField())
        )
    )
    planned = PlannedPart.objects.filter(series=series).order_by().values_list(
        "part", "title", Value("", output_field=CharField()), "planned_date", Value(1, output_field=IntegerField())
    )
    parts = {}
    for number, title, slug, planned_date, is_planned in published.union(planned, all=True):
        if is_planned:
            parts.setdefault(number, SeriesPart(number, title, None, planned_date))
        else:
            parts[number] = SeriesPart(number, title, reverse("articles:detail", kwargs={"slug": slug}))
    return [parts[number] for number in sorted(parts)]


@dataclass(frozen=True)
class SeriesPosition:
    number: int
    total: int
    previous: SeriesPart | None
    next: SeriesPart | None
    parts: list


def series_position(article, parts):
    """Part N of M with the previous and next *published* parts, or None outside a series.

    ``parts`` is series_parts(article.series), which callers may take from a cache.
    """
    if not article.series_id or not article.part:
        return None
    published = [part for part in parts if part.url]
    index = next((i for i, part in enumerate(published) if part.number == article.part), None)
    if index is None:
        # A preview of an unpublished part: place it among the published ones without linking itself.
        return SeriesPosition(
            number=article.part,
            total=max([len(parts), article.part, *(part.number for part in parts)]),
            previous=next((p for p in reversed(published) if p.number < article.part), None),
            next=next((p for p in published if p.number > article.part), None),
            parts=parts,
        )
    return SeriesPosition(
        number=article.part,
        total=max(len(parts), max(part.number for part in parts)),
        previous=published[index - 1] if index > 0 else None,
        next=published[index + 1] if index + 1 < len(published) else None,
        parts=parts,
    )


def related_articles(article, limit=3):
    """Published articles sharing the most tags with this one, then from the same vertical; newest first."""
    tag_ids = [tag.pk for tag in article.tags.all()]
    shared = Q(tags__in=tag_ids) if tag_ids else Q(pk__in=[])
    return list(
        Article.objects.published()
        .exclude(pk=article.pk)
        .filter(shared | Q(vertical_id=article.vertical_id))
        .annotate(shared_tags=Count("tags", filter=shared, distinct=True))
        .select_related("vertical")
        .defer("body", "search_vector")
        .order_by("-shared_tags", "-publish_date", "-pk")[:limit]
    )
