# Sourced by the launchers (./myelin in the checkout, bin/myelin in the release bundle): splits the
# command line into the JVM's heap and myelin's own arguments.
#   --memory SIZE (or MYELIN_MEMORY) sets the heap, e.g. 8g or 512m; without it the JVM takes 75% of
#   the machine's or the container's (cgroup) memory. --memory is the launcher's: it is not passed on.
# Sets the arrays myelin_heap and myelin_args; exits 2 on a bad size.
myelin_split_args() {
  local memory="${MYELIN_MEMORY:-}"
  myelin_args=()
  while [ $# -gt 0 ]; do
    case "$1" in
      --memory) [ $# -ge 2 ] || { echo "myelin: error: --memory needs a size, e.g. --memory 8g" >&2; exit 2; }
        memory="$2"; shift 2 ;;
      --memory=*) memory="${1#--memory=}"; shift ;;
      *) myelin_args+=("$1"); shift ;;
    esac
  done
  if [ -n "$memory" ]; then
    if ! [[ "$memory" =~ ^[0-9]+[kKmMgGtT]?$ ]]; then
      echo "myelin: error: Invalid --memory: $memory (a size such as 8g, 512m)" >&2
      exit 2
    fi
    myelin_heap=(-Xmx"$memory")
  else
    myelin_heap=(-XX:MaxRAMPercentage=75)
  fi
}

# The JVM flags myelin needs: Arrow's allocator on JDK 25 needs java.nio opened and sun.misc.Unsafe
# memory access allowed; the Vector API is an incubator module; figures are drawn without a display.
# The heap is kept at most 30% free after a collection (G1 keeps up to 70% by default): a run holds a
# few large arrays at a time, and with the default the process grew to twice its live data (100k
# cells: 5.0 GB resident for 2.4 GB live, 3.7-3.8 GB with these, in the same time).
myelin_jvm_flags=(--add-modules jdk.incubator.vector --add-opens=java.base/java.nio=ALL-UNNAMED
  --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED -Djava.awt.headless=true
  -XX:MaxHeapFreeRatio=30 -XX:MinHeapFreeRatio=10)
