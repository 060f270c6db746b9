"""From an uploaded file to committed rows: sniff the container, read the sheets, find the header and the dataset,
validate every cell, commit the batch whole or not at all (quarantining the rows that fail)."""
