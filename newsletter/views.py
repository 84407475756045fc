import logging

from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST, require_safe
from django_ratelimit.core import is_ratelimited

from articles.models import Series
from posttrain.same_origin import same_origin_post

from . import clicks, follows, subscriptions
from .addresses import normalise_email_or_lower
from .consent import CONSENT_TEXT
from .forms import FollowSeriesForm, PreferencesForm, SignupForm
from .mailing_models import SeriesFollow
from .models import Campaign, Subscriber
from .tokens import ExpiredToken, InvalidToken, matches, read_confirm_token, read_manage_token

ONE_CLICK_FIELD, ONE_CLICK_VALUE = "List-Unsubscribe", "One-Click"
logger = logging.getLogger(__name__)


def rate_limited(request, exception=None):
    """The friendly 429 page; also django-ratelimit's RATELIMIT_VIEW."""
    return render(request, "newsletter/rate_limited.html", status=429)


def _over_limit(request, group, address):
    """Count this request against the per-IP and the per-address limits; True if either is exceeded.

    If the shared cache is down the limits fail open: a signup must not be lost to a Redis outage, and the
    one-confirmation-an-hour cap still holds because it lives in the database.
    """
    try:
        return _count_limits(request, group, address)
    except Exception:
        logger.warning("Rate-limit cache unavailable; letting the request through", exc_info=True)
        return False


def _count_limits(request, group, address):
    by_ip = is_ratelimited(
        request, group=f"{group}:ip", key="ip", rate=settings.NEWSLETTER_SIGNUP_RATE, method="POST", increment=True
    )
    by_address = is_ratelimited(
        request, group=f"{group}:address", key=lambda group, request: address[:254] or "-",
        rate=settings.NEWSLETTER_ADDRESS_RATE, method="POST", increment=True,
    )
    return by_ip or by_address


def _signup_page(request, form, status=200):
    return render(request, "newsletter/signup.html", {"form": form, "consent_text": CONSENT_TEXT}, status=status)


# No CSRF token: every page carries this form, and a token would make each page different for each reader, so no
# shared cache could hold it. A POST from another site is refused instead; the honeypot, the rate limits and double
# opt-in do the rest (SECURITY.md, "The signup form without a token").
@same_origin_post
@never_cache
@require_http_methods(["GET", "POST"])
def signup(request):
    if request.method == "GET":
        return _signup_page(request, SignupForm(initial={"source": request.GET.get("source", "newsletter")[:200]}))
    form = SignupForm(request.POST)
    # Counted before the form is judged, so hammering with bad input spends the limits too.
    if _over_limit(request, "signup", normalise_email_or_lower(request.POST.get("email", ""))):
        return rate_limited(request)
    if not form.is_valid():
        # Only the address's format is judged here, never whether it is known.
        return _signup_page(request, form, status=400)
    if not form.is_bot():
        subscriptions.sign_up(
            form.cleaned_data["email"],
            interests=form.cleaned_data["interests"],
            source=form.cleaned_data["source"],
            ip=request.META.get("REMOTE_ADDR", ""),
            user_agent=request.META.get("HTTP_USER_AGENT", ""),
        )
    # The same answer for a new, pending, confirmed or unsubscribed address, and for a bot.
    return redirect("newsletter:check_inbox")


@require_GET
def check_inbox(request):
    return render(request, "newsletter/check_inbox.html")


def _invalid_link(request, status=400):
    return render(request, "newsletter/invalid_link.html", status=status)


def _subscriber_for(payload):
    subscriber = Subscriber.objects.filter(pk=payload[0]).first()
    return subscriber if matches(subscriber, payload) else None


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    """GET shows a button; only the POST confirms, so a mail scanner following the link confirms nobody."""
    try:
        payload = read_confirm_token(token)
    except ExpiredToken as expired:
        subscriber = _subscriber_for(expired.payload)
        return render(
            request, "newsletter/confirm_expired.html", {"token": token, "can_resend": subscriber is not None},
            status=410,
        )
    except InvalidToken:
        return _invalid_link(request)
    subscriber = _subscriber_for(payload)
    if subscriber is None:
        return _invalid_link(request, status=404)
    if request.method == "POST":
        if subscriber.status == Subscriber.Status.UNSUBSCRIBED:
            return _invalid_link(request, status=409)
        subscriptions.confirm(
            subscriber, ip=request.META.get("REMOTE_ADDR", ""), user_agent=request.META.get("HTTP_USER_AGENT", "")
        )
        return render(request, "newsletter/confirmed.html", {"subscriber": subscriber})
    return render(request, "newsletter/confirm.html", {"subscriber": subscriber, "token": token})


@never_cache
@require_POST
def resend_confirmation(request, token):
    """An expired confirmation link offers a new one; the hourly cap still applies.

    The limits count per IP and per address, the address taken from the link; a forged or stale link is refused
    before anything is counted, so it spends nobody's limit.
    """
    try:
        payload = read_confirm_token(token)
    except ExpiredToken as expired:
        payload = expired.payload
    except InvalidToken:
        return _invalid_link(request)
    subscriber = _subscriber_for(payload)
    if subscriber is None:
        return _invalid_link(request, status=404)
    if _over_limit(request, "resend", subscriber.email):
        return rate_limited(request)
    subscriptions.resend_confirmation(subscriber)
    return redirect("newsletter:check_inbox")


def _manage_subscriber(token):
    try:
        payload = read_manage_token(token)
    except InvalidToken:
        return None, 400
    subscriber = _subscriber_for(payload)
    return subscriber, (404 if subscriber is None else None)


@never_cache
@require_http_methods(["GET", "POST"])
def preferences(request, token):
    subscriber, error = _manage_subscriber(token)
    if error:
        return _invalid_link(request, status=error)
    saved = False
    all_series = Series.objects.select_related("vertical")
    if request.method == "POST":
        form = PreferencesForm(request.POST, series=all_series)
        if form.is_valid():
            subscriber.interests.set(form.cleaned_data["interests"])
            follows.set_follows(subscriber, form.follow_modes())
            saved = True
    else:
        initial = {"interests": subscriber.interests.all()}
        prefix = PreferencesForm.SERIES_PREFIX
        initial.update({f"{prefix}{pk}": mode for pk, mode in follows.follows_of(subscriber).items()})
        # The link from the series page's e-mail: that series chosen, waiting for the reader to save.
        asked = all_series.filter(slug=request.GET.get("follow", "")[:200]).first()
        if asked is not None and request.GET.get("mode") in SeriesFollow.Mode.values:
            initial[f"{prefix}{asked.pk}"] = request.GET["mode"]
        form = PreferencesForm(initial=initial, series=all_series)
    context = {"form": form, "subscriber": subscriber, "token": token, "saved": saved,
               "asked": None if request.method == "POST" else asked}
    status = 400 if form.is_bound and not form.is_valid() else 200
    return render(request, "newsletter/preferences.html", context, status=status)


# No CSRF token, as with the signup form: the series page carries this form and must be the same bytes for everyone.
# What it does is mail a link that the address's owner must open, so a forged POST achieves nothing but a mail.
@same_origin_post
@never_cache
@require_POST
def follow_series(request):
    """The series page's form: mail the reader a link to their preferences with the series chosen. The answer is
    the same whether or not the address subscribes."""
    form = FollowSeriesForm(request.POST)
    if _over_limit(request, "follow", normalise_email_or_lower(request.POST.get("email", ""))):
        return rate_limited(request)
    if not form.is_valid():
        return render(request, "newsletter/follow_series.html", {"form": form}, status=400)
    follows.ask_to_follow(form.cleaned_data["email"], form.cleaned_data["series"], form.cleaned_data["mode"])
    return render(request, "newsletter/follow_requested.html", {"series": form.cleaned_data["series"]})


def _is_one_click(request):
    if request.method != "POST":
        return False
    if request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
        return request.POST.get(ONE_CLICK_FIELD) == ONE_CLICK_VALUE
    # Some senders omit the content type; the body is still the one RFC 8058 defines.
    return request.body[:64].strip() == f"{ONE_CLICK_FIELD}={ONE_CLICK_VALUE}".encode()


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """GET shows a page with a button; POST unsubscribes.

    RFC 8058: a mail client POSTs exactly "List-Unsubscribe=One-Click", with no cookie and no CSRF token. That one
    body is exempt from CSRF; any other POST (the button on the page) goes through the normal CSRF check.
    """
    one_click = _is_one_click(request)
    if request.method == "POST" and not one_click:
        rejected = CsrfViewMiddleware(lambda r: None).process_view(request, None, (), {})
        if rejected is not None:
            return rejected
    subscriber, error = _manage_subscriber(token)
    if error:
        if one_click:
            return HttpResponse("Invalid unsubscribe link.\n", status=error, content_type="text/plain")
        return _invalid_link(request, status=error)
    if request.method == "GET":
        return render(request, "newsletter/unsubscribe.html", {"subscriber": subscriber, "token": token})
    reason = Subscriber.UnsubscribeReason.ONE_CLICK if one_click else Subscriber.UnsubscribeReason.READER
    subscriptions.unsubscribe(subscriber, reason)
    if one_click:
        return HttpResponse("Unsubscribed.\n", content_type="text/plain")
    return render(request, "newsletter/unsubscribed.html", {"subscriber": subscriber, "token": token})


@staff_member_required
@never_cache
@require_GET
def campaign_progress(request, pk):
    """Polled by the admin's campaign page (static/newsletter/campaign-progress.js) while a send runs."""
    if not request.user.has_perm("newsletter.view_campaign"):
        return JsonResponse({"error": "forbidden"}, status=403)
    campaign = get_object_or_404(Campaign, pk=pk)
    return JsonResponse(campaign.progress())


@never_cache
@require_safe
def click(request, token):
    """A link from a mailing: count it for its campaign and link (nothing about the reader) and go on to the URL
    signed into the token. A token we did not make is refused and counts nothing; HEAD requests (link checkers in
    mail gateways) are followed without counting."""
    try:
        campaign_id, url, test = clicks.read_token(token)
    except clicks.InvalidClick:
        return _invalid_link(request)
    if request.method == "GET" and not test:
        clicks.count(campaign_id, url)
    response = HttpResponseRedirect(url)
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex"
    return response
