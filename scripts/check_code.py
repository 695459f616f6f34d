"""Code-shape checks that ruff and import-linter do not make (docs/architecture.md):

1. every import of another wenku package inside a function carries a one-line reason comment on the
   same line or the line before (an import hidden in a function hides a layer's dependency);
2. no module over 400 lines and no function over 60 lines, outside migrations, unless a
   `# long: <reason>` comment stands on the module's first lines or beside the `def`.

Run: python scripts/check_code.py [paths...]  (default: wenku/). Exit 1 with a list otherwise.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
LONG = "# long:"


def _is_wenku_import(node: ast.AST) -> bool:
    if isinstance(node, ast.ImportFrom):
        # A relative import within the same app (level 1) is not a dependency between layers.
        return node.level > 1 or (node.level == 0 and (node.module or "").split(".")[0] == "wenku")
    if isinstance(node, ast.Import):
        return any(alias.name.split(".")[0] == "wenku" for alias in node.names)
    return False


def _has_comment(lines: list[str], lineno: int, end_lineno: int) -> bool:
    same = any("#" in lines[n - 1] for n in range(lineno, end_lineno + 1))
    before = lineno >= 2 and lines[lineno - 2].strip().startswith("#")
    return same or before


def check_file(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    problems = []
    if len(lines) > MAX_MODULE_LINES and not any(LONG in line for line in lines[:15]):
        problems.append(f"{path}: {len(lines)} lines (over {MAX_MODULE_LINES}, no '{LONG}')")
    tree = ast.parse(text, str(path))
    for func in ast.walk(tree):
        if not isinstance(func, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        length = (func.end_lineno or func.lineno) - func.lineno + 1
        first = func.decorator_list[0].lineno if func.decorator_list else func.lineno
        marked = any(LONG in lines[n - 1] for n in range(max(1, first - 1), func.lineno + 1))
        if length > MAX_FUNCTION_LINES and not marked:
            problems.append(f"{path}:{func.lineno}: {func.name}() is {length} lines")
        for node in ast.walk(func):
            if _is_wenku_import(node) and not _has_comment(
                lines, node.lineno, node.end_lineno or node.lineno
            ):
                problems.append(f"{path}:{node.lineno}: in-function import without a reason")
    return problems


def main(argv: list[str]) -> int:
    roots = [Path(p) for p in argv] or [Path("wenku")]
    files = [
        f
        for root in roots
        for f in ([root] if root.is_file() else sorted(root.rglob("*.py")))
        if "migrations" not in f.parts
    ]
    problems = [p for f in files for p in check_file(f)]
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
