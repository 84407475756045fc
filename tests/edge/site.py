"""The production path for end-to-end tests: a real varnishd running the shipped VCL in front of gunicorn.

gunicorn serves the test database and shares the test process's Redis cache, so a change the test commits bumps
the page-cache generation gunicorn reads, and the purge the commit sends (tasks inline, from this process) reaches
the Varnish in front of it: exactly what a reader would see in production.
"""

import os
import signal
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import connection

from tests.hardening.conftest import PRODUCTION_ENV

from .varnish import Varnish, free_port

# Importing Django in a worker takes seconds on a loaded 2-core CI machine; it has taken 26.
START_SECONDS = 120


def database_url():
    db = connection.settings_dict
    auth = urllib.parse.quote(db["USER"] or "postgres")
    if db.get("PASSWORD"):
        auth += ":" + urllib.parse.quote(db["PASSWORD"])
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def cache_url():
    """The Redis URL of this process's cache, for gunicorn to share; None if the cache is not Redis."""
    cache = settings.CACHES["default"]
    if "redis" not in cache["BACKEND"].lower():
        return None
    location = cache["LOCATION"]
    return location[0] if isinstance(location, list | tuple) else location


@contextmanager
def gunicorn(port, static_root, log_path, **extra_env):
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "CELERY_", "REDIS_", "CACHE_"))},
        **PRODUCTION_ENV,
        # The same key as this process: the newsletter links the test makes must be valid there.
        "SECRET_KEY": settings.SECRET_KEY,
        "STATIC_ROOT": str(static_root),
        "DATABASE_URL": database_url(),
        "REDIS_URL": cache_url(),
        "CACHE_KEY_PREFIX": settings.CACHES["default"].get("KEY_PREFIX", ""),
        "AXES_ENABLED": "false",
        "PYTHONUNBUFFERED": "1",
        **extra_env,
    }
    with open(log_path, "wb") as log:  # a file, not a pipe: a pipe nobody reads would stall gunicorn when full
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "posttrain.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2",
             "--timeout", "30", "--no-control-socket"],
            env=env, cwd=settings.BASE_DIR, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )
    try:
        try:
            _wait_until_answering(port, time.monotonic() + START_SECONDS, process)
        except RuntimeError as error:
            raise RuntimeError(f"{error}: {log_path.read_text(errors='replace')[-3000:]}") from None
        yield process
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)


def _workers(process):
    return set(Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text().split())


def _wait_until_answering(port, deadline, process):
    while True:
        if process.poll() is not None:
            raise RuntimeError("gunicorn exited")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/robots.txt", timeout=5):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise RuntimeError("gunicorn did not answer") from None
            time.sleep(0.2)


def restart_workers(process, port, seconds=120):
    """New gunicorn workers (SIGHUP), for a test that needs processes without another test's in-memory caches:
    the tests' database flushes recreate ContentType rows under new ids, which a running process has cached."""
    old = _workers(process)
    os.kill(process.pid, signal.SIGHUP)
    deadline = time.monotonic() + seconds
    while not ((current := _workers(process)) and not current & old and len(current) == len(old)):
        if time.monotonic() > deadline:
            raise RuntimeError("gunicorn did not replace its workers")
        time.sleep(0.05)
    for _ in range(2 * len(old)):  # each new worker has booted and answers
        _wait_until_answering(port, deadline, process)


@contextmanager
def django_behind_varnish(workdir, static_root):
    """(varnish, base URL): gunicorn on one free port, the shipped VCL in front of it on another."""
    django_port, varnish_port = free_port(), free_port()
    site_url = f"http://127.0.0.1:{varnish_port}"
    with gunicorn(
        django_port, static_root, workdir / "gunicorn.log",
        SITE_URL=site_url,
        # gunicorn names the content keys; the purges go out from the test process, where the changes are made.
        FRONTEND_CACHE_URLS=f"varnish://127.0.0.1:{varnish_port}",
        PAGE_CACHE_SECONDS="300",
    ) as django, Varnish(workdir, django_port, port=varnish_port) as varnish:
        varnish.django = django
        yield varnish, site_url
