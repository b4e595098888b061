"""Staff accounts (sign-in, roles, lockout) and the audit log of what staff did.

May import only content.db (and libraries).
"""
