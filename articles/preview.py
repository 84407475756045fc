"""Previews of unpublished articles, exactly as readers will see them.

Staff preview any article they may see in the admin. Reviewers without an account get a shareable link: a signed
token naming a PreviewLink row, valid until the row expires (settings.PREVIEW_LINK_MAX_AGE, 7 days by default) or
an editor revokes it. A bad, expired or revoked token answers 404 and never shows the article.
"""

from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.core import signing
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from . import workflow
from .models import Article, PreviewLink

TOKEN_SALT = "articles.preview-link"


def create_preview_link(article, user):
    return PreviewLink.objects.create(
        article=article,
        created_by=user if user and user.is_authenticated else None,
        expires_at=timezone.now() + settings.PREVIEW_LINK_MAX_AGE,
    )


def revoke_preview_link(link):
    PreviewLink.objects.filter(pk=link.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())
    link.refresh_from_db(fields=["revoked_at"])


def token_for(link):
    return signing.dumps(link.pk, salt=TOKEN_SALT)


def preview_url(link):
    return reverse("preview:shared", kwargs={"token": token_for(link)})


def link_from_token(token):
    """The active PreviewLink the token names, or None."""
    try:
        pk = signing.loads(token, salt=TOKEN_SALT, max_age=settings.PREVIEW_LINK_MAX_AGE)
    except signing.BadSignature:  # includes SignatureExpired
        return None
    if not isinstance(pk, int):
        return None
    link = PreviewLink.objects.select_related("article").filter(pk=pk).first()
    if link is None or not link.is_active():
        return None
    return link


def _preview_response(request, article):
    from .views import render_article

    response = render_article(request, article, preview=True)
    response["X-Robots-Tag"] = "noindex, nofollow"
    # The token is in the address: do not hand it to the sites the article links to.
    response["Referrer-Policy"] = "no-referrer"
    return response


@require_GET
@never_cache
def shared_preview(request, token):
    link = link_from_token(token)
    if link is None:
        raise Http404("This preview link has expired or been revoked. Ask the editors for a new one.")
    return _preview_response(request, link.article)


@require_GET
@never_cache
@staff_member_required
def staff_preview(request, pk):
    article = get_object_or_404(Article, pk=pk)
    if not workflow.can_view(request.user, article):
        raise Http404("No article to preview here.")
    return _preview_response(request, article)
