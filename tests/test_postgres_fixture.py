import pytest
import sqlalchemy as sa


@pytest.mark.postgres
def test_private_postgres_server_answers(pg_url: str) -> None:
    engine = sa.create_engine(pg_url)
    with engine.connect() as conn:
        assert conn.execute(sa.text("select 41 + 1")).scalar() == 42
    engine.dispose()
