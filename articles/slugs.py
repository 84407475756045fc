"""Slugs: the one rule that turns a name into the ASCII part of a public address, and the redirects of old slugs.

Every slug in a public address follows Django's ``slug`` path converter, ``[-a-zA-Z0-9_]+``: the URL patterns, the
admin's slug fields (``validate_slug``) and every address already handed out are ASCII. A slug is derived from a name
by transliterating it (``Über-Training`` → ``uber-training``, ``東京`` → ``dong-jing``, ``🚀`` → ``rocket``); a name
with nothing to transliterate (``!!!``) gets a short, stable hash instead. ``AddressSlugField`` applies the rule to
our models (a blank or unusable slug is derived on save) and a pre_save receiver applies it to django-taggit's tags,
which would otherwise slugify with Unicode and break every page that links to the tag.

Old slugs of renamed pages keep answering (301), so the addresses readers, feeds and search engines hold keep
working. Deriving a redirect row from a slug change is bookkeeping about addresses, not editorial logic: it must
happen whoever renames the page (admin, shell, import), so it hangs off pre_save/post_save of the models with public
URLs. While an old slug redirects, it is not free for another page of the same kind (``AddressSlugField.validate``):
an editor deletes the redirect first.

This module imports no model at load time: ``articles.models`` and ``verticals.models`` import the field from here.
"""

import hashlib
import re
import unicodedata

from anyascii import anyascii
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.signals import post_delete, post_save, pre_save
from django.utils.text import slugify

SLUG_HELP = (
    "ASCII letters, digits and hyphens. Left empty, it is made from the name. "
    "A changed slug keeps the old address working (301)."
)
URL_SLUG = re.compile(r"[-a-zA-Z0-9_]+")  # what the `slug` path converter accepts


def _transliterate(text):
    parts = []
    for char in text:
        ascii_text = anyascii(char)
        # A syllable of a script without spaces (東 → Dong, 한 → Han) is a word of its own in the address.
        if len(ascii_text) > 1 and unicodedata.category(char) == "Lo":
            ascii_text = f" {ascii_text} "
        parts.append(ascii_text)
    # anyascii names emoji between colons (":rocket:"); a colon is a word break.
    return "".join(parts).replace(":", " ")


def slug_for(name, max_length=50, fallback="page"):
    """The ASCII slug of `name`, at most `max_length` characters; never empty."""
    slug = slugify(_transliterate(name or ""))[:max_length].strip("-_")
    if slug:
        return slug
    digest = hashlib.blake2s((name or "").encode("utf-8", "replace"), digest_size=4).hexdigest()
    return f"{slugify(fallback)[: max_length - 9] or 'page'}-{digest}"


def is_url_slug(value):
    return bool(value) and URL_SLUG.fullmatch(value) is not None


def unique_slug(instance, field_name, base, max_length):
    """`base`, or `base-2`, `base-3`…: the first that no other row of the model has and no redirect holds."""
    model = type(instance)
    taken = model._default_manager.exclude(pk=instance.pk) if instance.pk else model._default_manager.all()
    candidate, number = base, 1
    while taken.filter(**{field_name: candidate}).exists() or _held_by_another(model, candidate, instance.pk):
        number += 1
        suffix = f"-{number}"
        candidate = f"{base[: max_length - len(suffix)].rstrip('-_')}{suffix}"
    return candidate


def derive_slug(instance, field_name, source, max_length):
    """Make `instance.<field_name>` a usable, unique slug if it is not one: from itself, else from `source`."""
    value = getattr(instance, field_name)
    if is_url_slug(value):
        return value
    fallback = str(instance._meta.verbose_name)
    slug = unique_slug(instance, field_name, slug_for(value or source, max_length, fallback), max_length)
    setattr(instance, field_name, slug)
    return slug


def fix_unusable_slugs(model, source):
    """For data migrations: every row whose slug no URL pattern takes gets the slug of its `source` field."""
    max_length = model._meta.get_field("slug").max_length
    for row in model._default_manager.exclude(slug__regex=rf"^{URL_SLUG.pattern}$"):
        derive_slug(row, "slug", getattr(row, source), max_length)
        row.save(update_fields=["slug"])


class AddressSlugField(models.SlugField):
    """The slug of a page with a public address.

    Left blank (or not URL-safe, when set outside a form), it is derived on save from `populate_from` by the rule
    above. A slug an old address of another page of the same kind still redirects from is refused with a form error.
    """

    def __init__(self, *args, populate_from=None, **kwargs):
        self.populate_from = populate_from
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["populate_from"] = self.populate_from
        return name, path, args, kwargs

    def pre_save(self, model_instance, add):
        source = getattr(model_instance, self.populate_from) if self.populate_from else ""
        return derive_slug(model_instance, self.attname, source, self.max_length)

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        if value and _held_by_another(type(model_instance), value, model_instance.pk):
            raise ValidationError(
                "This address still redirects readers to another %(kind)s that had it before it was renamed. "
                "Choose another slug, or ask an editor to delete the redirect (Slug redirects) first.",
                code="slug_redirects",
                params={"kind": model_instance._meta.verbose_name},
            )


# --- Redirects of old slugs ----------------------------------------------------------------------------------------


def _slug_redirects():
    return apps.get_model("articles", "SlugRedirect").objects


def _content_type(model):
    return apps.get_model("contenttypes", "ContentType").objects.get_for_model(model)


def redirected_models():
    return [apps.get_model(label) for label in REDIRECTED]


REDIRECTED = ["articles.Article", "articles.Series", "articles.Author", "articles.GlossaryTerm", "verticals.Vertical"]


def find_redirect(model, slug):
    """The current object that once had this slug, or None."""
    row = (
        _slug_redirects().filter(content_type=_content_type(model), old_slug=slug)
        .values_list("object_id", flat=True)
        .first()
    )
    if row is None:
        return None
    return model._default_manager.filter(pk=row).first()


def _held_by_another(model, slug, pk):
    if model._meta.label not in REDIRECTED:
        return False
    target = find_redirect(model, slug)
    return target is not None and target.pk != pk


def _remember_old_slug(sender, instance, raw=False, **kwargs):
    instance._old_slug = None
    if raw or instance.pk is None:
        return
    old = sender._default_manager.filter(pk=instance.pk).values_list("slug", flat=True).first()
    if old and old != instance.slug:
        instance._old_slug = old


def _record_redirect(sender, instance, created=False, raw=False, **kwargs):
    old = getattr(instance, "_old_slug", None)
    content_type = _content_type(sender)
    if old:
        _slug_redirects().update_or_create(
            content_type=content_type, old_slug=old, defaults={"object_id": instance.pk}
        )
        instance._old_slug = None
    if old or created:
        # A slug taken back into use answers with its page again, not with a redirect elsewhere.
        _slug_redirects().filter(content_type=content_type, old_slug=instance.slug).delete()


def _forget_redirects(sender, instance, **kwargs):
    # The old addresses of a deleted page lead nowhere: free them for other pages.
    _slug_redirects().filter(content_type=_content_type(sender), object_id=instance.pk).delete()


def _ascii_tag_slug(sender, instance, raw=False, **kwargs):
    """django-taggit slugifies tag names with Unicode (Über → über), which no URL pattern takes: use our rule."""
    if not raw:
        derive_slug(instance, "slug", instance.name, sender._meta.get_field("slug").max_length)


def connect_signals():
    from taggit.models import Tag

    for model in redirected_models():
        pre_save.connect(_remember_old_slug, sender=model, dispatch_uid=f"slug-pre-{model._meta.label}")
        post_save.connect(_record_redirect, sender=model, dispatch_uid=f"slug-post-{model._meta.label}")
        post_delete.connect(_forget_redirects, sender=model, dispatch_uid=f"slug-delete-{model._meta.label}")
    pre_save.connect(_ascii_tag_slug, sender=Tag, dispatch_uid="slug-ascii-tag")
