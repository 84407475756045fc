"""Shared HTTP caches in front of the site (Varnish, Fastly, Cloudflare): what each page shows, and purges.

A public page names the content it shows in a list of *content keys*; each configured cache gets the list in the
header it reads (``xkey`` for Varnish, ``Surrogate-Key`` for Fastly, ``Cache-Tag`` for Cloudflare). When content
changes, the keys it affects are purged from every cache, by a Celery task after the transaction commits.

The vocabulary
    ``site``             every page (``tag_response`` adds it): purged when something every page shows changes,
                         such as the site settings, navigation or footer.
    ``<model>-<pk>``     one object, from ``instance_key(obj)``: ``article-12``, ``series-3``, ``vertical-2``,
                         ``tag-7``, ``author-4``, ``glossaryterm-9``. Its own page names it, and so does every
                         page that shows the object in full (an article page names its series for the part list).
    ``list-<name>``      a listing with no object of its own, from ``list_key(name)``: ``list-home``,
                         ``list-feeds``, ``list-sitemap``, ``list-search``, ``list-glossary``, ``list-resources``,
                         ``list-mentions`` (the articles a glossary term's page lists).

    A listing names itself, not each item it lists (a tag page says ``tag-7``, not its twenty articles), which keeps
    the header short; in exchange a change purges every listing it appears in. An edited article purges its own
    key, its series, vertical, authors and tags (as they were before the edit *and* after it), ``list-home``,
    ``list-feeds``, ``list-sitemap``, ``list-search`` and ``list-mentions``. Which page names what, and which change
    purges what, is the apps' business (articles/content_keys.py).

Keys are header-safe by construction: lower-case ASCII letters, digits and ``.``, ``_``, ``:``, ``-``, at most 64
characters. Anything else (a Unicode tag slug, say) becomes ``hash-`` and a SHA-256 prefix of it, the same in every
process, so the header and the purge always agree.

Purges are best effort and never fail a save: ``request_purge`` queues them after commit; if the broker is down
the purge is logged and lost, and readers may see the old page until its ``s-maxage`` (``PAGE_CACHE_SECONDS``)
runs out. Without a broker (tasks inline) the purge is sent once, in the process, with no retries.
"""

import hashlib
import http.client
import json
import logging
import math
import re
import urllib.error
import urllib.request
from functools import lru_cache
from urllib.parse import quote, urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils.cache import patch_cache_control

from .celery import app as celery_app

logger = logging.getLogger(__name__)

SITE_KEY = "site"
# Queued by name: posttrain/tasks.py imports this module to do the work.
PURGE_TASK = "posttrain.tasks.purge_frontend_cache"
_KEY = re.compile(r"[a-z0-9][a-z0-9._:-]{0,63}")
# Varnish keeps at most 8 KB per header line (http_resp_hdr_len); Fastly and Cloudflare allow 16 KB.
MAX_HEADER_BYTES = 8000


# --- Keys -----------------------------------------------------------------------------------------------------


def clean_key(key):
    """`key` if it is header-safe, otherwise a stable hash of it."""
    key = str(key)
    if _KEY.fullmatch(key):
        return key
    return "hash-" + hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def clean_keys(keys):
    """Header-safe keys, each once, in their first order."""
    return list(dict.fromkeys(clean_key(key) for key in keys if key is not None and str(key) != ""))


def instance_key(instance):
    return clean_key(f"{instance._meta.model_name}-{instance.pk}")


def list_key(name):
    return clean_key(f"list-{name}")


# --- Backends -------------------------------------------------------------------------------------------------


class PurgeFailed(Exception):
    """Some caches did not confirm the purge; `retryable` lists the locations worth trying again."""

    def __init__(self, errors, retryable):
        self.errors = errors  # location -> reason
        self.retryable = retryable
        super().__init__("; ".join(f"{location}: {reason}" for location, reason in errors.items()))


class _Refused(Exception):
    def __init__(self, reason, retryable):
        self.retryable = retryable
        super().__init__(reason)


class _Backend:
    header = ""  # the response header this cache reads keys from
    separator = " "
    batch_size = 100  # keys per purge request

    def __init__(self, location, target):
        self.location = location
        self.target = target

    def purge(self, keys):
        for start in range(0, len(keys), self.batch_size):
            self.send(keys[start:start + self.batch_size])

    def send(self, batch):
        raise NotImplementedError

    def _call(self, request):
        """The answer's body; a refusal says whether trying again could help (network, 5xx, 429) or not."""
        try:
            with urllib.request.urlopen(request, timeout=settings.FRONTEND_CACHE_TIMEOUT) as response:
                return response.read()
        except urllib.error.HTTPError as error:
            retryable = error.code >= 500 or error.code == 429
            raise _Refused(f"HTTP {error.code} from {request.full_url}", retryable) from error
        except (OSError, http.client.HTTPException) as error:  # refused, reset, timed out, cut short: may pass
            raise _Refused(f"{getattr(error, 'reason', error)} ({request.full_url})", True) from error


class Varnish(_Backend):
    """PURGE with the keys in `xkey-purge`, answered by deploy/varnish/default.vcl (hard purge, ACL)."""

    header = "xkey"

    def send(self, batch):
        url = f"http://{self.target}/"
        self._call(urllib.request.Request(url, method="PURGE", headers={"xkey-purge": " ".join(batch)}))


class Fastly(_Backend):
    """Fastly's batch purge: up to 256 surrogate keys in one request."""

    header = "Surrogate-Key"
    batch_size = 256

    def send(self, batch):
        url = f"{settings.FASTLY_API_URL}/service/{quote(self.target, safe='')}/purge"
        headers = {"Fastly-Key": settings.FASTLY_API_TOKEN, "Surrogate-Key": " ".join(batch),
                   "Accept": "application/json"}
        self._call(urllib.request.Request(url, method="POST", headers=headers))


class Cloudflare(_Backend):
    """Cloudflare's purge by cache tag: up to 100 tags per request (developers.cloudflare.com, "Purge cache")."""

    header = "Cache-Tag"
    separator = ","

    def send(self, batch):
        url = f"{settings.CLOUDFLARE_API_URL}/zones/{quote(self.target, safe='')}/purge_cache"
        headers = {"Authorization": f"Bearer {settings.CLOUDFLARE_API_TOKEN}", "Content-Type": "application/json"}
        body = json.dumps({"tags": batch}).encode()
        answer = self._call(urllib.request.Request(url, data=body, method="POST", headers=headers))
        try:
            success = json.loads(answer).get("success")
        except (ValueError, AttributeError):
            success = None
        if success is not True:
            # A 200 with "success": false is a refusal (bad token scope, unknown zone): trying again will not help.
            raise _Refused(f"Cloudflare did not confirm the purge: {answer[:300]!r}", False)


_SCHEMES = {"varnish": Varnish, "fastly": Fastly, "cloudflare": Cloudflare}


def backends():
    """The caches named by FRONTEND_CACHE_URLS (none when it is empty)."""
    return _backends(tuple(settings.FRONTEND_CACHE_URLS))


@lru_cache(maxsize=8)
def _backends(urls):
    found = []
    for url in urls:
        parts = urlsplit(url)
        if parts.scheme not in _SCHEMES or not parts.netloc:
            raise ImproperlyConfigured(f"FRONTEND_CACHE_URLS: cannot use {url!r}")
        found.append(_SCHEMES[parts.scheme](url, parts.netloc))
    return tuple(found)


# --- Responses ------------------------------------------------------------------------------------------------


def shows(response, *content):
    """Note what a public page shows: model instances (their ``instance_key``) or keys (``list_key("home")``).

    ``posttrain.cache.cache_public_page`` writes them, with ``site``, into each configured cache's header.
    """
    keys = [item if isinstance(item, str) else instance_key(item) for item in content if item is not None]
    response.content_keys = [*getattr(response, "content_keys", ()), *keys]
    return response


def public_cache_control(response, next_change, now):
    """Cache-Control for a page anyone may be given, by any cache, never kept past `next_change` (POSIX time).

    Shared caches keep it ``PAGE_CACHE_SECONDS`` (purges drop it sooner), browsers a shorter while since nothing
    purges them; stale-while-revalidate also ends before `next_change`, the moment a scheduled article goes live.
    stale-if-error may outlast it: while Django is down, yesterday's home page beats an error page.
    """
    left = math.inf if next_change is None else max(next_change - now, 0.0)
    shared = int(min(settings.PAGE_CACHE_SECONDS, left))
    if shared <= 0:
        patch_cache_control(response, max_age=0, must_revalidate=True)
        return response
    revalidate = int(min(settings.PAGE_STALE_WHILE_REVALIDATE_SECONDS, left - shared))
    response["Cache-Control"] = (
        f"public, max-age={min(settings.PAGE_BROWSER_SECONDS, shared)}, s-maxage={shared}, "
        f"stale-while-revalidate={revalidate}, stale-if-error={settings.PAGE_STALE_IF_ERROR_SECONDS}"
    )
    return response


def response_headers(keys):
    """{header: value} naming `keys` and `site` for each configured cache; None if they do not fit in a header."""
    keys = clean_keys([SITE_KEY, *keys])
    headers = {}
    for backend in backends():
        value = backend.separator.join(keys)
        if len(value) > MAX_HEADER_BYTES:
            return None
        headers[backend.header] = value
    return headers


def tag_response(response, keys):
    """Name the content `response` shows, for every shared cache. Call it after Cache-Control is set.

    A page whose keys do not fit in a header could not be purged, so it is kept out of shared caches instead.
    """
    keys = list(keys)
    headers = response_headers(keys)
    if headers is None:
        logger.error("%d content keys do not fit in a header; %s is kept out of shared caches", len(keys), response)
        patch_cache_control(response, private=True)
        return response
    for name, value in headers.items():
        response[name] = value
    return response


# --- Purges ---------------------------------------------------------------------------------------------------


def purge(keys, locations=None):
    """Purge `keys` from every configured cache now (or from those of `locations`); raise PurgeFailed if any fails."""
    keys = clean_keys(keys)
    errors, retryable = {}, []
    for backend in backends():
        if not keys or (locations is not None and backend.location not in locations):
            continue
        try:
            backend.purge(keys)
        except _Refused as refusal:
            errors[backend.location] = str(refusal)
            if refusal.retryable:
                retryable.append(backend.location)
    if errors:
        raise PurgeFailed(errors, retryable)


def retry_delay(attempt):
    """Seconds to wait after failed attempt number `attempt` (1, 2, …): doubling, at most five minutes."""
    return min(settings.FRONTEND_CACHE_RETRY_BASE_SECONDS * 2 ** (attempt - 1), 300.0)


class _PendingPurge:
    """The keys of one transaction, purged in one go once it commits."""

    def __init__(self):
        self.keys = {}
        self.sent = False

    def __call__(self):
        self.sent = True
        _send(list(self.keys))


def request_purge(keys):
    """Purge `keys` from the shared caches once the current transaction commits. Never raises, never waits.

    Keys requested during one transaction are merged into one purge. Outside a transaction it goes out at once.
    """
    keys = clean_keys(keys)
    if not keys or not backends():
        return
    connection = transaction.get_connection()
    if connection.in_atomic_block:
        # Django keeps the callbacks of the open transaction (and drops those of a rolled-back savepoint) in
        # run_on_commit; joining ours there is what merges the keys and forgets them on rollback.
        for entry in connection.run_on_commit:
            if isinstance(entry[1], _PendingPurge) and not entry[1].sent:
                entry[1].keys.update(dict.fromkeys(keys))
                return
    pending = _PendingPurge()
    pending.keys.update(dict.fromkeys(keys))
    transaction.on_commit(pending)


def _send(keys):
    try:
        if celery_app.conf.task_always_eager:
            # Inline, a retry would run at once and hold up the request: one attempt, then the log.
            purge(keys)
        else:
            celery_app.send_task(PURGE_TASK, args=[keys], retry=False)
    except Exception:
        logger.exception(
            "Could not purge %d content key(s) %s; readers may see the old pages until their s-maxage runs out",
            len(keys), " ".join(keys[:20]),
        )
