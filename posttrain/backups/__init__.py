"""Backups of the database and the local uploads, for `manage.py backup` and `manage.py restore`.

`operations` is what the commands call (create, verify, restore); `databases` dumps and restores PostgreSQL with its
own tools and SQLite with its backup API; `media` archives the local uploads. Nothing here knows an app: a backup is
of every table and every uploaded file, whoever owns them.
"""


class BackupError(Exception):
    """A backup or restore that cannot go ahead. The message tells the operator why and what to do."""
