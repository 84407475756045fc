"""The benchmark, in one place: `make bench` runs `python -m bench.run`.

A Django app installed only when BENCH_VIEWS is on (the bench's own server): its management commands make the data
set (generate_bench_data) and look inside the running site (bench_probe, bench_send), its view is the ceiling every
page is measured against (/_bench/ceiling/). The rest drives the stack from outside: run.py (the steps), stack.py
(processes and services), wrk.py, signups.py, sink.py, launch.py (the launch send) and report.py (the verdicts).
"""
