package io.dolly.sql.sysvar;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The small JSON reader {@code mysqld-auto.cnf} needs: objects, arrays, strings, numbers (as Long
 * or Double), true/false/null.
 */
final class JsonReader {
  private final String in;
  private int pos;

  JsonReader(String in) {
    this.in = in;
  }

  Object read() throws IOException {
    Object v = value();
    space();
    if (pos != in.length()) {
      throw error("trailing characters");
    }
    return v;
  }

  private Object value() throws IOException {
    space();
    if (pos >= in.length()) {
      throw error("unexpected end");
    }
    char c = in.charAt(pos);
    switch (c) {
      case '{' -> {
        return object();
      }
      case '[' -> {
        return array();
      }
      case '"' -> {
        return string();
      }
      default -> {
        if (in.startsWith("true", pos)) {
          pos += 4;
          return Boolean.TRUE;
        }
        if (in.startsWith("false", pos)) {
          pos += 5;
          return Boolean.FALSE;
        }
        if (in.startsWith("null", pos)) {
          pos += 4;
          return null;
        }
        return number();
      }
    }
  }

  private Map<String, Object> object() throws IOException {
    pos++;
    Map<String, Object> out = new LinkedHashMap<>();
    space();
    if (peek() == '}') {
      pos++;
      return out;
    }
    while (true) {
      space();
      if (peek() != '"') {
        throw error("expected a name");
      }
      String name = string();
      space();
      expect(':');
      out.put(name, value());
      space();
      if (peek() == ',') {
        pos++;
      } else {
        expect('}');
        return out;
      }
    }
  }

  private List<Object> array() throws IOException {
    pos++;
    List<Object> out = new ArrayList<>();
    space();
    if (peek() == ']') {
      pos++;
      return out;
    }
    while (true) {
      out.add(value());
      space();
      if (peek() == ',') {
        pos++;
      } else {
        expect(']');
        return out;
      }
    }
  }

  private String string() throws IOException {
    pos++;
    StringBuilder sb = new StringBuilder();
    while (true) {
      if (pos >= in.length()) {
        throw error("unterminated string");
      }
      char c = in.charAt(pos++);
      if (c == '"') {
        return sb.toString();
      }
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      if (pos >= in.length()) {
        throw error("unterminated escape");
      }
      char e = in.charAt(pos++);
      switch (e) {
        case 'n' -> sb.append('\n');
        case 'r' -> sb.append('\r');
        case 't' -> sb.append('\t');
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case 'u' -> {
          if (pos + 4 > in.length()) {
            throw error("bad unicode escape");
          }
          sb.append((char) Integer.parseInt(in.substring(pos, pos + 4), 16));
          pos += 4;
        }
        default -> sb.append(e);
      }
    }
  }

  private Object number() throws IOException {
    int start = pos;
    while (pos < in.length() && "+-0123456789.eE".indexOf(in.charAt(pos)) >= 0) {
      pos++;
    }
    String text = in.substring(start, pos);
    if (text.isEmpty()) {
      throw error("unexpected character");
    }
    try {
      if (text.indexOf('.') >= 0 || text.indexOf('e') >= 0 || text.indexOf('E') >= 0) {
        return Double.parseDouble(text);
      }
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw error("bad number " + text);
    }
  }

  private void space() {
    while (pos < in.length() && Character.isWhitespace(in.charAt(pos))) {
      pos++;
    }
  }

  private char peek() {
    return pos < in.length() ? in.charAt(pos) : '\0';
  }

  private void expect(char c) throws IOException {
    if (peek() != c) {
      throw error("expected '" + c + "'");
    }
    pos++;
  }

  private IOException error(String what) {
    return new IOException(PersistedVariables.FILE_NAME + ": " + what + " at offset " + pos);
  }
}
