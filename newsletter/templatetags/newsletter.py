# Placeholder until the newsletter app lands: the signup form tag the reader templates use.
from django import template

register = template.Library()


@register.inclusion_tag("includes/signup_form.html", takes_context=True)
def signup_form(context, source=""):
    return {"source": source}
