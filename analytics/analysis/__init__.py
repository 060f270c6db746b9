"""What the dashboard pages show, computed from the live tables and the stored findings: coverage, payments, people,
changes, completeness."""
