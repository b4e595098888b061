"""The feedback pipeline: what young people tell us, staff review, "You said, we did", teaching the bot.

The top of the domain: may import accounts, understanding, catalogue and db; nothing imports it but the store.
"""
