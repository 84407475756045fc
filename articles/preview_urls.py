from django.urls import path

from . import preview

app_name = "preview"
urlpatterns = [
    path("article/<int:pk>/", preview.staff_preview, name="article"),
    path("<str:token>/", preview.shared_preview, name="shared"),
]
