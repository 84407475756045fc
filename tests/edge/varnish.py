"""A real varnishd running the shipped VCL, for tests: its own working directory and port, stopped at teardown.

Reusable in front of anything that speaks HTTP on loopback (the recording server here, gunicorn or
pytest-django's live server in end-to-end tests)::

    with Varnish(tmp_path, backend_port=8000) as varnish:
        status, headers, body = varnish.request("GET", "/")
"""

import http.client
import shutil
import socket
import subprocess
import time
from pathlib import Path

from bench.edge import origin_vcl

VCL_DIR = Path(__file__).resolve().parents[2] / "deploy" / "varnish"
VARNISHD = shutil.which("varnishd") or "/usr/sbin/varnishd"
START_SECONDS = 30

VARNISHADM = shutil.which("varnishadm") or "/usr/bin/varnishadm"
def varnishd_missing_reason():
    if not Path(VARNISHD).exists():
        return "varnishd not found: apt-get install varnish varnish-modules (scripts/ensure-test-deps does it as root)"
    if not list(Path("/usr/lib").glob("*/varnish/vmods/libvmod_xkey.so")):
        return "the xkey vmod is missing: apt-get install varnish-modules"
    return None


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Varnish:
    def __init__(self, workdir, backend_port, backend_host="127.0.0.1", purgers=("127.0.0.1",), port=None):
        self.workdir = Path(workdir)
        self.backend = (backend_host, backend_port)
        self.purgers = purgers
        self.process = None
        self.port = port  # chosen in advance when the backend must know it (SITE_URL), else at start

    def __enter__(self):
        # The shipped default.vcl, unchanged; only origin.vcl (backend and purge ACL) is this test's own, found
        # first on vcl_path exactly as a deployment's /etc/varnish/origin.vcl would be.
        vcl_dir = self.workdir / "vcl"
        vcl_dir.mkdir(parents=True, exist_ok=True)
        # A probe quick enough for tests.
        (vcl_dir / "origin.vcl").write_text(
            origin_vcl(self.backend[1], host=self.backend[0], purgers=self.purgers, interval="0.1s")
        )
        self.port = self.port or free_port()
        self.process = subprocess.Popen(
            [
                VARNISHD, "-F",
                "-n", str(self.workdir / "state"),
                "-a", f"127.0.0.1:{self.port}",
                "-f", str(VCL_DIR / "default.vcl"),
                "-p", f"vcl_path={vcl_dir}:{VCL_DIR}",
                "-s", "malloc,64m",
                "-T", "127.0.0.1:0",
                # Tests run as root in CI: without a jail the worker process can read the pytest temporary dir.
                "-j", "none",
            ],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        )
        self._wait_until_answering()
        self.wait_for_health(True)
        return self

    def _wait_until_answering(self):
        # A PURGE without a key is answered by the VCL itself: it proves the VCL is loaded, touching no cache.
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                output = self.process.stdout.read().decode(errors="replace")
                raise RuntimeError(f"varnishd exited with {self.process.returncode}:\n{output[-3000:]}")
            try:
                if self.request("PURGE", "/", timeout=1)[0] == 400:
                    return
            except OSError:
                pass
            time.sleep(0.05)
        self.__exit__()
        raise RuntimeError(f"varnishd did not answer on port {self.port} within {START_SECONDS}s")

    def __exit__(self, *exc):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        if self.process:
            self.process.stdout.close()

    def healthy(self):
        """Whether Varnish's probe finds the backend's /healthz answering, as `varnishadm backend.list` says."""
        listing = subprocess.run(
            [VARNISHADM, "-n", str(self.workdir / "state"), "backend.list", "health"],
            capture_output=True, text=True, timeout=10, check=True,
        ).stdout
        return "healthy" in listing.lower() and "sick" not in listing.lower()

    def wait_for_health(self, healthy, seconds=START_SECONDS):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.healthy() is healthy:
                return
            time.sleep(0.05)
        raise RuntimeError(f"the probe did not find the backend {'healthy' if healthy else 'sick'}")

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def request(self, method, path, headers=None, source="127.0.0.1", timeout=10, body=None):
        """(status, headers with lower-case names, body), from `source` (any 127.0.0.0/8 address on Linux)."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout, source_address=(source, 0))
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
        finally:
            connection.close()
