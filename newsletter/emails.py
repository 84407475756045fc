"""Rendering and building the newsletter's e-mails: confirmation, welcome, campaign messages and test sends."""

from email.utils import parseaddr
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse

from posttrain import mail
from posttrain.web import absolute_url
from verticals.models import SiteSettings

from .addresses import normalise_email_or_lower
from .clicks import rewrite_links
from .models import Campaign, Subscriber
from .tokens import make_confirm_token, make_manage_token

UNSUBSCRIBE_MARK = "__posttrain_unsubscribe_url__"
PREFERENCES_MARK = "__posttrain_preferences_url__"


def mail_domain():
    address = parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    return address.rpartition("@")[2] or urlsplit(settings.SITE_URL).hostname or "localhost"


def subscriber_links(subscriber):
    token = make_manage_token(subscriber)
    return {
        "unsubscribe_url": absolute_url(reverse("newsletter:unsubscribe", args=[token])),
        "preferences_url": absolute_url(reverse("newsletter:preferences", args=[token])),
    }


def confirm_url(subscriber):
    return absolute_url(reverse("newsletter:confirm", args=[make_confirm_token(subscriber)]))


def render_email(name, context):
    """Render the subject / text / HTML triple templates/emails/<name>_subject.txt, <name>.txt, <name>.html."""
    return mail.render_email(name, {"site_settings": SiteSettings.load(), "site_url": settings.SITE_URL, **context})


def build_message(subject, text, html, to, *, unsubscribe_url, message_id=None, connection=None, metadata=None):
    headers = {
        # RFC 8058: mail clients offer one-click unsubscribe and POST "List-Unsubscribe=One-Click" to this URL.
        "List-Unsubscribe": f"<{unsubscribe_url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    if message_id:
        headers["Message-ID"] = message_id
    message = mail.build_message(subject, text, html, to, headers=headers, connection=connection)
    if metadata:
        # Anymail hands this to the provider, which returns it in its bounce and complaint events (bounces.py);
        # Django's SMTP backend ignores it.
        message.metadata = metadata
    return message


def send_templated(name, subscriber, context=None):
    links = subscriber_links(subscriber)
    subject, text, html = render_email(name, {"subscriber": subscriber, **links, **(context or {})})
    build_message(subject, text, html, subscriber.email, unsubscribe_url=links["unsubscribe_url"]).send()


class NothingNew(Exception):
    """This reader has nothing in this mailing (a digest with none of their topics): the delivery is skipped."""


class CampaignMessages:
    """Renders the campaign once; each recipient costs only a token, two replaces and the MIME build.

    `preview()` shows the links as written; the messages that go out (`build()`) have every link rewritten once
    to the click-counting redirect (clicks.py). Subclasses (article_emails.py) fill in the articles per reader."""

    template = "campaign"

    def __init__(self, campaign, connection=None, test=False, web=False):
        self.campaign = campaign
        self.connection = connection
        self.test = test
        self.web = web
        self._tracked = None
        self.domain = mail_domain()
        why = "You get this because you subscribed to the PostTrain newsletter"
        if campaign.audience == Campaign.Audience.VERTICALS:
            why += " and chose " + ", ".join(v.name for v in campaign.verticals.all())
        self.why_text = why + "."
        context = {
            "campaign": campaign,
            "why_text": self.why_text,
            "unsubscribe_url": UNSUBSCRIBE_MARK,
            "preferences_url": PREFERENCES_MARK,
            "test": test,
            "archive_url": absolute_url(campaign.get_absolute_url()) if campaign.slug else "",
            **self.extra_context(),
        }
        if web:
            # The archive's web copy: nobody's links, and links to the archive and the signup instead.
            context.update(
                unsubscribe_url="", preferences_url="", archive_url="", web=True,
                archive_list_url=reverse("newsletter:archive"), signup_url=reverse("newsletter:signup"),
            )
        self.subject, self.text, self.html = render_email(self.template, context)

    def extra_context(self):
        return {}

    def prefetch(self, deliveries):
        """Load in one go whatever build() needs per reader of a claimed batch (see article_emails.DigestMessages)."""

    def bodies(self, subscriber):
        """(text, html) for this reader, still with the link marks in them; None is the editor's preview (links as
        written), a reader gets the links through the click redirect."""
        return (self.text, self.html) if subscriber is None else self.tracked()

    def tracked(self):
        """(text, html) with every http(s) link going through the click redirect; rewritten once per campaign."""
        if self._tracked is None:
            self._tracked = self.track(self.text, self.html)
        return self._tracked

    def track(self, text, html):
        """(text, html) of a piece of this campaign's e-mail with its links through the click redirect (clicks.py)."""
        html, text = rewrite_links(self.campaign, html, text, test=self.test)
        return text, html

    def preview(self, link="#"):
        def fill(body):
            return body.replace(UNSUBSCRIBE_MARK, link).replace(PREFERENCES_MARK, link)

        text, html = self.bodies(None)
        return self.subject, fill(text), fill(html)

    def message_id(self, delivery_id):
        return f"<campaign-{self.campaign.pk}.delivery-{delivery_id}@{self.domain}>"

    def build(self, subscriber, message_id=None, subject=None, delivery_id=None):
        links = subscriber_links(subscriber)
        unsubscribe_url, preferences_url = links["unsubscribe_url"], links["preferences_url"]
        text, html = self.bodies(subscriber)
        text = text.replace(UNSUBSCRIBE_MARK, unsubscribe_url).replace(PREFERENCES_MARK, preferences_url)
        html = html.replace(UNSUBSCRIBE_MARK, unsubscribe_url).replace(PREFERENCES_MARK, preferences_url)
        return build_message(
            subject or self.subject,
            text,
            html,
            subscriber.email,
            unsubscribe_url=unsubscribe_url,
            message_id=message_id,
            connection=self.connection,
            metadata={"newsletter_delivery": str(delivery_id)} if delivery_id else None,
        )


def send_test(campaign, email, messages=None):
    """'Send a test to me': the real message to one address, with no Delivery row and no effect on the campaign."""
    known = Subscriber.objects.filter(email=normalise_email_or_lower(email)).first()
    subscriber = known or Subscriber(pk=0, email=email)
    messages = messages or CampaignMessages(campaign, test=True)
    messages.build(subscriber, subject=f"[Test] {messages.subject}").send()
