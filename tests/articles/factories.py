"""Users in the editorial groups, for the workflow and admin tests."""

import factory
from django.contrib.auth.models import Group

from tests.factories import UserFactory


class WriterFactory(UserFactory):
    username = factory.Sequence(lambda n: f"writer{n}")

    class Meta:
        skip_postgeneration_save = True

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create:
            self.save()  # keeps the password set by UserFactory
            self.groups.add(Group.objects.get(name="Writers"))


class EditorFactory(UserFactory):
    username = factory.Sequence(lambda n: f"editor{n}")

    class Meta:
        skip_postgeneration_save = True

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create:
            self.save()  # keeps the password set by UserFactory
            self.groups.add(Group.objects.get(name="Editors"))
