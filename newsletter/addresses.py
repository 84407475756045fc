"""One spelling per mailbox: the form, the model and the data migrations all store addresses through here.

The domain is stored in its IDNA ASCII form (IDNA 2008 with the UTS #46 mapping, as browsers and mail systems
resolve it): `bob@bücher.de`, `bob@BÜCHER.de` and `bob@xn--bcher-kva.de` are one mailbox and one row, and the mail
goes out with the ASCII domain, which every SMTP server accepts. The local part is lower-cased, as before.
"""

import idna


class InvalidDomain(ValueError):
    """The part after the @ is no domain name IDNA can encode (an invalid A-label, a symbol, an empty label...)."""


def canonical_domain(domain):
    if domain.isascii() and "xn--" not in domain.lower():
        # Plain ASCII needs only lower case; IDNA's stricter rules would refuse what mail accepts, like
        # an address literal `[192.0.2.1]`, which the address validator judges instead.
        return domain.lower()
    try:
        return idna.encode(domain, uts46=True).decode("ascii")
    except (idna.IDNAError, UnicodeError) as exc:
        raise InvalidDomain(str(exc)) from None


def normalise_email(email):
    """Trimmed, local part lower-cased, domain in IDNA ASCII form. Raises InvalidDomain for a domain IDNA refuses."""
    email = (email or "").strip()
    local, at, domain = email.rpartition("@")
    if not at:
        return email.lower()
    return f"{local.lower()}@{canonical_domain(domain)}"


def normalise_email_or_lower(email):
    """For lookups of addresses from outside (a provider's webhook, a rate-limit key): never raises."""
    try:
        return normalise_email(email)
    except InvalidDomain:
        return (email or "").strip().lower()
