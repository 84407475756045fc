from django.core.management.base import BaseCommand, CommandError

from newsletter import campaigns
from newsletter.models import Campaign


class Command(BaseCommand):
    help = "Queue a campaign's send now, exactly like the admin's 'Send now'. A second run is a no-op."

    def add_arguments(self, parser):
        parser.add_argument("campaign_id", type=int)

    def handle(self, campaign_id, **options):
        campaign = Campaign.objects.filter(pk=campaign_id).first()
        if campaign is None:
            raise CommandError(f"No campaign with id {campaign_id}.")
        if campaigns.start_sending(campaign):
            count = campaign.deliveries.count()
            self.stdout.write(self.style.SUCCESS(f"Campaign {campaign_id} queued: {count} recipient(s) so far."))
        else:
            self.stdout.write(f"Nothing done: campaign {campaign_id} is {campaign.get_status_display().lower()}.")
