"""An SMTP server on loopback that accepts every message and counts it: the far end of every send we measure.

It runs aiosmtpd in a process of its own, so neither the Celery worker nor the smtplib baseline shares a CPU
interpreter lock with it, and it publishes its counters through shared memory.
"""

import multiprocessing
import smtplib
import time
from email.message import EmailMessage

from aiosmtpd.controller import Controller

_ctx = multiprocessing.get_context("fork")


class _Counter:
    def __init__(self, count, recipients, size, first, last):
        self.count, self.recipients, self.size, self.first, self.last = count, recipients, size, first, last

    async def handle_DATA(self, server, session, envelope):
        now = time.time()
        with self.count.get_lock():
            if self.count.value == 0:
                self.first.value = now
            self.count.value += 1
            self.recipients.value += len(envelope.rcpt_tos)
            self.size.value += len(envelope.content or b"")
            self.last.value = now
        return "250 Message accepted for delivery"


def _serve(port, ready, stop, counters):
    controller = Controller(_Counter(*counters), hostname="127.0.0.1", port=port, ready_timeout=10)
    controller.start()
    ready.set()
    try:
        stop.wait()
    except KeyboardInterrupt:
        pass
    finally:
        controller.stop()


class Sink:
    def __init__(self, port):
        self.port = port
        self._count = _ctx.Value("q", 0)
        self._recipients = _ctx.Value("q", 0)
        self._size = _ctx.Value("q", 0)
        self._first = _ctx.Value("d", 0.0)
        self._last = _ctx.Value("d", 0.0)
        self._ready = _ctx.Event()
        self._stop = _ctx.Event()
        self._process = None

    def start(self):
        counters = (self._count, self._recipients, self._size, self._first, self._last)
        self._process = _ctx.Process(
            target=_serve, args=(self.port, self._ready, self._stop, counters), name="bench-smtp-sink", daemon=True
        )
        self._process.start()
        if not self._ready.wait(15):
            self.stop()
            raise RuntimeError("the SMTP sink did not start")
        return self

    def stop(self):
        if self._process is None:
            return
        self._stop.set()
        self._process.join(10)
        if self._process.is_alive():
            self._process.kill()
            self._process.join(5)
        self._process = None

    @property
    def pid(self):
        return self._process.pid if self._process else None

    def reset(self):
        with self._count.get_lock():
            self._count.value = self._recipients.value = self._size.value = 0
            self._first.value = self._last.value = 0.0

    def snapshot(self):
        with self._count.get_lock():
            count, first, last = self._count.value, self._first.value, self._last.value
            recipients, size = self._recipients.value, self._size.value
        window = last - first
        return {
            "messages": count,
            "recipients": recipients,
            "avg_bytes": round(size / count) if count else 0,
            "first": first,
            "last": last,
            # Messages after the first, over the time from the first to the last: the steady rate at the server.
            "rate": round((count - 1) / window, 1) if count > 1 and window > 0 else None,
        }

    def wait_for(self, count, timeout, idle=None):
        """Wait until the sink has `count` messages; give up after `timeout`, or after `idle` s without one."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            snap = self.snapshot()
            if snap["messages"] >= count:
                return True
            if idle and snap["last"] and time.time() - snap["last"] > idle:
                return False
            time.sleep(0.05)
        return False


def sample_message(index, sender, to, text, html):
    message = EmailMessage()
    message["Subject"] = "PostTrain is live: the launch issue"
    message["From"] = sender
    message["To"] = to
    message["Message-ID"] = f"<bench-{index}@posttrain.bench>"
    message["List-Unsubscribe"] = f"<http://127.0.0.1/newsletter/unsubscribe/bench-{index}/>"
    message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message.set_content(text)
    message.add_alternative(html, subtype="html")
    return message


def smtplib_baseline(port, count, text, html):
    """The raw rate: build each text+HTML message and send it over one reused smtplib connection."""
    started = time.monotonic()
    with smtplib.SMTP("127.0.0.1", port, timeout=30) as smtp:
        for index in range(count):
            to = f"baseline-{index}@example.com"
            message = sample_message(index, "PostTrain <newsletter@posttrain.bench>", to, text, html)
            smtp.send_message(message)
    return time.monotonic() - started
