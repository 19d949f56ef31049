#!/usr/bin/env bash
# run.sh: the GitHub Action's second step. Runs mdclean with INPUT_ARGS on
# INPUT_PATHS, both split on white space. Globbing is off, so a quoted glob
# reaches mdclean, which matches it itself; nothing is evaluated, so an
# input cannot run commands.
set -euo pipefail
set -f
read -r -a args <<<"${INPUT_ARGS:-}"
read -r -a paths <<<"${INPUT_PATHS:-.}"
((${#paths[@]})) || paths=(.)
exec mdclean "${args[@]}" -- "${paths[@]}"
