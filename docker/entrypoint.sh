#!/bin/sh
# Container entry point: runs `newsbot ...` (the word `newsbot` may be left out: `docker run IMAGE ask "…"`),
# or any other command as given (`docker run -it IMAGE bash`).
# Before a newsbot command it copies the shipped seed articles into the articles folder when that is empty,
# and says clearly when the index folder is not writable by the container's user.
set -eu

case "${1:-}" in
  "") set -- newsbot run ;;
  run | ask | chat | index | -*) set -- newsbot "$@" ;;
esac

if [ "$1" = newsbot ]; then
  articles=${NEWSBOT_ARTICLES:-/data/articles}
  index=${NEWSBOT_INDEX:-/data/index}
  if [ -d "$articles" ] && [ -w "$articles" ] && [ -d /app/seeds ] && [ -z "$(ls -A "$articles")" ]; then
    echo "newsbot-entrypoint: $articles is empty; copying in the shipped seed articles" >&2
    cp -R /app/seeds/. "$articles"/
  fi
  if [ -d "$index" ] && [ ! -w "$index" ]; then
    echo "newsbot-entrypoint: warning: index folder $index is not writable by uid $(id -u);" \
      "building the index will fail (chown it to $(id -u):$(id -g))" >&2
  fi
fi

exec "$@"
