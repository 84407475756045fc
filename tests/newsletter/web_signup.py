"""Run as a separate process by the integration tests: one signup through the real view, with this process's
own environment (e.g. CELERY_BROKER_URL pointing at a closed port). Prints JSON with the status and the time taken.
"""

import json
import os
import sys
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "posttrain.settings")
django.setup()

from django.test import Client  # noqa: E402

email = sys.argv[1]
started = time.monotonic()
response = Client().post("/newsletter/", {"email": email, "source": "integration"},
                         REMOTE_ADDR="192.0.2.10")
print(json.dumps({"status": response.status_code, "location": response.get("Location", ""),
                  "seconds": time.monotonic() - started}))
