"""Start and stop the production stack on loopback: gunicorn, a Celery worker, the SMTP sink.

Every process is started in a session of its own and stopped by its process group id, so the bench never leaves
anything behind, also on an error or Ctrl-C. PostgreSQL and Redis are started only if they are down (the same
commands as .ci/run) and left running, like on CI.
"""

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
PG = ["-h", "127.0.0.1", "-p", "5432", "-U", "postgres"]
WORKDIR = ROOT / "bench" / "work"
# The bench's own database and Redis databases: dropped and flushed on every run. Two benches on one machine (two
# worktrees, say) each need their own: BENCH_DATABASE, BENCH_BROKER_DB and BENCH_CACHE_DB.
DATABASE = os.environ.get("BENCH_DATABASE", "posttrain_bench")
BROKER_DB = int(os.environ.get("BENCH_BROKER_DB", "5"))
CACHE_DB = int(os.environ.get("BENCH_CACHE_DB", "6"))


def log(message):
    print(f"[{datetime.now(UTC):%H:%M:%S}] {message}", flush=True)


class StackError(RuntimeError):
    pass


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(argv, env=None, timeout=600, capture=True):
    """Run a command to completion; raise with its output when it fails."""
    result = subprocess.run(
        argv, cwd=ROOT, env=env, timeout=timeout, text=True, capture_output=capture, stdin=subprocess.DEVNULL
    )
    if result.returncode != 0:
        output = ((result.stdout or "") + (result.stderr or ""))[-3000:]
        raise StackError(f"{' '.join(map(str, argv))} failed ({result.returncode}):\n{output}")
    return result.stdout or ""


def psql(sql, database="postgres"):
    return run(["psql", *PG, "-d", database, "-v", "ON_ERROR_STOP=1", "-qAt", "-c", sql], timeout=120).strip()


def ensure_services():
    """PostgreSQL and Redis on their usual loopback ports, started the way .ci/run does if they are down."""
    if subprocess.run(["pg_isready", "-h", "127.0.0.1", "-p", "5432", "-q"]).returncode != 0:
        print("Starting PostgreSQL")
        version = sorted(os.listdir("/etc/postgresql"))[0]
        run(["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "start"], timeout=60)
    if subprocess.run(["redis-cli", "-h", "127.0.0.1", "ping"], capture_output=True).returncode != 0:
        print("Starting Redis")
        os.makedirs("/var/lib/redis", exist_ok=True)
        os.makedirs("/var/log/redis", exist_ok=True)
        run(
            [
                "redis-server", "--daemonize", "yes", "--bind", "127.0.0.1", "-::1", "--port", "6379",
                "--save", "", "--appendonly", "no", "--dir", "/var/lib/redis", "--logfile", "/var/log/redis/ci.log",
            ],
            timeout=30,
        )
    for _ in range(30):
        pg = subprocess.run(["pg_isready", "-h", "127.0.0.1", "-p", "5432", "-q"]).returncode == 0
        redis = subprocess.run(["redis-cli", "-h", "127.0.0.1", "ping"], capture_output=True).returncode == 0
        if pg and redis:
            return
        time.sleep(1)
    raise StackError("PostgreSQL or Redis did not come up")


def flush_redis(db):
    run(["redis-cli", "-h", "127.0.0.1", "-n", str(db), "flushdb"], timeout=30)


def http_get(url, timeout=10):
    """(status, body) of a GET that follows no redirect."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(url, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def peak_rss_kib(pid):
    """VmHWM of a process and of its descendants, in KiB: {pid: kib}."""
    result = {}
    pending = [pid]
    while pending:
        current = pending.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("VmHWM:"):
                result[current] = int(line.split()[1])
        for task in Path(f"/proc/{current}/task").glob("*/children"):
            pending += [int(child) for child in task.read_text().split()]
    return result


class Stack:
    """The processes this run started, by name."""

    def __init__(self, workdir):
        self.workdir = Path(workdir)
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.procs = {}

    def start(self, name, argv, env, ready, timeout=60):
        log = open(self.workdir / f"{name}.log", "ab")  # noqa: SIM115 - owned by the child until stop()
        proc = subprocess.Popen(
            argv, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
        self.procs[name] = (proc, log)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise StackError(f"{name} exited with {proc.returncode}; see {log.name}:\n{self.tail(name)}")
            if ready():
                return proc
            time.sleep(0.2)
        raise StackError(f"{name} was not ready after {timeout} s; see {log.name}:\n{self.tail(name)}")

    def tail(self, name, lines=30):
        path = self.workdir / f"{name}.log"
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:]) if path.exists() else ""

    def stop(self, name):
        proc, log = self.procs.pop(name, (None, None))
        if proc is None:
            return
        if proc.poll() is None:
            try:
                os.killpg(proc.pid, signal.SIGTERM)
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=10)
            except ProcessLookupError:
                pass
        # Children that outlived their parent (a pool process) are still in the group.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        log.close()

    def stop_all(self):
        for name in list(self.procs):
            self.stop(name)

    # --- The pieces ------------------------------------------------------------------------------------------

    def start_gunicorn(self, env, port, name="gunicorn"):
        argv = [
            str(VENV_BIN / "gunicorn"), "posttrain.wsgi:application",
            "--bind", f"127.0.0.1:{port}", "--workers", "2", "--worker-class", "sync",
            "--timeout", "60", "--graceful-timeout", "5", "--log-level", "warning",
        ]

        def ready():
            try:
                status, _ = http_get(f"http://127.0.0.1:{port}/healthz", timeout=2)
            except OSError:
                return False
            return status == 200

        return self.start(name, argv, env, ready, timeout=60)

    def start_worker(self, env, name="worker"):
        argv = [
            str(VENV_BIN / "celery"), "-A", "posttrain", "worker", "--pool", "prefork", "--concurrency", "2",
            "--loglevel", "INFO", "--without-gossip", "--without-mingle", "--without-heartbeat",
            "--hostname", f"bench-{os.getpid()}@%h",
        ]
        logfile = self.workdir / f"{name}.log"
        start_size = logfile.stat().st_size if logfile.exists() else 0

        def ready():
            with open(logfile, "rb") as f:
                f.seek(start_size)
                return b" ready." in f.read()

        return self.start(name, argv, env, ready, timeout=60)
