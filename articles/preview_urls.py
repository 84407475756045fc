
app_name = "preview"
urlpatterns: list = []
