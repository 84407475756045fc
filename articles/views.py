# Placeholder until the reader site lands: the contract is render_article(request, article, *, preview=False).
from django.shortcuts import render


def render_article(request, article, *, preview=False):
    response = render(request, "articles/article_detail.html", {"article": article, "preview": preview})
    if preview:
        response["X-Robots-Tag"] = "noindex, nofollow"
    return response
