"""One module per `newsbot` command (or command group); `bot.cli` assembles them."""
