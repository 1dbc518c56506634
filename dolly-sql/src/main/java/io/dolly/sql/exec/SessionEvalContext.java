package io.dolly.sql.exec;

import io.dolly.protocol.error.ErrorCode;
import io.dolly.protocol.error.MysqlException;
import io.dolly.sql.Warning;
import io.dolly.sql.ast.VarScope;
import io.dolly.sql.sysvar.SystemVariable;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

/** Expression evaluation inside a session: variables, parameters and session functions. */
class SessionEvalContext implements EvalContext {
  private final SqlSession session;

  SessionEvalContext(SqlSession session) {
    this.session = session;
  }

  @Override
  public Value sysVar(VarScope scope, String name) {
    SystemVariable v = session.engine().variables().require(name);
    Object raw =
        switch (scope) {
          case GLOBAL -> session.variables().getGlobal(name);
          case SESSION -> session.variables().getSession(name);
          default -> session.variables().get(name);
        };
    if (v.name().equals("timestamp") && raw instanceof Double d && d == 0) {
      LocalDateTime now = session.statementTime();
      long micros = now.atZone(ZoneId.systemDefault()).toInstant().toEpochMilli() * 1000;
      return Value.of(BigDecimal.valueOf(micros, 6));
    }
    return toValue(v, raw);
  }

  static Value toValue(SystemVariable v, Object raw) {
    if (raw == null) {
      return Value.NULL;
    }
    return switch (v.type()) {
      case BOOLEAN -> Value.of(Boolean.TRUE.equals(raw));
      case INTEGER -> Value.of((Long) raw);
      case UNSIGNED -> {
        long l = (Long) raw;
        yield l >= 0 ? Value.of(l) : Value.of(new BigDecimal(Long.toUnsignedString(l)));
      }
      case DOUBLE -> Value.of(BigDecimal.valueOf((Double) raw).setScale(6));
      default -> Value.of(String.valueOf(raw));
    };
  }

  @Override
  public Value userVar(String name) {
    Value v = session.userVariables().get(name.toLowerCase(Locale.ROOT));
    return v == null ? Value.NULL : v;
  }

  @Override
  public void setUserVar(String name, Value value) {
    session.userVariables().put(name.toLowerCase(Locale.ROOT), value);
  }

  @Override
  public Value param(int index) {
    List<Value> params = session.params();
    if (index >= params.size()) {
      throw new MysqlException(ErrorCode.ER_WRONG_ARGUMENTS, "EXECUTE");
    }
    return params.get(index);
  }

  @Override
  public Value column(List<String> parts) {
    throw new MysqlException(ErrorCode.ER_BAD_FIELD_ERROR, String.join(".", parts), "field list");
  }

  @Override
  public int divPrecisionIncrement() {
    return (int) (long) (Long) session.variables().get("div_precision_increment");
  }

  @Override
  public LocalDateTime statementTime() {
    return session.statementTime();
  }

  @Override
  public void warn(Warning warning) {
    session.warn(warning);
  }

  @Override
  public long connectionId() {
    return session.info().connectionId();
  }

  @Override
  public String database() {
    return session.currentDatabase();
  }

  @Override
  public String user() {
    return session.user();
  }

  @Override
  public String currentUser() {
    return session.currentUser();
  }

  @Override
  public long lastInsertId() {
    return session.lastInsertId();
  }

  @Override
  public void setLastInsertId(long id) {
    session.setLastInsertId(id);
  }

  @Override
  public long rowCount() {
    return session.rowCount();
  }

  @Override
  public long foundRows() {
    return session.foundRows();
  }

  /** Outside a table scan a SELECT has one implicit row, as {@code SELECT COUNT(*)} shows. */
  @Override
  public Value aggregate(io.dolly.sql.ast.Expression.Call call) {
    Evaluator ev = new Evaluator(this);
    return Aggregates.compute(call, 1, i -> ev.eval(call.args().get(0)), ev);
  }

  @Override
  public List<List<Value>> subquery(io.dolly.sql.ast.Query query) {
    ResultSet rs = new SelectExecutor(session).select(query);
    List<List<Value>> out = new java.util.ArrayList<>();
    for (Row row : rs.rows()) {
      List<Value> values = new java.util.ArrayList<>();
      for (int i = 0; i < row.size(); i++) {
        values.add(fromText(rs.columns().get(i), row.string(i)));
      }
      out.add(values);
    }
    return out;
  }

  /** A result cell back as a typed value, for subqueries. */
  private static Value fromText(ColumnMeta column, String text) {
    if (text == null) {
      return Value.NULL;
    }
    try {
      return switch (column.type()) {
        case TINY, SHORT, LONG, INT24, LONGLONG, YEAR -> Value.of(Long.parseLong(text));
        case NEWDECIMAL, DECIMAL -> Value.of(new BigDecimal(text));
        case DOUBLE, FLOAT -> Value.ofDouble(Double.parseDouble(text));
        default -> Value.of(text);
      };
    } catch (NumberFormatException e) {
      return Value.of(text);
    }
  }

  @Override
  public String version() {
    return String.valueOf(session.engine().variables().global("version"));
  }
}
