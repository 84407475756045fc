import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "posttrain.settings")

app = Celery("posttrain")
# Every Celery option lives in posttrain/settings.py under the CELERY_ prefix.
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
