"""Slugs: the one rule that turns a name into the ASCII part of a public address.

Every slug in a public address follows Django's ``slug`` path converter, ``[-a-zA-Z0-9_]+``: the URL patterns, the
admin's slug fields (``validate_slug``) and every address already handed out are ASCII. A slug is derived from a name
by transliterating it (``Über-Training`` → ``uber-training``, ``東京`` → ``dong-jing``, ``🚀`` → ``rocket``); a name
with nothing to transliterate (``!!!``) gets a short, stable hash instead. ``AddressSlugField`` applies the rule to
any app's models (a blank or unusable slug is derived on save).

A slug an old address of another page still redirects from is not free (``AddressSlugField.validate``); which old
addresses exist is the business of the app that keeps redirects, registered with ``register_redirect_lookup``.
"""

import hashlib
import re
import unicodedata

from anyascii import anyascii
from django.core.exceptions import ValidationError
from django.db import models
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


# Who holds a slug through an old address: function(model, slug) -> pk of the page the old address leads to, or None.
# The app that keeps redirects registers it (articles); without one, no slug is held.
_redirect_lookup = None


def register_redirect_lookup(lookup):
    global _redirect_lookup
    _redirect_lookup = lookup


def _held_by_another(model, slug, pk):
    if _redirect_lookup is None:
        return False
    target = _redirect_lookup(model, slug)
    return target is not None and target != pk


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
