"""Shared fixtures, and the programs some tests need.

Tests that render with Graphviz are marked ``needs_dot``; tests that drive a browser are
marked ``needs_browser`` and take the ``chrome`` fixture. Where the program is missing they are
skipped, naming what is missing, unless OTGRAPH_REQUIRE_DOT / OTGRAPH_REQUIRE_BROWSER is set
(as ``.ci/run`` sets them), and then they fail. The browser is Chromium or Chrome found on PATH
(chromium, chromium-browser, google-chrome, google-chrome-stable) or named by
$OTGRAPH_BROWSER; its driver is chromedriver on PATH or $OTGRAPH_CHROMEDRIVER.
"""

import os
import shutil
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"

BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
DRIVER_NAMES = ("chromedriver",)


def find_program(env_var: str, names: tuple[str, ...]) -> str | None:
    """The program named by ``env_var`` (a path or a name on PATH), else the first of ``names`` on PATH."""
    chosen = os.environ.get(env_var)
    if chosen:
        return shutil.which(chosen) or (chosen if Path(chosen).is_file() else None)
    return next((found for found in map(shutil.which, names) if found), None)


def missing_programs(kind: str) -> str | None:
    """What a ``needs_dot`` / ``needs_browser`` test lacks, or None if it can run."""
    if kind == "dot":
        return None if shutil.which("dot") else "Graphviz 'dot' is not on PATH (apt-get install graphviz)"
    lacking = []
    if not find_program("OTGRAPH_BROWSER", BROWSER_NAMES):
        lacking.append(f"no browser ({', '.join(BROWSER_NAMES)} on PATH, or $OTGRAPH_BROWSER)")
    if not find_program("OTGRAPH_CHROMEDRIVER", DRIVER_NAMES):
        lacking.append("no chromedriver (on PATH, or $OTGRAPH_CHROMEDRIVER)")
    return "; ".join(lacking) + " (apt-get install chromium chromium-driver)" if lacking else None


_REQUIRED_BY = {"dot": "OTGRAPH_REQUIRE_DOT", "browser": "OTGRAPH_REQUIRE_BROWSER"}


def pytest_configure(config):
    config.addinivalue_line("markers", "needs_dot: renders with Graphviz's dot (skipped without it)")
    config.addinivalue_line("markers", "needs_browser: drives Chromium through chromedriver (skipped without)")


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    for kind, env_var in _REQUIRED_BY.items():
        if item.get_closest_marker(f"needs_{kind}") is None:
            continue
        missing = missing_programs(kind)
        if missing and os.environ.get(env_var):
            pytest.fail(f"{missing}, and {env_var} is set: this run must not skip it", pytrace=False)
        if missing:
            pytest.skip(missing)


@pytest.fixture(scope="session")
def chrome() -> tuple[str, str]:
    """(browser, chromedriver) paths for a ``needs_browser`` test."""
    return find_program("OTGRAPH_BROWSER", BROWSER_NAMES), find_program("OTGRAPH_CHROMEDRIVER", DRIVER_NAMES)


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
