"""The replica is a dev package beside the product: the warehouse and the crawl frame never import
it. Only a source folder's replica modules (its part of the replica, by contract) may, and the
product imported the way a crawl or a run imports it leaves it unloaded."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def imports_replica(path: Path) -> bool:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import) and any(
                alias.name == "replica" or alias.name.startswith("replica.") for alias in node.names):
            return True
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module and (
                node.module == "replica" or node.module.startswith("replica.")):
            return True
    return False


def is_replica_part(path: Path) -> bool:
    """spiders/<name>/replica.py and replica_*.py: the source's routes and snapshot for the replica."""
    return path.parent.parent.name == "spiders" and path.name.startswith("replica")


def test_warehouse_and_spiders_modules_do_not_import_replica():
    offenders = [str(path.relative_to(ROOT)) for package in ("warehouse", "spiders")
                 for path in sorted((ROOT / package).rglob("*.py"))
                 if not is_replica_part(path) and imports_replica(path)]
    assert offenders == []


def test_importing_the_product_leaves_replica_unloaded():
    program = (
        "import importlib, sys\n"
        "from spiders.registry import NAMES\n"
        "import spiders.settings, spiders.addons, spiders.middlewares, spiders.extensions\n"
        "import warehouse.raw, warehouse.schema\n"
        "for name in NAMES:\n"
        "    for part in ('spider', 'parsing', 'archived', 'golden'):\n"
        "        importlib.import_module(f'spiders.{name}.{part}')\n"
        "print(sorted(m for m in sys.modules if m == 'replica' or m.startswith('replica.')))\n"
    )
    result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True,
                            cwd=ROOT, check=False, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "[]"
