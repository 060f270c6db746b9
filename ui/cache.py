"""Analysis results shared by every session until the store's data changes.

`cache.data(con, payouts.outcomes, filters, config)` returns what `payouts.outcomes(con, filters, config)` returns,
computed once per data version: the key is the function's name, its other arguments and the store's own
analytics/sql/data_version.sql (the store file, its latest import/undo/restore, when the findings were computed), so
every session sees an import at once, and a second session, or a second visit, is not computed again.
Only functions of the imported rows and the findings belong here: other state (the ledger, settings) is read directly.
"""
from __future__ import annotations

from typing import Callable, TypeVar

import duckdb
import streamlit as st

from analytics.store import query

T = TypeVar("T")


def data(con: duckdb.DuckDBPyConnection, function: Callable[..., T], *args) -> T:
    version = tuple(query(con, "data_version").fetchone())
    name = f"{function.__code__.co_filename}:{function.__qualname__}"  # a page's own function has no module name
    return _computed(name, version, args, function, con)


@st.cache_data(max_entries=64, show_spinner=False)  # a district's largest result is a few MB
def _computed(name: str, version: tuple, args: tuple, _function: Callable, _con: duckdb.DuckDBPyConnection):
    """`name`, `version` and `args` make the key; the function and this run's cursor are left out of it (`_`)."""
    return _function(_con, *args)
