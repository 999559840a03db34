# Sourced by ./myelin and scripts/test: sets JAVA_HOME to a JDK $MYELIN_MIN_JAVA (25) or newer,
# looking at $JAVA_HOME, then java on PATH, then /usr/lib/jvm/*; one clear message when none.
MYELIN_MIN_JAVA="${MYELIN_MIN_JAVA:-25}"

myelin_java_major() {
  "$1" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}

myelin_find_java() {
  local candidates=() d c v
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME/bin/java")
  command -v java >/dev/null 2>&1 && candidates+=("$(command -v java)")
  for d in /usr/lib/jvm/*/; do
    [ -x "${d}bin/java" ] && candidates+=("${d}bin/java")
  done
  for c in "${candidates[@]}"; do
    [ -x "$c" ] || continue
    v="$(myelin_java_major "$c")"
    if [ -n "$v" ] && [ "$v" -ge "$MYELIN_MIN_JAVA" ]; then
      echo "$c"
      return 0
    fi
  done
  echo "myelin: error: no Java $MYELIN_MIN_JAVA or newer found (looked at \$JAVA_HOME, java on PATH and /usr/lib/jvm/*); install a JDK $MYELIN_MIN_JAVA+ and set JAVA_HOME" >&2
  return 2
}
