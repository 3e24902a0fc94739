"""The HTTP server: the ``/v1`` API, the web page at ``/`` and the API docs at ``/docs``.

``newsbrief.server.app.create_app(settings)`` builds the FastAPI app that
``newsbrief serve`` runs under uvicorn; it needs the ``serve`` extra.
"""
