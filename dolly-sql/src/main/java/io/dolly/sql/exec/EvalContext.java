package io.dolly.sql.exec;

import io.dolly.sql.Warning;
import io.dolly.sql.ast.VarScope;
import java.time.LocalDateTime;
import java.util.List;

/** What expression evaluation needs from the session running it. */
interface EvalContext {
  Value sysVar(VarScope scope, String name);

  Value userVar(String name);

  void setUserVar(String name, Value value);

  Value param(int index);

  /** A column reference; outside a row context this is 1054 Unknown column. */
  Value column(List<String> parts);

  int divPrecisionIncrement();

  /** The statement's start time, which NOW() returns throughout the statement. */
  LocalDateTime statementTime();

  void warn(Warning warning);

  long connectionId();

  String database();

  /** USER(): the name the client sent and its host, {@code u@host}. */
  String user();

  /** CURRENT_USER(): the account, {@code u@pattern}. */
  String currentUser();

  long lastInsertId();

  void setLastInsertId(long id);

  long rowCount();

  long foundRows();

  String version();

  /** An aggregate call (COUNT, SUM, ...) over the rows of the current set. */
  Value aggregate(io.dolly.sql.ast.Expression.Call call);

  /** The rows of a subquery, one value per column. */
  List<List<Value>> subquery(io.dolly.sql.ast.Query query);
}
