"""Analysis results shared by every session until the store's data changes.

`cache.data(con, payouts.outcomes, filters, config)` returns what `payouts.outcomes(con, filters, config)` returns,
computed once per data version: the key is the function's name, its other arguments and the store's own
analytics/core/sql/data_version.sql (the store file, its latest import/undo/restore, when the findings were computed), so
every session sees an import at once, and a second session, or a second visit, is not computed again.
`cache.chart(con, make, *args)` does the same for a chart: it keeps the dict of the plotly figure that
`make(con, *args)` builds, for ui/plots.draw (building a figure at every visit is not free).
Only functions of the imported rows and the findings belong here: other state (the ledger, settings) is read directly.
`cache.figure(make, *args)` keeps a figure built from small data that is not the store's (the ledger's counts), keyed
by that data itself.
"""
from __future__ import annotations

import weakref
from typing import Any, Callable, TypeVar

import duckdb
import streamlit as st

from analytics.core.config import Config
from analytics.core.db import query

T = TypeVar("T")
_VERSIONS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def data(con: duckdb.DuckDBPyConnection, function: Callable[..., T], *args) -> T:
    return _computed(_name(function), _version(con), args, function, con)


def chart(con: duckdb.DuckDBPyConnection, make: Callable[..., Any], *args) -> dict:
    """The dict of the plotly figure `make(con, *args)` returns; `make` reads its data through `data`."""
    return _computed(f"{_name(make)}.to_dict", _version(con), args, lambda c, *a: make(c, *a).to_dict(), con)


def figure(make: Callable[..., Any], *args) -> dict:
    """The dict of the plotly figure `make(*args)` returns, for small arguments that are not the store's data (the
    ledger's grid of counts): kept until they change, as building a figure costs more than hashing a small frame."""
    return _figure(_name(make), args, make)


def _name(function: Callable) -> str:
    return f"{function.__code__.co_filename}:{function.__qualname__}"  # a page's own function has no module name


def _version(con: duckdb.DuckDBPyConnection) -> tuple:
    """Asked once per cursor: a run's cursor reads one snapshot of the store (ui/frame.page), so it cannot change."""
    if con not in _VERSIONS:
        _VERSIONS[con] = tuple(query(con, "data_version").fetchone())
    return _VERSIONS[con]


# a district's largest result is a few MB; most entries are small (a chart's spec; a profile, its link token and its
# timeline, three for every person opened), and with 64 a tour of a dozen profiles would push the pages' results out
# the configuration keyed by its repr (all its fields): Streamlit's own hashing walks the nested dataclasses, ~5 ms
@st.cache_data(max_entries=128, show_spinner=False, hash_funcs={Config: repr})
def _computed(name: str, version: tuple, args: tuple, _function: Callable, _con: duckdb.DuckDBPyConnection):
    """`name`, `version` and `args` make the key; the function and this run's cursor are left out of it (`_`)."""
    return _function(_con, *args)


@st.cache_data(max_entries=32, show_spinner=False)
def _figure(name: str, args: tuple, _make: Callable) -> dict:
    return _make(*args).to_dict()
