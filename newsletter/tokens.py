"""Signed links in e-mails. Nothing is stored: the signature (SECRET_KEY) is the proof.

Every token carries the subscriber's id and a keyed digest of the address, so a link keeps pointing at the
person it was sent to even if the row is erased and its id reused.
"""

from django.conf import settings
from django.core import signing
from django.utils.crypto import salted_hmac

CONFIRM_SALT = "newsletter.confirm"
MANAGE_SALT = "newsletter.manage"


class InvalidToken(Exception):
    """The token was not made by us, or was altered."""


class ExpiredToken(InvalidToken):
    """The signature is good but the link is older than it may be; `payload` says who it was for."""

    def __init__(self, payload):
        super().__init__("expired")
        self.payload = payload


def _digest(email):
    return salted_hmac("newsletter.token", email).hexdigest()[:16]


def _payload(subscriber):
    return [subscriber.pk, _digest(subscriber.email)]


def matches(subscriber, payload):
    return subscriber is not None and payload[1] == _digest(subscriber.email)


def _load(token, salt, max_age=None):
    try:
        payload = signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired:
        # The signature itself is valid: reading it again without an age limit cannot fail for tampering.
        raise ExpiredToken(_load(token, salt)) from None
    except (signing.BadSignature, ValueError, TypeError, UnicodeError) as exc:
        raise InvalidToken(str(exc)) from None
    if not (isinstance(payload, list) and len(payload) == 2 and isinstance(payload[0], int)):
        raise InvalidToken("malformed")
    return payload


def make_confirm_token(subscriber):
    return signing.dumps(_payload(subscriber), salt=CONFIRM_SALT)


def read_confirm_token(token):
    """Return [subscriber id, digest]; raise ExpiredToken after NEWSLETTER_CONFIRM_MAX_AGE, InvalidToken if forged."""
    return _load(token, CONFIRM_SALT, max_age=settings.NEWSLETTER_CONFIRM_MAX_AGE)


def make_manage_token(subscriber):
    """The per-subscriber link to preferences and unsubscribe. It does not expire: old e-mails must keep working."""
    return signing.dumps(_payload(subscriber), salt=MANAGE_SALT)


def read_manage_token(token):
    return _load(token, MANAGE_SALT)
