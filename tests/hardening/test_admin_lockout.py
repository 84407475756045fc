"""Repeated failed admin sign-ins lock the username from that address for a while."""

import pytest
from django.contrib.auth import get_user_model


@pytest.mark.django_db
def test_repeated_failures_lock_the_account_with_a_clear_message(client, settings):
    get_user_model().objects.create_user("editor", "editor@example.org", "right-password-123", is_staff=True)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post("/admin/login/", {"username": "editor", "password": "wrong"})
        assert response.status_code == 200
        assert "Please enter the correct username and password" in response.content.decode()

    locked = client.post("/admin/login/", {"username": "editor", "password": "wrong"})
    assert locked.status_code == 429
    assert "Too many failed sign-ins" in locked.content.decode()

    # Even the right password is refused while the lock holds.
    still_locked = client.post("/admin/login/", {"username": "editor", "password": "right-password-123"})
    assert still_locked.status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_lockout_expires_after_the_cool_off(client, settings, time_machine):
    time_machine.move_to("2026-03-01 09:00", tick=False)
    get_user_model().objects.create_user("writer", "writer@example.org", "right-password-123", is_staff=True)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/admin/login/", {"username": "writer", "password": "wrong"})
    time_machine.move_to("2026-03-01 09:16", tick=False)
    response = client.post("/admin/login/", {"username": "writer", "password": "right-password-123"})
    assert response.status_code == 302
    assert client.session["_auth_user_id"]
