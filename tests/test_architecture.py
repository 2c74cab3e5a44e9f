"""The package's shape (issue 12): small modules, imports that only go down the layers, click only
in the command line, library messages without command-line flags, one helper for each label,
a quick ``--help``, errors networkx users can catch, and a wheel that carries its own data.

These read the source with :mod:`ast`; nothing here depends on how a module is written beyond
its imports, its ``raise`` statements and its string literals.
"""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import warnings
from functools import cache
from pathlib import Path

import networkx as nx
import pytest

import otgraph

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "otgraph"

#: A soft limit: a module longer than this (docstrings aside: numpydoc sections with examples
#: would otherwise double a module's length) is worth a look, and the test says so as a warning.
#: What is enforced is the complexity of functions (``test_functions_stay_simple``).
SOFT_MAX_LINES = 500

#: The layers, bottom to top. A module may import from its own layer or any layer below it,
#: never from one above (lazy imports inside functions count). ``otgraph.export`` is the
#: package's ``__init__`` (the dispatcher), above the exporters it dispatches to.
LAYERS: list[set[str]] = [
    {"otgraph.errors", "otgraph._fast", "otgraph._fast.nx_internals", "otgraph._callable"},
    {"otgraph.labels", "otgraph.bands", "otgraph.name_index"},
    {"otgraph.read", "otgraph.files", "otgraph._fast.cache", "otgraph._fast.derived", "otgraph.cache",
     "otgraph.derived"},
    {"otgraph.validate"},
    {"otgraph.merge"},
    {"otgraph.names", "otgraph.equivalents"},
    {"otgraph.gates", "otgraph.skills", "otgraph.holding"},
    {"otgraph._fast.search", "otgraph._fast.landmarks", "otgraph.landmarks"},
    {"otgraph.build", "otgraph._fast.snapshot"},
    {"otgraph.graph"},
    {"otgraph.load"},
    {"otgraph.route_model", "otgraph.people_routes"},
    {"otgraph.constraints"},
    {"otgraph.route_search"},
    {"otgraph.routes"},
    {"otgraph.reachability", "otgraph.graph_stats", "otgraph.compare"},
    {"otgraph.export.style", "otgraph.export.slide", "otgraph.export.heading", "otgraph.export.timeline",
     "otgraph.export.geometry", "otgraph.export.pages"},
    {"otgraph.export.networkx_formats", "otgraph.export.graphviz", "otgraph.export.mermaid",
     "otgraph.export.slide_layout"},
    {"otgraph.export.html"},
    {"otgraph.export"},
    {"otgraph.importers", "otgraph.importers.*"},
    {"otgraph.learn", "otgraph.learn.*"},
    {"otgraph.cli", "otgraph.cli.*"},
    {"otgraph", "otgraph.__main__"},  # the facade re-exports every layer; the entry point runs the CLI
]

#: Names the library may import from the ``otgraph`` facade itself (defined there, not re-exported).
FACADE_CONSTANTS = {"__version__"}

#: Known failures in modules others are changing: (check:file) -> reason. Each is a strict xfail,
#: so it turns into a failure (delete its line here) once the module is fixed.
KNOWN: dict[str, str] = {}  # "kind:path" -> why it is a strict xfail for now


# --- reading the source -------------------------------------------------------------------------


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def all_modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def is_cli(name: str) -> bool:
    return name == "otgraph.cli" or name.startswith("otgraph.cli.")


def library_modules() -> list[Path]:
    """Every module but the command line, the facade and the entry point."""
    return [p for p in all_modules() if not is_cli(module_name(p)) and module_name(p) not in ("otgraph",
                                                                                                "otgraph.__main__")]


@cache
def tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def is_module(name: str) -> bool:
    base = ROOT.joinpath(*name.split("."))
    return base.with_suffix(".py").is_file() or (base / "__init__.py").is_file()


def imports(path: Path) -> list[tuple[int, str, str | None]]:
    """(line, imported module, name imported from it or None) for every import in the file,
    at module level or inside functions, relative imports resolved."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in ast.walk(tree(path)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name, None) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base_parts = package.split(".")
                base_parts = base_parts[: len(base_parts) - (node.level - 1)]
                base = ".".join(base_parts + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                if is_module(sub):
                    found.append((node.lineno, sub, None))
                else:
                    found.append((node.lineno, base, alias.name))
    return found


def layer_of(name: str) -> int | None:
    for i, members in enumerate(LAYERS):
        for member in members:
            if name == member or (member.endswith(".*") and name.startswith(member[:-1])):
                return i
    return None


def xfail(key: str) -> list:
    return [pytest.mark.xfail(strict=True, reason=KNOWN[key])] if key in KNOWN else []


def params(kind: str, paths: list[Path]) -> list:
    out = []
    for p in paths:
        out.append(pytest.param(p, id=rel(p), marks=xfail(f"{kind}:{rel(p)}")))
    return out


def strings(node: ast.AST) -> list[tuple[int, str]]:
    """(line, text) of each string literal under ``node``; an f-string gives its literal parts
    joined, with ``{}`` where a value goes."""
    out = []
    inside_fstring = set()
    for sub in ast.walk(node):
        if isinstance(sub, ast.JoinedStr):
            text = "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in sub.values)
            out.append((sub.lineno, text))
            inside_fstring.update(id(v) for v in sub.values)
            inside_fstring.update(id(v) for v in ast.walk(sub) if isinstance(v, ast.Constant))
    for sub in ast.walk(node):
        if isinstance(sub, ast.Constant) and isinstance(sub.value, str) and id(sub) not in inside_fstring:
            out.append((sub.lineno, sub.value))
    return out


def docstring_nodes(module: ast.Module) -> set[int]:
    """ids of the docstring constants of the module, its classes and functions."""
    out = set()
    for node in ast.walk(module):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
                    and isinstance(body[0].value.value, str):
                out.add(id(body[0].value))
    return out


# --- size ---------------------------------------------------------------------------------------

SQL = re.compile(r"\b(SELECT|FROM|WHERE|JOIN|GROUP BY|ORDER BY|CREATE|INSERT|WITH)\b")


def sql_lines(path: Path) -> set[int]:
    """Lines taken by multi-line string literals holding SQL."""
    lines: set[int] = set()
    for node in ast.walk(tree(path)):
        if isinstance(node, (ast.Constant, ast.JoinedStr)) and node.end_lineno and node.end_lineno > node.lineno:
            text = node.value if isinstance(node, ast.Constant) else "".join(
                v.value for v in node.values if isinstance(v, ast.Constant))
            if isinstance(text, str) and SQL.search(text):
                lines.update(range(node.lineno, node.end_lineno + 1))
    return lines


def docstring_lines(path: Path) -> set[int]:
    docs = docstring_nodes(tree(path))
    return {line for node in ast.walk(tree(path)) if id(node) in docs
            for line in range(node.lineno, node.end_lineno + 1)}


@pytest.mark.parametrize("path", params("size", library_modules()))
def test_long_modules_are_pointed_out(path):
    total = len(path.read_text(encoding="utf-8").splitlines())
    n = total - len(docstring_lines(path))
    if module_name(path).startswith("otgraph.learn"):
        # The learn engine keeps its SQL beside the Python that runs it: count the Python.
        n -= len(sql_lines(path) - docstring_lines(path))
    if n > SOFT_MAX_LINES:
        warnings.warn(f"{rel(path)} has {n} lines besides docstrings (of {total}): is it doing more than one job?",
                      stacklevel=1)


#: The complexity limits of the package's functions, as pyproject.toml gives them to ruff.
COMPLEXITY = {"C901": ("mccabe", "max-complexity", 15), "PLR0912": ("pylint", "max-branches", 12),
              "PLR0915": ("pylint", "max-statements", 50)}


@cache
def _too_complex() -> dict[str, list[str]]:
    """ruff's complexity findings in the package, by file."""
    import tomllib

    ruff = shutil.which("ruff") or str(Path(sys.executable).with_name("ruff"))
    if not Path(ruff).exists():
        pytest.skip("ruff is not installed (pip install ruff)")
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["ruff"]["lint"]
    assert set(COMPLEXITY) <= set(config["select"])
    for section, key, limit in COMPLEXITY.values():
        assert config[section][key] == limit
    done = subprocess.run([ruff, "check", "--select", ",".join(COMPLEXITY), "--output-format", "concise",
                           "--no-cache", "--config", "lint.per-file-ignores = {}", str(PACKAGE)],
                          capture_output=True, text=True, cwd=ROOT)
    found: dict[str, list[str]] = {}
    for line in done.stdout.splitlines():
        if ": C901 " in line or ": PLR09" in line:
            where = Path(line.split(":", 1)[0])
            found.setdefault(rel(where if where.is_absolute() else ROOT / where), []).append(line)
    return found


@pytest.mark.parametrize("path", params("complexity", all_modules()))
def test_functions_stay_simple(path):
    """Cyclomatic complexity at most 15, branches at most 12, statements at most 50 in every
    function of the package (scripts and tests exempt), checked by ruff with the project's settings."""
    assert not _too_complex().get(rel(path)), "\n".join(_too_complex()[rel(path)])


# --- layers -------------------------------------------------------------------------------------


def test_every_module_has_a_layer():
    missing = [module_name(p) for p in all_modules() if layer_of(module_name(p)) is None]
    assert not missing, f"add these modules to LAYERS in {Path(__file__).name}: {missing}"


@pytest.mark.parametrize("path", params("layers", all_modules()))
def test_no_module_imports_from_a_layer_above_it(path):
    name = module_name(path)
    mine = layer_of(name)
    if name in ("otgraph", "otgraph.__main__"):
        return  # the facade and the entry point sit on top
    bad = []
    for line, target, what in imports(path):
        if target != "otgraph" and not target.startswith("otgraph."):
            continue
        if target == "otgraph" and what in FACADE_CONSTANTS:
            continue
        theirs = layer_of(target)
        if theirs is None or mine is None or theirs > mine:
            shown = f"{target}.{what}" if what and target == "otgraph" else target
            bad.append(f"{rel(path)}:{line} imports {shown} (layer {theirs}, above {name}'s {mine})")
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize("check", [pytest.param("cycles", marks=xfail("cycles"), id="library")])
def test_no_import_cycles_among_library_modules(check):
    G = nx.DiGraph()
    for path in library_modules():
        for _, target, what in imports(path):
            if target.startswith("otgraph.") and not (target == "otgraph" and what in FACADE_CONSTANTS):
                G.add_edge(module_name(path), target)
    cycles = list(nx.simple_cycles(G))
    assert not cycles, f"import cycles: {cycles}"


# --- click only in the CLI ----------------------------------------------------------------------


def test_click_is_imported_only_by_the_command_line():
    bad = [f"{rel(p)}:{line}" for p in all_modules() if not is_cli(module_name(p))
           for line, target, _ in imports(p) if target == "click" or target.startswith("click.")]
    assert not bad, f"click imported outside otgraph/cli/ and otgraph/cli_learn.py: {bad}"


# --- __all__ ---------------------------------------------------------------------------------


def public_modules() -> list[Path]:
    return [p for p in all_modules() if not any(part.startswith("_") and part != "__init__.py"
                                                 for part in p.relative_to(ROOT).parts)]


#: Old import paths of modules made private, kept one release (they replace themselves with the
#: private module on import, after a DeprecationWarning).
ALIASES = {"otgraph.cache": "otgraph._fast.cache", "otgraph.derived": "otgraph._fast.derived",
           "otgraph.landmarks": "otgraph._fast.landmarks"}


@pytest.mark.parametrize("path", params("all", [p for p in public_modules() if module_name(p) not in ALIASES]))
def test_every_public_module_has_all(path):
    names = [t.id for node in tree(path).body if isinstance(node, (ast.Assign, ast.AnnAssign))
             for t in (node.targets if isinstance(node, ast.Assign) else [node.target]) if isinstance(t, ast.Name)]
    assert "__all__" in names, f"{rel(path)} has no __all__"


# --- private machinery ---------------------------------------------------------------------------

#: networkx's internals that otgraph reads, and the one module allowed to read them.
NX_INTERNALS = {"_node", "_succ", "_pred", "_adj", "__networkx_cache__"}
NX_READER = "otgraph/_fast/nx_internals.py"


@pytest.mark.parametrize("path", params("nx-internals", all_modules()))
def test_networkx_internals_are_read_in_one_module(path):
    if rel(path) == NX_READER:
        return
    found = [f"{rel(path)}:{node.lineno}: .{node.attr}" for node in ast.walk(tree(path))
             if isinstance(node, ast.Attribute) and node.attr in NX_INTERNALS]
    assert not found, f"read networkx internals through {NX_READER}:\n" + "\n".join(found)


#: What the command line may import from the package: public modules' public names, and the
#: private speed package. A new entry here is a decision, not a side effect.
CLI_ALLOWED = {
    "otgraph.cli", "otgraph.cli.common", "otgraph.cli.route_commands", "otgraph.compare", "otgraph.equivalents",
    "otgraph.errors", "otgraph.export", "otgraph.export.html", "otgraph.export.timeline", "otgraph.files",
    "otgraph.gates", "otgraph.graph", "otgraph.graph_stats", "otgraph.holding", "otgraph.importers.onet",
    "otgraph.labels", "otgraph.learn", "otgraph.learn.engines", "otgraph.learn.mapping", "otgraph.learn.spark",
    "otgraph.load",
    "otgraph.names", "otgraph.people_routes", "otgraph.reachability", "otgraph.read", "otgraph.routes",
    "otgraph.skills",
    "otgraph.validate",
}


@pytest.mark.parametrize("path", params("cli-imports", [p for p in all_modules() if is_cli(module_name(p))]))
def test_the_command_line_imports_only_public_names(path):
    bad = []
    for line, module, name in imports(path):
        if not module.startswith("otgraph") or module.startswith("otgraph._fast"):
            continue
        if module not in CLI_ALLOWED:
            bad.append(f"{rel(path)}:{line}: {module} is not in CLI_ALLOWED")
        if name and name.startswith("_"):
            bad.append(f"{rel(path)}:{line}: {module}.{name} is private")
    assert not bad, "\n".join(bad)


# --- library messages ---------------------------------------------------------------------------


@pytest.mark.parametrize("path", params("messages", library_modules()))
def test_no_library_message_names_a_command_line_flag(path):
    bad = []
    for node in ast.walk(tree(path)):
        if isinstance(node, ast.Raise) and node.exc is not None:
            bad += [f"{rel(path)}:{line}: {text!r}" for line, text in strings(node.exc) if "--" in text]
    assert not bad, "library messages speak of arguments, not flags:\n" + "\n".join(bad)


def test_the_message_check_finds_flags():
    """The scan above sees literals and f-string parts inside a raise."""
    sample = ast.parse('raise X(f"use --max-years, not {v}")\nraise Y("a" "--b")')
    found = [text for node in ast.walk(sample) if isinstance(node, ast.Raise) for _, text in strings(node.exc)]
    assert found == ["use --max-years, not {}", "a--b"]


# --- one helper for each label ------------------------------------------------------------------

#: A band or level label built by hand: "Band " or "level " right before a value
#: (an f-string's ``{}``, a str.format field, or string concatenation).
LABEL = re.compile(r"\b(Band|level) (\{|$)")


def label_builders(path: Path, shown: str | None = None) -> list[str]:
    shown = shown or rel(path)
    module = tree(path)
    docs = docstring_nodes(module)
    out = []
    for node in ast.walk(module):
        if isinstance(node, ast.JoinedStr):
            text = "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
            if LABEL.search(text):
                out.append(f"{shown}:{node.lineno}: f-string {text!r}")
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add) and isinstance(node.left, ast.Constant) \
                and isinstance(node.left.value, str) and LABEL.search(node.left.value):
            out.append(f"{shown}:{node.lineno}: {node.left.value!r} + ...")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs \
                and re.search(r"\b(Band|level) \{\w*\}", node.value):
            out.append(f"{shown}:{node.lineno}: format string {node.value!r}")
    return out


@pytest.mark.parametrize("path", params("labels", [p for p in all_modules() if rel(p) != "otgraph/labels.py"]))
def test_only_labels_formats_band_and_level_labels(path):
    bad = label_builders(path)
    assert not bad, "use otgraph.labels.rank_label:\n" + "\n".join(bad)


def test_the_html_map_takes_its_rank_labels_from_python():
    text = (PACKAGE / "export" / "map.html").read_text(encoding="utf-8")
    assert not re.search(r"""["'`](Band|level) ["'`]\s*\+|(Band|level) \$\{""", text)


def test_the_label_check_finds_hand_made_labels(tmp_path):
    sample = tmp_path / "x.py"
    sample.write_text('a = f"Band {b}"\nc = "level " + str(d)\ne = "Band {}".format(f)\n'
                      'def g():\n    """Band {x} in a docstring is fine."""\n')
    assert [f.split(":")[1] for f in label_builders(sample, "x.py")] == ["1", "2", "3"]


# --- a quick --help -----------------------------------------------------------------------------


@pytest.mark.parametrize("args", [pytest.param(["--help"], marks=xfail("help"), id="help"),
                                  pytest.param(["--version"], marks=xfail("help"), id="version")])
def test_help_and_version_do_not_import_networkx(args):
    code = (
        "import sys\n"
        "from otgraph.cli import cli\n"
        "try:\n"
        f"    cli.main({args!r}, standalone_mode=False)\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith('otgraph')), file=sys.stderr)\n"
        "print('networkx' in sys.modules, file=sys.stderr)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stderr.split()[-1] == "False", f"networkx imported; otgraph modules loaded: {out.stderr}"
    assert out.stdout.strip(), "printed nothing"


# --- errors networkx users can catch ------------------------------------------------------------

UNKNOWN = "no such role"


def _names():
    from otgraph import equivalents, names

    return names, equivalents


#: Every API function that takes a role, called with an unknown one on the tiny test graph.
ROLE_CALLS = {
    "shortest_route(source)": lambda cg: otgraph.shortest_route(cg.graph, UNKNOWN, "e"),
    "shortest_route(target)": lambda cg: otgraph.shortest_route(cg.graph, "a", UNKNOWN),
    "shortest_route(via)": lambda cg: otgraph.shortest_route(
        cg.graph, "a", "e", constraints=otgraph.Constraints(via=(UNKNOWN,))),
    "shortest_route(avoid)": lambda cg: otgraph.shortest_route(
        cg.graph, "a", "e", constraints=otgraph.Constraints(avoid=(UNKNOWN,))),
    "k_shortest_routes(source)": lambda cg: otgraph.k_shortest_routes(cg.graph, UNKNOWN, "e"),
    "k_shortest_routes(target)": lambda cg: otgraph.k_shortest_routes(cg.graph, "a", UNKNOWN),
    "pareto_routes(source)": lambda cg: otgraph.pareto_routes(cg.graph, UNKNOWN, "e"),
    "pareto_routes(target)": lambda cg: otgraph.pareto_routes(cg.graph, "a", UNKNOWN),
    "reach": lambda cg: otgraph.reach(cg.graph, UNKNOWN),
    "requires(target)": lambda cg: otgraph.requires(cg.graph, UNKNOWN),
    "requires(source)": lambda cg: otgraph.requires(cg.graph, "e", source=UNKNOWN),
    "translate": lambda cg: otgraph.translate(cg.graph, UNKNOWN),
    "find_role": lambda cg: otgraph.find_role(cg.graph, UNKNOWN),
    "find_role(empty)": lambda cg: otgraph.find_role(cg.graph, " "),
    "require_role": lambda cg: _names()[0].require_role(cg.graph, UNKNOWN),
    "role_title": lambda cg: _names()[0].role_title(cg.graph, UNKNOWN),
    "equivalent_roles": lambda cg: _names()[1].equivalent_roles(cg.graph, UNKNOWN),
    "CareerGraph.find": lambda cg: cg.find(UNKNOWN),
    "CareerGraph.role": lambda cg: cg.role(UNKNOWN),
    "CareerGraph.title": lambda cg: cg.title(UNKNOWN),
    "CareerGraph.describe": lambda cg: cg.describe(UNKNOWN),
    "CareerGraph.moves": lambda cg: cg.moves(UNKNOWN),
    "CareerGraph.equivalents": lambda cg: cg.equivalents(UNKNOWN),
}


@pytest.mark.parametrize("call", list(ROLE_CALLS))
def test_an_unknown_role_is_a_networkx_node_not_found(tiny, call):
    from otgraph.errors import UnknownRoleError

    with pytest.raises(nx.NodeNotFound) as info:
        ROLE_CALLS[call](tiny)
    assert isinstance(info.value, UnknownRoleError)


@pytest.mark.parametrize("name", ["shortest_route", "k_shortest_routes", "pareto_routes"])
def test_a_missing_route_is_a_networkx_no_path(tiny, name):
    from otgraph.errors import NoRouteError

    search = getattr(otgraph, name)
    for source, target, constraints in [("e", "a", otgraph.Constraints()),
                                        ("a", "d", otgraph.Constraints(avoid=("b", "c")))]:
        with pytest.raises(nx.NetworkXNoPath) as info:
            search(tiny.graph, source, target, constraints=constraints)
        assert isinstance(info.value, NoRouteError)


# --- the wheel ----------------------------------------------------------------------------------

COPY_IGNORE = shutil.ignore_patterns(".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".pytest_cache",
                                     ".ruff_cache", ".hypothesis", "tests", "diagrams", "scripts", "onet-29.3")

LOAD_BOTH = """
import json, sys
import otgraph
from otgraph.read import data_dir, packaged_path
ot, onet = otgraph.load_roles(), otgraph.load_roles("onet")
print(json.dumps({"file": otgraph.__file__, "data": str(data_dir()), "roles": str(packaged_path("roles")),
                  "onet": str(packaged_path("onet")), "ot": ot.graph.number_of_nodes(),
                  "onet_nodes": onet.graph.number_of_nodes(), "prefix": sys.prefix}))
"""


def _check_wheel_metadata(wheel: Path) -> None:
    """The wheel says what it needs: networkx below 4 (otgraph reads a DiGraph's own dicts), and
    an ``analysis`` extra that brings numpy, scipy, pandas and matplotlib for notebook users."""
    import zipfile
    from email.parser import Parser

    from packaging.requirements import Requirement

    with zipfile.ZipFile(wheel) as z:
        name = next(n for n in z.namelist() if n.endswith(".dist-info/METADATA"))
        metadata = Parser().parsestr(z.read(name).decode("utf-8"))
    requirements = [Requirement(r) for r in metadata.get_all("Requires-Dist")]
    base = {r.name: r for r in requirements if r.marker is None}
    assert base["networkx"].specifier.contains("3.3") and not base["networkx"].specifier.contains("4.0")
    assert "analysis" in metadata.get_all("Provides-Extra")
    analysis = {r.name for r in requirements if r.marker is not None and r.marker.evaluate({"extra": "analysis"})}
    assert {"numpy", "scipy", "pandas", "matplotlib"} <= analysis


@pytest.mark.slow
def test_the_wheel_installs_and_loads_both_packaged_datasets(tmp_path):
    """Build the wheel (no network, no build isolation), install it into a fresh venv, and load
    both packaged datasets from somewhere else: the data must come from inside the wheel."""
    import json

    pytest.importorskip("wheel", reason="building a wheel with setuptools needs the wheel package")
    src, dist, venv, elsewhere = (tmp_path / d for d in ("src", "dist", "venv", "elsewhere"))
    # A copy of the working tree, so the build's own files (build/, *.egg-info) stay out of the repository.
    shutil.copytree(ROOT, src, ignore=COPY_IGNORE, symlinks=True)
    run = {"capture_output": True, "text": True, "timeout": 120}
    out = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
                          "-w", str(dist), str(src)], cwd=src, **run)
    assert out.returncode == 0, out.stdout[-2000:] + out.stderr[-2000:]
    wheel, = dist.glob("otgraph-*.whl")
    _check_wheel_metadata(wheel)

    out = subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", "--without-pip", str(venv)], **run)
    assert out.returncode == 0, out.stderr
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    pip = [str(python), "-m", "pip"] if _has_pip(python) else [sys.executable, "-m", "pip", "--python", str(python)]
    out = subprocess.run([*pip, "install", "--no-deps", "--no-build-isolation", "--no-index", str(wheel)], **run)
    assert out.returncode == 0, out.stdout[-2000:] + out.stderr[-2000:]
    site = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                               **run).stdout.strip())
    assert (site / "otgraph" / "__init__.py").is_file()
    # The dependencies (networkx, jsonschema-rs, platformdirs...) are this environment's, added
    # after the install (so pip never sees this environment's editable otgraph) and after the new
    # venv's own site-packages (so its otgraph wins). Without network, --no-deps cannot fetch them.
    ours = Path(sysconfig.get_path("purelib"))
    if ours.resolve() != site.resolve():
        (site / "zz-otgraph-test-dependencies.pth").write_text(f"{ours}\n", encoding="utf-8")

    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "OTGRAPH_"))}
    env["OTGRAPH_CACHE_DIR"] = str(tmp_path / "cache")
    out = subprocess.run([str(python), "-I", "-c", LOAD_BOTH], cwd=elsewhere, env=env, **run)
    assert out.returncode == 0, out.stderr[-3000:]
    found = json.loads(out.stdout)
    site = site.resolve()
    for key in ("file", "data", "roles", "onet"):
        path = Path(found[key])
        assert path.resolve().is_relative_to(site), f"{key}: {path} is not inside {site}"
        assert not path.resolve().is_relative_to(ROOT), f"{key}: {path} is the repository's"
    data = Path(found["data"])
    assert data == site / "otgraph" / "data" and not data.is_symlink()
    for key in ("roles", "onet"):
        assert Path(found[key]).is_file() and not Path(found[key]).is_symlink()
    assert found["ot"] > 10 and found["onet_nodes"] > 500
    assert Path(found["prefix"]).resolve() == venv.resolve()


def _has_pip(python: Path) -> bool:
    return subprocess.run([str(python), "-m", "pip", "--version"], capture_output=True, timeout=60).returncode == 0


def test_every_command_is_in_the_lazy_table_under_its_module():
    import importlib

    from otgraph.cli import COMMAND_MODULES

    found = {}
    for path in sorted((ROOT / "otgraph" / "cli").glob("*_commands.py")):
        module = importlib.import_module(f"otgraph.cli.{path.stem}")
        found.update({command.name: path.stem for command in module.COMMANDS})
    assert found == COMMAND_MODULES


def test_a_command_imports_only_its_own_module():
    code = ("import sys; from otgraph.cli import cli; cli.main(['path', 'us-entry-ot', 'us-mid-ot'], "
            "standalone_mode=False); print(sorted(m for m in sys.modules if m.endswith('_commands')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "['otgraph.cli.route_commands']"


# --- the headline functions' documentation ------------------------------------------------------

#: The functions the API reference leads with: each has full numpydoc sections.
HEADLINE = ["load_roles", "shortest_route", "k_shortest_routes", "pareto_routes", "reach", "requires", "stats",
            "learn_graph", "compare"]
DOC_PENDING: set[str] = set()


@pytest.mark.parametrize("name", [pytest.param(n, marks=pytest.mark.xfail(strict=True, reason="after the merge"))
                                  if n in DOC_PENDING else n for n in HEADLINE])
def test_headline_functions_have_full_numpydoc(name):
    pytest.importorskip("numpydoc", reason='numpydoc is not installed (pip install -e ".[test]")')
    from numpydoc.docscrape import FunctionDoc

    function = getattr(otgraph, name)
    function = getattr(function, name, function)  # otgraph.compare is the module, callable as its function
    doc = FunctionDoc(function)
    missing = [section for section in ("Parameters", "Returns", "Raises", "Examples") if not doc[section]]
    assert not missing, f"{name} has no {', '.join(missing)}"
