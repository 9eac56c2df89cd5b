"""The system's web browser, where reports open (tests put a recorder in its place)."""

from __future__ import annotations


def open_in_browser(address: str) -> bool:
    """An address in the system's web browser; False when there is none to open it."""
    import webbrowser

    try:
        return webbrowser.open(address)
    except webbrowser.Error:
        return False
