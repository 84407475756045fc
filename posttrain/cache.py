"""The anonymous page cache: whole public pages in Django's cache, dropped the moment content changes.

Every key carries a *generation*, a token kept in the shared cache. Saving or deleting a row of a content model
bumps it, so every web process stops serving the old pages at once; the old entries simply expire. An entry also
never outlives the next moment content changes by itself (a scheduled publication), so a scheduled article appears
on time although no job runs: the first request after that moment bumps the generation itself.

This module knows no app. Each app tells it, from its ``AppConfig.ready()``, which of its models readers see and
which content keys a change of one of their rows affects (``register_content_models``), and when its content
changes without a save (``register_expiry``).

An anonymous page is the same bytes for every reader (no CSRF token, no cookie), so shared caches in front of
Django may keep it too: the page says so in Cache-Control and names its content keys (posttrain/frontend_cache.py),
and a change purges those keys from them after it commits.
"""

import hashlib
import threading
import time
import uuid
from collections import OrderedDict
from contextvars import ContextVar
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.http import HttpResponse
from django.utils.cache import patch_cache_control

from . import frontend_cache

GENERATION_KEY = "pagecache:generation"
SITE_KEY = frontend_cache.SITE_KEY

# --- Registration: what the apps tell the cache --------------------------------------------------------------
# Models whose rows appear on public pages: model -> function(instance) -> content keys, or None.
_CONTENT_MODELS = {}
# Functions () -> the next datetime at which content changes with no save (a scheduled publication), or None.
_EXPIRIES = []


def register_content_models(*models, keys=None):
    """Rows of these models appear on public pages: saving or deleting one drops every cached page.

    ``keys``, if given, is a function(instance) -> iterable of content keys: names of what the row shows on (its own
    page, the lists it appears in), so that shared caches drop only those pages; see ``content_keys``. A
    many-to-many relation a model declares through Django's own table (an article's authors) is its content too.
    """
    for model in models:
        _CONTENT_MODELS[model] = keys
        label = model._meta.label
        pre_save.connect(_remember_keys_before, sender=model, dispatch_uid=f"pagecache-presave-{label}")
        pre_delete.connect(_remember_keys_before, sender=model, dispatch_uid=f"pagecache-predelete-{label}")
        post_save.connect(invalidate_pages, sender=model, dispatch_uid=f"pagecache-save-{label}")
        post_delete.connect(invalidate_pages, sender=model, dispatch_uid=f"pagecache-delete-{label}")
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            if through._meta.auto_created:
                uid = f"pagecache-m2m-{through._meta.label}"
                m2m_changed.connect(invalidate_pages, sender=through, dispatch_uid=uid)


def content_keys(instance):
    """The content keys a change to this row affects: those its model registered, or, for a model that registered
    none, the site-wide key that every page names."""
    keys_for = _CONTENT_MODELS.get(instance._meta.model)
    if keys_for is None:
        return {SITE_KEY}
    return set(keys_for(instance))


def _remember_keys_before(sender, instance, raw=False, **kwargs):
    """The keys of the row as it was before this save or delete: an article moved to another series must leave
    the old series page too."""
    if raw or not frontend_cache.backends() or instance.pk is None:
        return
    before = instance if "origin" in kwargs else sender._base_manager.filter(pk=instance.pk).first()  # delete: as is
    if before is not None:
        instance._content_keys_before = content_keys(before)


def _purge_for(instance, action=None, model=None, pk_set=None):
    if not frontend_cache.backends():
        return
    if action is not None:
        if action not in ("post_add", "post_remove", "pre_clear"):
            return  # a many-to-many change sends two signals; its keys are those of one of them
        keys = content_keys(instance) | {f"{model._meta.model_name}-{pk}" for pk in pk_set or ()}
    else:
        keys = content_keys(instance) | getattr(instance, "_content_keys_before", set())
    frontend_cache.request_purge(sorted(key for key in keys if key))


def register_expiry(next_change):
    """next_change() -> when content next changes by itself, or None. No cached page outlives that moment."""
    if next_change not in _EXPIRIES:
        _EXPIRIES.append(next_change)


_UNKNOWN = "unknown"
# The generation read once at the start of a page request, so the page's other cached lookups need no round trip.
_request_state = ContextVar("pagecache_request_state", default=None)
# The generation this process saw last. Only a guess at the page's key: a hit is served only if the shared
# generation, read in the same round trip as the page, is still this one.
_last_seen_state = None


def _state():
    """The current generation: {"token": str, "next_change": POSIX time content next changes by itself, or None}.

    When that time has come (a scheduled article goes live), the generation moves on by itself, so nothing derived
    from content (pages, series parts, related lists) outlives it.
    """
    state = cache.get(GENERATION_KEY)
    now = time.time()
    if state is None or (isinstance(state["next_change"], float) and state["next_change"] <= now):
        state = {"token": uuid.uuid4().hex, "next_change": _UNKNOWN}
        cache.set(GENERATION_KEY, state, None)
    if state["next_change"] == _UNKNOWN:
        state = {**state, "next_change": _next_change_timestamp()}
        cache.set(GENERATION_KEY, state, None)
    global _last_seen_state
    _last_seen_state = state
    return state


def _current(state, now):
    return state["next_change"] != _UNKNOWN and not (
        isinstance(state["next_change"], float) and state["next_change"] <= now
    )


def _cached_entry(request, now):
    """The page cached under the generation last seen here, if that generation is still current: one round trip."""
    guess = _last_seen_state
    if guess is None:
        return None
    key = _page_key(request, guess["token"])
    found = cache.get_many([GENERATION_KEY, key])
    state, entry = found.get(GENERATION_KEY), found.get(key)
    if state is None or entry is None or state["token"] != guess["token"] or not _current(state, now):
        return None
    return entry if entry["valid_until"] > now else None


def generation():
    state = _request_state.get()
    return (state or _state())["token"]


def bump_generation():
    """Invalidate every cached page (and everything else keyed on the generation)."""
    cache.set(GENERATION_KEY, {"token": uuid.uuid4().hex, "next_change": _UNKNOWN}, None)


def invalidate_pages(sender, instance=None, action=None, model=None, pk_set=None, **kwargs):
    """Signal receiver: bump now, and again once the transaction commits; purge the row's keys after the commit.

    The first bump makes the change visible to this process at once (and in tests); the second closes the race in
    which another request re-caches the old content, or reads the next publish time, between the save and the commit.
    """
    bump_generation()
    transaction.on_commit(bump_generation)
    if instance is not None:
        _purge_for(instance, action, model, pk_set)


# Values derived from content, kept in this process as well as in the shared cache. Their keys carry the generation
# read at the start of the request, so a change anywhere makes every process miss at once; the least recently used
# entries go first. Callers treat the values as read-only: they are shared by every request in the process.
LOCAL_ENTRIES = 1024
_local = OrderedDict()
_local_lock = threading.Lock()


def _local_get(key):
    with _local_lock:
        value = _local.get(key)
        if value is not None:
            _local.move_to_end(key)
        return value


def _local_set(key, value):
    with _local_lock:
        _local[key] = value
        _local.move_to_end(key)
        while len(_local) > LOCAL_ENTRIES:
            _local.popitem(last=False)


def cached_by_generation(name, compute, timeout=None):
    """A value derived from content, computed once per content generation (e.g. the glossary terms for linking).

    Looked up in this process first, then in the shared cache, so a warm value costs no round trip at all.
    """
    if len(name) > 120:  # a long slug in the name: keep keys within what every cache backend accepts
        name = "sha256:" + hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()
    key = f"pagecache:{generation()}:{name}"
    value = _local_get(key)
    if value is not None:
        return value
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout or settings.PAGE_CACHE_SECONDS or 300)
    _local_set(key, value)
    return value


def cached_fragment(name, render):
    """A piece of HTML rendered once per content generation in this process and served as stored.

    Anonymous pages hold nothing per reader (no CSRF token, no cookie), so a fragment is the same for everyone.
    """
    key = f"pagecache:{generation()}:fragment:{name}"
    html = _local_get(key)
    if html is None:
        html = str(render())
        _local_set(key, html)
    return html


def _next_change_timestamp():
    moments = [moment for next_change in _EXPIRIES if (moment := next_change()) is not None]
    return float(min(moments).timestamp()) if moments else None


def _page_key(request, gen):
    digest = hashlib.sha256(request.get_full_path().encode("utf-8", "surrogateescape")).hexdigest()
    return f"pagecache:{gen}:page:{digest}"


def _cacheable_request(request):
    if request.method not in ("GET", "HEAD"):
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


def _cacheable_response(response):
    if response.status_code != 200 or response.streaming:
        return False
    if "no-store" in response.get("Cache-Control", "") or "private" in response.get("Cache-Control", ""):
        return False
    return not response.cookies


def _etag(template_bytes):
    return f'W/"{hashlib.md5(template_bytes, usedforsecurity=False).hexdigest()}"'


def cache_public_page(view):
    """Cache a public view's page for anonymous readers, give it an ETag, and tell shared caches they may keep it.

    The view names what the page shows with ``frontend_cache.shows``; a signed-in reader's page is ``private,
    no-store``, and so is anything the view marked private.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        seconds = settings.PAGE_CACHE_SECONDS
        use_cache = seconds > 0 and _cacheable_request(request)
        now = time.time()
        if use_cache:
            entry = _cached_entry(request, now)
            if entry is not None:
                return response_from_entry(request, entry)
        state = _state()
        key = None
        if use_cache:
            key = _page_key(request, state["token"])
            entry = cache.get(key)
            if entry is not None and entry["valid_until"] > now:
                return response_from_entry(request, entry)

        marker = _request_state.set(state)
        try:
            response = view(request, *args, **kwargs)
            if getattr(response, "is_rendered", True) is False:
                response.render()
        finally:
            _request_state.reset(marker)
        if response.streaming:
            return response
        template = response.content
        if response.status_code == 200:
            response["ETag"] = _etag(template)
        shared = _cacheable_request(request) and _cacheable_response(response)
        if shared:
            frontend_cache.public_cache_control(response, state["next_change"], now)
            # Keys that do not fit a header make it private: then the middleware does not store it either.
            frontend_cache.tag_response(response, getattr(response, "content_keys", ()))
        else:
            _private_or_uncached(request, response)

        if use_cache and _cacheable_response(response):
            valid_until = now + seconds
            if isinstance(state["next_change"], float):
                valid_until = min(valid_until, state["next_change"])
            if valid_until > now:
                # Stored by posttrain.page_cache on the way out, with the headers the whole stack added.
                response.page_cache_pending = (key, template, valid_until, state["next_change"])
        return response

    return wrapper


def _private_or_uncached(request, response):
    """A signed-in reader's page is theirs alone; an error, a redirect or a page that sets a cookie is not kept."""
    if getattr(request, "user", None) is not None and request.user.is_authenticated:
        patch_cache_control(response, private=True, no_store=True)
    elif "private" not in response.get("Cache-Control", ""):
        patch_cache_control(response, max_age=0, must_revalidate=True)


def store_finished_page(request, response):
    """Cache the page a cache_public_page view left on `response`, with the finished response's headers.

    Called by the page-cache middleware once every other middleware has run, so a hit served at the top of the stack
    carries the same headers (security, CSP, Vary, content keys) as the page did. Cache-Control is made afresh for
    each hit, never past the next publication. Nothing is stored if the stack turned the answer into something else
    (a 304, a cookie, a private page).
    """
    pending = getattr(response, "page_cache_pending", None)
    if pending is None or not _cacheable_response(response):
        return
    key, template, valid_until, next_change = pending
    now = time.time()
    if valid_until <= now:
        return
    entry = {
        "content": template,
        "status": response.status_code,
        "headers": [
            (name, value)
            for name, value in response.items()
            if name.lower() not in ("set-cookie", "content-length", "cache-control")
        ],
        "valid_until": valid_until,
        "next_change": next_change,
        "shared": "public" in response.get("Cache-Control", ""),
    }
    cache.set(key, entry, max(1, int(valid_until - now + 0.999)))


def cached_page(request):
    """The cached page for this anonymous GET/HEAD, if one is current: one cache round trip, or None."""
    if settings.PAGE_CACHE_SECONDS <= 0 or request.method not in ("GET", "HEAD"):
        return None
    return _cached_entry(request, time.time())


def response_from_entry(request, entry):
    """The stored page, as stored: the same bytes and headers for every reader, its lifetime counted from now."""
    response = HttpResponse(entry["content"], status=entry["status"])
    for name, value in entry["headers"]:
        response[name] = value
    if entry["shared"]:
        frontend_cache.public_cache_control(response, entry["next_change"], time.time())
    else:
        patch_cache_control(response, max_age=0, must_revalidate=True)
    return response
