"""The real app plus one hello-world route, so the bench compares both on the same gunicorn."""

from __future__ import annotations

from flask import Flask

from web import create_app


def create() -> Flask:
    app = create_app()

    @app.get("/bench/hello")
    def hello() -> str:
        return "hello"

    return app
