import sys

from analytics.cli import main

for stream in (sys.stdout, sys.stderr):
    if hasattr(stream, "reconfigure"):  # a GBK console or pipe cannot encode a rare name character such as 䶮
        stream.reconfigure(encoding="utf-8", errors="backslashreplace")
sys.exit(main())
