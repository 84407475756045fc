"""A real SMTP server on loopback (aiosmtpd) that records every message it accepts, for the integration tests.

It can refuse mail with a temporary error (451) for a while, to prove that the sender retries and stamps nothing
it was not accepted, and answer "550 5.1.1 user unknown" for chosen mailboxes, as a real server does for an address
that does not exist.
"""

import logging
import socket
import threading
import time
from email import message_from_bytes
from email.policy import default as default_policy

from aiosmtpd.controller import Controller

# aiosmtpd logs every SMTP command at INFO: thousands of lines per test, and slower.
logging.getLogger("mail.log").setLevel(logging.WARNING)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class RecordingHandler:
    def __init__(self):
        self.lock = threading.Lock()
        self.accepted = []  # (recipients, raw bytes)
        self.refused = 0
        self.refuse_until = 0.0
        self.unknown = set()  # mailboxes answered 550 5.1.1 on RCPT
        self.refused_unknown = []

    def refuse_for(self, seconds):
        self.refuse_until = time.monotonic() + seconds

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.unknown:
            with self.lock:
                self.refused_unknown.append(address)
            return f"550 5.1.1 <{address}>: Recipient address rejected: User unknown"
        if time.monotonic() < self.refuse_until:
            with self.lock:
                self.refused += 1
            return "451 4.3.0 Mailbox busy, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.accepted.append((list(envelope.rcpt_tos), envelope.original_content or envelope.content))
        return "250 2.0.0 Accepted"

    def count(self):
        with self.lock:
            return len(self.accepted)

    def messages(self):
        with self.lock:
            accepted = list(self.accepted)
        return [(rcpts, message_from_bytes(raw, policy=default_policy)) for rcpts, raw in accepted]


class SmtpSink:
    def __init__(self):
        self.handler = RecordingHandler()
        self.port = free_port()
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exc):
        self.controller.stop()
