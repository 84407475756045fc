import factory
from django.utils import timezone

from newsletter.models import Campaign, Delivery, Subscriber


class SubscriberFactory(factory.django.DjangoModelFactory):
    """A confirmed subscriber unless told otherwise."""

    class Meta:
        model = Subscriber
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"reader{n}@example.org")
    status = Subscriber.Status.CONFIRMED
    confirmed_at = factory.LazyFunction(timezone.now)

    class Params:
        pending = factory.Trait(status=Subscriber.Status.PENDING, confirmed_at=None)
        unsubscribed = factory.Trait(status=Subscriber.Status.UNSUBSCRIBED, unsubscribed_at=factory.LazyFunction(
            timezone.now))

    @factory.post_generation
    def interests(self, create, extracted, **kwargs):
        if create and extracted:
            self.interests.set(extracted)


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campaign
        skip_postgeneration_save = True

    subject = factory.Sequence(lambda n: f"Launch announcement {n}")
    preheader = "PostTrain is live."
    html_body = '<h2>We are live</h2><p>Read <a href="https://posttrain.example/">the first articles</a>.</p>'
    scheduled_at = None


class DeliveryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Delivery

    campaign = factory.SubFactory(CampaignFactory)
    subscriber = factory.SubFactory(SubscriberFactory)
