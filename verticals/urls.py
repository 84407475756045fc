from django.urls import path

app_name = "verticals"
urlpatterns: list = []
