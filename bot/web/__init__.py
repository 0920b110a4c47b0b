"""The web surface: public pages for reporting and following a case, served by FastAPI.

Every action goes through `bot.core`; templates only render what the core returns.
"""
