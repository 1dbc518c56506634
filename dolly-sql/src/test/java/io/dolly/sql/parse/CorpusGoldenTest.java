package io.dolly.sql.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.dolly.sql.ast.Statement;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every statement of the client corpus and of the CLONE tutorial parses; its canonical rendering
 * matches the committed golden file and re-parses to an equal tree.
 *
 * <p>Regenerate the golden file after an intended change with {@code -Ddolly.golden.update=true}.
 */
class CorpusGoldenTest {
  private static final String GOLDEN = "corpus.golden";
  private static final Path GOLDEN_SOURCE =
      Path.of("src/test/resources/io/dolly/sql/parse", GOLDEN);

  @Test
  void corpusAndTutorialRenderAsGolden() throws IOException {
    List<String> inputs = new ArrayList<>();
    for (String line : resource("sql-corpus.txt").split("\n")) {
      if (line.length() > 2 && line.charAt(1) == '|') {
        inputs.add(line.substring(2));
      }
    }
    for (String line : resource("seed-statements.txt").split("\n")) {
      if (!line.isBlank()) {
        inputs.add(line);
      }
    }
    StringBuilder rendered = new StringBuilder();
    for (String sql : inputs) {
      Statement parsed;
      try {
        parsed = Parser.parseOne(sql);
      } catch (RuntimeException e) {
        throw new AssertionError("cannot parse: " + sql + ": " + e.getMessage(), e);
      }
      String canonical = AstPrinter.print(parsed);
      Statement again;
      try {
        again = Parser.parseOne(canonical);
      } catch (RuntimeException e) {
        throw new AssertionError("cannot re-parse: " + canonical + ": " + e.getMessage(), e);
      }
      assertThat(again).as("re-parsed %s", canonical).isEqualTo(parsed);
      rendered.append(sql).append('\n').append("=> ").append(canonical).append('\n');
    }
    if (Boolean.getBoolean("dolly.golden.update")) {
      Files.writeString(GOLDEN_SOURCE, rendered.toString(), StandardCharsets.UTF_8);
      return;
    }
    String golden = resource(GOLDEN);
    if (!golden.equals(rendered.toString())) {
      String[] want = golden.split("\n");
      String[] got = rendered.toString().split("\n");
      for (int i = 0; i < Math.min(want.length, got.length); i++) {
        if (!want[i].equals(got[i])) {
          fail("golden line %d differs:%n want: %s%n  got: %s", i + 1, want[i], got[i]);
        }
      }
      fail("golden has %d lines, rendering has %d", want.length, got.length);
    }
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = CorpusGoldenTest.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("missing test resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
