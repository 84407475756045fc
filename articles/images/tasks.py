"""Celery entry points for the image library: load by id, call the service. Registered when articles' AppConfig
imports this module."""

from celery import shared_task
from django.db import transaction

from . import renditions
from .models import Image


@shared_task(name="articles.images.tasks.make_renditions")
def make_renditions(image_id):
    image = Image.objects.filter(pk=image_id).first()
    return renditions.make_renditions(image) if image else []


def queue_renditions(image):
    """After the upload commits (a worker must find the row and the file), make its renditions off the request."""
    image_id = image.pk
    transaction.on_commit(lambda: make_renditions.delay(image_id))
