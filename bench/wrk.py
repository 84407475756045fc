"""Run wrk against one URL and read its report (--latency prints the percentiles)."""

import re
import shutil
import subprocess

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


class WrkError(RuntimeError):
    pass


def available():
    return shutil.which("wrk") is not None


def version():
    result = subprocess.run(["wrk", "-v"], capture_output=True, text=True)
    match = re.search(r"wrk (\S+)", result.stdout + result.stderr)
    return match.group(1) if match else "unknown"


def _ms(value):
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value)
    if not match:
        raise WrkError(f"cannot read the duration {value!r}")
    return float(match.group(1)) * UNITS[match.group(2)]


def parse(output):
    rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
    if not rps:
        raise WrkError(f"no Requests/sec in wrk's output:\n{output}")
    percentiles = dict(re.findall(r"^\s+(50|75|90|99)%\s+(\S+)", output, re.MULTILINE))
    total = re.search(r"(\d+) requests in", output)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    connect, read, write, timeout = (int(x) for x in sockets.groups()) if sockets else (0, 0, 0, 0)
    return {
        "rps": float(rps.group(1)),
        "p50_ms": _ms(percentiles["50"]) if "50" in percentiles else None,
        "p99_ms": _ms(percentiles["99"]) if "99" in percentiles else None,
        "requests": int(total.group(1)) if total else 0,
        "non_2xx_3xx": int(non_2xx.group(1)) if non_2xx else 0,
        # gunicorn's sync workers close every connection, which wrk may count as a read error: reported, not fatal.
        "socket_errors": {"connect": connect, "read": read, "write": write, "timeout": timeout},
    }


def run(url, duration, connections=16, threads=1, timeout_s=5):
    argv = [
        "wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--latency", f"--timeout={timeout_s}s", url,
    ]
    result = subprocess.run(argv, capture_output=True, text=True, timeout=duration + 60)
    if result.returncode != 0:
        raise WrkError(f"wrk failed ({result.returncode}): {result.stderr.strip() or result.stdout.strip()}")
    return parse(result.stdout)
