"""What each engine of ``otgraph learn`` needs installed, checked before any work starts.

DuckDB (and numpy, for the Kaplan-Meier pass) come with the ``learn`` extra; Spark needs the
``spark`` extra and a Java 17+ to start its JVM. Each check raises
:class:`~otgraph.errors.MissingDependencyError` naming what to install.

>>> import sys
>>> saved = sys.modules.get("duckdb")
>>> sys.modules["duckdb"] = None  # as if DuckDB were not installed
>>> try:
...     require_duckdb()
... except MissingDependencyError as exc:
...     print(exc.install)
pip install "otgraph[learn]"
>>> if saved is None:
...     del sys.modules["duckdb"]
... else:
...     sys.modules["duckdb"] = saved
"""

from __future__ import annotations

import importlib.util
import os
import shutil
from pathlib import Path
from types import ModuleType

from ..errors import MissingDependencyError

__all__ = ["INSTALL_LEARN", "INSTALL_SPARK", "JAVA_INSTALL", "require_duckdb", "require_spark"]

#: How to install the DuckDB engine.
INSTALL_LEARN = 'pip install "otgraph[learn]"'

#: How to install the Spark engine.
INSTALL_SPARK = 'pip install "otgraph[spark]"'

#: How to install Java for Spark.
JAVA_INSTALL = "apt-get install default-jre-headless (or set JAVA_HOME to a Java 17+ installation)"


def require_duckdb() -> ModuleType:
    """The duckdb module, once it and numpy are known to import."""
    try:
        import duckdb
        import numpy  # noqa: F401
    except ImportError as exc:
        raise MissingDependencyError(f"otgraph learn needs {exc.name or 'DuckDB'}, which is not installed",
                                     INSTALL_LEARN) from None
    return duckdb


def require_spark() -> None:
    """Check that PySpark imports and that a Java is there to start it: ``$JAVA_HOME/bin/java``,
    else ``java`` on the PATH."""
    try:
        found = importlib.util.find_spec("pyspark") is not None
    except (ImportError, ValueError):
        found = False
    if not found:
        raise MissingDependencyError("the Spark engine needs PySpark (and Java 17+), which is not installed",
                                     INSTALL_SPARK)
    home = os.environ.get("JAVA_HOME")
    if (home and Path(home, "bin", "java").is_file()) or (not home and shutil.which("java")):
        return
    where = f"JAVA_HOME is {home}, with no bin/java" if home else "JAVA_HOME is unset and no java is on the PATH"
    raise MissingDependencyError(f"the Spark engine needs Java 17+, and none was found ({where})", JAVA_INSTALL)
