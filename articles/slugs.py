"""The redirects of old slugs, and the slug rule for django-taggit's tags.

Old slugs of renamed pages keep answering (301), so the addresses readers, feeds and search engines hold keep
working. Deriving a redirect row from a slug change is bookkeeping about addresses, not editorial logic: it must
happen whoever renames the page (admin, shell, import), so it hangs off pre_save/post_save of the models with public
URLs. While an old slug redirects, it is not free for another page of the same kind: ``posttrain.slugs`` asks
``held_by`` (registered from ``ArticlesConfig.ready()``), and an editor deletes the redirect first.

The slug rule itself (``slug_for``, ``AddressSlugField``) lives in ``posttrain.slugs``: verticals use it too.
"""

from django.apps import apps
from django.db.models.signals import post_delete, post_save, pre_save
from taggit.models import Tag

from posttrain.slugs import derive_slug

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


def held_by(model, slug):
    """The pk of the page an old address with this slug leads to, or None (for posttrain.slugs)."""
    if model._meta.label not in REDIRECTED:
        return None
    return (
        _slug_redirects().filter(content_type=_content_type(model), old_slug=slug)
        .values_list("object_id", flat=True)
        .first()
    )


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
    for model in redirected_models():
        pre_save.connect(_remember_old_slug, sender=model, dispatch_uid=f"slug-pre-{model._meta.label}")
        post_save.connect(_record_redirect, sender=model, dispatch_uid=f"slug-post-{model._meta.label}")
        post_delete.connect(_forget_redirects, sender=model, dispatch_uid=f"slug-delete-{model._meta.label}")
    pre_save.connect(_ascii_tag_slug, sender=Tag, dispatch_uid="slug-ascii-tag")
