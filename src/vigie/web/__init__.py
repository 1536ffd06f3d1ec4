"""The analyst's workspace (``vigie serve``): server-rendered pages over the store, each with a
JSON twin, under a strict Content-Security-Policy. ``app.create_app`` builds the application."""
