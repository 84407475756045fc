"""Previews of unpublished articles, exactly as readers will see them.

Staff preview any article they may see in the admin. Reviewers without an account get a shareable link: a signed
token naming a PreviewLink row, valid until the row expires (settings.PREVIEW_LINK_MAX_AGE, 7 days by default) or
is revoked. A bad, expired or revoked token answers 404 and never shows the article.

Whoever may edit an article may create and revoke its links: editors on any article, writers only on their own
drafts (not once submitted, scheduled or published, and never someone else's). create_preview_link and
revoke_preview_link check it themselves, so every admin URL, action and command that calls them is held to it.
"""

from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from . import comments, workflow
from .models import Article, PreviewLink
from .views import render_article

TOKEN_SALT = "articles.preview-link"


def can_share(user, article):
    """Editors create and revoke preview links on any article; writers only on their own drafts."""
    return workflow.can_edit(user, article)


def _require_share(user, article):
    if not can_share(user, article):
        raise PermissionDenied("Only editors share or revoke previews of an article that is not your own draft.")


def create_preview_link(article, user):
    # The status is read fresh: a writer's draft submitted in another tab is no longer theirs to share.
    article.refresh_from_db(fields=["status"])
    _require_share(user, article)
    return PreviewLink.objects.create(
        article=article, created_by=user, expires_at=timezone.now() + settings.PREVIEW_LINK_MAX_AGE
    )


def revoke_preview_link(link, user):
    article = Article.objects.get(pk=link.article_id)
    _require_share(user, article)
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


def _preview_response(request, article, open_threads=()):
    response = render_article(request, article, preview=True, open_threads=open_threads)
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
    # Staff see the open discussion above the article; a shared link (a reviewer without an account) never does.
    return _preview_response(request, article, list(comments.threads(article, open_only=True)))
