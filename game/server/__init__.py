"""The game server: rooms of tables of two seats, each seat seeing only its own view.

`store` keeps rooms, seats and each table's log (the truth); `rooms` runs the tables
(the engine decides, orders are logged before they are acknowledged); `views` builds
the one message a seat may receive; `app` is the Starlette application; `main` starts
it on uvicorn.
"""
