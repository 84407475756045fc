import django.db.models.deletion
from django.db import migrations, models


def clear_parts_without_series(apps, schema_editor):
    """Articles whose series was deleted before series protected them kept a part number of nothing."""
    Article = apps.get_model("articles", "Article")
    Article.objects.filter(series__isnull=True, part__isnull=False).update(part=None)


class Migration(migrations.Migration):

    dependencies = [
        ("articles", "0003_ascii_slugs"),
    ]

    operations = [
        migrations.RunPython(clear_parts_without_series, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='article',
            name='series',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='articles', to='articles.series'),
        ),
        migrations.AddConstraint(
            model_name='article',
            constraint=models.CheckConstraint(condition=models.Q(('part__isnull', True), ('series__isnull', False), _connector='OR'), name='part_needs_series'),
        ),
    ]
