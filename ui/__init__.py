"""Streamlit-only helpers shared by app.py and the pages: the frame (state, sidebar, banner) and table formatting."""
