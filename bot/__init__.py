"""The chat bot: a channel-free engine (engine.py) plus Telegram, console and (in web/) web chat adapters."""
