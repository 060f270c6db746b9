"""救助整治看板 — the entry point: navigation in sections; each page draws the shared frame itself."""
from ui import frame

frame.navigation().run()
