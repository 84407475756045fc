"""Which links readers follow from a mailing, without tracking anyone.

Every http(s) link of a campaign's e-mail (HTML and plain text) is rewritten once, when the campaign's messages are
built, to `/newsletter/c/<token>/`: the token is the campaign's id and the original URL, signed with the site's key.
The redirect counts one click for that campaign and URL and sends the reader on to the URL signed into the token,
and nowhere else: a token whose signature does not match is refused (400) and counts nothing, so the redirect is
never open. The token names no subscriber, and nothing about the reader (address, IP address, user agent, time of
their click) is stored: only the count per link, which therefore survives the erasure of anyone.

There is no open-tracking pixel: mail clients that load images through a proxy ahead of time (Apple Mail Privacy
Protection) make open counts meaningless, and a pixel tracks a person, not an article.
"""

import re
from html import escape, unescape
from urllib.parse import urlsplit

from django.core import signing
from django.db.models import F, Sum
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from django.utils.html import strip_tags

from posttrain.web import absolute_url

from .models import Campaign, CampaignLink

SALT = "newsletter.click"
MAX_URL = CampaignLink._meta.get_field("url").max_length
MAX_TOKEN = 4096

_HTML_LINK = re.compile(r'(<a\s[^>]*?href=")([^"]*)("[^>]*>)(.*?)(</a>)', re.S | re.I)
_TEXT_URL = re.compile(r'https?://[^\s<>"]+')


class InvalidClick(ValueError):
    """The token was not made by us (tampered, cut short, or made with another key)."""


def trackable(url):
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc) and len(url) <= MAX_URL


def make_token(campaign_id, url, test=False):
    payload = [campaign_id, url, 1] if test else [campaign_id, url]
    return signing.dumps(payload, salt=SALT, compress=True)


def read_token(token):
    """(campaign id, url, test?) from a token we made; InvalidClick for anything else."""
    if not token or len(token) > MAX_TOKEN:
        raise InvalidClick("no token")
    try:
        payload = signing.loads(token, salt=SALT)
    except (signing.BadSignature, ValueError, UnicodeError, OverflowError) as exc:
        raise InvalidClick(str(exc)) from None
    if not (isinstance(payload, list) and len(payload) in (2, 3)):
        raise InvalidClick("unexpected payload")
    campaign_id, url = payload[0], payload[1]
    if not isinstance(campaign_id, int) or not isinstance(url, str) or not trackable(url):
        raise InvalidClick("unexpected payload")
    return campaign_id, url, len(payload) == 3


def redirect_url(campaign_id, url, test=False):
    return absolute_url(reverse("newsletter:click", args=[make_token(campaign_id, url, test)]))


def _trim_trailing(url):
    """A URL at the end of a sentence or in "text (url)" ends before the punctuation that follows it."""
    while url and (url[-1] in ".,;:!?'" or (url[-1] == ")" and url.count("(") < url.count(")"))):
        url = url[:-1]
    return url


def rewrite_links(campaign, html, text, *, test=False):
    """The campaign's HTML and text with every http(s) link going through the counting redirect.

    The one place links are rewritten: every kind of campaign (a written one, an article mailing, a digest) passes
    its rendered e-mail through here once, before the personal unsubscribe and preference links are filled in, so
    those are never rewritten and no token of a subscriber reaches a click token. Registers each link of a real send
    (not a test send, whose clicks are not counted) so the admin lists it before anyone clicks.
    """
    labels = {}
    tracked = {}

    def redirect(url):
        if url not in tracked:
            tracked[url] = redirect_url(campaign.pk, url, test) if trackable(url) else url
        return tracked[url]

    def html_link(match):
        url = unescape(match.group(2)).strip()
        if not trackable(url):
            return match.group(0)
        label = " ".join(unescape(strip_tags(match.group(4))).split())[:200]
        labels.setdefault(url, label)
        return match.group(1) + escape(redirect(url)) + match.group(3) + match.group(4) + match.group(5)

    def text_link(match):
        url = _trim_trailing(match.group(0))
        if url in tracked.values() or not trackable(url):
            return match.group(0)
        labels.setdefault(url, "")
        return redirect(url) + match.group(0)[len(url):]

    html = _HTML_LINK.sub(html_link, html)
    text = _TEXT_URL.sub(text_link, text)
    if not test and labels:
        CampaignLink.objects.bulk_create(
            [CampaignLink(campaign=campaign, url=url, label=label) for url, label in labels.items()],
            ignore_conflicts=True,
        )
    return html, text


def count(campaign_id, url):
    """One click on one link of one campaign. Nothing about who clicked is stored."""
    now = timezone.now()
    links = CampaignLink.objects.filter(campaign_id=campaign_id, url=url)
    if links.update(clicks=F("clicks") + 1, last_clicked_at=now):
        return True
    # A link the send did not register (a campaign built before click counting): registered on its first click.
    if not Campaign.objects.filter(pk=campaign_id).exists():
        return False
    CampaignLink.objects.bulk_create([CampaignLink(campaign_id=campaign_id, url=url)], ignore_conflicts=True)
    return bool(links.update(clicks=F("clicks") + 1, last_clicked_at=now))


# --- The campaign's admin page -------------------------------------------------------------------------------------

def article_slug(url):
    """The slug of the site's article a URL leads to, or None (another site, another page of ours)."""
    parts, site = urlsplit(url), urlsplit(absolute_url("/"))
    if parts.netloc != site.netloc:
        return None
    try:
        match = resolve(parts.path)
    except Resolver404:
        return None
    return match.kwargs.get("slug") if match.view_name == "articles:detail" else None


def _bars(rows, width=360):
    """Each row's bar length in pixels, the busiest row the full width."""
    peak = max([1] + [row["clicks"] for row in rows])
    for row in rows:
        row["bar"] = round(row["clicks"] / peak * width)
    return rows


def chart(campaign):
    """Clicks per article (every link to the same article added up) and per link, laid out for server-rendered SVG
    bars (no JavaScript)."""
    links = list(CampaignLink.objects.filter(campaign=campaign).order_by("-clicks", "pk"))
    articles = {}
    for link in links:
        slug = article_slug(link.url)
        if slug is None:
            continue
        row = articles.setdefault(slug, {"slug": slug, "label": link.label or slug, "clicks": 0,
                                         "url": absolute_url(reverse("articles:detail", args=[slug]))})
        row["clicks"] += link.clicks
    per_link = [{"url": link.url, "label": link.label or link.url, "clicks": link.clicks} for link in links]
    per_article = sorted(articles.values(), key=lambda row: (-row["clicks"], row["slug"]))
    for index, row in enumerate(per_link):
        row["y"] = index * 22
    for index, row in enumerate(per_article):
        row["y"] = index * 22
    return {
        "total": CampaignLink.objects.filter(campaign=campaign).aggregate(total=Sum("clicks"))["total"] or 0,
        "links": _bars(per_link),
        "articles": _bars(per_article),
        "links_height": len(per_link) * 22,
        "articles_height": len(per_article) * 22,
    }
