"""Opening a store: checks first, then WAL mode, foreign keys and forward migrations.

:func:`open_store` refuses (with :class:`~svodka.store.schema.StoreError`) a file that is
not an svodka store or that a newer svodka wrote, before anything is written to it. A store
is in WAL mode, so readers (a brief, datasette) read while a run writes; a second writer
waits up to ``timeout`` seconds (``SVODKA_STORE_TIMEOUT``, default 30) and then fails with
a message naming the store. Connections are in autocommit mode: a batch opens its own
transaction (``BEGIN IMMEDIATE``) and commits it whole.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from svodka.store.schema import VERSION, StoreError, check_connection, check_header, migrate

DEFAULT_NAME = "svodka.db"
ENVIRONMENT = "SVODKA_STORE"
TIMEOUT_ENVIRONMENT = "SVODKA_STORE_TIMEOUT"
DEFAULT_TIMEOUT = 30.0


def default_timeout() -> float:
    """Seconds a writer waits for another one: ``SVODKA_STORE_TIMEOUT`` or 30."""
    value = os.environ.get(TIMEOUT_ENVIRONMENT, "").strip()
    if not value:
        return DEFAULT_TIMEOUT
    try:
        seconds = float(value)
    except ValueError:
        raise StoreError(f"{TIMEOUT_ENVIRONMENT}={value!r} is not a number of seconds") from None
    if not seconds >= 0:
        raise StoreError(f"{TIMEOUT_ENVIRONMENT}={value!r} is not a number of seconds")
    return seconds


def busy(exc: sqlite3.Error) -> bool:
    """Whether an SQLite error means that another connection holds the store."""
    return isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc).lower()


def busy_error(path: Path, timeout: float) -> StoreError:
    return StoreError(
        f"the store {path} is being written by another svodka run; waited {timeout:g} s "
        f"(set {TIMEOUT_ENVIRONMENT} to wait longer); try again when it has finished"
    )


def open_store(
    path: str | Path, timeout: float | None = None, create: bool = True
) -> sqlite3.Connection:
    """A connection to the store at ``path``, migrated to the current schema.

    ``create``: make a new store when there is no file (else :class:`StoreError`). A file
    that is not a store, or a store of a newer svodka, is refused unchanged.
    """
    path = Path(path)
    seconds = default_timeout() if timeout is None else timeout
    version = check_header(path)
    if not create and not path.exists():
        raise StoreError(f"there is no store at {path}")
    if path.parent and not path.parent.exists():
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create the store {path}: {exc.strerror or exc}") from None
    try:
        con = sqlite3.connect(path, timeout=seconds, isolation_level=None)
    except sqlite3.Error as exc:
        raise StoreError(f"cannot open the store {path}: {exc}") from None
    try:
        version = check_connection(con, path)  # the header may lag behind a write-ahead log
        con.execute("PRAGMA foreign_keys = ON")
        if con.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
            con.execute("PRAGMA journal_mode = WAL")
        con.execute("PRAGMA synchronous = NORMAL")
        if version < VERSION:
            with transaction(con, path, seconds):
                version = check_connection(con, path)  # another process may have migrated it
                if version < VERSION:
                    migrate(con, version)
    except StoreError:
        con.close()
        raise
    except sqlite3.Error as exc:
        con.close()
        if busy(exc):
            raise busy_error(path, seconds) from None
        raise StoreError(f"cannot open the store {path}: {exc}") from None
    return con


@contextmanager
def transaction(con: sqlite3.Connection, path: Path, timeout: float) -> Iterator[None]:
    """One write transaction (``BEGIN IMMEDIATE``): committed whole when the block ends,
    rolled back when it raises. Another writer holding the store for longer than
    ``timeout`` seconds is a :class:`StoreError`."""
    try:
        con.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        if busy(exc):
            raise busy_error(path, timeout) from None
        raise StoreError(f"cannot write the store {path}: {exc}") from None
    try:
        yield
    except BaseException:
        if con.in_transaction:
            con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")
