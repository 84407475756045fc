"""E-mail backends that fail on purpose, for the sending tests."""

from django.core.mail.backends import locmem


class BrokenBackend(locmem.EmailBackend):
    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")


class FlakyBackend(locmem.EmailBackend):
    """Raises the exception registered for a recipient's address; sends the rest like locmem."""

    failures: dict = {}

    def send_messages(self, messages):
        for message in messages:
            failure = self.failures.get(message.to[0])
            if failure is not None:
                raise failure() if callable(failure) else failure
        return super().send_messages(messages)
