"""Zip archives from users (.docx articles, brief templates), checked before they are opened.

The sizes and count in an archive's directory are checked first, so that a zip bomb (a
small file that unpacks to gigabytes, or holds a million entries) is refused instead of
filling the memory; :mod:`zipfile` never unpacks a member beyond the size its directory
gives.
"""

from __future__ import annotations

import os
import stat
import zipfile
from typing import IO, BinaryIO

MAX_UNPACKED = 100 * 1024 * 1024
"""Refuse archives that unpack to more than this many bytes in all, or are as large."""
MAX_ENTRIES = 10_000
"""Refuse archives with more members than this (a Word document has a few dozen)."""
MAX_RATIO = 100
"""Refuse archives with a member over :data:`LARGE_MEMBER` bytes packed more tightly."""
LARGE_MEMBER = 1024 * 1024


class ArchiveError(ValueError):
    """An archive that is not a zip file, is damaged, or looks like a zip bomb; the message
    says which (the caller adds the file's name)."""


def check_archive(file: IO[bytes] | str, kind: str = "Word document (.docx)") -> None:
    """Raise :class:`ArchiveError` unless ``file`` is a zip archive of a safe unpacked size,
    entry count and compression ratio. ``kind`` names what the file should be, for the
    message."""
    if not zipfile.is_zipfile(file):
        raise ArchiveError(f"not a {kind}: not a zip archive")
    try:
        with zipfile.ZipFile(file) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise ArchiveError(f"damaged {kind}: {exc}") from None
    if len(members) > MAX_ENTRIES:
        raise ArchiveError(
            f"refused: {len(members)} entries (limit {MAX_ENTRIES}), it looks like a zip bomb"
        )
    total = sum(member.file_size for member in members)
    if total > MAX_UNPACKED:
        raise ArchiveError(
            f"refused: unpacks to {total / 2**20:.0f} MB (limit "
            f"{MAX_UNPACKED // 2**20} MB), it looks like a zip bomb"
        )
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > LARGE_MEMBER and ratio > MAX_RATIO:
            raise ArchiveError(
                f"refused: {member.filename} unpacks to {ratio:.0f} times its packed size "
                f"(limit {MAX_RATIO}), it looks like a zip bomb"
            )


def open_regular(path: str | os.PathLike[str], limit: int = MAX_UNPACKED) -> BinaryIO:
    """``path`` opened for reading, once it is known to be a regular file of at most
    ``limit`` bytes; :class:`ArchiveError` for anything else (a FIFO, whose opening would
    wait for a writer, a device, a folder) or a larger file, refused before it is read.
    OSError when it cannot be opened."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ArchiveError("refused: not a regular file (a pipe, device or folder)")
        if info.st_size > limit:
            raise ArchiveError(
                f"refused: {info.st_size / 2**20:.0f} MB (limit {limit // 2**20} MB)"
            )
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
