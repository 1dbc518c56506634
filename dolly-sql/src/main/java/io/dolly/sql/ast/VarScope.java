package io.dolly.sql.ast;

/** The scope written for a system variable; DEFAULT means none was written. */
public enum VarScope {
  DEFAULT,
  GLOBAL,
  SESSION,
  PERSIST,
  PERSIST_ONLY
}
