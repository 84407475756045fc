from django import forms
from django.core.exceptions import ValidationError
from django.core.mail.message import sanitize_address
from django.core.validators import validate_email

from articles.models import Series
from verticals.models import Vertical

from .addresses import InvalidDomain, normalise_email
from .mailing_models import SeriesFollow


class InterestsField(forms.ModelMultipleChoiceField):
    """Verticals by id. An id beyond 64 bits is an invalid choice (SQLite raises OverflowError instead of no match)."""

    def _check_values(self, value):
        for pk in value:
            try:
                too_big = abs(int(str(pk).strip())) >= 2**63
            except ValueError:
                continue  # Django's own check calls it invalid
            if too_big:
                raise ValidationError(self.error_messages["invalid_pk_value"], code="invalid_pk_value",
                                      params={"pk": pk})
        return super()._check_values(value)


class SignupForm(forms.Form):
    email = forms.EmailField(
        label="Your e-mail address",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "required": True, "inputmode": "email"}),
        error_messages={
            "required": "Please enter your e-mail address.",
            "invalid": "Please enter a valid e-mail address, like name@example.org.",
            "domain": "Please check the part after the @: it is not a domain name we can send e-mail to.",
        },
    )
    interests = InterestsField(
        label="Topics (optional)",
        queryset=Vertical.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    # Not length-checked: a long page address must not fail the signup; clean_source() shortens it.
    source = forms.CharField(required=False, widget=forms.HiddenInput)
    # The honeypot: people never see it, so anything typed here came from a bot.
    website = forms.CharField(
        label="Leave this field empty",
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "signup-%s")
        super().__init__(*args, **kwargs)

    def clean_email(self):
        try:
            email = normalise_email(self.cleaned_data["email"])
        except InvalidDomain:
            raise ValidationError(self.fields["email"].error_messages["domain"], code="domain") from None
        # Judge the address as it will be stored and mailed: lower-casing can lengthen or break one ("İ" becomes "i"
        # and a combining dot), and Django's validator lets a few non-ASCII letters into the local part through
        # case folding ("ſ", "K"), which no mail server without SMTPUTF8 accepts.
        try:
            validate_email(email)
            sanitize_address(email, "utf-8")
        except (ValidationError, ValueError):
            email = ""
        if not email or len(email) > 254 or not email.rpartition("@")[0].isascii():
            raise ValidationError(self.fields["email"].error_messages["invalid"], code="invalid")
        return email

    def clean_source(self):
        return "".join(ch for ch in self.cleaned_data["source"] if ch.isprintable())[:200]

    def is_bot(self):
        """Filled the honeypot. Bots are answered as if they had succeeded, so they learn nothing to adapt to.

        There is no fill-time check: it needs a start time made for each reader, and the form is on pages that are
        the same bytes for everyone (SECURITY.md, "The signup form without a token").
        """
        return bool(self.data.get("website"))


class PreferencesForm(forms.Form):
    interests = InterestsField(
        label="Topics you want to hear about",
        queryset=Vertical.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Choose none to get everything we send to all subscribers, and every topic in the weekly digest.",
    )

    SERIES_PREFIX = "series-"
    FOLLOW_CHOICES = [("", "Not following"), *SeriesFollow.Mode.choices]

    def __init__(self, *args, series=(), **kwargs):
        super().__init__(*args, **kwargs)
        for one in series:
            self.fields[f"{self.SERIES_PREFIX}{one.pk}"] = forms.ChoiceField(
                label=one.title, choices=self.FOLLOW_CHOICES, required=False, widget=forms.RadioSelect
            )

    def series_fields(self):
        return [self[name] for name in self.fields if name.startswith(self.SERIES_PREFIX)]

    def follow_modes(self):
        """{series id: mode or ""} from the submitted form."""
        prefix = self.SERIES_PREFIX
        return {int(name[len(prefix):]): value for name, value in self.cleaned_data.items() if name.startswith(prefix)}


class FollowSeriesForm(forms.Form):
    """The series page's "follow this series" form: the address to mail the reader's own link to."""

    email = SignupForm.base_fields["email"]
    series = forms.ModelChoiceField(queryset=Series.objects.all(), to_field_name="slug", widget=forms.HiddenInput)
    mode = forms.ChoiceField(
        label="Send me new parts", choices=SeriesFollow.Mode.choices, initial=SeriesFollow.Mode.DIGEST,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "follow-%s")
        super().__init__(*args, **kwargs)

    clean_email = SignupForm.clean_email
