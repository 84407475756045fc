import pytest


@pytest.fixture(autouse=True)
def _fast_renditions(settings):
    """WebP and JPEG only: AVIF takes a second a picture on a shared CI core (one test checks AVIF by itself)."""
    settings.IMAGE_RENDITION_FORMATS = ["webp", "jpeg"]
