"""The sample town (示例数据) loaded into its own store through the normal import path, never into real data."""
from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Callable

import duckdb

from analytics.config import Config
from analytics.demo import write_demo
from analytics.findings import refresh
from analytics.imports import import_file

SAMPLE_USER = "示例数据"


def load_sample(con: duckdb.DuckDBPyConnection, config: Config, *, seed: int = 42,
                progress: Callable[[float, str], None] | None = None) -> list[dict]:
    """Generate the sample town's files and import each one; returns the import reports."""
    with tempfile.TemporaryDirectory() as folder:
        manifest = write_demo(Path(folder), scale="town", seed=seed)
        reports = []
        for i, name in enumerate(manifest["files"]):
            if progress:
                progress(i / len(manifest["files"]), name)
            data = (Path(folder) / name).read_bytes()
            reports.append(import_file(con, name, data, config, user=SAMPLE_USER))
    refresh(con, config)
    return reports
