"""Demo content for a fresh PostTrain site: verticals, series, articles, glossary, resources and site settings.

The content lives here as plain Python data; ``loader.load()`` writes it to the database, creating only what is
missing. ``python manage.py load_demo_content`` is the entry point.
"""
