"""Editorial e-mail notifications: exact recipients of every step, preferences, the daily reminder, rights checked."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from articles import notification_mail, notifications, workflow
from articles.models import Notification, NotificationPreference
from tests.adminversions import loaded_version
from tests.articles.adminforms import bulk, step
from tests.articles.factories import EditorFactory, WriterFactory
from tests.articles.inline_tasks import inline_tasks  # noqa: F401  (a fixture)
from tests.factories import ArticleFactory, AuthorFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("inline_tasks")]

Delivery = NotificationPreference.Delivery


@pytest.fixture
def people(db):
    """Two editors, a writer who created the draft, a credited co-writer, and a credited writer who may not view it."""
    editor_a, editor_b = EditorFactory(username="ed-a"), EditorFactory(username="ed-b")
    EditorFactory(username="ed-gone", is_active=False)  # has left: hears nothing
    creator, coauthor = WriterFactory(username="creator"), WriterFactory(username="coauthor")
    # Staff, credited on the byline, but without the right to view articles in the admin: never told about it.
    outsider = UserFactory(username="outsider", is_staff=True)
    article = ArticleFactory(
        draft=True, created_by=creator, title="Reward models, plainly",
        authors=[AuthorFactory(user=coauthor), AuthorFactory(user=outsider), AuthorFactory(name="Guest, no account")],
    )
    return {"editor_a": editor_a, "editor_b": editor_b, "creator": creator, "coauthor": coauthor,
            "outsider": outsider, "article": article}


def recipients():
    return sorted(address for message in mail.outbox for address in message.to)


def test_submitting_mails_every_editor_but_the_submitter(people, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        workflow.submit_for_review(people["article"], people["creator"], comment="Ready when you are")

    assert recipients() == ["ed-a@example.org", "ed-b@example.org"]
    message = mail.outbox[0]
    assert "creator submitted “Reward models, plainly” for review." in message.body
    assert reverse("admin:articles_article_change", args=[people["article"].pk]) in message.body
    assert message.alternatives[0][1] == "text/html"


def test_an_editor_who_submits_is_not_told_of_it(people, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        workflow.submit_for_review(people["article"], people["editor_a"])

    assert recipients() == ["ed-b@example.org"]


def test_request_changes_mails_creator_and_credited_writers_who_may_view_with_the_comment(
    people, django_capture_on_commit_callbacks
):
    article = people["article"]
    workflow.submit_for_review(article, people["creator"])
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        workflow.request_changes(article, people["editor_a"], "Cite the <InstructGPT> paper & fix the intro.")

    assert recipients() == ["coauthor@example.org", "creator@example.org"]  # not the outsider, not the editors
    for message in mail.outbox:
        assert "Cite the <InstructGPT> paper & fix the intro." in message.body
        assert "Cite the &lt;InstructGPT&gt; paper &amp; fix the intro." in message.alternatives[0][0]
    assert not Notification.objects.filter(recipient=people["outsider"]).exists()


def test_publishing_and_scheduling_mail_the_credited_authors(people, django_capture_on_commit_callbacks):
    article = people["article"]
    with django_capture_on_commit_callbacks(execute=True):
        workflow.schedule(article, people["editor_a"], timezone.now() + timedelta(days=2))
    assert recipients() == ["coauthor@example.org"]
    assert "is scheduled to go live on" in mail.outbox[0].body

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.publish(article, people["editor_b"])
    assert recipients() == ["coauthor@example.org"]
    assert "“Reward models, plainly” is published." in mail.outbox[0].body


def test_unpublishing_and_failed_steps_mail_nobody(people, django_capture_on_commit_callbacks):
    article = people["article"]
    workflow.publish(article, people["editor_a"])  # its e-mail is never sent: the test transaction does not commit
    with django_capture_on_commit_callbacks(execute=True):
        workflow.unpublish(article, people["editor_a"])
        with pytest.raises(workflow.WorkflowError):
            workflow.unpublish(article, people["editor_a"])
    assert mail.outbox == []


def test_daily_summary_users_get_one_summary_and_none_users_nothing(people, django_capture_on_commit_callbacks):
    NotificationPreference.objects.create(user=people["editor_a"], delivery=Delivery.DAILY)
    NotificationPreference.objects.create(user=people["editor_b"], delivery=Delivery.NONE)
    other = ArticleFactory(draft=True, created_by=people["creator"], title="Second draft")

    with django_capture_on_commit_callbacks(execute=True):
        workflow.submit_for_review(people["article"], people["creator"])
        workflow.submit_for_review(other, people["creator"])

    assert mail.outbox == []
    assert not Notification.objects.filter(recipient=people["editor_b"]).exists()

    assert notification_mail.daily_editorial_mail() == 1
    assert recipients() == ["ed-a@example.org"]
    summary = mail.outbox[0]
    assert "2 items" in summary.subject
    assert "“Reward models, plainly”" in summary.body and "“Second draft”" in summary.body

    assert notification_mail.daily_editorial_mail() == 0  # the beat ran twice: nothing more
    assert len(mail.outbox) == 1


def test_a_row_made_before_the_right_was_lost_is_never_sent(people, django_capture_on_commit_callbacks):
    article = people["article"]
    workflow.submit_for_review(article, people["creator"])
    with django_capture_on_commit_callbacks(execute=False) as queued:
        workflow.request_changes(article, people["editor_a"], "Shorter, please.")
    # The co-writer is taken off the byline before the worker gets to their e-mail.
    article.authors.remove(people["coauthor"].author_profile)
    for callback in queued:
        callback()

    assert recipients() == ["creator@example.org"]
    dropped = Notification.objects.get(recipient=people["coauthor"])
    assert dropped.state == Notification.State.DROPPED
    assert "may not view" in dropped.outcome


def test_sending_twice_sends_once_and_the_sweep_sends_what_was_never_queued(people):
    with time_machine.travel(timezone.now() - timedelta(minutes=5)):
        # No on_commit here: the task is never queued, as if the broker were down.
        workflow.submit_for_review(people["article"], people["creator"])
    assert mail.outbox == []

    assert notification_mail.send_missed() == 2
    row = Notification.objects.filter(recipient=people["editor_a"]).get()
    assert notification_mail.send_notification(row.pk) is False
    assert recipients() == ["ed-a@example.org", "ed-b@example.org"]


# --- The daily reminder -------------------------------------------------------------------------------------------

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def test_daily_reminder_lists_articles_in_review_over_48_hours_once_per_day(people, django_capture_on_commit_callbacks):
    writer_draft = people["article"]
    with time_machine.travel(START, tick=False):
        workflow.submit_for_review(writer_draft, people["creator"])
    with time_machine.travel(START + timedelta(hours=30), tick=False):
        fresh = ArticleFactory(draft=True, created_by=people["creator"], title="Only a day in review")
        workflow.submit_for_review(fresh, people["creator"])
    mail.outbox.clear()

    with time_machine.travel(START + timedelta(hours=49), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            notification_mail.daily_editorial_mail()
        with django_capture_on_commit_callbacks(execute=True):
            notification_mail.daily_editorial_mail()  # beat ran twice that day

    assert recipients() == ["ed-a@example.org", "ed-b@example.org"]
    body = mail.outbox[0].body
    assert "Reward models, plainly" in body and "Only a day in review" not in body

    mail.outbox.clear()
    with time_machine.travel(START + timedelta(hours=79), tick=False), django_capture_on_commit_callbacks(execute=True):
        notification_mail.daily_editorial_mail()
    assert recipients() == ["ed-a@example.org", "ed-b@example.org"]
    assert "Only a day in review" in mail.outbox[0].body


def test_no_reminder_when_nothing_waits_and_none_for_writers(people, django_capture_on_commit_callbacks):
    with time_machine.travel(START, tick=False):
        workflow.submit_for_review(people["article"], people["creator"])
    with time_machine.travel(START + timedelta(hours=47), tick=False), django_capture_on_commit_callbacks(execute=True):
        notification_mail.daily_editorial_mail()
    with time_machine.travel(START + timedelta(hours=50), tick=False):
        workflow.publish(people["article"], people["editor_a"])
        with django_capture_on_commit_callbacks(execute=True):
            notification_mail.daily_editorial_mail()
    assert mail.outbox == []
    assert not Notification.objects.filter(kind=Notification.Kind.REVIEW_REMINDER).exists()


def test_reminder_queued_then_published_meanwhile_is_dropped_not_sent(people):
    with time_machine.travel(START, tick=False):
        workflow.submit_for_review(people["article"], people["creator"])
    with time_machine.travel(START + timedelta(hours=49), tick=False):
        made = notifications.record_review_reminders()
        workflow.publish(people["article"], people["editor_a"])
        mail.outbox.clear()
        for row in made:
            notification_mail.send_notification(row.pk)
    assert mail.outbox == []
    assert set(Notification.objects.filter(kind="review_reminder").values_list("state", flat=True)) == {"dropped"}


# --- The preference in the admin ----------------------------------------------------------------------------------


def test_writer_chooses_daily_summary_in_the_admin_and_cannot_see_anyone_elses(client, people):
    writer = people["creator"]
    others = NotificationPreference.objects.create(user=people["editor_a"])
    client.force_login(writer)

    response = client.get(reverse("admin:articles_notificationpreference_changelist"))
    own = NotificationPreference.objects.get(user=writer)
    change = reverse("admin:articles_notificationpreference_change", args=[own.pk])
    assert response.status_code == 302 and response["Location"] == change

    response = client.post(change, {"delivery": "daily", "loaded_version": loaded_version(own)})
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.delivery == Delivery.DAILY

    other_url = reverse("admin:articles_notificationpreference_change", args=[others.pk])
    assert client.get(other_url).status_code in (302, 403, 404)
    client.post(other_url, {"delivery": "none", "loaded_version": loaded_version(others)})
    others.refresh_from_db()
    assert others.delivery == Delivery.IMMEDIATE


def test_preference_form_refuses_a_forged_choice(client, people):
    writer = people["creator"]
    client.force_login(writer)
    client.get(reverse("admin:articles_notificationpreference_changelist"))
    own = NotificationPreference.objects.get(user=writer)
    url = reverse("admin:articles_notificationpreference_change", args=[own.pk])

    response = client.post(url, {"delivery": "hourly", "loaded_version": loaded_version(own)})

    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    own.refresh_from_db()
    assert own.delivery == Delivery.IMMEDIATE


def test_writer_without_the_view_right_is_not_notified(people):
    """Credited, may still change articles, but may not view them: no row is even made."""
    coauthor = people["coauthor"]
    coauthor.groups.clear()
    coauthor.user_permissions.add(Permission.objects.get(codename="change_article"))
    article = people["article"]
    workflow.submit_for_review(article, people["creator"])
    workflow.request_changes(article, people["editor_a"], "Again.")
    assert not Notification.objects.filter(recipient=coauthor).exists()


# --- Through the admin --------------------------------------------------------------------------------------------


def test_admin_buttons_and_bulk_actions_notify_once_per_step(client, people, django_capture_on_commit_callbacks):
    client.force_login(people["creator"])
    with django_capture_on_commit_callbacks(execute=True):
        assert step(client, people["article"], "submit").status_code == 302
    assert recipients() == ["ed-a@example.org", "ed-b@example.org"]

    mail.outbox.clear()
    client.force_login(people["editor_a"])
    with django_capture_on_commit_callbacks(execute=True):
        bulk(client, "publish_selected", [people["article"]])
    assert recipients() == ["coauthor@example.org"]


def test_a_step_refused_as_stale_notifies_nobody(client, people, django_capture_on_commit_callbacks):
    client.force_login(people["creator"])
    stale = {"loaded_version": "0" * 32}
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("admin:articles_article_workflow", args=[people["article"].pk, "submit"]), stale)
    assert mail.outbox == []
    assert not Notification.objects.exists()


def test_a_summary_that_fails_to_send_is_sent_by_the_next_run_of_the_day(people, settings):
    NotificationPreference.objects.create(user=people["editor_a"], delivery=Delivery.DAILY)
    workflow.submit_for_review(people["article"], people["creator"])
    settings.EMAIL_BACKEND = "tests.articles.test_notifications.RefusingBackend"

    assert notification_mail.daily_editorial_mail() == 0  # logged, not raised: the other users' summaries go on

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert notification_mail.daily_editorial_mail() == 1
    assert recipients() == ["ed-a@example.org"]
    assert notification_mail.daily_editorial_mail() == 0


class RefusingBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")


def test_mail_server_down_never_fails_the_step_and_the_sweep_sends_later(
    people, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.articles.test_notifications.RefusingBackend"
    with django_capture_on_commit_callbacks(execute=True):
        workflow.submit_for_review(people["article"], people["creator"])
    assert set(Notification.objects.values_list("state", flat=True)) == {"pending"}

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with time_machine.travel(timezone.now() + timedelta(minutes=2)):
        assert notification_mail.send_missed() == 2
    assert recipients() == ["ed-a@example.org", "ed-b@example.org"]


def test_editors_read_the_record_of_notifications_and_writers_do_not(client, people):
    workflow.submit_for_review(people["article"], people["creator"])
    url = reverse("admin:articles_notification_changelist")

    client.force_login(people["editor_a"])
    page = client.get(url).content.decode()
    assert "ed-b" in page and "Submitted for review" in page
    row = Notification.objects.filter(recipient=people["editor_b"]).get()
    change = reverse("admin:articles_notification_change", args=[row.pk])
    client.post(change, {"state": "sent"})
    row.refresh_from_db()
    assert row.state == Notification.State.PENDING

    assert client.get(url, {"q": "ed\x00b"}).status_code in (200, 400)  # NUL in the search box: never a 500

    client.force_login(people["creator"])
    assert client.get(url).status_code == 403
    assert client.get(change).status_code in (302, 403)
