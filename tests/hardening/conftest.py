import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from django.conf import settings

PRODUCTION_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": "production-like-secret-key-for-tests-0123456789abcdefghijklmnopqrstuvwxyz",
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
}


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def collected_static(tmp_path_factory):
    """Hashed static files, as a production deploy has them after collectstatic."""
    root = tmp_path_factory.mktemp("static")
    env = {**os.environ, **PRODUCTION_ENV, "STATIC_ROOT": str(root)}
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        env=env, cwd=settings.BASE_DIR, check=True,
    )
    return root


def get(url, timeout=10):
    """(status, headers, body) without raising on 4xx/5xx."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


@pytest.fixture
def production_server(collected_static):
    """Start gunicorn in production mode with extra environment; yields a function that returns its base URL."""
    procs = []

    def start(**extra_env):
        port = free_port()
        env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "CELERY_", "REDIS_", "CACHE_"))},
            **PRODUCTION_ENV,
            "STATIC_ROOT": str(collected_static),
            "SITE_URL": f"http://127.0.0.1:{port}",
            **extra_env,
        }
        proc = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "posttrain.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1",
             "--timeout", "30"],
            env=env, cwd=settings.BASE_DIR, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )
        procs.append(proc)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                pytest.fail(f"gunicorn exited: {proc.stderr.read().decode()[-2000:]}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                return f"http://127.0.0.1:{port}"
            except OSError:
                time.sleep(0.2)
        pytest.fail("gunicorn did not start")

    yield start
    for proc in procs:
        proc.terminate()
        proc.wait(timeout=10)
