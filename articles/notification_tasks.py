"""Thin Celery entry points of the editorial notifications; the work is in articles.notification_mail. Each is safe to
run twice. Imported by ArticlesConfig.ready(), so every process knows them by name."""

from celery import shared_task

from . import notification_mail


@shared_task(name="articles.notification_tasks.send_notification")
def send_notification(notification_id):
    return notification_mail.send_notification(notification_id)


@shared_task(name="articles.notification_tasks.send_missed_notifications")
def send_missed_notifications():
    return notification_mail.send_missed()


@shared_task(name="articles.notification_tasks.daily_editorial_mail")
def daily_editorial_mail():
    return notification_mail.daily_editorial_mail()
