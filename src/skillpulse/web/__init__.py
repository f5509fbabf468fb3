"""The dashboard served at ``/`` by ``skillpulse serve``: static files in ``static/``."""
