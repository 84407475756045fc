"""The image library: one upload, described once (alt text, caption, credit, licence, focal point), used as heroes
and body figures, served as responsive renditions.

    models.py      Image (the library entry), Rendition (one stored size and format of it), image tags
    processing.py  checks and cleans an upload; makes renditions and the social crop with Willow
    renditions.py  which renditions an image gets, stored on the default storage; made by tasks.py after commit
    markup.py      what a page shows: <picture> data for a hero, figures in a body, social card and JSON-LD URLs
    usage.py       where an image is used, and the alt-text check publishing asks
"""
