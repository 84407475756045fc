"""Old slugs of renamed pages, so the addresses readers, feeds and search engines hold keep answering (301).

Deriving a redirect row from a slug change is bookkeeping about addresses, not editorial logic: it must happen
whoever renames the page (admin, shell, import), so it hangs off pre_save/post_save of the models with public URLs.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_save, pre_save

from .models import Article, Author, GlossaryTerm, Series, SlugRedirect


def redirected_models():
    from verticals.models import Vertical

    return [Article, Series, Author, GlossaryTerm, Vertical]


def _remember_old_slug(sender, instance, raw=False, **kwargs):
    instance._old_slug = None
    if raw or instance.pk is None:
        return
    old = sender._default_manager.filter(pk=instance.pk).values_list("slug", flat=True).first()
    if old and old != instance.slug:
        instance._old_slug = old


def _record_redirect(sender, instance, created=False, raw=False, **kwargs):
    old = getattr(instance, "_old_slug", None)
    content_type = ContentType.objects.get_for_model(sender)
    if old:
        SlugRedirect.objects.update_or_create(
            content_type=content_type, old_slug=old, defaults={"object_id": instance.pk}
        )
        instance._old_slug = None
    if old or created:
        # A slug taken back into use answers with its page again, not with a redirect elsewhere.
        SlugRedirect.objects.filter(content_type=content_type, old_slug=instance.slug).delete()


def find_redirect(model, slug):
    """The current object that once had this slug, or None."""
    row = (
        SlugRedirect.objects.filter(content_type=ContentType.objects.get_for_model(model), old_slug=slug)
        .values_list("object_id", flat=True)
        .first()
    )
    if row is None:
        return None
    return model._default_manager.filter(pk=row).first()


def connect_signals():
    for model in redirected_models():
        pre_save.connect(_remember_old_slug, sender=model, dispatch_uid=f"slug-pre-{model._meta.label}")
        post_save.connect(_record_redirect, sender=model, dispatch_uid=f"slug-post-{model._meta.label}")
