"""Users in the editorial groups, for the workflow and admin tests."""

import importlib

import factory
from django.contrib.auth.models import Group, Permission

from tests.factories import UserFactory


def editorial_group(name):
    """The group the data migration made; rebuilt if a transactional test flushed the database since."""
    group = Group.objects.filter(name=name).first()
    if group is None:
        importlib.import_module("articles.migrations.0002_editorial_groups").build_groups(Group, Permission)
        importlib.import_module("articles.migrations.0008_image_library_permissions").grant(Group, Permission)
        group = Group.objects.get(name=name)
    return group


class WriterFactory(UserFactory):
    username = factory.Sequence(lambda n: f"writer{n}")

    class Meta:
        skip_postgeneration_save = True

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create:
            self.save()  # keeps the password set by UserFactory
            self.groups.add(editorial_group("Writers"))


class EditorFactory(UserFactory):
    username = factory.Sequence(lambda n: f"editor{n}")

    class Meta:
        skip_postgeneration_save = True

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create:
            self.save()  # keeps the password set by UserFactory
            self.groups.add(editorial_group("Editors"))
