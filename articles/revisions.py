"""Revisions of articles (django-reversion): list them, compare two field by field, restore one.

Restoring brings back the words (title, standfirst, body, references, corrections, …) of one article and nothing
else, whatever else its revision holds (an import may have saved many articles in one revision): never another
article, and never the workflow state — status, publish date and creator stay as they are now, so an old revision
cannot republish or hide an article behind the workflow's back. A revision that no longer fits (its slug or series
part taken by another article, its series or vertical deleted) is refused with the reason, and nothing changes.
"""

import difflib
from dataclasses import dataclass, field

import reversion
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.formats import localize
from django.utils.timezone import template_localtime
from reversion.models import Version

from posttrain.richtext import html_blocks
from verticals.models import Vertical

from . import workflow
from .models import Article, Author, Correction, Image, Reference, Series

COMPARED_FIELDS = [
    "title", "slug", "standfirst", "body", "vertical", "series", "part", "authors", "hero", "seo_title",
    "seo_description", "last_reviewed", "status", "publish_date",
]

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
    return html_blocks(text) or ([""] if not text else [])


def _display(version, name, related_names):
    data = version.field_dict
    if name == "authors":
        return ", ".join(related_names["authors"].get(pk, f"#{pk}") for pk in data.get("authors") or [])
    if name in ("vertical", "series", "hero"):
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
    ids = {"authors": set(), "vertical": set(), "series": set(), "hero": set()}
    for version in (old, new):
        ids["authors"].update(version.field_dict.get("authors") or [])
        for name in ("vertical", "series", "hero"):
            pk = version.field_dict.get(f"{name}_id", version.field_dict.get(name))
            if pk is not None:
                ids[name].add(pk)
    names = {
        "authors": dict(Author.objects.filter(pk__in=ids["authors"]).values_list("pk", "name")),
        "vertical": dict(Vertical.objects.filter(pk__in=ids["vertical"]).values_list("pk", "name")),
        "series": dict(Series.objects.filter(pk__in=ids["series"]).values_list("pk", "title")),
        "hero": dict(Image.objects.filter(pk__in=ids["hero"]).values_list("pk", "title")),
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


class RestoreError(Exception):
    """A revision that cannot be written back as it stands; the message tells the editor why."""


def restore(article, version, user):
    """Bring back the content of `version` into `article` (only), keeping its workflow state. Returns the article."""
    if version.object_id != str(article.pk) or version.content_type.model_class() is not Article:
        raise PermissionDenied("That revision belongs to another article.")
    with transaction.atomic():
        current = Article.objects.select_for_update().get(pk=article.pk)
        if not workflow.can_edit(user, current):
            raise PermissionDenied("You may not edit this article.")
        kept = {name: getattr(current, name) for name in workflow.EDITOR_ONLY_FIELDS}
        restored = workflow.keep_workflow_state(_as_in(version, current))
        if not workflow.is_editor(user):
            for name, value in kept.items():
                setattr(restored, name, value)
        _write(restored, version, user, "Restored the revision of")
    return restored


def recover(version, user):
    """Bring back a deleted article from `version`, alone, as a draft without a date. Returns the article."""
    if version.content_type.model_class() is not Article:
        raise PermissionDenied("That revision is not an article's.")
    if not workflow.is_editor(user):
        raise PermissionDenied("Only editors may recover deleted articles.")
    with transaction.atomic():
        if Article.objects.filter(pk=version.object_id).exists():
            raise RestoreError("That article is not deleted: restore its revisions from its own page.")
        recovered = _as_in(version, Article())
        # Like an article added in the admin: a draft, whatever the revision says; its creator if they still exist.
        recovered.status, recovered.publish_date = Article.Status.DRAFT, None
        if not get_user_model().objects.filter(pk=recovered.created_by_id).exists():
            recovered.created_by = user
        _write(recovered, version, user, "Recovered from the revision of", created=True)
    return recovered


def _as_in(version, article):
    """`article` with the columns `version` holds put back, in memory (its many-to-many values are not columns)."""
    columns = {field.attname for field in Article._meta.concrete_fields}
    for name, value in version.field_dict.items():
        if name in columns:
            setattr(article, name, value)
    return article


def _write(article, version, user, comment, *, created=False):
    """Save `article` with the authors, references and corrections `version` holds for it, as a new revision."""
    _check_fits(article)
    try:
        with transaction.atomic(), reversion.create_revision():
            article.save(force_insert=created)  # derives word count and search vector again
            article.authors.set(Author.objects.filter(pk__in=version.field_dict.get("authors") or []))
            for model in (Reference, Correction):
                _restore_parts(article, version, model)
            reversion.set_user(user)
            reversion.set_comment(f"{comment} {localize(template_localtime(version.revision.date_created))}.")
    except IntegrityError as error:  # a constraint _check_fits does not know of: refuse all the same
        raise RestoreError("That revision conflicts with what is stored now; nothing was changed.") from error


def _check_fits(article):
    """Refuse, with the reason, a revision that would break a rule of the database as it is now."""
    problems = []
    if not Vertical.objects.filter(pk=article.vertical_id).exists():
        problems.append("the vertical it was filed under has been deleted")
    if article.series_id is not None and not Series.objects.filter(pk=article.series_id).exists():
        problems.append("the series it belonged to has been deleted")
    others = Article.objects.exclude(pk=article.pk)
    holder = others.filter(slug=article.slug).first()
    if holder:
        problems.append(f"its address “{article.slug}” now belongs to “{holder}”")
    holder = others.filter(series_id=article.series_id, part=article.part).first() if article.series_id else None
    if holder:
        problems.append(f"part {article.part} of its series is now “{holder}”")
    if not problems:
        try:
            article.full_clean(exclude=[field.name for field in Article._meta.fields if not field.editable])
        except ValidationError as error:
            problems += [f"{name}: {' '.join(messages)}" for name, messages in error.message_dict.items()]
    if problems:
        reasons = "; ".join(problems)
        raise RestoreError(f"That revision cannot be restored as it stands: {reasons}. Nothing was changed.")


def _restore_parts(article, version, model):
    """Replace the article's references (or corrections) with the ones `version` holds for this article only."""
    content_type = ContentType.objects.get_for_model(model)
    columns = {field.attname for field in model._meta.concrete_fields}
    model.objects.filter(article=article).delete()
    for stored in version.revision.version_set.filter(content_type=content_type):
        data = stored.field_dict
        if data.get("article_id") != article.pk:
            continue  # another article's, saved in the same revision
        part = model(**{name: value for name, value in data.items() if name in columns})
        if model.objects.filter(pk=part.pk).exists():
            part.pk = None  # its id went to another article's row since (SQLite reuses ids): a new row
        part.save()
