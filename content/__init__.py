"""The domain: the offer catalogue, understanding messages, feedback, and staff accounts.

It knows nothing of Flask or Telegram. Inside it, arrows run one way:
feedback -> accounts, understanding -> catalogue -> db (checked by import-linter, see pyproject.toml).
"""
