"""API test fixtures live in ``tests/sw_testserver.py`` (shared with the web tests)."""

import sys
from pathlib import Path

# tests/ is not a package; make the shared fixture module importable.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sw_testserver import (  # noqa: F401
    bundled_db,
    client,
    data_dir,
    fresh_store_copy,
    live_server,
    private_client,
    server_settings,
    write_token,
)
