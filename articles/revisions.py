"""Revisions of articles (django-reversion): list them, compare two field by field, restore one.

Restoring brings back the words (title, standfirst, body, references, corrections, …) but never the workflow
state: status, publish date and creator stay as they are now, so an old revision cannot republish or hide an
article behind the workflow's back.
"""

import difflib
import re
from dataclasses import dataclass, field

import reversion
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.formats import localize
from django.utils.timezone import template_localtime
from reversion.models import Version

from verticals.models import Vertical

from . import workflow
from .models import Article, Author, Correction, Reference, Series

COMPARED_FIELDS = [
    "title", "slug", "standfirst", "body", "vertical", "series", "part", "authors", "hero_image", "hero_alt",
    "hero_credit", "seo_title", "seo_description", "last_reviewed", "status", "publish_date",
]

_BLOCK_END = re.compile(r"(</(?:p|h[1-6]|li|ul|ol|blockquote|pre|figure|figcaption|table|tr|hr)>|<br\s*/?>|<hr\s*/?>)")


@dataclass
class FieldDiff:
    name: str
    label: str
    changed: bool
    rows: list = field(default_factory=list)  # (kind, old line, new line); kind: equal / delete / insert / replace


def versions_for(article):
    """The article's revisions, newest first."""
    return (
        Version.objects.get_for_object(article)
        .select_related("revision", "revision__user")
        .order_by("-revision__date_created", "-pk")
    )


def _lines(value):
    text = "" if value is None else str(value)
    # One line per block of HTML, so a changed paragraph shows as one changed line.
    text = _BLOCK_END.sub(lambda m: m.group(1) + "\n", text)
    return [line for line in text.splitlines() if line.strip()] or ([""] if not text else [])


def _display(version, name, related_names):
    data = version.field_dict
    if name == "authors":
        return ", ".join(related_names["authors"].get(pk, f"#{pk}") for pk in data.get("authors") or [])
    if name in ("vertical", "series"):
        pk = data.get(f"{name}_id", data.get(name))
        return related_names[name].get(pk, "" if pk is None else f"#{pk}")
    value = data.get(name)
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return localize(template_localtime(value)) if hasattr(value, "hour") else value.isoformat()
    return str(value)


def _diff_rows(old_lines, new_lines):
    rows = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False).get_opcodes():
        old, new = old_lines[i1:i2], new_lines[j1:j2]
        if tag == "equal":
            rows += [("equal", line, line) for line in old]
        elif tag == "delete":
            rows += [("delete", line, "") for line in old]
        elif tag == "insert":
            rows += [("insert", "", line) for line in new]
        else:
            for index in range(max(len(old), len(new))):
                rows.append(
                    ("replace", old[index] if index < len(old) else "", new[index] if index < len(new) else "")
                )
    return rows


def _related_lines(version, model, describe):
    content_type = ContentType.objects.get_for_model(model)
    related = [v for v in version.revision.version_set.all() if v.content_type_id == content_type.id]
    items = sorted((v.field_dict for v in related), key=lambda d: (d.get("order", 0), str(d.get("date", "")), d["id"]))
    return [describe(item) for item in items]


def _reference_line(data):
    year = f" ({data['year']})" if data.get("year") else ""
    authors = f" — {data['authors']}" if data.get("authors") else ""
    return f"{data['title']}{authors}{year} {data.get('url') or ''}".strip()


def _correction_line(data):
    return f"{data['date']}: {data['note']}"


def compare(old, new):
    """Field-by-field differences between two versions of one article, in the order the form shows fields."""
    ids = {"authors": set(), "vertical": set(), "series": set()}
    for version in (old, new):
        ids["authors"].update(version.field_dict.get("authors") or [])
        for name in ("vertical", "series"):
            pk = version.field_dict.get(f"{name}_id", version.field_dict.get(name))
            if pk is not None:
                ids[name].add(pk)
    names = {
        "authors": dict(Author.objects.filter(pk__in=ids["authors"]).values_list("pk", "name")),
        "vertical": dict(Vertical.objects.filter(pk__in=ids["vertical"]).values_list("pk", "name")),
        "series": dict(Series.objects.filter(pk__in=ids["series"]).values_list("pk", "title")),
    }
    diffs = []
    for name in COMPARED_FIELDS:
        label = Article._meta.get_field(name).verbose_name
        old_lines = _lines(_display(old, name, names))
        new_lines = _lines(_display(new, name, names))
        diffs.append(FieldDiff(name, label, old_lines != new_lines, _diff_rows(old_lines, new_lines)))
    for name, model, describe in (
        ("references", Reference, _reference_line),
        ("corrections", Correction, _correction_line),
    ):
        old_lines, new_lines = _related_lines(old, model, describe), _related_lines(new, model, describe)
        diffs.append(FieldDiff(name, name, old_lines != new_lines, _diff_rows(old_lines, new_lines)))
    return diffs


def restore(article, version, user):
    """Bring back the content of `version`, keeping the article's current workflow state. Returns the article."""
    if version.object_id != str(article.pk) or version.content_type.model_class() is not Article:
        raise PermissionDenied("That revision belongs to another article.")
    with transaction.atomic():
        current = Article.objects.select_for_update().get(pk=article.pk)
        if not workflow.can_edit(user, current):
            raise PermissionDenied("You may not edit this article.")
        restored = workflow.keep_workflow_state(_as_in(version, current))
        with reversion.create_revision():
            version.revision.revert(delete=True)
            restored.save()  # derives word count and search vector again, and is the new revision
            reversion.set_user(user)
            reversion.set_comment(
                f"Restored the revision of {localize(template_localtime(version.revision.date_created))}."
            )
    return restored


def _as_in(version, article):
    """`article` with the fields `version` holds put back (in memory; many-to-many fields are not fields here)."""
    columns = {field.attname for field in Article._meta.concrete_fields}
    for name, value in version.field_dict.items():
        if name in columns:
            setattr(article, name, value)
    return article
