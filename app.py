"""救助整治看板 — the entry point: navigation in sections; each page draws the shared frame itself."""
import streamlit as st

from ui.frame import PAGES

sections: dict[str, list] = {}
for section, script, title, icon, url in PAGES:
    sections.setdefault(section, []).append(st.Page(script, title=title, icon=icon, url_path=url,
                                                    default=url == "home"))
st.navigation(sections).run()
