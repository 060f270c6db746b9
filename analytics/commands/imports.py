"""import: the files start being read before anything heavy is loaded here."""
from __future__ import annotations

from analytics.importing import sandbox


def import_files(args) -> int:
    """The fork server boots (importing the reader) and the first files are read while this process imports the
    store's modules and opens the store."""
    sandbox.warm()
    from analytics.core import config as config_module
    from analytics.importing.ahead import PlansAhead
    given = dict(args.given) | ({"村(居)": args.village} if args.village else {})
    ahead = PlansAhead(args.files, config_module.load(), kind=args.kind, program=args.program, period=args.period,
                       given=given)
    from analytics.commands.data import import_files as run
    return run(args, ahead)
