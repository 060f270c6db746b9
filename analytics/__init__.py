"""救助整治看板 analytics: ingestion, validation, the DuckDB store, findings and metrics — no Streamlit here."""
