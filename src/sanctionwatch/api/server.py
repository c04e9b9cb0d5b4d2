"""How uvicorn serves the app: its h11 protocol with Nagle's algorithm switched off.

asyncio sets ``TCP_NODELAY`` only on sockets whose ``proto`` is TCP; the
sockets uvicorn accepts from an inherited listening socket report ``proto``
0, so Nagle stays on. A response goes out as two writes (head, then body),
and the body then waits for the client's delayed ACK: about 40 ms per
request. This protocol turns Nagle off on every connection.
"""

from __future__ import annotations

import asyncio
import socket

from uvicorn.protocols.http.h11_impl import H11Protocol

HTTP_PROTOCOL = "sanctionwatch.api.server:NoDelayH11Protocol"


class NoDelayH11Protocol(H11Protocol):
    """uvicorn's h11 protocol with ``TCP_NODELAY`` set on the connection."""

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        sock = transport.get_extra_info("socket")
        if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
            try:
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            except OSError:  # not a TCP socket after all: nothing to tune
                pass
        super().connection_made(transport)
