"""The layers import downwards only: raw_archive (the WARC files) under everything, the warehouse
over it and beside the spiders, never importing them."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def imported_packages(package: str) -> dict[str, set[str]]:
    """For each module of the package, the top-level packages it imports (relative imports count as
    the package itself)."""
    found = {}
    for path in sorted((ROOT / package).rglob("*.py")):
        names = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom):
                names.add(package if node.level else (node.module or "").split(".")[0])
        found[str(path.relative_to(ROOT))] = names
    return found


@pytest.mark.parametrize(("package", "forbidden"), [
    ("raw_archive", {"spiders", "warehouse", "pipelines"}),
    ("warehouse", {"spiders", "pipelines"}),
])
def test_a_layer_imports_nothing_above_it(package, forbidden):
    modules = imported_packages(package)
    assert modules, f"no modules found in {package}"
    offending = {module: sorted(names & forbidden) for module, names in modules.items() if names & forbidden}
    assert offending == {}
