"""Text that came in with an upload — a person's name, a file or sheet name, an issue number, an error message that
quotes a cell — shown by a Streamlit element that renders Markdown (titles, captions, alerts): escaped so that it reads
as typed, never as a link, an image, emphasis, HTML, a formula in LaTeX or a Streamlit directive (:red[…])."""
from __future__ import annotations

import re

import streamlit as st

_MARKUP = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&=\"'])")


def plain(value) -> str:
    return _MARKUP.sub(r"\\\1", str(value))


def error(problem: Exception | str, icon: str = ":material/error:") -> None:
    """An error whose message may quote an uploaded value."""
    st.error(plain(problem), icon=icon)
