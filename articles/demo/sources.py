"""The demo's references as an editor would enter them, and the source-health states "Needs attention" shows.

Recorded, never checked: loading the demo sends no request anywhere. A reference whose data says ``"link": "dead"``
gets an address recorded as dead (two failed checks a day apart); an article whose data says
``"review": "overdue"`` keeps its publication date as its last review, months ago.
"""

from datetime import timedelta

from articles.models import Reference, SourceLink


def create_references(article, rows):
    """Saved one by one: each gets its identifiers from its address and a citation key the text can cite."""
    for order, row in enumerate(rows, start=1):
        reference = Reference(
            article=article,
            order=order,
            key=row.get("key", ""),
            kind=row.get("kind", Reference.Kind.ARTICLE),
            title=row["title"],
            url=row.get("url", ""),
            authors=row.get("authors", ""),
            year=row.get("year"),
            isbn=row.get("isbn", ""),
        )
        reference.fill_identifiers_from_url()
        reference.save()


def record_link_states(now, articles_data):
    """Record the source-health state the data asks for, once (a second load leaves what the checker found)."""
    for data in articles_data:
        for row in data["references"]:
            if row.get("link") == "dead":
                SourceLink.objects.get_or_create(
                    url=row["url"],
                    defaults={
                        "status": SourceLink.Status.DEAD,
                        "http_status": 404,
                        "failing_since": now - timedelta(days=1, hours=3),
                        "checked_at": now - timedelta(hours=2),
                    },
                )
