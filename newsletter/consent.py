"""What a reader agrees to when signing up. Each consent record names the version of the text that was shown."""

# Bump the version whenever the text changes.
CONSENT_TEXT_VERSION = "2026-11-1"
CONSENT_TEXT = (
    "We will e-mail you to confirm, then send the PostTrain newsletter on the topics you chose. "
    "Every e-mail has a one-click unsubscribe link. We keep your address, your choices and a record of this consent, "
    "nothing else."
)
