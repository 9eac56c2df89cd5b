"""Widgets: functions that draw one part of a screen from a rectangle and the data
it shows, reading no session and no scene, so they can draw any seat's view."""
