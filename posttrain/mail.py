"""The one way the site's e-mails are built: a subject / plain text / HTML triple of templates, one message.

Every app sends through this (the newsletter's campaigns and confirmations, the editors' notifications), so all
mail goes through settings.EMAIL_BACKEND from DEFAULT_FROM_EMAIL and always carries a plain-text part.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string


def render_email(name, context):
    """Render templates/emails/<name>_subject.txt, <name>.txt and <name>.html; the subject on one line."""
    subject = " ".join(render_to_string(f"emails/{name}_subject.txt", context).split())
    text = render_to_string(f"emails/{name}.txt", context)
    html = render_to_string(f"emails/{name}.html", context)
    return subject, text, html


def build_message(subject, text, html, to, *, headers=None, connection=None):
    """A message to one address: the plain text, with the HTML as its alternative."""
    message = EmailMultiAlternatives(
        subject, text, settings.DEFAULT_FROM_EMAIL, [to], headers=headers or {}, connection=connection
    )
    message.attach_alternative(html, "text/html")
    return message
