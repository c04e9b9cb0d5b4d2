"""Service functions shared by the REST API, the web pages and the CLI.

Routers and templates call these and nothing else; they hold the only
interface-side logic (dataset scoping, FtM shaping, batch jobs, tokens).
"""

from sanctionwatch.services.context import Services, Snapshot

__all__ = ["Services", "Snapshot"]
