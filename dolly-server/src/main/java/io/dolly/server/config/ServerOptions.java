package io.dolly.server.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The server's start-up options, merged as MySQL merges them: the option file first, then the
 * command line, a later occurrence winning. Accepts {@code --name=value}, {@code --name value},
 * bare {@code --name} (a boolean ON), {@code --skip-name} (OFF), and MySQL's {@code --loose-}
 * prefix (an unknown loose option is ignored instead of refused).
 *
 * <p>Options that are not Dolly's own ({@link #OWN}) are system variables; the server applies
 * them to the variable registry at start and refuses to start on an unknown one.
 */
public final class ServerOptions {
  /** Options the launcher itself understands; everything else is a system variable. */
  public static final Set<String> OWN =
      Set.of("datadir", "port", "bind_address", "defaults_file", "initialize", "initialize_insecure");

  static final Set<String> SECTIONS = Set.of("mysqld", "server", "dolly");
  private static final Set<String> BARE_ALLOWED = Set.of("initialize", "initialize_insecure");

  private final Map<String, String> values;
  private final Set<String> loose;

  private ServerOptions(Map<String, String> values, Set<String> loose) {
    this.values = values;
    this.loose = loose;
  }

  /** Parses the command line (after the {@code server} word), reading a defaults file first. */
  public static ServerOptions parse(List<String> args) throws IOException {
    List<Option> cli = new ArrayList<>();
    java.util.HashSet<String> loose = new java.util.HashSet<>();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (!a.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument '" + a + "'");
      }
      String body = a.substring(2);
      String value = null;
      int eq = body.indexOf('=');
      if (eq >= 0) {
        value = body.substring(eq + 1);
        body = body.substring(0, eq);
      }
      String name = Option.normalize(body);
      if (name.startsWith("loose_")) {
        name = name.substring(6);
        loose.add(name);
      }
      if (name.startsWith("skip_") && value == null) {
        name = name.substring(5);
        value = "OFF";
      } else if (value == null
          && !BARE_ALLOWED.contains(name)
          && i + 1 < args.size()
          && !args.get(i + 1).startsWith("--")) {
        value = args.get(++i);
      }
      cli.add(new Option(name, value));
    }
    Map<String, String> merged = new LinkedHashMap<>();
    String defaults = null;
    for (Option o : cli) {
      if (o.name().equals("defaults_file")) {
        defaults = o.value();
      }
    }
    if (defaults != null) {
      Path file = Path.of(defaults);
      if (!Files.isReadable(file)) {
        throw new IOException("Could not open required defaults file: " + file.toAbsolutePath());
      }
      for (Option o : OptionFile.read(file, SECTIONS)) {
        merged.put(o.name(), o.value());
      }
    }
    for (Option o : cli) {
      merged.put(o.name(), o.value());
    }
    return new ServerOptions(merged, loose);
  }

  public String get(String name, String defaultValue) {
    String v = values.get(name);
    return v == null ? defaultValue : v;
  }

  public boolean has(String name) {
    return values.containsKey(name);
  }

  /** A boolean option: bare or ON/TRUE/1 is true. */
  public boolean flag(String name) {
    if (!values.containsKey(name)) {
      return false;
    }
    String v = values.get(name);
    return v == null || v.equalsIgnoreCase("ON") || v.equalsIgnoreCase("TRUE") || v.equals("1");
  }

  public int port() {
    String v = get("port", "3306");
    try {
      int port = Integer.parseInt(v);
      if (port < 0 || port > 65535) {
        throw new NumberFormatException();
      }
      return port;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("invalid port '" + v + "'");
    }
  }

  public String bindAddress() {
    return get("bind_address", "127.0.0.1");
  }

  public Path datadir() {
    return Path.of(get("datadir", "data")).toAbsolutePath().normalize();
  }

  /** The options that are system variables, in the order given, with whether each is loose. */
  public Map<String, String> systemVariables() {
    Map<String, String> out = new LinkedHashMap<>();
    values.forEach(
        (k, v) -> {
          if (!OWN.contains(k)) {
            out.put(k, v == null ? "ON" : v);
          }
        });
    return out;
  }

  public boolean isLoose(String name) {
    return loose.contains(name);
  }
}
