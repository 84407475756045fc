from django import template

from ..consent import CONSENT_TEXT
from ..forms import FollowSeriesForm, SignupForm

register = template.Library()


@register.inclusion_tag("includes/signup_form.html", takes_context=True)
def signup_form(context, source=""):
    """The newsletter signup form for any page: `{% load newsletter %}{% signup_form source="home" %}`.

    A plain POST form (no JavaScript needed) to the signup view, labelled for screen readers. It holds nothing made
    for one reader (no CSRF token), so the page it is on stays the same for everyone and a shared cache can keep it.
    """
    return {
        "form": SignupForm(initial={"source": source}),
        "consent_text": CONSENT_TEXT,
        "request": context.get("request"),
    }


@register.inclusion_tag("includes/follow_series_form.html", takes_context=True)
def follow_series_form(context, series):
    """"Follow this series" for the series page: `{% load newsletter %}{% follow_series_form series %}`."""
    return {
        "form": FollowSeriesForm(initial={"series": series.slug}),
        "series": series,
        "csrf_token": context.get("csrf_token"),
    }
