"""import: the reading process is started before anything heavy is loaded here."""
from __future__ import annotations

from analytics.importing import sandbox


def import_files(args) -> int:
    """The fork server boots (importing the reader) while this process imports the store's modules."""
    sandbox.warm()
    from analytics.commands.data import import_files as run
    return run(args)
