"""`make bench`: the production stack on loopback, a realistic data set, and every figure as a ratio to a ceiling
measured in the same run.

    python -m bench.run           the full run (10-14 minutes on 2 cores); writes bench/results.json
    python -m bench.run --quick   a smoke version (~3 minutes); writes bench/work/results-quick.json

Steps: PostgreSQL and Redis up; a fresh database `posttrain_bench`, migrated and filled by
`manage.py generate_bench_data`; collectstatic; gunicorn (2 sync workers, DEBUG off, persistent connections,
Redis cache) with the page cache on, then off; wrk against each page and the bare-Django ceiling, interleaved,
the median of several runs each; SQL queries per page in-process; signups per second; the launch send through a
real Celery worker to an SMTP sink, against raw smtplib to the same sink, and the weekly digest (composed per reader)
the same way. Everything started is stopped at the end.
"""

import argparse
import contextlib
import json
import os
import secrets
import shutil
import signal
import statistics
import sys
import time
from datetime import UTC, datetime

from . import edge, launch, signups, stack, wrk
from .report import PAGES, machine, report, targets, versions
from .stack import (
    BROKER_DB,
    CACHE_DB,
    DATABASE,
    ROOT,
    WORKDIR,
    Stack,
    StackError,
    flush_redis,
    free_port,
    http_get,
    log,
    psql,
)

PROFILES = {
    "full": {
        "scale": 1.0,
        "subscribers_small": 2000,
        "subscribers_big": 20000,
        "duration": 5,
        "runs": 3,
        "warmup": 1,
        "signups": 1200,
        "baseline_messages": 1000,
        "send_timeout": 600,
    },
    "quick": {
        "scale": 0.1,
        "subscribers_small": 200,
        "subscribers_big": 2000,
        "duration": 2,
        "runs": 1,
        "warmup": 1,
        "signups": 200,
        "baseline_messages": 300,
        "send_timeout": 180,
    },
}


class Bench:
    def __init__(self, quick, pages_only=False):
        self.quick = quick
        self.pages_only = pages_only
        self.profile = PROFILES["quick" if quick else "full"]
        self.stack = Stack(WORKDIR)
        self.sink = None
        self.port = free_port()
        self.smtp_port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.secret = secrets.token_urlsafe(50)
        self.errors = []
        self.results = {
            "when": datetime.now(UTC).isoformat(timespec="seconds"),
            "profile": "quick" if quick else "full",
            "settings": dict(self.profile),
            "machine": machine(),
            "versions": {},
            "pages": {},
            "queries": {},
            "signups": None,
            "send": {},
            "errors": self.errors,
        }

    # --- Environment ---------------------------------------------------------------------------------------------

    def env(self, page_cache_seconds=300, **extra):
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("DATABASE_", "CELERY_", "REDIS_", "CACHE_", "EMAIL_", "NEWSLETTER_", "PAGE_"))
        }
        env.update(
            {
                "DJANGO_SETTINGS_MODULE": "posttrain.settings",
                "DEBUG": "false",
                "SECRET_KEY": self.secret,
                "ALLOWED_HOSTS": "127.0.0.1",
                "SITE_URL": self.base,
                "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DATABASE}",
                "DB_CONN_MAX_AGE": "600",
                "CELERY_BROKER_URL": f"redis://127.0.0.1:6379/{BROKER_DB}",
                "REDIS_URL": f"redis://127.0.0.1:6379/{CACHE_DB}",
                "EMAIL_HOST": "127.0.0.1",
                "EMAIL_PORT": str(self.smtp_port),
                "BENCH_VIEWS": "true",
                "PAGE_CACHE_SECONDS": str(page_cache_seconds),
                # One client signs up thousands of addresses: lift the per-IP limit for the bench.
                "NEWSLETTER_SIGNUP_RATE": "1000000/m",
                "NEWSLETTER_ADDRESS_RATE": "1000/h",
                "NEWSLETTER_SEND_RATE": "0",
                "AXES_ENABLED": "false",
                "LOG_LEVEL": "WARNING",
                "PYTHONUNBUFFERED": "1",
            }
        )
        env.update({key: str(value) for key, value in extra.items()})
        return env

    def manage(self, *args, env=None, timeout=600):
        return stack.run([sys.executable, "manage.py", *args], env=env or self.env(), timeout=timeout)

    # --- Steps ---------------------------------------------------------------------------------------------------

    def prepare(self):
        if not wrk.available():
            raise StackError("wrk is not installed: run scripts/ensure-bench-deps (as root) first")
        stack.ensure_services()
        self.results["versions"] = versions()
        self.results["machine"]["loadavg_at_start"] = os.getloadavg()
        log(f"Fresh database {DATABASE}")
        psql(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        psql(f"CREATE DATABASE {DATABASE}")
        flush_redis(BROKER_DB)
        flush_redis(CACHE_DB)
        t0 = time.monotonic()
        self.manage("migrate", "--noinput", "-v0")
        log(f"Migrated in {time.monotonic() - t0:.1f} s; generating data")
        t0 = time.monotonic()
        out = self.manage(
            "generate_bench_data",
            f"--scale={self.profile['scale']}",
            f"--subscribers={self.profile['subscribers_small']}",
        )
        self.results["data"] = {"generate_seconds": round(time.monotonic() - t0, 1), "output": out.strip()}
        print(out.strip())
        self.vacuum()
        self.manage("collectstatic", "--noinput", "-v0")

    def vacuum(self):
        """A freshly bulk-loaded database as a live one is after autovacuum: statistics and a visibility map."""
        psql("VACUUM ANALYZE", DATABASE)

    def probe(self):
        log("SQL queries per page (in-process test client, page cache off)")
        out = WORKDIR / "probe.json"
        self.manage("bench_probe", str(out), env=self.env(page_cache_seconds=0))
        probe = json.loads(out.read_text())
        self.urls = probe["urls"]
        for entry in probe["queries"].values():
            # The SQL stays in the results only where it is worth reading: above the target.
            for item in (entry, entry.get("one_item") or {}):
                if item.get("queries", 0) <= 8:
                    item.pop("sql", None)
            if entry["status"] != 200:
                self.errors.append(f"in-process {entry['url']} answered HTTP {entry['status']}")
        self.results["urls"] = self.urls
        self.results["queries"] = probe["queries"]

    def pages_phase(self, label, page_cache_seconds, names):
        log(f"Pages with the page cache {label}: gunicorn, 2 sync workers")
        flush_redis(CACHE_DB)
        self.stack.start_gunicorn(self.env(page_cache_seconds=page_cache_seconds), self.port, name=f"gunicorn-{label}")
        try:
            self.results["pages"][label] = self.measure(names)
            if label == "on" and not self.pages_only:
                self.signups()
        finally:
            self.stack.stop(f"gunicorn-{label}")

    def measure(self, names):
        profile = self.profile
        figures, live = {}, []
        for name in names:
            url = self.urls.get(name.split("@")[0])
            if not url:
                figures[name] = {"error": "no such page in this data set"}
                continue
            status, body = http_get(self.base + url)
            if status != 200:
                figures[name] = {"url": url, "error": f"HTTP {status}"}
                self.errors.append(f"{name} ({url}) answered HTTP {status}")
                continue
            figures[name] = {"url": url, "bytes": len(body), "runs": []}
            live.append(name)
        for name in live:  # warm the page cache, the workers' connections and their imports
            wrk.run(self.base + figures[name]["url"], profile["warmup"])
            self.drain()
        for round_ in range(profile["runs"]):
            for name in live:  # interleaved, so drift on a shared machine hits every page alike
                connections = int(name.split("@")[1]) if "@" in name else 16
                figures[name]["runs"].append(
                    wrk.run(self.base + figures[name]["url"], profile["duration"], connections=connections)
                )
                self.drain()
            log(f"  round {round_ + 1}/{profile['runs']}: " + ", ".join(
                f"{name} {figures[name]['runs'][-1]['rps']:.0f}/s" for name in live
            ))
        for name in live:
            runs = figures[name]["runs"]
            bad = sum(r["non_2xx_3xx"] for r in runs)
            timeouts = sum(r["socket_errors"]["timeout"] for r in runs)
            if timeouts:
                figures[name]["timeouts"] = timeouts
                self.errors.append(f"{name}: {timeouts} requests took longer than wrk's 5 s timeout")
            if not all(r["requests"] and r["p99_ms"] is not None for r in runs):
                figures[name] = {"url": figures[name]["url"], "error": "no answer within wrk's 5 s timeout"}
                continue
            figures[name].update(
                rps=round(statistics.median(r["rps"] for r in runs), 1),
                p50_ms=round(statistics.median(r["p50_ms"] for r in runs), 2),
                p99_ms=round(statistics.median(r["p99_ms"] for r in runs), 2),
                non_2xx_3xx=bad,
            )
            if bad:
                figures[name]["error"] = f"{bad} of {sum(r['requests'] for r in runs)} answers were not 2xx/3xx"
                self.errors.append(f"{name}: {figures[name]['error']}")
        # Each round's page against the same round's ceiling, measured seconds apart; the median of those ratios
        # is steadier on a shared machine than a ratio of medians taken minutes apart.
        ceiling = figures.get("ceiling", {})
        for name in live:
            if "error" in figures[name] or "error" in ceiling or not ceiling.get("runs"):
                continue
            ratios = [
                page["rps"] / top["rps"]
                for page, top in zip(figures[name]["runs"], ceiling["runs"], strict=True)
                if top["rps"]
            ]
            figures[name]["ratio"] = round(statistics.median(ratios), 3) if ratios else None
        return figures

    def drain(self, limit=60):
        """Wait for the requests wrk left queued in gunicorn to finish, so they do not slow the next measurement.

        Sync workers answer queued connections after wrk has gone; a probe request queues behind them, so its
        answer means the backlog is gone.
        """
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            t0 = time.monotonic()
            with contextlib.suppress(OSError):
                http_get(self.base + "/healthz", timeout=limit)
            if time.monotonic() - t0 < 0.25:
                return
        self.errors.append(f"gunicorn still had queued requests after {limit} s")

    def signups(self):
        rounds = self.profile["runs"]
        per_round = self.profile["signups"] // rounds
        log(f"Newsletter signups: {rounds} x {per_round} POSTs of the form, 8 clients")
        runs = []
        try:
            for round_ in range(rounds):
                prefix = f"bench-signup-{round_}"
                runs.append(signups.run(self.base, "/newsletter/", per_round, threads=8, prefix=prefix))
        except Exception as exc:  # the page may not be there yet: an error in the figures, not a crash
            self.errors.append(f"signups: {type(exc).__name__}: {exc}")
            self.results["signups"] = {"error": f"{type(exc).__name__}: {exc}"}
            return
        total = per_round * rounds
        statuses = {}
        for run in runs:
            for status, n in run["statuses"].items():
                statuses[status] = statuses.get(status, 0) + n
        stored = int(psql("SELECT count(*) FROM newsletter_subscriber WHERE email LIKE 'bench-signup-%'", DATABASE))
        result = {
            "signups": total,
            "rate": round(statistics.median(run["rate"] for run in runs), 1),
            "runs": [run["rate"] for run in runs],
            "seconds": round(sum(run["seconds"] for run in runs), 2),
            "threads": runs[0]["threads"],
            "statuses": statuses,
            "stored": stored,
            # An address that answered 302 but is not in the database is an error too.
            "errors": sum(run["errors"] for run in runs) + abs(total - stored),
        }
        if result["errors"]:
            self.errors.append(f"signups: {result['errors']} errors ({statuses}, {stored} of {total} stored)")
        self.results["signups"] = result
        flush_redis(BROKER_DB)  # their confirmation e-mails are not part of the launch send we measure next

    def run(self):
        started = time.monotonic()
        try:
            self.prepare()
            self.probe()
            self.pages_phase("on", 300, [*PAGES, "ceiling", "static"])
            edge.through_varnish(self)
            # search@2: two connections for two workers, so no request queues: the search's own latency.
            self.pages_phase("off", 0, [*PAGES, "ceiling", "search@2"])
            if not self.pages_only:
                launch.launch(self)
                launch.digest(self)
        except KeyboardInterrupt:
            self.errors.append("interrupted")
            log("Interrupted: stopping everything this run started")
        except Exception as exc:
            self.errors.append(f"{type(exc).__name__}: {exc}")
            log(f"Failed: {type(exc).__name__}: {exc}")
        finally:
            self.stack.stop_all()
            if self.sink:
                self.sink.stop()
        self.results["seconds"] = round(time.monotonic() - started)
        self.results["targets"] = targets(self.results)
        return self.results


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a short smoke run (~3 minutes)")
    parser.add_argument("--pages-only", action="store_true", help="pages and queries only: no signups, no send")
    parser.add_argument("--output", help="where to write the JSON results")
    args = parser.parse_args(argv)

    if WORKDIR.exists():
        shutil.rmtree(WORKDIR)
    WORKDIR.mkdir(parents=True)
    # SIGTERM (a CI timeout, kill) stops the stack like Ctrl-C does.
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))

    bench = Bench(quick=args.quick, pages_only=args.pages_only)
    results = bench.run()
    print(report(results))
    partial = args.quick or args.pages_only
    output = args.output or (WORKDIR / "results-quick.json" if partial else ROOT / "bench" / "results.json")
    with open(output, "w") as f:
        json.dump(results, f, indent=2, default=str)
        f.write("\n")
    print(f"\nResults: {os.path.relpath(output, ROOT)}; logs: {os.path.relpath(WORKDIR, ROOT)}/")
    return 1 if results["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
