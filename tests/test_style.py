"""The habits that keep the code readable: analytics/ knows nothing of Streamlit, pages hold no SQL."""
import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_analytics_never_imports_streamlit():
    for path in (ROOT / "analytics").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            assert not any(n.split(".")[0] == "streamlit" for n in names), path


def test_pages_and_app_hold_no_sql_and_no_duckdb():
    for path in [ROOT / "app.py", *(ROOT / "pages").glob("*.py")]:
        text = path.read_text(encoding="utf-8")
        assert "import duckdb" not in text, path
        assert not re.search(r"\b(select|insert|update|delete)\b\s+[\w*]", text, re.IGNORECASE), path


def test_every_page_calls_the_shared_frame_first():
    for path in (ROOT / "pages").glob("*.py"):
        body = [n for n in ast.parse(path.read_text(encoding="utf-8")).body
                if not isinstance(n, (ast.Import, ast.ImportFrom, ast.Expr))]
        first = ast.unparse(body[0])
        assert "frame.page(" in first, path


def test_downloads_go_through_the_frame():
    """frame.download_button does not rerun on a click: a rerun while the file is asked for loses the download."""
    for path in [ROOT / "app.py", *(ROOT / "pages").glob("*.py"), *(ROOT / "ui").glob("*.py")]:
        if path.name != "frame.py":
            assert "st.download_button(" not in path.read_text(encoding="utf-8"), path


def test_pages_and_app_hold_no_pandas_reshaping():
    """Headers, sums, splits and pivots are analytics functions (tested there); a page only draws them."""
    for path in [ROOT / "app.py", *(ROOT / "pages").glob("*.py")]:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"\.rename\(columns=|\.groupby\(|\.pivot(_table)?\(|\.value_counts\(", text), path


def analytics_modules() -> dict[str, Path]:
    modules = {}
    for path in (ROOT / "analytics").rglob("*.py"):
        name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        modules[name.removesuffix(".__init__")] = path
    return modules


def imported(path: Path, modules: dict[str, Path]) -> set[str]:
    """The analytics modules a file imports, wherever in it (a function's own import counts too)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("analytics"):
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                found.add(full if full in modules else node.module)
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("analytics")}
    return found & modules.keys()


def test_analytics_modules_import_each_other_without_cycles():
    modules = analytics_modules()
    graph = {name: imported(path, modules) - {name} for name, path in modules.items()}
    done, cycles = set(), []

    def visit(name: str, trail: list[str]) -> None:
        if name in trail:
            cycles.append(" → ".join(trail[trail.index(name):] + [name]))
            return
        if name in done:
            return
        for needed in sorted(graph[name]):
            visit(needed, trail + [name])
        done.add(name)

    for name in sorted(graph):
        visit(name, [])
    assert not cycles, cycles


def test_analytics_is_grouped_into_small_modules():
    top = [p.name for p in (ROOT / "analytics").glob("*.py")]
    assert len(top) <= 10, top
    long = {str(p.relative_to(ROOT)): n for p in (ROOT / "analytics").rglob("*.py")
            if "demo" not in p.parts and (n := len(p.read_text(encoding="utf-8").splitlines())) > 400}
    assert not long, long


def vocabularies() -> dict[str, str]:
    """Every word of the domain's vocabularies → which vocabulary: they are written in the contract and the
    configuration only."""
    from analytics.core import config as config_module, contract
    vocabularies = {"整治重点": contract.FOCUSES, "严重程度": contract.SEVERITIES, "整改状态": contract.ISSUE_STATUSES,
                    "在保状态": contract.STATUSES_ACTIVE, "死亡比对来源": contract.DEATH_SOURCES,
                    "救助类别": config_module.load().program_names}
    return {word: name for name, words in vocabularies.items() for word in words if word}


# the same characters meaning something else: an account's state, a month-over-month change, are not roster statuses
OTHER_MEANINGS = {("analytics/access/accounts.py", "正常"), ("analytics/analysis/changes.py", "新增"),
                  ("analytics/charts/analysis.py", "新增"), ("analytics/analysis/sql/changes_persons.sql", "新增")}


def test_the_domain_vocabularies_are_written_once():
    words, found = vocabularies(), []
    homes = {ROOT / "analytics" / "core" / "contract.py"}
    code = [p for p in [*(ROOT / "analytics").rglob("*.py"), *(ROOT / "ui").glob("*.py"), *(ROOT / "pages").glob("*.py"),
                        ROOT / "app.py"] if "demo" not in p.parts and p not in homes]
    for path in code:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and node.value in words:
                found.append((str(path.relative_to(ROOT)), node.lineno, node.value))
    for path in (ROOT / "analytics").rglob("*.sql"):
        if "demo" in path.parts or "migrations" in path.parts:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            found += [(str(path.relative_to(ROOT)), number, word)
                      for word in re.findall(r"'([^']*)'", line.split("--")[0]) if word in words]
    found = [f for f in found if (f[0], f[2]) not in OTHER_MEANINGS]
    assert not found, "\n".join(f"{p}:{n}: “{w}” ({words[w]}) — use the contract's constant or a bound list"
                                for p, n, w in found)
