"""Dump and restore the configured database: PostgreSQL with pg_dump/pg_restore, SQLite with its backup API."""

import os
import re
import shutil
import sqlite3
import subprocess
from contextlib import closing

from django.db import DatabaseError, connections, transaction
from psycopg.conninfo import make_conninfo

from posttrain.backups import BackupError

# `pg_restore --list` names each table once as "<id>; <catalog> <oid> TABLE <schema> <name> <owner>".
_TOC_TABLE = re.compile(r"^\d+; \d+ \d+ TABLE (?!DATA )(\S+) (\S+) ", re.MULTILINE)
# The tables a restore replaces: ordinary and partitioned ones on the search path, except an extension's own.
_VISIBLE_TABLES = """
    SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p') AND pg_table_is_visible(c.oid)
      AND n.nspname NOT IN ('pg_catalog', 'information_schema')
      AND NOT EXISTS (
        SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e'
      )
"""


def database_for(alias="default"):
    connection = connections[alias]
    kinds = {kind.vendor: kind for kind in (SQLiteDatabase, PostgreSQLDatabase)}
    if connection.vendor not in kinds:
        raise BackupError(f"Backups cover PostgreSQL and SQLite; this site's database is {connection.vendor}.")
    return kinds[connection.vendor](connection)


def _connect(connection):
    try:
        connection.ensure_connection()
    except DatabaseError as exc:
        raise BackupError(f"Cannot reach the database {connection.settings_dict['NAME']}: {exc}") from exc


class _Database:
    """One database vendor's dump, check and restore; `connection` is Django's connection to the site's database."""

    def __init__(self, connection):
        self.connection = connection

    def connect(self):
        _connect(self.connection)


def _sqlite_readonly(path):
    return sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)


class SQLiteDatabase(_Database):
    vendor = "sqlite"
    filename = "database.sqlite3"

    def describe(self):
        return {"vendor": self.vendor, "name": str(self.connection.settings_dict["NAME"])}

    def dump(self, path):
        # The backup API copies a consistent snapshot page by page, even while the site writes.
        self.connect()
        with closing(sqlite3.connect(path)) as target:
            self.connection.connection.backup(target)
        return {"sqlite_version": sqlite3.sqlite_version}

    def check(self, path, details):
        try:
            with closing(_sqlite_readonly(path)) as database:
                verdict = database.execute("PRAGMA quick_check").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            raise BackupError(f"{path.name} is not a readable SQLite database ({exc}): the backup is damaged.") from exc
        if verdict != "ok":
            raise BackupError(f"{path.name} fails SQLite's consistency check ({verdict}): the backup is damaged.")

    def restore(self, path, details):
        # Every page of the live database is replaced at once; Django's other connections are closed first so none
        # keeps reading from a file that changed under it. (An in-memory test database survives close().)
        connections.close_all()
        self.connect()
        with closing(_sqlite_readonly(path)) as source:
            source.backup(self.connection.connection)
        return []


class PostgreSQLDatabase(_Database):
    vendor = "postgresql"
    filename = "database.pgdump"

    def describe(self):
        settings_dict = self.connection.settings_dict
        self.connect()
        return {
            "vendor": self.vendor,
            "name": settings_dict["NAME"],
            "host": settings_dict.get("HOST") or "local socket",
            "server_version": _version_text(self.connection.pg_version),
        }

    def dump(self, path):
        self.connect()
        server_major = self.connection.pg_version // 10000
        tool, tool_major = self._tool("pg_dump")
        if tool_major < server_major:
            raise BackupError(
                f"pg_dump {tool_major} cannot dump a PostgreSQL {server_major} server. Install the client tools of "
                f"the server's version (on Debian: apt-get install postgresql-client-{server_major})."
            )
        self._run(tool, "--format=custom", f"--file={path}")
        return {"pg_dump_major": tool_major}

    def check(self, path, details):
        tool, tool_major = self._tool("pg_restore")
        dumped_by = details.get("pg_dump_major")
        dumped_by = dumped_by if isinstance(dumped_by, int) else 0
        if tool_major < dumped_by:
            raise BackupError(
                f"This backup was written by pg_dump {dumped_by}; pg_restore {tool_major} cannot read it. Install "
                f"the PostgreSQL {dumped_by} client tools (on Debian: apt-get install postgresql-client-{dumped_by})."
            )
        listing = subprocess.run([tool, "--list", str(path)], capture_output=True, text=True)
        if listing.returncode:
            raise BackupError(f"{path.name} is not a readable pg_dump archive: {listing.stderr.strip()}")
        return set(_TOC_TABLE.findall(listing.stdout))

    def restore(self, path, details):
        """Replace every table with the dump's; tables the dump does not have are dropped. Returns their names."""
        dumped_tables = self.check(path, details)
        tool, _ = self._tool("pg_restore")
        # pg_restore runs in its own session: ours must hold no lock and must not use plans of dropped tables.
        connections.close_all()
        # One transaction: a restore that fails half-way leaves the database as it was.
        self._run(tool, "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction", str(path))
        with transaction.atomic(using=self.connection.alias), self.connection.cursor() as cursor:
            cursor.execute(_VISIBLE_TABLES)
            leftover = sorted(set(cursor.fetchall()) - dumped_tables)
            # Tables from migrations newer than the backup: left in place, `migrate` would fail to create them.
            quote = self.connection.ops.quote_name
            for schema, table in leftover:
                cursor.execute(f"DROP TABLE IF EXISTS {quote(schema)}.{quote(table)} CASCADE")
        connections.close_all()
        return [f"{schema}.{table}" for schema, table in leftover]

    def _tool(self, name):
        """The client program `name` on PATH and its major version."""
        path = shutil.which(name)
        if path is None:
            raise BackupError(
                f"{name} was not found on PATH. It comes with the PostgreSQL client tools, which must match the "
                f"server's version (on Debian: apt-get install postgresql-client-<server version>)."
            )
        version = subprocess.run([path, "--version"], capture_output=True, text=True).stdout
        match = re.search(r"\)\s*(\d+)", version)
        return path, int(match.group(1)) if match else 0

    def _run(self, tool, *arguments):
        settings_dict = self.connection.settings_dict
        # Django's own mapping of DATABASES to libpq's environment: the password travels as PGPASSWORD, never in argv.
        _, environment = self.connection.client.settings_to_cmd_args_env(settings_dict, [])
        command = [tool]
        for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
            if settings_dict.get(key):
                command.append(f"{flag}={settings_dict[key]}")
        if settings_dict.get("NAME"):
            # A connection string, so a database name with spaces or quotes reaches libpq intact.
            command.append(f"--dbname={make_conninfo('', dbname=settings_dict['NAME'])}")
        command.extend(arguments)
        result = subprocess.run(command, env={**os.environ, **(environment or {})}, capture_output=True, text=True)
        if result.returncode:
            name = os.path.basename(tool)
            raise BackupError(f"{name} failed (exit status {result.returncode}): {result.stderr.strip()}")
        return result.stdout


def _version_text(pg_version):
    return f"{pg_version // 10000}.{pg_version % 10000}"
