package io.dolly.sql.sysvar;

import io.dolly.protocol.error.ErrorCode;
import io.dolly.protocol.error.MysqlException;
import io.dolly.sql.Warning;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The server's system variables: their definitions (core ones here, others registered by the layers
 * that own them, e.g. {@code clone_*} by the clone module) and their global values, including SET
 * PERSIST / PERSIST_ONLY kept in {@code mysqld-auto.cnf}.
 */
public final class SystemVariables {
  private final Map<String, SystemVariable> definitions = new ConcurrentHashMap<>();
  private final Map<String, Object> globals = new ConcurrentHashMap<>();
  private final Map<String, List<Consumer<Object>>> listeners = new ConcurrentHashMap<>();

  /** Java maps cannot hold null; a null global (character_set_results) is stored as this. */
  private static final Object NULL = new Object();

  private PersistedVariables persisted;

  /** A registry with the core variables at MySQL 8.0's defaults. */
  public static SystemVariables withCoreVariables() {
    SystemVariables v = new SystemVariables();
    v.registerAll(CoreVariables.all());
    return v;
  }

  public void register(SystemVariable v) {
    definitions.put(v.name(), v);
    if (v.scope().hasGlobal() || v.scope().hasSession()) {
      globals.put(v.name(), wrap(v.defaultValue()));
    }
  }

  public void registerAll(Collection<SystemVariable> vars) {
    vars.forEach(this::register);
  }

  public Optional<SystemVariable> find(String name) {
    return Optional.ofNullable(definitions.get(name.toLowerCase(Locale.ROOT)));
  }

  /** The definition, or 1193 Unknown system variable. */
  public SystemVariable require(String name) {
    SystemVariable v = definitions.get(name.toLowerCase(Locale.ROOT));
    if (v == null) {
      throw new MysqlException(ErrorCode.ER_UNKNOWN_SYSTEM_VARIABLE, name.toLowerCase(Locale.ROOT));
    }
    return v;
  }

  public Collection<SystemVariable> definitions() {
    return definitions.values();
  }

  /** The global value (for session-only variables, the default new sessions start with). */
  public Object global(String name) {
    return unwrap(globals.get(require(name).name()));
  }

  /**
   * Sets a value at startup, bypassing read-only (datadir, port, version, options from the command
   * line and option files). Text is converted and checked as SET would.
   *
   * @throws MysqlException 1231/1232 for text that is not a valid value
   */
  public void setStartupValue(String name, Object value) {
    SystemVariable v = require(name);
    Object stored = value instanceof String text ? v.convert(parseText(v, text), w -> {}) : value;
    globals.put(v.name(), wrap(stored));
  }

  /** Calls {@code hook} after every change of the variable's global value. */
  public void addGlobalListener(String name, Consumer<Object> hook) {
    listeners.computeIfAbsent(require(name).name(), k -> new CopyOnWriteArrayList<>()).add(hook);
  }

  /**
   * SET GLOBAL: scope and read-only checks, conversion, then the change hook.
   *
   * @param value the SQL value, or {@link #DEFAULT} for the compiled-in default
   */
  public void setGlobal(String name, Object value, Consumer<Warning> warnings) {
    SystemVariable v = require(name);
    if (!v.scope().hasGlobal()) {
      throw new MysqlException(ErrorCode.ER_LOCAL_VARIABLE, v.name());
    }
    if (v.readOnly()) {
      throw new MysqlException(ErrorCode.ER_INCORRECT_GLOBAL_LOCAL_VAR, v.name(), "read only");
    }
    Object stored = value == DEFAULT ? v.defaultValue() : v.convert(value, warnings);
    globals.put(v.name(), wrap(stored));
    if (v.onGlobalChange() != null) {
      v.onGlobalChange().accept(stored);
    }
    for (Consumer<Object> hook : listeners.getOrDefault(v.name(), List.of())) {
      hook.accept(stored);
    }
  }

  /** Marks "the DEFAULT keyword" as a value. */
  public static final Object DEFAULT = new Object();

  /**
   * SET PERSIST (only=false: also sets the global value) or SET PERSIST_ONLY (only=true: written to
   * the file only, allowed for read-only variables, applied at the next start).
   */
  public void persist(
      String name,
      Object value,
      boolean only,
      String user,
      String host,
      Consumer<Warning> warnings) {
    SystemVariable v = require(name);
    if (!v.scope().hasGlobal()) {
      throw new MysqlException(ErrorCode.ER_LOCAL_VARIABLE, v.name());
    }
    Object stored;
    if (only) {
      stored = value == DEFAULT ? v.defaultValue() : v.convert(value, warnings);
    } else {
      setGlobal(name, value, warnings);
      stored = global(name);
    }
    if (persisted == null) {
      throw new MysqlException(ErrorCode.ER_INTERNAL_ERROR, "no data directory to persist into");
    }
    try {
      persisted.put(
          v.name(),
          new PersistedVariables.Entry(
              v.text(stored) == null ? "" : v.text(stored),
              System.currentTimeMillis() * 1000,
              user,
              host,
              v.readOnly()));
    } catch (IOException e) {
      throw new MysqlException(
          e, ErrorCode.ER_ERROR_ON_WRITE, PersistedVariables.FILE_NAME, 0, e.getMessage());
    }
  }

  /** RESET PERSIST [[IF EXISTS] name]: removes from the file, leaving current values alone. */
  public void resetPersist(String name, boolean ifExists, Consumer<Warning> warnings) {
    if (persisted == null) {
      return;
    }
    try {
      if (name == null) {
        persisted.clear();
      } else if (!persisted.remove(name.toLowerCase(Locale.ROOT))) {
        MysqlException e = new MysqlException(ErrorCode.ER_VAR_DOES_NOT_EXIST, name);
        if (!ifExists) {
          throw e;
        }
        warnings.accept(Warning.warning(e.errorNumber(), e.getMessage()));
      }
    } catch (IOException e) {
      throw new MysqlException(
          e, ErrorCode.ER_ERROR_ON_WRITE, PersistedVariables.FILE_NAME, 0, e.getMessage());
    }
  }

  /**
   * Loads {@code mysqld-auto.cnf} from the data directory and applies its values, read-only ones
   * included; values of variables nobody registered are kept in the file and ignored.
   */
  public void loadPersisted(Path datadir) throws IOException {
    persisted = PersistedVariables.load(datadir);
    for (Map.Entry<String, PersistedVariables.Entry> e : persisted.entries().entrySet()) {
      SystemVariable v = definitions.get(e.getKey());
      if (v == null) {
        continue;
      }
      Object value = parseText(v, e.getValue().value());
      globals.put(v.name(), wrap(v.convert(value, w -> {})));
    }
  }

  public Map<String, PersistedVariables.Entry> persistedEntries() {
    return persisted == null ? Map.of() : persisted.entries();
  }

  /**
   * A start-up option ({@code --max-allowed-packet=16M} or the same line in an option file): the
   * text is read as SET would read it, with MySQL's K/M/G suffixes for numbers, and converted
   * (clamped) as SET GLOBAL converts. Read-only variables may be set this way.
   *
   * @throws io.dolly.protocol.error.MysqlException 1193 for an unknown variable, 1231/1232 for a
   *     value of the wrong shape
   */
  public void setStartupText(String name, String text, Consumer<Warning> warnings) {
    SystemVariable v = require(name);
    Object value = parseText(v, withSuffix(v, text));
    globals.put(v.name(), wrap(v.convert(value, warnings)));
  }

  /** Adds a hook called after every SET GLOBAL of {@code name}, keeping the current value. */
  public void onGlobalChange(String name, Consumer<Object> hook) {
    SystemVariable v = require(name);
    Object current = globals.get(v.name());
    definitions.put(v.name(), v.withOnGlobalChange(hook));
    globals.put(v.name(), current);
  }

  private static String withSuffix(SystemVariable v, String text) {
    String t = text.trim();
    if ((v.type() != SystemVariable.Type.INTEGER && v.type() != SystemVariable.Type.UNSIGNED)
        || t.length() < 2) {
      return t;
    }
    long factor =
        switch (Character.toUpperCase(t.charAt(t.length() - 1))) {
          case 'K' -> 1L << 10;
          case 'M' -> 1L << 20;
          case 'G' -> 1L << 30;
          default -> 1;
        };
    if (factor == 1) {
      return t;
    }
    try {
      return Long.toString(
          Math.multiplyExact(Long.parseLong(t.substring(0, t.length() - 1)), factor));
    } catch (NumberFormatException | ArithmeticException e) {
      return t;
    }
  }

  /** Text from a config file as the SQL value that SET would have been given. */
  static Object parseText(SystemVariable v, String text) {
    switch (v.type()) {
      case INTEGER, UNSIGNED -> {
        try {
          return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
          return text;
        }
      }
      case DOUBLE -> {
        try {
          return new java.math.BigDecimal(text.trim());
        } catch (NumberFormatException e) {
          return text;
        }
      }
      case BOOLEAN -> {
        return text.equals("1") ? 1L : text.equals("0") ? 0L : text;
      }
      default -> {
        return text;
      }
    }
  }

  /** Global values of every variable not hidden, by name, for SHOW GLOBAL VARIABLES. */
  public SortedMap<String, String> showGlobal() {
    SortedMap<String, String> out = new TreeMap<>();
    for (SystemVariable v : definitions.values()) {
      if (!v.hidden() && v.scope().hasGlobal()) {
        out.put(v.name(), v.showText(global(v.name())));
      }
    }
    return out;
  }

  private static Object wrap(Object o) {
    return o == null ? NULL : o;
  }

  private static Object unwrap(Object o) {
    return o == NULL ? null : o;
  }
}
