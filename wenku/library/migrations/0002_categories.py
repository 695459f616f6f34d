from django.db import migrations


def seed(apps, schema_editor):
    from wenku.library.taxonomy import TAXONOMY

    Category = apps.get_model("library", "Category")
    for order, (slug, name, children) in enumerate(TAXONOMY):
        parent, _ = Category.objects.get_or_create(
            slug=slug, defaults={"name": name, "order": order}
        )
        for child_order, (child_slug, child_name) in enumerate(children):
            Category.objects.get_or_create(
                slug=child_slug,
                defaults={"name": child_name, "parent": parent, "order": child_order},
            )


class Migration(migrations.Migration):
    dependencies = [("library", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
