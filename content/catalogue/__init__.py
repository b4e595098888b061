"""The offer catalogue: offers, areas, categories and crisis lines; their files, tables, snapshot and rules.

May import only content.db (and libraries); everything else in the domain builds on it.
"""
