from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory):
    """Keep the tests' schema-valid cache away from the user's own (one for the whole run)."""
    import os

    old = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))
    yield
    if old is None:
        del os.environ["XDG_CACHE_HOME"]
    else:
        os.environ["XDG_CACHE_HOME"] = old


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


def pytest_terminal_summary(terminalreporter):
    from strategies import FUZZ_COUNT

    if FUZZ_COUNT["inputs"]:
        terminalreporter.write_line(
            f"fuzz: {FUZZ_COUNT['inputs']} command lines on mutated roles files, {FUZZ_COUNT['crashes']} crashes")
