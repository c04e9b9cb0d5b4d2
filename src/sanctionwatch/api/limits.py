"""Request size limits, enforced while the body streams in.

A declared ``Content-Length`` over the limit is refused with 413 before a
byte of the body is read; a chunked body is counted as it arrives and cut off
at the limit. Nothing is buffered beyond the limit.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from fastapi import HTTPException, Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sanctionwatch.api.errors import error_body


class BodyTooLarge(HTTPException):
    """413: raised from inside ``receive`` so FastAPI and our handlers both see it."""

    def __init__(self, limit: int) -> None:
        super().__init__(
            status_code=413,
            detail=f"Request body too large: the limit here is {limit:,} bytes.",
        )


def _mb(limit: int) -> str:
    return f"{limit / 1024 / 1024:g} MiB"


class BodyLimitMiddleware:
    """ASGI middleware: upload paths get ``upload_limit``, everything else ``body_limit``."""

    def __init__(
        self, app: ASGIApp, *, body_limit: int, upload_limit: int, upload_prefixes: tuple[str, ...]
    ) -> None:
        self.app = app
        self.body_limit = body_limit
        self.upload_limit = upload_limit
        self.upload_prefixes = upload_prefixes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        limit = self.upload_limit if path.startswith(self.upload_prefixes) else self.body_limit
        declared = None
        for name, value in scope["headers"]:
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = None
        if declared is not None and declared > limit:
            await _send_413(send, limit)
            return
        received = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(limit)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except BodyTooLarge:
            if not started:
                await _send_413(send, limit)


async def _send_413(send: Send, limit: int) -> None:
    import json

    body = json.dumps(
        error_body(
            413,
            f"Request body too large: the limit here is {limit:,} bytes ({_mb(limit)}).",
            hint="split the file, or ask the operator to raise SANCTIONWATCH_MAX_UPLOAD_MB",
        )
    ).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


async def save_body(request: Request, directory: Path) -> tuple[Path, str]:
    """Stream the request body to a file; multipart form uploads are unpacked to their file part.

    Returns (path, original file name). The size limit is enforced by
    :class:`BodyLimitMiddleware` while streaming.
    """
    directory.mkdir(parents=True, exist_ok=True)
    content_type = request.headers.get("content-type", "")
    fd, name = tempfile.mkstemp(dir=directory, prefix="upload-", suffix=".part")
    path = Path(name)
    try:
        with os.fdopen(fd, "wb") as raw:
            async for chunk in request.stream():
                raw.write(chunk)
        if content_type.startswith("multipart/form-data"):
            return _unpack_multipart(path, content_type, directory)
        name = (
            request.headers.get("x-filename")
            or request.query_params.get("filename")
            or "upload.csv"
        )
        return path, name
    except BaseException:
        path.unlink(missing_ok=True)
        raise


def _unpack_multipart(path: Path, content_type: str, directory: Path) -> tuple[Path, str]:
    """Pull the first file part of a multipart body (already on disk) into its own file."""
    from python_multipart.multipart import parse_options_header

    from sanctionwatch.errors import InputError

    _, params = parse_options_header(content_type)
    boundary = params.get(b"boundary")
    if not boundary:
        path.unlink(missing_ok=True)
        raise InputError(
            "multipart upload without a boundary", hint="send the file as form field 'file'"
        )
    from python_multipart import MultipartParser
    from python_multipart.exceptions import MultipartParseError

    fd, name = tempfile.mkstemp(dir=directory, prefix="file-", suffix=".csv")
    out_path = Path(name)
    state: dict[str, object] = {
        "headers": b"",
        "in_file": False,
        "done": False,
        "name": "upload.csv",
        "field": b"",
    }
    header_field = bytearray()
    header_value = bytearray()
    headers: dict[bytes, bytes] = {}

    def on_part_begin() -> None:
        headers.clear()

    def on_header_field(data: bytes, start: int, end: int) -> None:
        header_field.extend(data[start:end])

    def on_header_value(data: bytes, start: int, end: int) -> None:
        header_value.extend(data[start:end])

    def on_header_end() -> None:
        headers[bytes(header_field).lower()] = bytes(header_value)
        header_field.clear()
        header_value.clear()

    def on_headers_finished() -> None:
        _, opts = parse_options_header(headers.get(b"content-disposition", b""))
        if not state["done"] and b"filename" in opts:
            state["in_file"] = True
            state["name"] = opts[b"filename"].decode("utf-8", "replace") or "upload.csv"

    def on_part_data(data: bytes, start: int, end: int) -> None:
        if state["in_file"]:
            out.write(data[start:end])

    def on_part_end() -> None:
        if state["in_file"]:
            state["in_file"] = False
            state["done"] = True

    parser = MultipartParser(
        boundary,
        {
            "on_part_begin": on_part_begin,
            "on_header_field": on_header_field,
            "on_header_value": on_header_value,
            "on_header_end": on_header_end,
            "on_headers_finished": on_headers_finished,
            "on_part_data": on_part_data,
            "on_part_end": on_part_end,
        },
    )
    try:
        with os.fdopen(fd, "wb") as out, path.open("rb") as fh:
            while chunk := fh.read(1 << 16):
                parser.write(chunk)
            parser.finalize()
    except (MultipartParseError, ValueError) as exc:
        out_path.unlink(missing_ok=True)
        raise InputError(
            f"the multipart upload cannot be read: {exc}", hint="send the file as form field 'file'"
        ) from None
    finally:
        path.unlink(missing_ok=True)
    if not state["done"]:
        out_path.unlink(missing_ok=True)
        raise InputError("the upload has no file part", hint="send the CSV as form field 'file'")
    return out_path, str(state["name"])
