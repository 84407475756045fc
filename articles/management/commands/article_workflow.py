"""Move an article through the workflow from the command line, with the same rules as the admin.

    manage.py article_workflow <slug> unpublish --user editor --comment "Legal asked us to take it down"
    manage.py article_workflow <slug> schedule --user editor --at 2026-09-02T09:00+00:00
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError
from django.utils.dateparse import parse_datetime

from articles import workflow
from articles.models import Article

STEPS = ["submit", "publish", "schedule", "unpublish", "request-changes"]


class Command(BaseCommand):
    help = "Submit, publish, schedule, unpublish or send back an article, as the given user."

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("step", choices=STEPS)
        parser.add_argument("--user", required=True, help="Username of the person taking the step.")
        parser.add_argument("--at", help="For schedule: when, in ISO 8601 with a UTC offset.")
        parser.add_argument("--comment", default="")

    def handle(self, slug, step, user, at, comment, **options):
        try:
            article = Article.objects.get(slug=slug)
        except Article.DoesNotExist:
            raise CommandError(f"No article with the slug {slug!r}.") from None
        try:
            actor = get_user_model().objects.get(username=user)
        except get_user_model().DoesNotExist:
            raise CommandError(f"No user {user!r}.") from None
        when = None
        if step == "schedule":
            when = parse_datetime(at or "")
            if when is None:
                raise CommandError("--at needs a date and time such as 2026-09-02T09:00+00:00.")
        try:
            if step == "submit":
                workflow.submit_for_review(article, actor, comment=comment)
            elif step == "publish":
                workflow.publish(article, actor, comment=comment)
            elif step == "schedule":
                workflow.schedule(article, actor, when, comment=comment)
            elif step == "unpublish":
                workflow.unpublish(article, actor, comment=comment)
            else:
                workflow.request_changes(article, actor, comment)
        except (workflow.WorkflowError, PermissionDenied) as error:
            raise CommandError(str(error) or "Not allowed.") from None
        self.stdout.write(f"“{article}” is now {article.display_status.lower()}.")
