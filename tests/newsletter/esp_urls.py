"""The site's URLs with the provider webhooks mounted, as newsletter/urls.py does under an anymail backend."""

from django.urls import include, path

from posttrain.urls import urlpatterns as site_urlpatterns

urlpatterns = [path("newsletter/esp/", include("anymail.urls")), *site_urlpatterns]
