package org.myelin.cli;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** A minimal JSON writer for the objects our commands print (maps, lists, strings, numbers). */
final class Json {

  private Json() {}

  static String write(Object value) {
    StringBuilder sb = new StringBuilder();
    append(sb, value);
    return sb.toString();
  }

  private static void append(StringBuilder sb, Object v) {
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
          string(sb, String.valueOf(e.getKey()));
          sb.append(':');
          append(sb, e.getValue());
          if (it.hasNext()) {
            sb.append(',');
          }
        }
        sb.append('}');
      }
      case List<?> l -> {
        sb.append('[');
        for (int i = 0; i < l.size(); i++) {
          if (i > 0) {
            sb.append(',');
          }
          append(sb, l.get(i));
        }
        sb.append(']');
      }
      default -> string(sb, v.toString());
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
