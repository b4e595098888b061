"""Understanding messages: matching a question to offers, and spotting risk (safeguarding).

May import content.catalogue and content.db; never feedback or accounts.
"""
