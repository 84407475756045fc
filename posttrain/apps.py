import logging
import sys

from django.apps import AppConfig
from django.conf import settings

logger = logging.getLogger("posttrain")


class PostTrainConfig(AppConfig):
    name = "posttrain"
    verbose_name = "PostTrain"

    def ready(self):
        if settings.CELERY_TASK_ALWAYS_EAGER and "pytest" not in sys.modules:
            logger.warning("CELERY_BROKER_URL is not set: background tasks run inline in this process.")
