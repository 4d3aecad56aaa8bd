#!/bin/sh
# Container entry point: runs `newsbot ...` (the word `newsbot` may be left out: `docker run IMAGE ask "…"`),
# or any other command as given (`docker run -it IMAGE bash`).
# It never writes into the articles folder (the newsroom's own volume). When that folder is empty and no index
# exists yet, newsbot serves the image's own seed articles instead, and says so; when an index exists, an empty
# folder is most likely an unmounted volume, and the build refuses to remove the indexed articles.
# It also says clearly when the index folder is not writable by the container's user.
set -eu

case "${1:-}" in
  "") set -- newsbot run ;;
  run | ask | chat | index | -*) set -- newsbot "$@" ;;
esac

if [ "$1" = newsbot ]; then
  articles=${NEWSBOT_ARTICLES:-/data/articles}
  index=${NEWSBOT_INDEX:-/data/index}
  seeds=${NEWSBOT_SEEDS:-/app/seeds}
  if [ -d "$articles" ] && [ -z "$(ls -A "$articles")" ]; then
    if [ ! -e "$index/current" ] && [ -d "$seeds" ]; then
      echo "newsbot-entrypoint: $articles is empty; serving the image's seed articles from $seeds" \
        "until it holds articles" >&2
      export NEWSBOT_ARTICLES="$seeds"
    else
      echo "newsbot-entrypoint: warning: $articles is empty (volume not mounted?)" >&2
    fi
  fi
  if [ -d "$index" ] && [ ! -w "$index" ]; then
    echo "newsbot-entrypoint: warning: index folder $index is not writable by uid $(id -u);" \
      "building the index will fail (chown it to $(id -u):$(id -g))" >&2
  fi
fi

exec "$@"
