package org.myelin.cli;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** A minimal JSON writer for the objects our commands print (maps, lists, strings, numbers). */
final class Json {

  private Json() {}

  static String write(Object value) {
    StringBuilder sb = new StringBuilder();
    append(sb, value, -1);
    return sb.toString();
  }

  /** The same JSON over several lines, nested objects and lists indented by two spaces, for people to read. */
  static String pretty(Object value) {
    StringBuilder sb = new StringBuilder();
    append(sb, value, 0);
    return sb.toString();
  }

  /** Appends {@code v}; {@code depth} below zero writes one line. */
  private static void append(StringBuilder sb, Object v, int depth) {
    switch (v) {
      case null -> sb.append("null");
      case String s -> string(sb, s);
      case Boolean b -> sb.append(b);
      case Double d -> sb.append(Double.isFinite(d) ? d.toString() : "null");
      case Float f -> sb.append(Float.isFinite(f) ? f.toString() : "null");
      case Number n -> sb.append(n);
      case Map<?, ?> m -> {
        sb.append('{');
        Iterator<? extends Map.Entry<?, ?>> it = m.entrySet().iterator();
        while (it.hasNext()) {
          Map.Entry<?, ?> e = it.next();
          newline(sb, depth < 0 ? -1 : depth + 1);
          string(sb, String.valueOf(e.getKey()));
          sb.append(depth < 0 ? ":" : ": ");
          append(sb, e.getValue(), depth < 0 ? -1 : depth + 1);
          if (it.hasNext()) {
            sb.append(',');
          }
        }
        if (!m.isEmpty()) {
          newline(sb, depth);
        }
        sb.append('}');
      }
      case List<?> l -> {
        sb.append('[');
        for (int i = 0; i < l.size(); i++) {
          if (i > 0) {
            sb.append(',');
          }
          newline(sb, depth < 0 ? -1 : depth + 1);
          append(sb, l.get(i), depth < 0 ? -1 : depth + 1);
        }
        if (!l.isEmpty()) {
          newline(sb, depth);
        }
        sb.append(']');
      }
      default -> string(sb, v.toString());
    }
  }

  private static void newline(StringBuilder sb, int depth) {
    if (depth >= 0) {
      sb.append('\n').append("  ".repeat(depth));
    }
  }

  private static void string(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
