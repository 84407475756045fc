"""The benchmark ceiling: what this Django, with its middleware, serves when a page costs nothing but a render.

`make bench` divides every page's requests/s by this view's, measured in the same run on the same server.
Mounted only when BENCH_VIEWS is on (posttrain/urls.py), which also installs this app (posttrain/settings.py).
"""

from django.http import HttpResponse
from django.template import engines
from django.views.decorators.http import require_GET

CEILING_CONTEXT = {
    "title": "What post-training changes in a model, a team and an athlete",
    "description": "A constant article-sized page: what a page costs when it needs nothing but a render.",
    "canonical": "/_bench/ceiling/",
    "author": "PostTrain",
    "minutes": 7,
}


@require_GET
def ceiling(request):
    # The engine's Template.render() without a request runs no context processor, so no query and no cache read.
    template = engines["django"].get_template("bench/ceiling.html")
    return HttpResponse(template.render(CEILING_CONTEXT))
