import pytest


@pytest.mark.django_db
def test_admin_pages_carry_the_newsroom_name(client):
    html = client.get("/admin/login/").content.decode()
    assert "PostTrain editorial" in html
    assert "<title>Log in | PostTrain admin</title>" in html
