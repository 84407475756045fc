"""The anonymous page cache: whole public pages in Django's cache, dropped the moment content changes.

Every key carries a *generation*, a token kept in the shared cache. Saving or deleting a row of a content model
bumps it, so every web process stops serving the old pages at once; the old entries simply expire. An entry also
never outlives the next moment content changes by itself (a scheduled publication), so a scheduled article appears
on time although no job runs: the first request after that moment bumps the generation itself.

This module knows no app. Each app tells it, from its ``AppConfig.ready()``, which of its models readers see
(``register_content_models``), when its content changes without a save (``register_expiry``) and which hidden form
fields must be made per reader (``register_fresh_field``).

Pages carrying a CSRF token (the signup form) are stored with a placeholder instead of the token and each reader
gets their own token on the way out, so cached pages never share a token and forms keep working; the newsletter's
signed start time is made per reader the same way.
"""

import hashlib
import re
import threading
import time
import uuid
from collections import OrderedDict
from contextvars import ContextVar
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.cache import patch_cache_control

GENERATION_KEY = "pagecache:generation"
# The content key every public page carries: a change that touches everything (site settings) drops it.
SITE_KEY = "site"

# --- Registration: what the apps tell the cache --------------------------------------------------------------
# Models whose rows appear on public pages: model -> function(instance) -> content keys, or None.
_CONTENT_MODELS = {}
# Functions () -> the next datetime at which content changes with no save (a scheduled publication), or None.
_EXPIRIES = []
# Hidden form fields whose value must be made for each reader: name -> function(request) -> str.
_FRESH_FIELDS = {}


def register_content_models(*models, keys=None):
    """Rows of these models appear on public pages: saving or deleting one drops every cached page.

    ``keys``, if given, is a function(instance) -> iterable of content keys: names of what the row shows on (its own
    page, the lists it appears in), for a cache that can drop pages by key; see ``content_keys``. A many-to-many
    relation a model declares through Django's own table (an article's authors) is its content too.
    """
    for model in models:
        _CONTENT_MODELS[model] = keys
        label = model._meta.label
        post_save.connect(invalidate_pages, sender=model, dispatch_uid=f"pagecache-save-{label}")
        post_delete.connect(invalidate_pages, sender=model, dispatch_uid=f"pagecache-delete-{label}")
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            if through._meta.auto_created:
                uid = f"pagecache-m2m-{through._meta.label}"
                m2m_changed.connect(invalidate_pages, sender=through, dispatch_uid=uid)


def content_keys(instance):
    """The content keys a change to this row affects: the site-wide key and those its model registered."""
    keys_for = _CONTENT_MODELS.get(instance._meta.model)
    return {SITE_KEY, *(keys_for(instance) if keys_for else ())}


def register_expiry(next_change):
    """next_change() -> when content next changes by itself, or None. No cached page outlives that moment."""
    if next_change not in _EXPIRIES:
        _EXPIRIES.append(next_change)


def register_fresh_field(name, make_value):
    """A hidden input `name` gets a value made per response (make_value(request)), never a cached one."""
    _FRESH_FIELDS[name] = make_value


register_fresh_field("csrfmiddlewaretoken", get_token)


def _field_pattern(name):
    return re.compile(rb'(name="' + re.escape(name.encode()) + rb'" value=")[^"]*(")')


def _placeholder(name):
    return b"__fresh_" + name.encode() + b"__"


def _punch_holes(content):
    """The page with every per-reader value replaced by its placeholder: what we cache and what the ETag hashes."""
    for name in _FRESH_FIELDS:
        if name.encode() in content:
            content = _field_pattern(name).sub(rb"\1" + _placeholder(name) + rb"\2", content)
    return content


def _fill_holes(request, content):
    for name, make_value in _FRESH_FIELDS.items():
        placeholder = _placeholder(name)
        if placeholder in content:
            content = content.replace(placeholder, str(make_value(request)).encode())
    return content


# Cookies a cached anonymous page may set: the CSRF one is re-issued per reader on the way out.
_CACHEABLE_COOKIES = {settings.CSRF_COOKIE_NAME}


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


def invalidate_pages(**kwargs):
    """Signal receiver: bump now, and again once the transaction commits.

    The first bump makes the change visible to this process at once (and in tests); the second closes the race in
    which another request re-caches the old content, or reads the next publish time, between the save and the commit.
    """
    bump_generation()
    transaction.on_commit(bump_generation)


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


def cached_fragment(name, render, request):
    """A piece of HTML rendered once per content generation in this process, with this reader's own form values.

    ``render()`` makes the HTML on a miss; per-reader hidden fields in it (see ``register_fresh_field``) are stored
    as placeholders and filled for ``request`` on the way out, as for whole pages.
    """
    key = f"pagecache:{generation()}:fragment:{name}"
    template = _local_get(key)
    if template is None:
        template = _punch_holes(str(render()).encode())
        _local_set(key, template)
    return _fill_holes(request, template).decode()


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
    return set(response.cookies) <= _CACHEABLE_COOKIES


def _etag(template_bytes):
    return f'W/"{hashlib.md5(template_bytes, usedforsecurity=False).hexdigest()}"'


def cache_public_page(view):
    """Cache a public view's page for anonymous readers; always give it an ETag that ignores the CSRF token."""

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
        template = _punch_holes(response.content)
        if response.status_code == 200:
            response["ETag"] = _etag(template)

        if use_cache and _cacheable_response(response):
            valid_until = now + seconds
            if isinstance(state["next_change"], float):
                valid_until = min(valid_until, state["next_change"])
            if valid_until > now:
                # Stored by posttrain.page_cache on the way out, with the headers the whole stack added.
                response.page_cache_pending = (key, template, valid_until)
        patch_cache_control(response, max_age=0, must_revalidate=True)
        return response

    return wrapper


def store_finished_page(request, response):
    """Cache the page a cache_public_page view left on `response`, with the finished response's headers.

    Called by the page-cache middleware once every other middleware has run, so a hit served at the top of the stack
    carries the same headers (security, CSP, Vary) as the page did. Nothing is stored if the stack turned the answer
    into something else (a 304, a cookie other than the CSRF one).
    """
    pending = getattr(response, "page_cache_pending", None)
    if pending is None or not _cacheable_response(response):
        return
    key, template, valid_until = pending
    now = time.time()
    if valid_until <= now:
        return
    entry = {
        "content": template,
        "status": response.status_code,
        "headers": [
            (name, value)
            for name, value in response.items()
            if name.lower() not in ("set-cookie", "content-length")
        ],
        "valid_until": valid_until,
    }
    cache.set(key, entry, max(1, int(valid_until - now + 0.999)))


def cached_page(request):
    """The cached page for this anonymous GET/HEAD, if one is current: one cache round trip, or None."""
    if settings.PAGE_CACHE_SECONDS <= 0 or request.method not in ("GET", "HEAD"):
        return None
    return _cached_entry(request, time.time())


def response_from_entry(request, entry):
    response = HttpResponse(_fill_holes(request, entry["content"]), status=entry["status"])
    for name, value in entry["headers"]:
        response[name] = value
    patch_cache_control(response, max_age=0, must_revalidate=True)
    return response
