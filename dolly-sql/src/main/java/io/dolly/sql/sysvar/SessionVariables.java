package io.dolly.sql.sysvar;

import io.dolly.protocol.error.ErrorCode;
import io.dolly.protocol.error.MysqlException;
import io.dolly.sql.Warning;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One session's values of the variables that have a session scope, initialised from the globals
 * when the session opens (and again on COM_RESET_CONNECTION). Some session values are computed by
 * the session itself (warning_count, error_count); those are supplied as {@link Supplier}s.
 */
public final class SessionVariables {
  private static final Object NULL = new Object();
  private final SystemVariables system;
  private final Map<String, Object> values = new HashMap<>();
  private final Map<String, Supplier<Object>> computed = new HashMap<>();

  public SessionVariables(SystemVariables system) {
    this.system = system;
    reset();
  }

  public SystemVariables system() {
    return system;
  }

  /** Back to the global values, as a new session would start. */
  public void reset() {
    values.clear();
    for (SystemVariable v : system.definitions()) {
      if (v.scope().hasSession()) {
        Object g = system.global(v.name());
        values.put(v.name(), g == null ? NULL : g);
      }
    }
  }

  /** Makes reads of a session variable come from the session's own state. */
  public void compute(String name, Supplier<Object> supplier) {
    computed.put(name, supplier);
  }

  /** {@code @@name}: the session value when there is one, else the global. */
  public Object get(String name) {
    SystemVariable v = system.require(name);
    return v.scope().hasSession() ? session(v) : system.global(v.name());
  }

  /** {@code @@session.name}; 1238 for a global-only variable. */
  public Object getSession(String name) {
    SystemVariable v = system.require(name);
    if (!v.scope().hasSession()) {
      throw new MysqlException(ErrorCode.ER_INCORRECT_GLOBAL_LOCAL_VAR, v.name(), "GLOBAL");
    }
    return session(v);
  }

  /** {@code @@global.name}; 1238 for a session-only variable. */
  public Object getGlobal(String name) {
    SystemVariable v = system.require(name);
    if (!v.scope().hasGlobal()) {
      throw new MysqlException(ErrorCode.ER_INCORRECT_GLOBAL_LOCAL_VAR, v.name(), "SESSION");
    }
    return system.global(v.name());
  }

  private Object session(SystemVariable v) {
    Supplier<Object> s = computed.get(v.name());
    if (s != null) {
      return s.get();
    }
    Object o = values.get(v.name());
    return o == NULL ? null : o;
  }

  /**
   * SET [SESSION] name = value: 1229 for a global-only variable, 1238 for a read-only one; value
   * {@link SystemVariables#DEFAULT} takes the global value.
   *
   * @return the stored value
   */
  public Object setSession(String name, Object value, Consumer<Warning> warnings) {
    SystemVariable v = system.require(name);
    if (!v.scope().hasSession()) {
      throw new MysqlException(ErrorCode.ER_GLOBAL_VARIABLE, v.name());
    }
    if (v.readOnly()) {
      throw new MysqlException(ErrorCode.ER_INCORRECT_GLOBAL_LOCAL_VAR, v.name(), "read only");
    }
    Object stored =
        value == SystemVariables.DEFAULT
            ? (v.scope().hasGlobal() ? system.global(v.name()) : v.defaultValue())
            : v.convert(value, warnings);
    values.put(v.name(), stored == null ? NULL : stored);
    return stored;
  }

  /** Sets a session value from inside the server, without checks (last_insert_id, ...). */
  public void setInternal(String name, Object stored) {
    values.put(system.require(name).name(), stored == null ? NULL : stored);
  }

  /** Values for SHOW [SESSION] VARIABLES: session values, and globals of global-only ones. */
  public SortedMap<String, String> show() {
    SortedMap<String, String> out = new TreeMap<>();
    for (SystemVariable v : system.definitions()) {
      if (!v.hidden()) {
        out.put(v.name(), v.showText(get(v.name())));
      }
    }
    return out;
  }
}
