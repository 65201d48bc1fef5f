"""``python -m service.pool SOCKET``: the pool server of ``resdiff serve``
(:func:`service.pool.server.main`)."""

from service.pool.server import main

main()
