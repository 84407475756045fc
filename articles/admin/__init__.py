"""The editors' tool. Rules live in articles.workflow; this package only asks it and shows the answers.

Writers see only their own articles and may change only their drafts; every view, inline, bulk action and custom
URL asks the workflow's permission functions, so hiding a button is never the only guard.

    article.py        ArticleAdmin: what the list and the form show, and who may see and change what
    article_views.py  its own pages: workflow steps, bulk actions, preview links, revisions, tag suggestions, calendar
    attention_views.py  the "Needs attention" queue (dead or moved sources, overdue reviews, old arXiv versions)
    comment_views.py  the discussion on the change form: comment, reply, resolve
    notifications.py  each staff user's choice of editorial e-mails, and the record of what was sent
    images.py         the image library: upload, describe, focal point, where used
    registrations.py  the other editorial models
    filters.py, forms.py
"""

from . import article, images, notifications, registrations  # noqa: F401  (importing a module registers its admins)
