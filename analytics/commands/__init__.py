"""The CLI's commands, one handler per command (`handler(args) -> exit code`), imported by analytics.cli only when
that command runs: `python -m analytics --help` loads none of pandas, duckdb, openpyxl or reportlab."""
