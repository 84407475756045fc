from django.conf import settings
from django.urls import include, path

from . import archive, views

app_name = "newsletter"
urlpatterns = [
    path("", views.signup, name="signup"),
    path("check-your-inbox/", views.check_inbox, name="check_inbox"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("confirm/<str:token>/resend/", views.resend_confirmation, name="resend_confirmation"),
    path("preferences/<str:token>/", views.preferences, name="preferences"),
    path("follow-series/", views.follow_series, name="follow_series"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("campaigns/<int:pk>/progress.json", views.campaign_progress, name="campaign_progress"),
    path("archive/", archive.archive_list, name="archive"),
    path("archive/feed/", archive.archive_feed, name="archive_feed"),
    path("archive/<slug:slug>/", archive.archive_detail, name="archive_detail"),
    path("c/<str:token>/", views.click, name="click"),
]

if settings.EMAIL_BACKEND.startswith("anymail."):
    # The provider's bounce and complaint webhooks (anymail checks their shared secret); see newsletter/webhooks.py.
    urlpatterns.append(path("esp/", include("anymail.urls")))
