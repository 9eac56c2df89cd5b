"""The data the rules read: content models and the merged content bundle.

This layer sits below the rules core and holds no loading code: no YAML, no
files. `game.content` reads packs into these models; `game.core` plays them.
"""
