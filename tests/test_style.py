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


def test_pages_and_app_hold_no_pandas_reshaping():
    """Headers, sums, splits and pivots are analytics functions (tested there); a page only draws them."""
    for path in [ROOT / "app.py", *(ROOT / "pages").glob("*.py")]:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"\.rename\(columns=|\.groupby\(|\.pivot(_table)?\(|\.value_counts\(", text), path
