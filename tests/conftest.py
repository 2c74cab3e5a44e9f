from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory, monkeypatch):
    """Keep the schema-valid cache of each test away from the user's own."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return DATA


@pytest.fixture(scope="session")
def ot():
    from otgraph import load_roles

    return load_roles()


@pytest.fixture(scope="session")
def tiny():
    from otgraph import load_roles

    return load_roles(DATA / "tiny.json")
