package io.dolly.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SQL statements of a Markdown tutorial, in document order: those of its {@code ```sql} blocks,
 * the SQL its shell scripts pass to {@code mysql -e "..."} or write as bare lines, and the
 * triple-quoted queries of its Python scripts. Within a block a statement starts at a line that
 * begins with an SQL verb and ends at {@code ;} or the end of the block; other lines (shell
 * commands, quoted error output, prose) are not SQL and are skipped.
 */
final class SeedStatements {
  private static final Set<String> VERBS =
      Set.of(
          "ALTER",
          "CLONE",
          "CREATE",
          "DELETE",
          "DROP",
          "FLUSH",
          "GRANT",
          "INSERT",
          "INSTALL",
          "OPTIMIZE",
          "RESET",
          "REVOKE",
          "SELECT",
          "SET",
          "SHOW",
          "UPDATE",
          "USE");
  private static final Pattern BLOCK =
      Pattern.compile("^```(sql|bash|python)\\s*\\n(.*?)^```", Pattern.MULTILINE | Pattern.DOTALL);
  private static final Pattern MYSQL_E = Pattern.compile("mysql[^\\n\"]*-e \"([^\"]*)\"");
  private static final Pattern PYTHON_STRING = Pattern.compile("\"\"\"(.*?)\"\"\"", Pattern.DOTALL);
  // MySQL's comment: "-- " (or "--" at the end of a line) up to the end of the line.
  private static final Pattern COMMENT = Pattern.compile("--(\\s.*)?$", Pattern.MULTILINE);

  private SeedStatements() {}

  /** Every statement, whitespace collapsed to single spaces, without its {@code ;}. */
  static List<String> of(String markdown) {
    List<String> out = new ArrayList<>();
    Matcher block = BLOCK.matcher(markdown);
    while (block.find()) {
      String text = block.group(2);
      text =
          switch (block.group(1)) {
            case "bash" -> MYSQL_E.matcher(text).replaceAll(m -> quoted(m.group(1)));
            case "python" -> PYTHON_STRING.matcher(text).replaceAll(m -> quoted(m.group(1)));
            default -> text;
          };
      statements(COMMENT.matcher(text).replaceAll(""), out);
    }
    return out;
  }

  /** Embedded SQL on lines of its own, ended, so the scanner reads it like a SQL block. */
  private static String quoted(String sql) {
    return Matcher.quoteReplacement("\n" + sql + "\n;\n");
  }

  private static void statements(String text, List<String> out) {
    StringBuilder current = null;
    for (String line : text.split("\n")) {
      String trimmed = line.strip();
      if (current == null && !startsWithVerb(trimmed)) {
        continue;
      }
      current = current == null ? new StringBuilder() : current.append(' ');
      int end = trimmed.indexOf(';');
      current.append(end < 0 ? trimmed : trimmed.substring(0, end));
      if (end >= 0) {
        out.add(collapse(current));
        current = null;
      }
    }
    if (current != null) {
      out.add(collapse(current));
    }
  }

  private static boolean startsWithVerb(String line) {
    int space = line.indexOf(' ');
    String first = space < 0 ? line : line.substring(0, space);
    return VERBS.contains(first.toUpperCase(Locale.ROOT)) && first.equals(first.toUpperCase());
  }

  private static String collapse(CharSequence statement) {
    return statement.toString().strip().replaceAll("\\s+", " ");
  }
}
