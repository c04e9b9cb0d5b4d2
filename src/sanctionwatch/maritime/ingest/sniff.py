"""Opening AIS files (plain or gzip) and telling NMEA from CSV."""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from pathlib import Path
from typing import IO, cast

from sanctionwatch.errors import InputError


def _open(path: Path) -> IO[bytes]:
    if path.suffix == ".gz":
        return cast(IO[bytes], gzip.open(path, "rb"))
    return open(path, "rb")


def open_text_lines(path: Path) -> Iterator[bytes]:
    with _open(path) as fh:
        try:
            yield from fh
        except (OSError, EOFError) as exc:  # truncated or corrupt gzip
            raise InputError(
                f"the file cannot be read to the end ({exc})",
                path=path,
                hint="re-download or re-compress the file",
            ) from exc


def first_line(path: Path) -> bytes:
    try:
        with _open(path) as fh:
            return fh.readline(65536)
    except (OSError, EOFError) as exc:
        raise InputError(f"the file cannot be opened ({exc})", path=path) from exc


def sniff_format(path: Path) -> str:
    """``nmea`` or ``csv`` from the first line."""
    line = first_line(path).lstrip(b"\xef\xbb\xbf")
    if b"VDM," in line or b"VDO," in line or line.startswith((b"\\", b"!", b"#")):
        # '#' starts both comments in NMEA logs and the DMA header ("# Timestamp,...")
        if line.startswith((b"# Timestamp", b"#Timestamp")):
            return "csv"
        return "nmea"
    return "csv"
