from django.urls import path

app_name = "preview"
urlpatterns: list = []
