
app_name = "verticals"
urlpatterns: list = []
