"""Parallel signups on PostgreSQL: one row per address whatever its case, at most one confirmation each, no 5xx."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core import mail
from django.db import connection
from django.test import Client

from newsletter.models import Subscriber

from .conftest import signup_data

pytestmark = pytest.mark.postgres


def test_parallel_signups_with_case_and_space_variants_make_one_row_and_one_mail_per_address(transactional_db):
    variants = ["{}@example.org", "{}@EXAMPLE.org", "  {}@example.org ", "{}@Example.Org"]
    requests = [variant.format(f"Reader{n}") for n in range(12) for variant in variants]

    def post(email):
        try:
            return Client().post("/newsletter/", signup_data(email), REMOTE_ADDR="198.51.100.20").status_code
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=16) as pool:
        statuses = list(pool.map(post, requests))

    assert set(statuses) == {302}
    assert Subscriber.objects.count() == 12
    assert sorted(Subscriber.objects.values_list("email", flat=True)) == sorted(f"reader{n}@example.org"
                                                                                  for n in range(12))
    per_address = {}
    for message in mail.outbox:
        per_address[message.to[0]] = per_address.get(message.to[0], 0) + 1
    assert set(per_address) == {f"reader{n}@example.org" for n in range(12)}
    assert max(per_address.values()) == 1
